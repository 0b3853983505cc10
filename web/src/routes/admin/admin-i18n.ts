/**
 * Texts of the users and audit pages, French first then English, kept beside
 * the pages so they load with their chunk (like the reports page's texts).
 */
import { useI18n } from '../../i18n.ts';

export type AdminMessages = {
  usersTitle: string;
  inviteHeading: string;
  inviteIntro: string;
  emailLabel: string;
  nameLabel: string;
  roleLabel: string;
  mailboxesLegend: string;
  allMailboxes: string;
  inviteSubmit: string;
  invited: (email: string) => string;
  listHeading: string;
  columns: {
    name: string;
    role: string;
    mailboxes: string;
    status: string;
    lastLogin: string;
    actions: string;
  };
  roleOf: (name: string) => string;
  mailboxSummary: (names: string[]) => string;
  everyMailbox: string;
  editMailboxes: (name: string) => string;
  mailboxesTitle: (name: string) => string;
  save: string;
  cancel: string;
  statusActive: string;
  statusDisabled: string;
  statusInvited: string;
  secondFactorOn: string;
  never: string;
  disable: (name: string) => string;
  enable: (name: string) => string;
  resend: (name: string) => string;
  disableButton: string;
  enableButton: string;
  resendButton: string;
  resent: (email: string) => string;
  changed: string;
  failed: (message: string) => string;
  secondFactorHeading: string;
  secondFactorOff: string;
  secondFactorEnabled: string;
  secondFactorStart: string;
  secondFactorSecret: string;
  secondFactorUri: string;
  secondFactorCode: string;
  secondFactorConfirm: string;
  recoveryCodesTitle: string;
  recoveryCodesHint: string;
  secondFactorDisable: string;
  auditTitle: string;
  auditFilters: string;
  actorLabel: string;
  actionLabel: string;
  actionHint: string;
  targetLabel: string;
  fromLabel: string;
  toLabel: string;
  textLabel: string;
  search: string;
  reset: string;
  auditColumns: {
    at: string;
    actor: string;
    action: string;
    target: string;
    ip: string;
    details: string;
  };
  noEvents: string;
  loadFailed: string;
  actionFamilyLabel: string;
  actionFamilyAll: string;
  technicalDetails: string;
};

const fr: AdminMessages = {
  usersTitle: 'Utilisateurs',
  inviteHeading: 'Inviter une personne',
  inviteIntro:
    'La personne reçoit un lien, valable 7 jours et utilisable une fois, pour choisir son mot de passe : par e-mail si l’envoi est configuré, sinon vous le lui transmettez.',
  emailLabel: 'Adresse e-mail',
  nameLabel: 'Nom',
  roleLabel: 'Rôle',
  mailboxesLegend: 'Boîtes visibles (agents et lecteurs)',
  allMailboxes: 'Toutes les boîtes',
  inviteSubmit: 'Envoyer l’invitation',
  invited: (email) => `Invitation envoyée à ${email}.`,
  listHeading: 'Comptes',
  columns: {
    name: 'Nom et adresse',
    role: 'Rôle',
    mailboxes: 'Boîtes visibles',
    status: 'État',
    lastLogin: 'Dernière connexion',
    actions: 'Actions',
  },
  roleOf: (name) => `Rôle de ${name}`,
  mailboxSummary: (names) => (names.length === 0 ? 'Aucune' : names.join(', ')),
  everyMailbox: 'Toutes',
  editMailboxes: (name) => `Boîtes visibles par ${name}`,
  mailboxesTitle: (name) => `Boîtes visibles par ${name}`,
  save: 'Enregistrer',
  cancel: 'Annuler',
  statusActive: 'Actif',
  statusDisabled: 'Désactivé',
  statusInvited: 'Invitation en attente',
  secondFactorOn: 'double authentification',
  never: 'jamais',
  disable: (name) => `Désactiver ${name}`,
  enable: (name) => `Réactiver ${name}`,
  resend: (name) => `Renvoyer l’invitation à ${name}`,
  disableButton: 'Désactiver',
  enableButton: 'Réactiver',
  resendButton: 'Renvoyer l’invitation',
  resent: (email) => `Nouvelle invitation envoyée à ${email}.`,
  changed: 'Modification enregistrée.',
  failed: (message) => `La modification a échoué : ${message}`,
  secondFactorHeading: 'Ma double authentification',
  secondFactorOff:
    'Non activée. Avec une application d’authentification (TOTP), la connexion demandera aussi un code à 6 chiffres.',
  secondFactorEnabled: 'Activée : la connexion demande un code à 6 chiffres.',
  secondFactorStart: 'Activer la double authentification',
  secondFactorSecret: 'Clé à saisir dans l’application',
  secondFactorUri: 'Ou lien otpauth',
  secondFactorCode: 'Code à 6 chiffres',
  secondFactorConfirm: 'Confirmer',
  recoveryCodesTitle: 'Codes de secours',
  recoveryCodesHint:
    'Chacun remplace une fois le code de l’application. Conservez-les en lieu sûr : ils ne seront plus affichés.',
  secondFactorDisable: 'Désactiver la double authentification',
  auditTitle: 'Journal d’audit',
  auditFilters: 'Rechercher dans le journal',
  actorLabel: 'Auteur (e-mail ou nom)',
  actionLabel: 'Action',
  actionHint: 'Début du nom, par exemple user. ou auth.login',
  targetLabel: 'Cible (numéro de ticket, e-mail ou nom)',
  fromLabel: 'Du',
  toLabel: 'Au',
  textLabel: 'Texte dans les détails',
  search: 'Rechercher',
  reset: 'Effacer',
  auditColumns: {
    at: 'Date',
    actor: 'Auteur',
    action: 'Action',
    target: 'Cible',
    ip: 'Adresse IP',
    details: 'Détails',
  },
  noEvents: 'Aucun événement.',
  loadFailed: 'Impossible de charger les données.',
  actionFamilyLabel: 'Type d’action',
  actionFamilyAll: 'Toutes les actions',
  technicalDetails: 'Détails techniques',
};

const en: AdminMessages = {
  usersTitle: 'Users',
  inviteHeading: 'Invite someone',
  inviteIntro:
    'They get a link, valid 7 days and usable once, to choose their password: by e-mail when sending is set up, else you pass it on.',
  emailLabel: 'E-mail address',
  nameLabel: 'Name',
  roleLabel: 'Role',
  mailboxesLegend: 'Visible mailboxes (agents and viewers)',
  allMailboxes: 'Every mailbox',
  inviteSubmit: 'Send the invitation',
  invited: (email) => `Invitation sent to ${email}.`,
  listHeading: 'Accounts',
  columns: {
    name: 'Name and address',
    role: 'Role',
    mailboxes: 'Visible mailboxes',
    status: 'Status',
    lastLogin: 'Last login',
    actions: 'Actions',
  },
  roleOf: (name) => `Role of ${name}`,
  mailboxSummary: (names) => (names.length === 0 ? 'None' : names.join(', ')),
  everyMailbox: 'All',
  editMailboxes: (name) => `Mailboxes visible to ${name}`,
  mailboxesTitle: (name) => `Mailboxes visible to ${name}`,
  save: 'Save',
  cancel: 'Cancel',
  statusActive: 'Active',
  statusDisabled: 'Disabled',
  statusInvited: 'Invitation pending',
  secondFactorOn: 'two-factor',
  never: 'never',
  disable: (name) => `Disable ${name}`,
  enable: (name) => `Re-enable ${name}`,
  resend: (name) => `Send the invitation again to ${name}`,
  disableButton: 'Disable',
  enableButton: 'Re-enable',
  resendButton: 'Send the invitation again',
  resent: (email) => `New invitation sent to ${email}.`,
  changed: 'Change saved.',
  failed: (message) => `The change failed: ${message}`,
  secondFactorHeading: 'My two-factor authentication',
  secondFactorOff:
    'Off. With an authenticator app (TOTP), logging in will also ask for a 6-digit code.',
  secondFactorEnabled: 'On: logging in asks for a 6-digit code.',
  secondFactorStart: 'Turn on two-factor authentication',
  secondFactorSecret: 'Key to type in the app',
  secondFactorUri: 'Or otpauth link',
  secondFactorCode: '6-digit code',
  secondFactorConfirm: 'Confirm',
  recoveryCodesTitle: 'Recovery codes',
  recoveryCodesHint:
    'Each one replaces the app’s code once. Keep them somewhere safe: they will not be shown again.',
  secondFactorDisable: 'Turn off two-factor authentication',
  auditTitle: 'Audit log',
  auditFilters: 'Search the log',
  actorLabel: 'Actor (e-mail or name)',
  actionLabel: 'Action',
  actionHint: 'Start of the name, e.g. user. or auth.login',
  targetLabel: 'Target (ticket number, e-mail or name)',
  fromLabel: 'From',
  toLabel: 'To',
  textLabel: 'Text in the details',
  search: 'Search',
  reset: 'Clear',
  auditColumns: {
    at: 'Date',
    actor: 'Actor',
    action: 'Action',
    target: 'Target',
    ip: 'IP address',
    details: 'Details',
  },
  noEvents: 'No event.',
  loadFailed: 'Could not load the data.',
  actionFamilyLabel: 'Kind of action',
  actionFamilyAll: 'Every action',
  technicalDetails: 'Technical details',
};

/** Both languages' texts (the tests read them). */
export const adminMessages = { fr, en };

/** The admin pages' texts in the current language, with the app's own (`t`). */
export function useAdminI18n() {
  const i18n = useI18n();
  return { ...i18n, a: i18n.language === 'en' ? en : fr };
}
