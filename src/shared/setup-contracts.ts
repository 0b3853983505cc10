/**
 * Contracts of setting a desk up in the app (issue 15 §1): the first-run
 * checklist, a mailbox's addresses, the mail connection test, the fields and
 * values of a mailbox, and the truth about an invitation's mail. Shared by
 * the server and the web app (no Node or DOM imports).
 */
import { z } from 'zod';
import { sendableAddressSchema } from './mail-addresses.ts';

/** POST /api/mailboxes/:id/addresses */
export const mailboxAddressInputSchema = z.strictObject({
  address: sendableAddressSchema,
  primary: z.boolean().default(false),
});
export type MailboxAddressInput = z.input<typeof mailboxAddressInputSchema>;

/** DELETE /api/mailboxes/:id/addresses and POST …/addresses/primary */
export const mailboxAddressRefSchema = z.strictObject({ address: sendableAddressSchema });

export type MailboxAddressesDto = {
  mailboxId: string;
  addresses: string[];
  primary: string | null;
};

/** POST /api/mailboxes/:id/mail-settings/test */
export const connectionTestInputSchema = z.strictObject({ kind: z.enum(['smtp', 'imap']) });
export type ConnectionKind = z.infer<typeof connectionTestInputSchema>['kind'];

/** Why a connection test failed, in words the screen translates. */
export type ConnectionFailure =
  | 'unset'
  | 'dns'
  | 'refused'
  | 'tls'
  | 'auth'
  | 'timeout'
  | 'not_allowed'
  | 'credentials_key'
  | 'other';

export type ConnectionTestDto = {
  kind: ConnectionKind;
  ok: boolean;
  /** The server tried: the mailbox's own, or the instance relay (SMTP_RELAY_URL). */
  via: 'mailbox' | 'relay' | 'none';
  host: string | null;
  port: number | null;
  reason: ConnectionFailure | null;
};

export type SetupState = 'done' | 'todo' | 'failing';

export type SetupItemKey =
  | 'addresses'
  | 'outgoing'
  | 'incoming'
  | 'fields'
  | 'directory'
  | 'helpCentre'
  | 'users';

export type OutgoingMail = 'mailbox' | 'relay' | 'none';

/** One mailbox's mail, as the checklist, the banner and the settings page see it. */
export type MailboxMailHealthDto = {
  id: string;
  name: string;
  addresses: number;
  outgoing: OutgoingMail;
  outgoingFailing: boolean;
  incoming: 'imap' | 'smtp-listener' | 'none';
  incomingFailing: boolean;
};

/** GET /api/setup */
export type SetupChecklistDto = {
  items: { key: SetupItemKey; state: SetupState; count: number }[];
  mailboxes: MailboxMailHealthDto[];
  /** Every item is done. */
  complete: boolean;
  /** The instance relay (SMTP_RELAY_URL) is set: mailboxes without their own SMTP use it. */
  relay: boolean;
};

/** What became of an invitation's mail (POST /api/users/invitations and …/invitation). */
export type InvitationDto = {
  /** An SMTP server (the sender mailbox's or the relay) will carry the mail. */
  mailWillLeave: boolean;
  /** The link to pass on by hand, only when no mail can be sent. */
  link: string | null;
};

const label = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .refine((s) => !/[\r\n\0]/.test(s), 'must be one line');

/** POST /api/mailboxes/:id/fields */
export const fieldInputSchema = z.strictObject({
  label,
  requiredToClose: z.boolean().default(false),
});

/** PUT /api/fields/:id/label */
export const fieldLabelSchema = z.strictObject({ label });

/** POST /api/fields/:id/values */
export const fieldValueInputSchema = z.strictObject({ label });

/** PATCH /api/field-values/:id */
export const fieldValueChangeSchema = z
  .strictObject({ label: label.optional(), retired: z.boolean().optional() })
  .refine((v) => Object.keys(v).length > 0, 'Nothing to change.');

/** PUT /api/fields/:id/order: every open value of the field, in its new order. */
export const fieldValueOrderSchema = z.strictObject({
  values: z.array(z.uuid()).min(1).max(1000),
});

export type FieldValueAdminDto = {
  id: string;
  label: string;
  position: number;
  retired: boolean;
  mergedInto: string | null;
  tickets: number;
};

export type FieldAdminDto = {
  id: string;
  key: string;
  label: string;
  requiredToClose: boolean;
  retired: boolean;
  values: FieldValueAdminDto[];
};

/** GET /api/mailboxes/:id/fields */
export type FieldAdminListDto = { mailboxId: string; fields: FieldAdminDto[] };
