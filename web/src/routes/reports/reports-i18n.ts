/**
 * Texts of the reports page, French first then English, written like
 * `web/src/i18n.ts` but kept here so they load with the page's chunk.
 */
import { useI18n } from '../../i18n.ts';
import type { ExportFormat, PeriodKind } from './report-query.ts';

export type ReportMessages = {
  pageTitle: string;
  viewLabel: string;
  periodLegend: string;
  periodKindLabel: string;
  periodKinds: Record<PeriodKind, string>;
  yearLabel: string;
  quarterLabel: string;
  quarterName: (quarter: number) => string;
  monthLabel: string;
  monthNames: string[];
  fromLabel: string;
  toLabel: string;
  rangeInvalid: string;
  businessHours: string;
  /** Issue 18 §6: the optional targets section and the per-agent table. */
  targetsSection: string;
  agentsTitle: string;
  agentsIntro: string;
  agentColumns: {
    agent: string;
    replies: string;
    firstResponses: string;
    median: string;
    satisfaction: string;
  };
  agentsNone: string;
  filtersLegend: string;
  mailboxesLabel: string;
  departementLabel: string;
  valuesLabel: string;
  organisationLabel: string;
  allOrganisations: string;
  searchLabel: string;
  /** The picker's summary: nothing chosen means no filter. */
  chosen: (count: number) => string;
  statusNames: Record<string, string>;
  clearFilters: string;
  exportLabel: string;
  exportFormat: (format: ExportFormat) => string;
  loadFailed: string;
  invalidQuery: string;
  emptyTitle: string;
  definitionsHeading: string;
  showTickets: (label: string) => string;
  chartAlternative: (title: string) => string;
  drillTitle: (label: string) => string;
  drillCount: (first: number, shown: number, total: number) => string;
  drillPage: (page: number) => string;
  drillPageControl: Record<'first' | 'previous' | 'next' | 'last', string>;
  ticketNumber: (n: number) => string;
  drillColumns: {
    number: string;
    subject: string;
    mailbox: string;
    status: string;
    createdAt: string;
    firstResponse: string;
  };
  noResponse: string;
  noTickets: string;
  drillFailed: string;
  editText: (section: string) => string;
  editTextTitle: (section: string) => string;
  textLabel: string;
  save: string;
  cancel: string;
  close: string;
  restoreDefault: string;
  saveFailed: string;
  publish: (year: number) => string;
  publishConfirmTitle: (year: number) => string;
  publishConfirmText: (year: number) => string;
  publishConfirm: string;
  publishFailed: string;
  publishedOn: (date: string, by: string | null) => string;
  publishedDiffers: (count: number) => string;
  publishedSame: string;
  publishedPdf: (year: number) => string;
  differenceColumns: { path: string; published: string; now: string; change: string };
};

const formatNames: Record<ExportFormat, string> = {
  pdf: 'PDF',
  pptx: 'PowerPoint (PPTX)',
  xlsx: 'Excel (XLSX)',
  csv: 'CSV',
  json: 'JSON',
};

const plural = (n: number, word: string): string => `${n} ${word}${n > 1 ? 's' : ''}`;

export const reportsFr: ReportMessages = {
  pageTitle: 'Rapports',
  viewLabel: 'Choix du rapport',
  periodLegend: 'Période',
  periodKindLabel: 'Type de période',
  periodKinds: { year: 'Année', quarter: 'Trimestre', month: 'Mois', range: 'Dates choisies' },
  yearLabel: 'Année',
  quarterLabel: 'Trimestre',
  quarterName: (quarter) => `T${quarter}`,
  monthLabel: 'Mois',
  monthNames: [
    'janvier',
    'février',
    'mars',
    'avril',
    'mai',
    'juin',
    'juillet',
    'août',
    'septembre',
    'octobre',
    'novembre',
    'décembre',
  ],
  fromLabel: 'Du',
  toLabel: 'Au',
  rangeInvalid: 'Choisissez deux dates, la seconde après la première.',
  businessHours: 'Délais en heures ouvrées (jours fériés exclus)',
  targetsSection: 'Ajouter « Respect des objectifs de réponse »',
  agentsTitle: 'Par agent',
  agentsIntro:
    'Réponses et premières réponses données pendant la période, délai médian, satisfaction des réponses de chacun. Pour l’équipe seulement : jamais dans les exports ni le rapport publié.',
  agentColumns: {
    agent: 'Agent',
    replies: 'Réponses',
    firstResponses: 'Premières réponses',
    median: 'Délai médian',
    satisfaction: 'Satisfaction',
  },
  agentsNone: 'Aucune réponse d’agent sur la période.',
  filtersLegend: 'Filtres',
  mailboxesLabel: 'Boîtes de réception',
  departementLabel: 'Départements',
  valuesLabel: 'Valeurs de classification',
  organisationLabel: 'Organisation',
  allOrganisations: 'Toutes les organisations',
  searchLabel: 'Rechercher',
  chosen: (count) => (count === 0 ? 'Aucun filtre' : `${count} choisi${count > 1 ? 's' : ''}`),
  statusNames: { active: 'Ouvert', pending: 'En attente', closed: 'Fermé', spam: 'Spam' },
  clearFilters: 'Effacer les filtres',
  exportLabel: 'Télécharger le rapport',
  exportFormat: (format) => formatNames[format],
  loadFailed: 'Impossible de calculer le rapport.',
  invalidQuery: 'Cette période ou ces filtres ne sont pas valides.',
  emptyTitle: 'Aucune donnée',
  definitionsHeading: 'Définitions',
  showTickets: (label) => `Voir les tickets : ${label}`,
  chartAlternative: (title) =>
    `Graphique « ${title} ». Ses données figurent dans le tableau de la section.`,
  drillTitle: (label) => `Tickets : ${label}`,
  drillCount: (first, shown, total) =>
    shown < total
      ? `Tickets ${first + 1} à ${first + shown} sur ${total}`
      : total === 0
        ? 'Aucun ticket'
        : plural(total, 'ticket'),
  drillColumns: {
    number: 'N°',
    subject: 'Sujet',
    mailbox: 'Boîte',
    status: 'Statut',
    createdAt: 'Créé le',
    firstResponse: 'Première réponse',
  },
  noResponse: 'sans réponse',
  drillPage: (page) => `Page ${page}`,
  drillPageControl: {
    first: 'Première page',
    previous: 'Page précédente',
    next: 'Page suivante',
    last: 'Dernière page',
  },
  ticketNumber: (n) => `#${n}`,
  noTickets: 'Aucun ticket ne correspond.',
  drillFailed: 'Impossible de charger les tickets.',
  editText: (section) => `Modifier le texte de ${section}`,
  editTextTitle: (section) => `Texte de la section ${section}`,
  textLabel: 'Texte (une ligne vide sépare les paragraphes)',
  save: 'Enregistrer',
  cancel: 'Annuler',
  close: 'Fermer',
  restoreDefault: 'Rétablir le texte par défaut',
  saveFailed: 'Le texte n’a pas pu être enregistré.',
  publish: (year) => `Publier le rapport ${year}`,
  publishConfirmTitle: (year) => `Publier le rapport ${year} ?`,
  publishConfirmText: (year) =>
    `Les chiffres du rapport ${year} seront figés tels qu’ils sont calculés maintenant. Un reclassement ultérieur des tickets ne modifiera plus le rapport publié.`,
  publishConfirm: 'Publier',
  publishFailed: 'Le rapport n’a pas pu être publié.',
  publishedOn: (date, by) => `Rapport publié le ${date}${by ? ` par ${by}` : ''}.`,
  publishedDiffers: (count) =>
    `Un nouveau calcul diffère du rapport publié sur ${plural(count, 'chiffre')} :`,
  publishedSame: 'Un nouveau calcul donne les mêmes chiffres.',
  publishedPdf: (year) => `Télécharger le rapport ${year} publié (PDF)`,
  differenceColumns: { path: 'Chiffre', published: 'Publié', now: 'Maintenant', change: 'Écart' },
};

export const reportsEn: ReportMessages = {
  pageTitle: 'Reports',
  viewLabel: 'Report selection',
  periodLegend: 'Period',
  periodKindLabel: 'Period type',
  periodKinds: { year: 'Year', quarter: 'Quarter', month: 'Month', range: 'Custom dates' },
  yearLabel: 'Year',
  quarterLabel: 'Quarter',
  quarterName: (quarter) => `Q${quarter}`,
  monthLabel: 'Month',
  monthNames: [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ],
  fromLabel: 'From',
  toLabel: 'To',
  rangeInvalid: 'Choose two dates, the second after the first.',
  businessHours: 'Response times in business hours (public holidays excluded)',
  targetsSection: 'Add “Response targets met”',
  agentsTitle: 'Per agent',
  agentsIntro:
    'Replies and first responses given in the period, median time, satisfaction with each one’s replies. For the team only: never in exports or the published report.',
  agentColumns: {
    agent: 'Agent',
    replies: 'Replies',
    firstResponses: 'First responses',
    median: 'Median time',
    satisfaction: 'Satisfaction',
  },
  agentsNone: 'No agent reply in the period.',
  filtersLegend: 'Filters',
  mailboxesLabel: 'Mailboxes',
  departementLabel: 'Départements',
  valuesLabel: 'Classification values',
  organisationLabel: 'Organisation',
  allOrganisations: 'All organisations',
  searchLabel: 'Search',
  chosen: (count) => (count === 0 ? 'No filter' : `${count} chosen`),
  statusNames: { active: 'Active', pending: 'Pending', closed: 'Closed', spam: 'Spam' },
  clearFilters: 'Clear filters',
  exportLabel: 'Download the report',
  exportFormat: (format) => formatNames[format],
  loadFailed: 'Could not compute the report.',
  invalidQuery: 'This period or these filters are not valid.',
  emptyTitle: 'No data',
  definitionsHeading: 'Definitions',
  showTickets: (label) => `Show tickets: ${label}`,
  chartAlternative: (title) => `Chart "${title}". Its data is in the section's table.`,
  drillTitle: (label) => `Tickets: ${label}`,
  drillCount: (first, shown, total) =>
    shown < total
      ? `Tickets ${first + 1} to ${first + shown} of ${total}`
      : total === 0
        ? 'No ticket'
        : `${total} ticket${total === 1 ? '' : 's'}`,
  drillColumns: {
    number: 'No.',
    subject: 'Subject',
    mailbox: 'Mailbox',
    status: 'Status',
    createdAt: 'Created',
    firstResponse: 'First response',
  },
  noResponse: 'no response',
  drillPage: (page) => `Page ${page}`,
  drillPageControl: {
    first: 'First page',
    previous: 'Previous page',
    next: 'Next page',
    last: 'Last page',
  },
  ticketNumber: (n) => `#${n}`,
  noTickets: 'No matching ticket.',
  drillFailed: 'Could not load the tickets.',
  editText: (section) => `Edit the text of ${section}`,
  editTextTitle: (section) => `Text of section ${section}`,
  textLabel: 'Text (a blank line separates paragraphs)',
  save: 'Save',
  cancel: 'Cancel',
  close: 'Close',
  restoreDefault: 'Restore the default text',
  saveFailed: 'The text could not be saved.',
  publish: (year) => `Publish the ${year} report`,
  publishConfirmTitle: (year) => `Publish the ${year} report?`,
  publishConfirmText: (year) =>
    `The figures of the ${year} report will be frozen as computed now. Re-classifying tickets later will not change the published report.`,
  publishConfirm: 'Publish',
  publishFailed: 'The report could not be published.',
  publishedOn: (date, by) => `Report published on ${date}${by ? ` by ${by}` : ''}.`,
  publishedDiffers: (count) =>
    `A fresh computation differs from the published report on ${count} figure${count === 1 ? '' : 's'}:`,
  publishedSame: 'A fresh computation gives the same figures.',
  publishedPdf: (year) => `Download the published ${year} report (PDF)`,
  differenceColumns: { path: 'Figure', published: 'Published', now: 'Now', change: 'Change' },
};

/** The reports page's texts in the current language, with the app's own (`t`). */
export function useReportsI18n() {
  const i18n = useI18n();
  return { ...i18n, r: i18n.language === 'en' ? reportsEn : reportsFr };
}
