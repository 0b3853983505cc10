/**
 * Texts of the organisation directory, French first then English, kept here
 * so they load with the page's chunk (like the reports page's texts).
 */
import { useI18n } from '../../i18n.ts';

export type DirectoryMessages = {
  pageTitle: string;
  intro: string;
  searchLabel: string;
  searchHint: string;
  nameColumn: string;
  typeColumn: string;
  departementColumn: string;
  domainsColumn: string;
  ticketsColumn: string;
  actionsColumn: string;
  total: (count: number) => string;
  empty: string;
  none: string;
  pagination: string;
  add: string;
  edit: (name: string) => string;
  details: (name: string) => string;
  createTitle: string;
  editTitle: string;
  nameLabel: string;
  typeLabel: string;
  departementLabel: string;
  noValue: string;
  domainsLabel: string;
  domainsHint: string;
  save: string;
  cancel: string;
  remove: string;
  confirmRemove: (name: string) => string;
  mergeLabel: string;
  mergeInto: string;
  mergeSearch: string;
  mergeHint: string;
  merge: string;
  contactsHeading: string;
  noContacts: string;
  ticketsSummary: (t: {
    total: number;
    open: number;
    last30Days: number;
    last365Days: number;
  }) => string;
  importHeading: string;
  importIntro: string;
  importFileLabel: string;
  importPreview: string;
  importRun: string;
  importReport: (r: {
    dryRun: boolean;
    created: number;
    updated: number;
    unchanged: number;
  }) => string;
  importErrorsHeading: (count: number) => string;
  lineColumn: string;
  problemColumn: string;
  loadFailed: string;
  retry: string;
};

const fr: DirectoryMessages = {
  pageTitle: 'Annuaire des organisations',
  intro:
    'Les tickets reçus d’un domaine connu reçoivent automatiquement le type de partenaire et le département de l’organisation. Les messageries grand public (orange.fr, gmail.com…) ne servent jamais à reconnaître une organisation.',
  searchLabel: 'Rechercher une organisation',
  searchHint: 'Nom ou domaine, accents ignorés',
  nameColumn: 'Organisation',
  typeColumn: 'Type de partenaire',
  departementColumn: 'Département',
  domainsColumn: 'Domaines e-mail',
  ticketsColumn: 'Tickets',
  actionsColumn: 'Actions',
  total: (n) => `${n} organisation${n > 1 ? 's' : ''}`,
  empty: 'Aucune organisation ne correspond.',
  none: 'Non renseigné',
  pagination: 'Pages de l’annuaire',
  add: 'Nouvelle organisation',
  edit: (name) => `Modifier ${name}`,
  details: (name) => `Voir ${name}`,
  createTitle: 'Nouvelle organisation',
  editTitle: 'Modifier l’organisation',
  nameLabel: 'Nom',
  typeLabel: 'Type de partenaire',
  departementLabel: 'Département',
  noValue: '— Non renseigné —',
  domainsLabel: 'Domaines e-mail',
  domainsHint: 'Un par ligne ou séparés par des virgules, par exemple bailleur-44.example.org',
  save: 'Enregistrer',
  cancel: 'Annuler',
  remove: 'Supprimer',
  confirmRemove: (name) => `Supprimer ${name} de l’annuaire ?`,
  mergeLabel: 'Fusionner avec un doublon',
  mergeInto: 'Fusionner dans',
  mergeSearch: 'Chercher l’organisation qui reste',
  mergeHint:
    'L’organisation choisie reprend les domaines, contacts et tickets de celle-ci, qui disparaît.',
  merge: 'Fusionner',
  contactsHeading: 'Contacts',
  noContacts: 'Aucun contact connu.',
  ticketsSummary: (t) =>
    `${t.total} ticket${t.total > 1 ? 's' : ''} dont ${t.open} ouvert${t.open > 1 ? 's' : ''} ; ${t.last30Days} sur 30 jours, ${t.last365Days} sur un an.`,
  importHeading: 'Importer l’annuaire (CSV)',
  importIntro:
    'Colonnes : nom, type, département, domaines (séparés par ; ou ,). Séparateur ; ou , ; UTF-8. Essayez d’abord l’aperçu : rien n’est enregistré.',
  importFileLabel: 'Fichier CSV',
  importPreview: 'Aperçu (essai à blanc)',
  importRun: 'Importer',
  importReport: (r) =>
    `${r.dryRun ? 'Aperçu : ' : 'Import terminé : '}${r.created} créée(s), ${r.updated} mise(s) à jour, ${r.unchanged} inchangée(s).`,
  importErrorsHeading: (n) => `${n} ligne${n > 1 ? 's' : ''} refusée${n > 1 ? 's' : ''}`,
  lineColumn: 'Ligne',
  problemColumn: 'Problème',
  loadFailed: 'Impossible de charger l’annuaire.',
  retry: 'Réessayer',
};

const en: DirectoryMessages = {
  pageTitle: 'Organisation directory',
  intro:
    'Tickets from a known domain automatically get the organisation’s partner type and département. Consumer mail domains (orange.fr, gmail.com…) never identify an organisation.',
  searchLabel: 'Search organisations',
  searchHint: 'Name or domain, accents ignored',
  nameColumn: 'Organisation',
  typeColumn: 'Partner type',
  departementColumn: 'Département',
  domainsColumn: 'E-mail domains',
  ticketsColumn: 'Tickets',
  actionsColumn: 'Actions',
  total: (n) => `${n} organisation${n === 1 ? '' : 's'}`,
  empty: 'No organisation matches.',
  none: 'Not set',
  pagination: 'Directory pages',
  add: 'New organisation',
  edit: (name) => `Edit ${name}`,
  details: (name) => `View ${name}`,
  createTitle: 'New organisation',
  editTitle: 'Edit organisation',
  nameLabel: 'Name',
  typeLabel: 'Partner type',
  departementLabel: 'Département',
  noValue: '— Not set —',
  domainsLabel: 'E-mail domains',
  domainsHint: 'One per line or comma-separated, e.g. bailleur-44.example.org',
  save: 'Save',
  cancel: 'Cancel',
  remove: 'Delete',
  confirmRemove: (name) => `Delete ${name} from the directory?`,
  mergeLabel: 'Merge with a duplicate',
  mergeInto: 'Merge into',
  mergeSearch: 'Find the organisation that stays',
  mergeHint:
    'The chosen organisation takes this one’s domains, contacts and tickets; this one goes.',
  merge: 'Merge',
  contactsHeading: 'Contacts',
  noContacts: 'No known contact.',
  ticketsSummary: (t) =>
    `${t.total} ticket(s), ${t.open} open; ${t.last30Days} in 30 days, ${t.last365Days} in a year.`,
  importHeading: 'Import the directory (CSV)',
  importIntro:
    'Columns: name, type, département, domains (separated by ; or ,). Separator ; or ,; UTF-8. Try the preview first: nothing is saved.',
  importFileLabel: 'CSV file',
  importPreview: 'Preview (dry run)',
  importRun: 'Import',
  importReport: (r) =>
    `${r.dryRun ? 'Preview: ' : 'Import finished: '}${r.created} created, ${r.updated} updated, ${r.unchanged} unchanged.`,
  importErrorsHeading: (n) => `${n} line${n === 1 ? '' : 's'} refused`,
  lineColumn: 'Line',
  problemColumn: 'Problem',
  loadFailed: 'The directory could not be loaded.',
  retry: 'Retry',
};

export function useDirectoryI18n(): DirectoryMessages {
  return useI18n().language === 'en' ? en : fr;
}
