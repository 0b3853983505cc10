/**
 * Texts of the ticket's notices (issue 16): a change refused because another
 * agent changed the ticket first (§7), and what intake noticed about a mail
 * (§11). French first, then English; kept apart from workspace-i18n.ts.
 */
import type { TicketStatusName } from '@shared/workspace-contracts.ts';
import { useI18n } from '../../i18n.ts';

const fr = {
  staleTitle: 'Modification non enregistrée',
  stale: (who: string, what: string) =>
    `Ce ticket a été modifié par ${who} pendant que vous le consultiez : ${what}. Le ticket est rechargé ; vérifiez puis appliquez à nouveau votre modification.`,
  reapply: 'Appliquer à nouveau ma modification',
  and: 'et',
  someone: 'quelqu’un',
  actors: {
    contact: 'le demandeur',
    system: 'Guichet',
    rule: 'une règle automatique',
    import: 'l’import',
  } as Record<string, string>,
  changes: {
    status: (from: string, to: string) => `statut ${from} → ${to}`,
    assignee: 'assignation',
    field: 'classement',
    tags: 'étiquettes',
    merge: 'fusion',
    other: 'autre modification',
  },
  flagsLabel: 'Signalements sur ce message',
  stranger: 'Expéditeur inconnu de ce ticket',
  strangerHint: 'Il ne participe pas à ce ticket : son message y a été rattaché par ses en-têtes.',
  splitStranger: 'Séparer dans un nouveau ticket',
  replyTo: (address: string) => `Répondre à : ${address}`,
  automatic: 'Message automatique',
  winmailDat: 'Pièce jointe winmail.dat (Outlook)',
};

export type TicketNoticeMessages = typeof fr;

const en: TicketNoticeMessages = {
  staleTitle: 'Change not saved',
  stale: (who: string, what: string) =>
    `This ticket was changed by ${who} while you were viewing it: ${what}. The ticket has been reloaded; check it, then apply your change again.`,
  reapply: 'Apply my change again',
  and: 'and',
  someone: 'someone',
  actors: {
    contact: 'the requester',
    system: 'Guichet',
    rule: 'an automation rule',
    import: 'the import',
  },
  changes: {
    status: (from: string, to: string) => `status ${from} → ${to}`,
    assignee: 'assignee',
    field: 'classification',
    tags: 'tags',
    merge: 'merge',
    other: 'other change',
  },
  flagsLabel: 'Notes on this message',
  stranger: 'Sender unknown to this ticket',
  strangerHint: 'They take no part in this ticket: their message was attached by its headers.',
  splitStranger: 'Split into a new ticket',
  replyTo: (address: string) => `Reply to: ${address}`,
  automatic: 'Automatic message',
  winmailDat: 'winmail.dat attachment (Outlook)',
};

export const ticketNoticeMessages: Record<'fr' | 'en', TicketNoticeMessages> = { fr, en };

export function useTicketNoticeI18n(): TicketNoticeMessages {
  const { language } = useI18n();
  return language === 'en' ? en : fr;
}

export type StatusNames = Record<TicketStatusName, string>;
