import type { Language, RoleName } from '@shared/contracts.ts';
import { createContext, useContext } from 'react';

export type Messages = {
  appName: string;
  loading: string;
  languageLabel: string;
  languageNames: Record<Language, string>;
  loginHeading: string;
  emailLabel: string;
  passwordLabel: string;
  showPassword: string;
  loginSubmit: string;
  loginFailedTitle: string;
  wrongCredentials: string;
  rateLimited: (retryAfterSeconds: number | undefined) => string;
  invalidInput: string;
  unexpectedError: string;
  signedInAs: string;
  roleLabel: string;
  roleNames: Record<RoleName, string>;
  logout: string;
  mailboxesHeading: string;
  mailboxColumn: string;
  addressesColumn: string;
  fieldsColumn: string;
  noAddress: string;
  noField: string;
  noMailbox: string;
  valueCount: (count: number) => string;
  loadFailed: string;
  retry: string;
  loadMore: string;
  navLabel: string;
  navMailboxes: string;
  navReports: string;
  navInbox: string;
  navSavedReplies: string;
  navDirectory: string;
  navProfile: string;
  navPrivacy: string;
  navHelpCentre: string;
  navUsers: string;
  navAudit: string;
  navSetup: string;
  navMailSettings: string;
  navFields: string;
  navTargets: string;
  navIncidents: string;
  navWebhooks: string;
  /** Issue 19: automation rules (supervisors) and macros (agents). */
  navRules: string;
  navMacros: string;
  navDashboard: string;
  /** The second row of the navigation: the pages that set the desk up. */
  navAdministration: string;
  importHeading: string;
  importIntro: string;
  importFileLabel: string;
  importMappingLabel: string;
  importMappingHint: string;
  importDryRun: string;
  importStart: string;
  importRunning: (records: number) => string;
  importFinished: (dryRun: boolean) => string;
  importFailed: string;
  importCounts: {
    read: string;
    created: string;
    updated: string;
    unchanged: string;
    failed: string;
  };
  importProblems: (errors: number, warnings: number) => string;
  importNewValues: string;
  importUnmappedFields: string;
  importDownloadErrors: string;
  /** A run whose server stopped while it ran (issue 16 §13). */
  importInterrupted: (startedAt: string) => string;
  importResumeHint: string;
  importResume: string;
  importResuming: string;
  /** The close button of a dialog. */
  closeDialog: string;
};

function formatDelay(seconds: number, language: Language): string {
  if (seconds < 60) {
    const s = Math.max(1, Math.ceil(seconds));
    if (language === 'fr') return `${s} seconde${s > 1 ? 's' : ''}`;
    return `${s} second${s > 1 ? 's' : ''}`;
  }
  const m = Math.ceil(seconds / 60);
  return `${m} minute${m > 1 ? 's' : ''}`;
}

const fr: Messages = {
  appName: 'Guichet',
  loading: 'Chargement…',
  languageLabel: 'Langue',
  languageNames: { fr: 'Français', en: 'English' },
  loginHeading: 'Connexion',
  emailLabel: 'Adresse e-mail',
  passwordLabel: 'Mot de passe',
  showPassword: 'Afficher le mot de passe',
  loginSubmit: 'Se connecter',
  loginFailedTitle: 'Connexion impossible',
  wrongCredentials: 'Adresse e-mail ou mot de passe incorrect.',
  rateLimited: (retryAfter) =>
    retryAfter === undefined
      ? 'Trop de tentatives de connexion. Réessayez dans quelques minutes.'
      : `Trop de tentatives de connexion. Réessayez dans ${formatDelay(retryAfter, 'fr')}.`,
  invalidInput: 'Saisissez une adresse e-mail et un mot de passe.',
  unexpectedError: 'Le serveur ne répond pas comme prévu. Réessayez dans un instant.',
  signedInAs: 'Connecté en tant que',
  roleLabel: 'Rôle :',
  roleNames: {
    admin: 'Administrateur',
    supervisor: 'Superviseur',
    agent: 'Agent',
    viewer: 'Lecteur',
  },
  logout: 'Se déconnecter',
  mailboxesHeading: 'Boîtes de réception',
  mailboxColumn: 'Boîte',
  addressesColumn: 'Adresses',
  fieldsColumn: 'Champs de classification',
  noAddress: 'aucune adresse configurée',
  noField: 'aucun champ',
  noMailbox: 'Aucune boîte de réception.',
  valueCount: (count) => `${count} valeur${count > 1 ? 's' : ''}`,
  loadFailed: 'Impossible de charger les boîtes de réception.',
  retry: 'Réessayer',
  loadMore: 'Afficher plus',
  navLabel: 'Navigation principale',
  navMailboxes: 'Boîtes de réception',
  navReports: 'Rapports',
  navInbox: 'Tickets',
  navSavedReplies: 'Réponses enregistrées',
  navDirectory: 'Annuaire',
  navProfile: 'Mon profil',
  navPrivacy: 'Données personnelles',
  navHelpCentre: 'Centre d’aide',
  navUsers: 'Utilisateurs',
  navAudit: 'Journal d’audit',
  navSetup: 'Mise en route',
  navMailSettings: 'Messagerie',
  navFields: 'Champs et valeurs',
  navTargets: 'Objectifs de réponse',
  navIncidents: 'Incidents',
  navWebhooks: 'Webhooks',
  navRules: 'Règles automatiques',
  navMacros: 'Macros',
  navDashboard: 'Tableau de bord',
  navAdministration: 'Administration',
  importHeading: 'Importer l’historique Help Scout',
  importIntro:
    'Export de conversations (JSON Lines ou pages de l’API). Un import déjà fait ne change rien ; un export plus récent met à jour.',
  importFileLabel: 'Fichier d’export (.jsonl ou .json)',
  importMappingLabel: 'Correspondances (JSON, facultatif)',
  importMappingHint:
    'Nom d’une boîte Help Scout → boîte de Guichet, par exemple {"mailboxes": {"Support Partenaires": "partenaires"}}. Sans correspondance, les boîtes de même nom sont reprises.',
  importDryRun: 'Essai à blanc : montrer ce qui serait importé sans rien modifier',
  importStart: 'Importer',
  importRunning: (records) =>
    `Import en cours : ${records} conversation${records > 1 ? 's' : ''} lues…`,
  importFinished: (dryRun) =>
    dryRun ? 'Essai terminé : rien n’a été modifié.' : 'Import terminé.',
  importFailed: 'L’import s’est arrêté',
  importCounts: {
    read: 'Lues',
    created: 'Créées',
    updated: 'Mises à jour',
    unchanged: 'Inchangées',
    failed: 'En erreur',
  },
  importProblems: (errors, warnings) =>
    `${errors} erreur${errors > 1 ? 's' : ''}, ${warnings} avertissement${warnings > 1 ? 's' : ''}`,
  importNewValues: 'Nouvelles valeurs « à vérifier »',
  importUnmappedFields: 'Champs sans correspondance (conservés)',
  importDownloadErrors: 'Télécharger le rapport d’erreurs (CSV)',
  importInterrupted: (startedAt) => `Import interrompu (lancé le ${startedAt})`,
  importResumeHint:
    'Le serveur s’est arrêté pendant l’import ; le fichier envoyé a été effacé. Reprendre relance l’import du même export : les conversations déjà importées restent inchangées, rien n’est compté deux fois.',
  importResume: 'Reprendre',
  importResuming: 'Reprise : choisissez à nouveau le même fichier d’export, puis lancez l’import.',
  closeDialog: 'Fermer',
};

const en: Messages = {
  appName: 'Guichet',
  loading: 'Loading…',
  languageLabel: 'Language',
  languageNames: { fr: 'Français', en: 'English' },
  loginHeading: 'Sign in',
  emailLabel: 'E-mail address',
  passwordLabel: 'Password',
  showPassword: 'Show password',
  loginSubmit: 'Log in',
  loginFailedTitle: 'Could not log in',
  wrongCredentials: 'Incorrect e-mail address or password.',
  rateLimited: (retryAfter) =>
    retryAfter === undefined
      ? 'Too many login attempts. Try again in a few minutes.'
      : `Too many login attempts. Try again in ${formatDelay(retryAfter, 'en')}.`,
  invalidInput: 'Enter an e-mail address and a password.',
  unexpectedError: 'The server did not answer as expected. Try again in a moment.',
  signedInAs: 'Signed in as',
  roleLabel: 'Role:',
  roleNames: {
    admin: 'Administrator',
    supervisor: 'Supervisor',
    agent: 'Agent',
    viewer: 'Viewer',
  },
  logout: 'Log out',
  mailboxesHeading: 'Mailboxes',
  mailboxColumn: 'Mailbox',
  addressesColumn: 'Addresses',
  fieldsColumn: 'Classification fields',
  noAddress: 'no address configured',
  noField: 'no field',
  noMailbox: 'No mailbox.',
  valueCount: (count) => `${count} value${count === 1 ? '' : 's'}`,
  loadFailed: 'Could not load the mailboxes.',
  retry: 'Try again',
  loadMore: 'Show more',
  navLabel: 'Main navigation',
  navMailboxes: 'Mailboxes',
  navReports: 'Reports',
  navInbox: 'Tickets',
  navSavedReplies: 'Saved replies',
  navDirectory: 'Directory',
  navProfile: 'My profile',
  navPrivacy: 'Personal data',
  navHelpCentre: 'Help centre',
  navUsers: 'Users',
  navAudit: 'Audit log',
  navSetup: 'Getting started',
  navMailSettings: 'Mail',
  navFields: 'Fields and values',
  navTargets: 'Response targets',
  navIncidents: 'Incidents',
  navWebhooks: 'Webhooks',
  navRules: 'Automation rules',
  navMacros: 'Macros',
  navDashboard: 'Dashboard',
  navAdministration: 'Administration',
  importHeading: 'Import the Help Scout history',
  importIntro:
    'A conversations export (JSON Lines or API page files). Importing again changes nothing; a newer export updates.',
  importFileLabel: 'Export file (.jsonl or .json)',
  importMappingLabel: 'Mapping (JSON, optional)',
  importMappingHint:
    'A Help Scout mailbox name → a Guichet mailbox, for example {"mailboxes": {"Partner Support": "partenaires"}}. Without one, mailboxes of the same name are used.',
  importDryRun: 'Dry run: show what would be imported, change nothing',
  importStart: 'Import',
  importRunning: (records) => `Importing: ${records} conversation${records === 1 ? '' : 's'} read…`,
  importFinished: (dryRun) =>
    dryRun ? 'Dry run finished: nothing was changed.' : 'Import finished.',
  importFailed: 'The import stopped',
  importCounts: {
    read: 'Read',
    created: 'Created',
    updated: 'Updated',
    unchanged: 'Unchanged',
    failed: 'Failed',
  },
  importProblems: (errors, warnings) =>
    `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`,
  importNewValues: 'New values "to check"',
  importUnmappedFields: 'Fields with no match (kept)',
  importDownloadErrors: 'Download the error report (CSV)',
  importInterrupted: (startedAt) => `Import interrupted (started ${startedAt})`,
  importResumeHint:
    'The server stopped during the import; the uploaded file was removed. Resume imports the same export again: conversations already imported stay unchanged, nothing is counted twice.',
  importResume: 'Resume',
  importResuming: 'Resuming: choose the same export file again, then start the import.',
  closeDialog: 'Close',
};

export const dictionaries: Record<Language, Messages> = { fr, en };

export const languages: readonly Language[] = ['fr', 'en'];

export function isLanguage(value: string): value is Language {
  return value === 'fr' || value === 'en';
}

/** The first of the tags (`en-GB`, `fr`) in a language of the app; French when none is. */
export function preferredLanguage(tags: readonly string[]): Language {
  for (const tag of tags) {
    const base = tag.toLowerCase().split('-')[0] ?? '';
    if (isLanguage(base)) return base;
  }
  return 'fr';
}

/** French unless the browser prefers English. */
export function browserLanguage(): Language {
  const preferred = typeof navigator === 'undefined' ? [] : (navigator.languages ?? []);
  return preferredLanguage([
    ...preferred,
    typeof navigator === 'undefined' ? '' : navigator.language,
  ]);
}

export type I18n = {
  language: Language;
  t: Messages;
  setLanguage: (language: Language) => void;
};

export const I18nContext = createContext<I18n>({
  language: 'fr',
  t: fr,
  setLanguage: () => {},
});

export function useI18n(): I18n {
  return useContext(I18nContext);
}
