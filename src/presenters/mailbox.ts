import type { MailboxWithFields } from '../domain/mailboxes/list-mailboxes.ts';
import type { MailboxDto } from '../shared/contracts.ts';

export function presentMailbox(mailbox: MailboxWithFields): MailboxDto {
  return {
    id: mailbox.id,
    slug: mailbox.slug,
    name: mailbox.name,
    addresses: mailbox.addresses.map((a) => a.address),
    fields: mailbox.fields.map((f) => ({ key: f.key, label: f.label, valueCount: f.valueCount })),
  };
}
