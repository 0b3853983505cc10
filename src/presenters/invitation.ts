/**
 * What the screen says of an invitation's mail (issue 15 §1): when no SMTP
 * server will carry it, the link itself, for the inviting supervisor to pass
 * on; never the link when the mail leaves (only its recipient gets it then).
 */
import type { InvitationSent } from '../domain/users/user-access.ts';
import type { InvitationDto } from '../shared/setup-contracts.ts';

/** The page of the web app that reads an invitation token from the link's fragment. */
const invitationPath = '/account/invitation';

export function presentInvitation(invitation: InvitationSent, publicUrl: URL): InvitationDto {
  if (invitation.mailWillLeave) return { mailWillLeave: true, link: null };
  const link = new URL(invitationPath, publicUrl);
  link.hash = invitation.token;
  return { mailWillLeave: false, link: link.toString() };
}
