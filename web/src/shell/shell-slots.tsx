/**
 * The shell's mount points for other features, so each is one line here:
 * banners shown above every page (e.g. outgoing mail failing, for
 * administrators) and tools in the header beside the user (e.g. a
 * notification bell). Empty until a feature mounts its component.
 */
import type { SessionDto } from '@shared/contracts.ts';
import { MailHealthBanner } from '../routes/admin/mail-health-banner.tsx';
import { IncidentBanner } from '../routes/incidents/incident-banner.tsx';
import { NotificationBell } from '../routes/notifications/notification-bell.tsx';

/** Banners above every page of the signed-in app, most urgent first. */
export function ShellBanners({ session }: { session: SessionDto }) {
  return (
    <>
      <MailHealthBanner session={session} />
      <IncidentBanner session={session} />
    </>
  );
}

/** Tools in the header, left of the user's name. */
export function HeaderTools(props: { session: SessionDto }) {
  return <NotificationBell session={props.session} />;
}
