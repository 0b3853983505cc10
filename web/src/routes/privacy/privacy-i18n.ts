/** Texts of the personal-data page, French first then English (loaded with the page's chunk). */
import { useI18n } from '../../i18n.ts';

export type PrivacyMessages = {
  pageTitle: string;
  intro: string;
  retentionHeading: string;
  retentionIntro: string;
  mailboxColumn: string;
  monthsColumn: string;
  monthsLabel: (mailbox: string) => string;
  monthsHint: string;
  save: (mailbox: string) => string;
  saved: string;
  preview: string;
  previewResult: (n: number) => string;
  runNow: string;
  runResult: (n: number) => string;
  runsHeading: string;
  runColumns: [string, string, string, string, string];
  dryRun: string;
  realRun: string;
  triggers: Record<'schedule' | 'cli' | 'api', string>;
  personHeading: string;
  personIntro: string;
  queryLabel: string;
  queryHint: string;
  requestedByLabel: string;
  requestedByHint: string;
  search: string;
  found: (contacts: number, tickets: number) => string;
  elsewhere: (audit: number, outbox: number, logins: number) => string;
  ticketColumns: [string, string, string, string, string];
  exportZip: string;
  exported: string;
  confirmErase: string;
  erase: string;
  erased: (tickets: number, files: number) => string;
  remaining: string;
  attachmentsHeading: string;
  attachmentsIntro: string;
  attachmentColumns: [string, string, string, string];
  kinds: Record<'identity' | 'tax' | 'bank' | 'payslip', string>;
  purge: (name: string) => string;
  purged: string;
  noAttachment: string;
  requestsHeading: string;
  requestColumns: [string, string, string, string, string];
  requestKinds: Record<'find' | 'export' | 'erase', string>;
  none: string;
  adminOnly: string;
};

const fr: PrivacyMessages = {
  pageTitle: 'Données personnelles',
  intro:
    'Durées de conservation, demandes des personnes (accès, effacement) et pièces sensibles. Les statistiques sont conservées.',
  retentionHeading: 'Durées de conservation',
  retentionIntro:
    'Les tickets fermés depuis plus longtemps sont anonymisés chaque jour : noms, adresses, messages et pièces jointes sont effacés ; la boîte, la classification, les dates et les évaluations restent.',
  mailboxColumn: 'Boîte',
  monthsColumn: 'Conservation après fermeture (mois)',
  monthsLabel: (mailbox) => `Conservation en mois pour ${mailbox}`,
  monthsHint: 'Vide : conservé sans limite.',
  save: (mailbox) => `Enregistrer (${mailbox})`,
  saved: 'Durée enregistrée.',
  preview: 'Prévisualiser',
  previewResult: (n) => `${n} ticket(s) seraient anonymisés.`,
  runNow: 'Anonymiser maintenant',
  runResult: (n) => `${n} ticket(s) anonymisés.`,
  runsHeading: 'Dernières exécutions',
  runColumns: ['Début', 'Type', 'Origine', 'Tickets', 'Fichiers supprimés'],
  dryRun: 'Prévisualisation',
  realRun: 'Anonymisation',
  triggers: { schedule: 'Planifiée', cli: 'Ligne de commande', api: 'Application' },
  personHeading: 'Données d’une personne',
  personIntro:
    'Retrouver, exporter ou effacer tout ce qui concerne une personne. Chaque demande est enregistrée.',
  queryLabel: 'Adresse e-mail, nom ou numéro',
  queryHint:
    'Au moins 3 caractères. Le numéro unique ou le téléphone sont cherchés dans les messages.',
  requestedByLabel: 'Demande faite par',
  requestedByHint: 'Par exemple : « la personne, courrier du 3 mars ».',
  search: 'Rechercher',
  found: (contacts, tickets) => `${contacts} contact(s), ${tickets} ticket(s) trouvés.`,
  elsewhere: (audit, outbox, logins) =>
    `Ailleurs : ${audit} événement(s) du journal, ${outbox} envoi(s), ${logins} compteur(s) de connexion.`,
  ticketColumns: ['Ticket', 'Boîte', 'Créé le', 'Statut', 'Trouvé par'],
  exportZip: 'Exporter (zip)',
  exported: 'Export téléchargé.',
  confirmErase: 'Je confirme l’effacement : il est définitif.',
  erase: 'Effacer partout',
  erased: (tickets, files) => `Effacé : ${tickets} ticket(s), ${files} fichier(s) supprimés.`,
  remaining: 'Traces restantes (comptes ou configuration) :',
  attachmentsHeading: 'Pièces jointes sensibles',
  attachmentsIntro:
    'Pièces d’identité, avis d’imposition, RIB ou bulletins de salaire probables (selon le nom et le type du fichier).',
  attachmentColumns: ['Fichier', 'Ticket', 'Type probable', 'Action'],
  kinds: {
    identity: 'Pièce d’identité',
    tax: 'Avis d’imposition',
    bank: 'RIB',
    payslip: 'Bulletin de salaire',
  },
  purge: (name) => `Supprimer ${name}`,
  purged: 'Fichier supprimé.',
  noAttachment: 'Aucune pièce jointe signalée.',
  requestsHeading: 'Registre des demandes',
  requestColumns: ['Date', 'Type', 'Demandé par', 'Traité par', 'Résultat'],
  requestKinds: { find: 'Recherche', export: 'Export', erase: 'Effacement' },
  none: 'Aucune.',
  adminOnly: 'Cette page est réservée aux administrateurs.',
};

const en: PrivacyMessages = {
  pageTitle: 'Personal data',
  intro:
    'Retention periods, people’s requests (access, erasure) and sensitive files. Statistics are kept.',
  retentionHeading: 'Retention periods',
  retentionIntro:
    'Tickets closed for longer are anonymised daily: names, addresses, messages and attachments are erased; mailbox, classification, dates and ratings stay.',
  mailboxColumn: 'Mailbox',
  monthsColumn: 'Kept after closing (months)',
  monthsLabel: (mailbox) => `Months kept for ${mailbox}`,
  monthsHint: 'Empty: kept without limit.',
  save: (mailbox) => `Save (${mailbox})`,
  saved: 'Retention saved.',
  preview: 'Preview',
  previewResult: (n) => `${n} ticket(s) would be anonymised.`,
  runNow: 'Anonymise now',
  runResult: (n) => `${n} ticket(s) anonymised.`,
  runsHeading: 'Latest runs',
  runColumns: ['Started', 'Kind', 'Trigger', 'Tickets', 'Files removed'],
  dryRun: 'Preview',
  realRun: 'Anonymisation',
  triggers: { schedule: 'Scheduled', cli: 'Command line', api: 'App' },
  personHeading: 'A person’s data',
  personIntro: 'Find, export or erase everything about a person. Every request is recorded.',
  queryLabel: 'E-mail address, name or number',
  queryHint: 'At least 3 characters. Numbers and phones are searched in messages.',
  requestedByLabel: 'Requested by',
  requestedByHint: 'For example: “the person, letter of 3 March”.',
  search: 'Search',
  found: (contacts, tickets) => `${contacts} contact(s), ${tickets} ticket(s) found.`,
  elsewhere: (audit, outbox, logins) =>
    `Elsewhere: ${audit} audit event(s), ${outbox} outgoing mail(s), ${logins} login counter(s).`,
  ticketColumns: ['Ticket', 'Mailbox', 'Created', 'Status', 'Found by'],
  exportZip: 'Export (zip)',
  exported: 'Export downloaded.',
  confirmErase: 'I confirm the erasure: it cannot be undone.',
  erase: 'Erase everywhere',
  erased: (tickets, files) => `Erased: ${tickets} ticket(s), ${files} file(s) removed.`,
  remaining: 'Traces left (accounts or configuration):',
  attachmentsHeading: 'Sensitive attachments',
  attachmentsIntro:
    'Likely identity documents, tax notices, bank details or pay slips (by file name and type).',
  attachmentColumns: ['File', 'Ticket', 'Likely kind', 'Action'],
  kinds: {
    identity: 'Identity document',
    tax: 'Tax notice',
    bank: 'Bank details',
    payslip: 'Pay slip',
  },
  purge: (name) => `Delete ${name}`,
  purged: 'File deleted.',
  noAttachment: 'No flagged attachment.',
  requestsHeading: 'Register of requests',
  requestColumns: ['Date', 'Kind', 'Requested by', 'Handled by', 'Result'],
  requestKinds: { find: 'Search', export: 'Export', erase: 'Erasure' },
  none: 'None.',
  adminOnly: 'This page is for administrators.',
};

/** The page's texts in the current language, with the app's own (`t`). */
export function usePrivacyI18n() {
  const i18n = useI18n();
  return { ...i18n, p: i18n.language === 'en' ? en : fr };
}
