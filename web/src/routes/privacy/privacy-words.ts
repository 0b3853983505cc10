/**
 * The privacy page's data in words: why a ticket was found (`contact`,
 * `author`, `address`…), a ticket's status, a request's summary and the
 * traces left after an erasure, in French or English, never the stored codes
 * or table names. Pure.
 */

type Language = 'fr' | 'en';
type Words = { fr: string; en: string };

const reasons: Record<string, Words> = {
  contact: { fr: 'contact du ticket', en: 'ticket’s contact' },
  author: { fr: 'auteur d’un message', en: 'author of a message' },
  address: { fr: 'adresse d’un message', en: 'address of a message' },
  subject: { fr: 'sujet', en: 'subject' },
  body: { fr: 'texte d’un message', en: 'text of a message' },
  field: { fr: 'champ de classement', en: 'classification field' },
  attachment: { fr: 'pièce jointe', en: 'attachment' },
  rating: { fr: 'évaluation', en: 'rating' },
  import: { fr: 'données importées', en: 'imported data' },
};

const statuses: Record<string, Words> = {
  active: { fr: 'Actif', en: 'Active' },
  pending: { fr: 'En attente', en: 'Pending' },
  closed: { fr: 'Fermé', en: 'Closed' },
  spam: { fr: 'Indésirable', en: 'Spam' },
};

const summaryParts: Record<string, Words> = {
  tickets: { fr: 'tickets', en: 'tickets' },
  contacts: { fr: 'contacts', en: 'contacts' },
  messages: { fr: 'messages', en: 'messages' },
  attachments: { fr: 'pièces jointes', en: 'attachments' },
  missingFiles: { fr: 'fichiers manquants', en: 'missing files' },
  rawMails: { fr: 'courriels bruts', en: 'raw e-mails' },
  deadLetters: { fr: 'envois en échec', en: 'failed sends' },
  blobsRemoved: { fr: 'fichiers supprimés', en: 'files removed' },
  scrubbedRows: { fr: 'autres mentions effacées', en: 'other mentions erased' },
  auditEvents: { fr: 'événements du journal', en: 'log events' },
  outbox: { fr: 'envois', en: 'sends' },
  loginThrottle: { fr: 'compteurs de connexion', en: 'login counters' },
};

const traceTables: Record<string, Words> = {
  users: { fr: 'Comptes utilisateurs', en: 'User accounts' },
  audit_events: { fr: 'Journal d’audit', en: 'Audit log' },
  invitations: { fr: 'Invitations', en: 'Invitations' },
  organisations: { fr: 'Annuaire des organisations', en: 'Organisation directory' },
};

/** Why a ticket was found, joined: "contact du ticket, texte d’un message". */
export function reasonsText(codes: readonly string[], language: Language): string {
  const other = language === 'fr' ? 'autre' : 'other';
  return [...new Set(codes.map((code) => reasons[code]?.[language] ?? other))].join(', ');
}

export const statusText = (status: string, language: Language): string =>
  statuses[status]?.[language] ?? (language === 'fr' ? 'Autre' : 'Other');

/** A request's counts: "3 tickets, 2 contacts"; unnamed counts summed as "autres". */
export function summaryText(summary: Record<string, unknown>, language: Language): string {
  const parts: string[] = [];
  let others = 0;
  for (const [key, value] of Object.entries(summary)) {
    if (typeof value !== 'number') continue;
    const words = summaryParts[key];
    if (words) parts.push(`${value} ${words[language]}`);
    else others += value;
  }
  if (others > 0) parts.push(`${others} ${language === 'fr' ? 'autres' : 'others'}`);
  return parts.length > 0 ? parts.join(', ') : '—';
}

/** Where a trace is left after an erasure, by the part of the app that holds it. */
export function traceText(table: string, rows: number, language: Language): string {
  const place =
    traceTables[table]?.[language] ?? (language === 'fr' ? 'Configuration' : 'Configuration');
  return language === 'fr' ? `${place} : ${rows} ligne(s)` : `${place}: ${rows} row(s)`;
}
