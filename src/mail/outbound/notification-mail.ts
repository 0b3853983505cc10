/**
 * Notification mail (issue 18 §4): the bytes of an outbox row of kind
 * `notification`, queued by domain/notifications/queue-mail.ts. One
 * notification (sent at once) or several (a digest): each a line with the
 * ticket's number, subject and link. Sent as account mail is (the system
 * sender mailbox, else `noreply@` the public host), marked automatic so that
 * no auto-responder answers it. The texts are the recipient's language.
 */
import MailComposer from 'nodemailer/lib/mail-composer';
import { loadMailboxMail } from '../../domain/mailboxes/mailbox-mail.ts';
import type { Language } from '../../shared/contracts.ts';
import { headerText, isSafeAddress } from '../../shared/mail-addresses.ts';
import type { NotificationKind } from '../../shared/notification-contracts.ts';
import { loopHeader } from '../inbound/classify-mail.ts';
import { fallbackFrom } from './account-mail.ts';
import {
  type ComposeDeps,
  type ComposedMail,
  type OutboxRow,
  PermanentSendError,
} from './compose-types.ts';

type Item = {
  kind: NotificationKind;
  ticket_id: number;
  number: number;
  subject: string;
  data: Record<string, unknown>;
  actor: string | null;
};

const when = (iso: unknown, language: Language): string =>
  typeof iso === 'string'
    ? new Intl.DateTimeFormat(language === 'fr' ? 'fr-FR' : 'en-GB', {
        dateStyle: 'short',
        timeStyle: 'short',
        timeZone: 'Europe/Paris',
      }).format(new Date(iso))
    : '';

/** What happened, in a few words. */
function headline(item: Item, language: Language): string {
  const fr = language === 'fr';
  const by = item.actor ? headerText(item.actor, 100) : null;
  switch (item.kind) {
    case 'new_ticket':
      return fr ? 'Nouveau ticket' : 'New ticket';
    case 'assigned':
      return fr
        ? `Ticket qui vous est attribué${by ? ` par ${by}` : ''}`
        : `Assigned to you${by ? ` by ${by}` : ''}`;
    case 'customer_reply':
      return fr ? 'Le client a répondu' : 'The customer answered';
    case 'mention':
      return fr
        ? `${by ?? 'Un collègue'} vous a mentionné dans une note`
        : `${by ?? 'A colleague'} mentioned you in a note`;
    case 'target':
      if (item.data.missed === true)
        return fr
          ? `Objectif de réponse dépassé (échéance ${when(item.data.dueAt, language)})`
          : `Response target missed (due ${when(item.data.dueAt, language)})`;
      return fr
        ? `Objectif de réponse bientôt dépassé (échéance ${when(item.data.dueAt, language)})`
        : `Response target about to be missed (due ${when(item.data.dueAt, language)})`;
  }
}

/** Composes a notification row; PermanentSendError when nothing is left to tell. */
export async function composeNotificationMail(
  deps: ComposeDeps,
  row: OutboxRow,
): Promise<ComposedMail> {
  const user = await deps.db
    .selectFrom('users')
    .select(['name', 'language', 'disabled_at'])
    .where('id', '=', row.notify_user_id ?? '00000000-0000-0000-0000-000000000000')
    .executeTakeFirst();
  if (!user || user.disabled_at !== null)
    throw new PermanentSendError('the recipient of this notification is gone');
  if (!isSafeAddress(row.to_address)) throw new PermanentSendError('invalid recipient address');
  const items: Item[] = await deps.db
    .selectFrom('notifications as n')
    .innerJoin('tickets as t', 't.id', 'n.ticket_id')
    .leftJoin('users as a', (join) =>
      join.onRef('a.id', '=', (eb) => eb.cast<string>(eb.ref('n.data', '->>').key('by'), 'uuid')),
    )
    .select(['n.kind', 'n.ticket_id', 't.number', 't.subject', 'n.data', 'a.name as actor'])
    .where('n.outbox_id', '=', row.id)
    .where('t.deleted_at', 'is', null)
    .orderBy('n.id')
    .execute();
  if (items.length === 0) throw new PermanentSendError('its tickets are gone');
  const language = user.language;
  const fr = language === 'fr';
  const first = items[0] as Item;
  const subject =
    items.length === 1
      ? `[#${first.number}] ${headline(first, language)} : ${first.subject}`
      : fr
        ? `Guichet : ${items.length} notifications`
        : `Guichet: ${items.length} notifications`;
  const lines = [
    fr ? `Bonjour ${headerText(user.name, 200)},` : `Hello ${headerText(user.name, 200)},`,
    '',
    ...items.flatMap((item) => [
      `${headline(item, language)} — #${item.number} ${item.subject}`,
      new URL(`/tickets/${item.number}`, deps.publicUrl).toString(),
      '',
    ]),
    fr
      ? 'Vous recevez ce message selon vos choix de notifications (page Profil de Guichet).'
      : 'You receive this message as your notification choices say (Guichet profile page).',
  ];
  const mailbox = await loadMailboxMail(deps.db, row.mailbox_id);
  const fromAddress = mailbox.address ?? fallbackFrom(deps.publicUrl);
  const composer = new MailComposer({
    from: { name: 'Guichet', address: fromAddress },
    to: row.to_address,
    subject: headerText(subject, 250),
    messageId: row.rfc_message_id,
    date: row.created_at,
    text: `${lines.join('\n')}\n`,
    headers: {
      [loopHeader]: fromAddress,
      'Auto-Submitted': 'auto-generated',
      'X-Auto-Response-Suppress': 'All',
    },
  });
  const raw = await composer.compile().build();
  return { envelope: { from: fromAddress, to: [row.to_address] }, raw };
}
