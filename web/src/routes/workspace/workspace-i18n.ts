/**
 * Texts of the agent workspace (inbox, ticket, saved replies), French first
 * then English, kept beside the pages so they load with their chunk.
 */
import type { Folder, InboxSort, TicketStatusName } from '@shared/workspace-contracts.ts';
import { dueClock, dueKindEn, dueKindFr } from '../../components/due-time/due-event.ts';
import { useI18n } from '../../i18n.ts';
import { notificationTexts } from '../notifications/notifications-i18n.ts';
import { describeDeliveryFailure } from './delivery-failure.ts';
import { otherEventLabel } from './event-labels.ts';

const fr = {
  inboxTitle: 'Boîte de réception',
  folders: {
    unassigned: 'Non assignés',
    mine: 'Mes tickets',
    assigned: 'Assignés',
    pending: 'En attente',
    closed: 'Fermés',
    spam: 'Spam',
    all: 'Tous',
    due_soon: 'Échéances proches',
  } satisfies Record<Folder, string>,
  foldersLabel: 'Dossiers',
  allMailboxes: 'Toutes les boîtes',
  mailboxLabel: 'Boîte',
  searchLabel: 'Rechercher (sujet, message, contact, n° de ticket, numéro unique)',
  searchPlaceholder: 'Rechercher…',
  searchButton: 'Rechercher',
  loading: 'Chargement…',
  sortLabel: 'Tri',
  sorts: {
    recent: 'Activité récente',
    oldest: 'Plus anciens',
    created: 'Date de création',
    due: 'Échéance',
  } satisfies Record<InboxSort, string>,
  statusLabel: 'Statut',
  anyStatus: 'Tous statuts',
  statuses: {
    active: 'Actif',
    pending: 'En attente',
    closed: 'Fermé',
    spam: 'Spam',
  } satisfies Record<TicketStatusName, string>,
  assigneeLabel: 'Assigné à',
  anyone: 'Tout le monde',
  nobody: 'Personne',
  fromLabel: 'Créé depuis le',
  toLabel: 'Créé jusqu’au',
  fieldFilterLabel: 'Champ',
  valueFilterLabel: 'Valeur',
  notFilled: 'Non renseigné',
  anyValue: 'Toutes valeurs',
  tagFilterLabel: 'Étiquette (nom exact)',
  filtersLegend: 'Filtres',
  filtersButton: (n: number) => (n > 0 ? `Filtres (${n})` : 'Filtres'),
  activeFilters: 'Filtres actifs',
  removeFilter: (label: string) => `Retirer le filtre « ${label} »`,
  tagLabel: 'Étiquette',
  noResult: 'Aucun résultat',
  bulkActionLabel: 'Action sur la sélection',
  bulkActionPlaceholder: 'Choisir une action…',
  chooseTicket: 'Choisissez un ticket dans la liste pour l’ouvrir ici.',
  ticketNotFoundTitle: 'Ticket introuvable',
  clearFilters: 'Effacer les filtres',
  noTickets: 'Aucun ticket ici.',
  selectTicket: (n: number) => `Sélectionner le ticket ${n}`,
  selectAll: 'Tout sélectionner',
  selected: (n: number) => `${n} sélectionné${n > 1 ? 's' : ''}`,
  bulkAssign: 'Assigner à',
  bulkStatus: 'Changer le statut',
  bulkTag: 'Ajouter une étiquette',
  bulkMerge: 'Fusionner dans le premier',
  apply: 'Appliquer',
  bulkRefused: (n: number) => `${n} ticket${n > 1 ? 's' : ''} refusé${n > 1 ? 's' : ''}`,
  unassignedShort: 'Non assigné',
  ticketHeading: (n: number, subject: string) => `#${n} — ${subject}`,
  backToInbox: 'Retour à la boîte',
  thread: 'Fil du ticket',
  kinds: {
    customer: 'Client',
    reply: 'Réponse',
    note: 'Note interne',
    phone: 'Appel',
    event: 'Événement',
  },
  callSummary: (direction: string, minutes: number) =>
    `Appel ${direction === 'inbound' ? 'reçu' : 'émis'} · ${minutes} min`,
  maskedNotice: 'Des numéros sensibles ont été masqués.',
  attachments: 'Pièces jointes',
  download: 'Télécharger',
  rating: { great: 'Très bien', okay: 'Correct', not_good: 'Pas satisfait' },
  ratingLabel: 'Évaluation',
  event: (type: string, data: Record<string, unknown>): string => {
    switch (type) {
      case 'status_changed':
        return `Statut : ${String(data.from)} → ${String(data.to)}`;
      case 'assigned':
        return data.toName ? `Assigné à ${String(data.toName)}` : 'Désassigné';
      case 'classified':
        return `Classement : ${String(data.field)} modifié`;
      case 'merged':
        return `Ticket #${String(data.fromNumber)} fusionné ici`;
      case 'split':
        return `Message déplacé vers le ticket #${String(data.toNumber)}`;
      case 'split_from':
        return 'Ticket créé en séparant un message';
      case 'delivery_failed':
        return describeDeliveryFailure(data, 'fr');
      case 'target_warning':
        return `Échéance proche : ${dueKindFr(data.kind)} avant ${dueClock(data.dueAt, 'fr')}`;
      case 'target_missed':
        return `Objectif dépassé : ${dueKindFr(data.kind)} attendue avant ${dueClock(data.dueAt, 'fr')}`;
      default:
        return notificationTexts.fr.waitEvent(type, data) ?? otherEventLabel(type, data, 'fr');
    }
  },
  split: 'Séparer en nouveau ticket',
  splitDone: (n: number) => `Nouveau ticket #${n} créé.`,
  contactPanel: 'Contact',
  organisation: 'Organisation',
  previousTickets: 'Tickets précédents',
  noPrevious: 'Aucun autre ticket.',
  classification: 'Classement',
  autoFilled: 'rempli automatiquement',
  requiredToClose: 'obligatoire pour fermer',
  makeRequired: 'Obligatoire avant fermeture',
  tagsLabel: 'Étiquettes',
  tagsHint: 'Séparées par des virgules',
  save: 'Enregistrer',
  saved: 'Enregistré.',
  assignToMe: 'M’assigner',
  close: 'Fermer le ticket',
  reopen: 'Rouvrir',
  merge: 'Fusionner…',
  mergeTitle: 'Fusionner ce ticket dans un autre',
  mergeTarget: 'Numéro du ticket cible',
  mergeNotFound: (n: number) => `Aucun ticket ouvert n° ${n}.`,
  ticketNotFound: 'Ce ticket n’existe pas, ou vous n’avez pas accès à sa boîte.',
  mergeConfirm: 'Fusionner',
  cancel: 'Annuler',
  composerTabs: { reply: 'Répondre', note: 'Note interne', call: 'Appel' },
  replyLabel: 'Votre réponse',
  noteLabel: 'Note interne (visible des agents seulement)',
  callSummaryLabel: 'Résumé de l’appel',
  callDirection: 'Sens',
  inbound: 'Reçu',
  outbound: 'Émis',
  durationLabel: 'Durée (minutes)',
  savedReplyLabel: 'Insérer une réponse enregistrée',
  sendAndClose: 'Envoyer et fermer',
  sendAndWait: 'Envoyer et mettre en attente',
  sendKeepOpen: 'Envoyer',
  addNote: 'Ajouter la note',
  logCall: 'Enregistrer l’appel',
  sent: 'Envoyé.',
  presenceViewing: (names: string) => `${names} consulte aussi ce ticket.`,
  presenceTyping: (names: string) => `${names} est en train de répondre.`,
  liveConnected: 'Mises à jour en direct',
  newActivity: 'Nouvelle activité sur ce ticket.',
  savedRepliesTitle: 'Réponses enregistrées',
  savedRepliesIntro:
    'Variables : {{contact.firstName}}, {{contact.name}}, {{ticket.number}}, {{agent.name}}, {{mailbox.name}}.',
  nameLabel: 'Nom',
  bodyLabel: 'Texte',
  mailboxScope: 'Boîte (vide = toutes)',
  everyMailbox: 'Toutes les boîtes',
  add: 'Ajouter',
  edit: 'Modifier',
  remove: 'Supprimer',
  noSavedReplies: 'Aucune réponse enregistrée.',
  shortcutsTitle: 'Raccourcis clavier',
  closeDialog: 'Fermer',
  shortcuts: [
    ['j / k', 'Ticket suivant / précédent'],
    ['Entrée', 'Ouvrir le ticket sélectionné'],
    ['x', 'Sélectionner le ticket'],
    ['r', 'Répondre'],
    ['n', 'Note interne'],
    ['l', 'Enregistrer un appel'],
    ['c', 'Fermer le ticket'],
    ['a', 'M’assigner le ticket'],
    ['f', 'Classer : premier champ non renseigné, tapez la valeur puis Entrée'],
    ['m', 'Appliquer une macro'],
    ['/', 'Rechercher'],
    ['g i', 'Aller à la boîte de réception'],
    ['Échap', 'Revenir à la liste'],
    ['?', 'Afficher cette aide'],
    ['Ctrl + Entrée', 'Envoyer (dans le champ de réponse)'],
  ] as [string, string][],
  shortcutsHint: 'Raccourcis : ?',
  error: 'Une erreur est survenue.',
};

export type WorkspaceMessages = typeof fr;

const en: WorkspaceMessages = {
  ...fr,
  inboxTitle: 'Inbox',
  folders: {
    unassigned: 'Unassigned',
    mine: 'Mine',
    assigned: 'Assigned',
    pending: 'Pending',
    closed: 'Closed',
    spam: 'Spam',
    all: 'All',
    due_soon: 'Due soon',
  },
  foldersLabel: 'Folders',
  allMailboxes: 'All mailboxes',
  mailboxLabel: 'Mailbox',
  searchLabel: 'Search (subject, message, contact, ticket number, numéro unique)',
  searchPlaceholder: 'Search…',
  searchButton: 'Search',
  loading: 'Loading…',
  sortLabel: 'Sort',
  sorts: { recent: 'Recent activity', oldest: 'Oldest', created: 'Creation date', due: 'Due time' },
  statusLabel: 'Status',
  anyStatus: 'Any status',
  statuses: { active: 'Active', pending: 'Pending', closed: 'Closed', spam: 'Spam' },
  assigneeLabel: 'Assigned to',
  anyone: 'Anyone',
  nobody: 'Nobody',
  fromLabel: 'Created from',
  toLabel: 'Created until',
  fieldFilterLabel: 'Field',
  valueFilterLabel: 'Value',
  notFilled: 'Not filled in',
  anyValue: 'Any value',
  tagFilterLabel: 'Tag (exact name)',
  filtersLegend: 'Filters',
  filtersButton: (n: number) => (n > 0 ? `Filters (${n})` : 'Filters'),
  activeFilters: 'Active filters',
  removeFilter: (label: string) => `Remove the filter “${label}”`,
  tagLabel: 'Tag',
  noResult: 'No result',
  bulkActionLabel: 'Action on the selection',
  bulkActionPlaceholder: 'Choose an action…',
  chooseTicket: 'Choose a ticket in the list to open it here.',
  ticketNotFoundTitle: 'Ticket not found',
  clearFilters: 'Clear filters',
  noTickets: 'No tickets here.',
  selectTicket: (n) => `Select ticket ${n}`,
  selectAll: 'Select all',
  selected: (n) => `${n} selected`,
  bulkAssign: 'Assign to',
  bulkStatus: 'Change status',
  bulkTag: 'Add a tag',
  bulkMerge: 'Merge into the first',
  apply: 'Apply',
  bulkRefused: (n) => `${n} ticket${n > 1 ? 's' : ''} refused`,
  unassignedShort: 'Unassigned',
  backToInbox: 'Back to the inbox',
  thread: 'Ticket thread',
  kinds: {
    customer: 'Customer',
    reply: 'Reply',
    note: 'Internal note',
    phone: 'Call',
    event: 'Event',
  },
  callSummary: (direction, minutes) =>
    `${direction === 'inbound' ? 'Inbound' : 'Outbound'} call · ${minutes} min`,
  maskedNotice: 'Sensitive numbers were masked.',
  attachments: 'Attachments',
  download: 'Download',
  rating: { great: 'Great', okay: 'Okay', not_good: 'Not good' },
  ratingLabel: 'Rating',
  event: (type, data) => {
    switch (type) {
      case 'status_changed':
        return `Status: ${String(data.from)} → ${String(data.to)}`;
      case 'assigned':
        return data.toName ? `Assigned to ${String(data.toName)}` : 'Unassigned';
      case 'classified':
        return `Classification: ${String(data.field)} changed`;
      case 'merged':
        return `Ticket #${String(data.fromNumber)} merged here`;
      case 'split':
        return `Message moved to ticket #${String(data.toNumber)}`;
      case 'split_from':
        return 'Ticket created by splitting a message';
      case 'delivery_failed':
        return describeDeliveryFailure(data, 'en');
      case 'target_warning':
        return `Due soon: ${dueKindEn(data.kind)} before ${dueClock(data.dueAt, 'en')}`;
      case 'target_missed':
        return `Target missed: ${dueKindEn(data.kind)} was due before ${dueClock(data.dueAt, 'en')}`;
      default:
        return notificationTexts.en.waitEvent(type, data) ?? otherEventLabel(type, data, 'en');
    }
  },
  split: 'Split into a new ticket',
  splitDone: (n) => `New ticket #${n} created.`,
  contactPanel: 'Contact',
  organisation: 'Organisation',
  previousTickets: 'Previous tickets',
  noPrevious: 'No other ticket.',
  classification: 'Classification',
  autoFilled: 'filled automatically',
  requiredToClose: 'required to close',
  makeRequired: 'Required before closing',
  tagsLabel: 'Tags',
  tagsHint: 'Comma separated',
  save: 'Save',
  saved: 'Saved.',
  assignToMe: 'Assign to me',
  close: 'Close ticket',
  reopen: 'Reopen',
  merge: 'Merge…',
  mergeTitle: 'Merge this ticket into another',
  mergeTarget: 'Number of the target ticket',
  mergeNotFound: (n) => `No open ticket number ${n}.`,
  ticketNotFound: 'This ticket does not exist, or you have no access to its mailbox.',
  mergeConfirm: 'Merge',
  cancel: 'Cancel',
  composerTabs: { reply: 'Reply', note: 'Internal note', call: 'Call' },
  replyLabel: 'Your reply',
  noteLabel: 'Internal note (agents only)',
  callSummaryLabel: 'Call summary',
  callDirection: 'Direction',
  inbound: 'Inbound',
  outbound: 'Outbound',
  durationLabel: 'Duration (minutes)',
  savedReplyLabel: 'Insert a saved reply',
  sendAndClose: 'Send and close',
  sendAndWait: 'Send and wait',
  sendKeepOpen: 'Send',
  addNote: 'Add note',
  logCall: 'Log call',
  sent: 'Sent.',
  presenceViewing: (names) => `${names} is also viewing this ticket.`,
  presenceTyping: (names) => `${names} is typing a reply.`,
  liveConnected: 'Live updates',
  newActivity: 'New activity on this ticket.',
  savedRepliesTitle: 'Saved replies',
  savedRepliesIntro:
    'Variables: {{contact.firstName}}, {{contact.name}}, {{ticket.number}}, {{agent.name}}, {{mailbox.name}}.',
  nameLabel: 'Name',
  bodyLabel: 'Text',
  mailboxScope: 'Mailbox (empty = all)',
  everyMailbox: 'All mailboxes',
  add: 'Add',
  edit: 'Edit',
  remove: 'Delete',
  noSavedReplies: 'No saved replies.',
  shortcutsTitle: 'Keyboard shortcuts',
  closeDialog: 'Close',
  shortcuts: [
    ['j / k', 'Next / previous ticket'],
    ['Enter', 'Open the selected ticket'],
    ['x', 'Select the ticket'],
    ['r', 'Reply'],
    ['n', 'Internal note'],
    ['l', 'Log a call'],
    ['c', 'Close the ticket'],
    ['a', 'Assign the ticket to me'],
    ['f', 'Classify: first empty field, type the value then Enter'],
    ['m', 'Apply a macro'],
    ['/', 'Search'],
    ['g i', 'Go to the inbox'],
    ['Esc', 'Back to the list'],
    ['?', 'Show this help'],
    ['Ctrl + Enter', 'Send (in the reply box)'],
  ],
  shortcutsHint: 'Shortcuts: ?',
  error: 'Something went wrong.',
};

/** Both languages' texts (tests compare them with the shortcut tables). */
export const workspaceMessages: Record<'fr' | 'en', WorkspaceMessages> = { fr, en };

export function useWorkspaceI18n(): WorkspaceMessages {
  const { language } = useI18n();
  return language === 'en' ? en : fr;
}
