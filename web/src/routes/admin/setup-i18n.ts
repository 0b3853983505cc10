/**
 * Texts of the set-up pages (checklist, mailbox mail settings, the mail
 * banner, the invitation's link), French first then English, kept beside the
 * pages so they load with their chunk.
 */
import type { ConnectionFailure, SetupItemKey, SetupState } from '@shared/setup-contracts.ts';
import { useI18n } from '../../i18n.ts';

export type SetupMessages = {
  checklistTitle: string;
  checklistIntro: string;
  checklistDone: string;
  items: Record<SetupItemKey, { label: string; hint: string; link: string }>;
  states: Record<SetupState, string>;
  countOf: (key: SetupItemKey, count: number, total: number) => string;
  mailTitle: string;
  mailIntro: string;
  mailboxLabel: string;
  addressesHeading: string;
  addressesHint: string;
  noAddress: string;
  newAddress: string;
  addAddress: string;
  primary: string;
  makePrimary: (address: string) => string;
  makePrimaryButton: string;
  removeAddress: (address: string) => string;
  removeButton: string;
  outgoingHeading: string;
  incomingHeading: string;
  host: string;
  port: string;
  tls: string;
  user: string;
  password: string;
  passwordKept: string;
  folder: string;
  imapEnabled: string;
  relayFallback: string;
  noRelay: string;
  messagesHeading: string;
  signature: string;
  ackEnabled: string;
  ackSubject: string;
  ackBody: string;
  reopenDays: string;
  save: string;
  saved: string;
  testConnection: string;
  testSaveFirst: string;
  testing: string;
  testOk: (server: string) => string;
  testFailed: (server: string, why: string) => string;
  failures: Record<ConnectionFailure, string>;
  viaRelay: string;
  addressTaken: string;
  invalidValue: (field: string) => string;
  refused: string;
  loadFailed: string;
  bannerTitle: string;
  bannerOutgoingNone: (names: string) => string;
  bannerOutgoingFailing: (names: string) => string;
  bannerIncomingFailing: (names: string) => string;
  bannerIncomingNone: (names: string) => string;
  bannerLink: string;
  invitationNoMail: (email: string) => string;
  invitationLinkLabel: string;
  copyLink: string;
  copied: string;
  fieldsTitle: string;
  fieldsIntro: string;
  noFields: string;
  fieldLabel: string;
  renameField: string;
  requiredToClose: string;
  valueColumns: { label: string; tickets: string; state: string; actions: string };
  valueActive: string;
  valueRetired: string;
  valueMerged: (into: string) => string;
  moveUp: (label: string) => string;
  moveDown: (label: string) => string;
  renameValue: (label: string) => string;
  retire: (label: string) => string;
  restore: (label: string) => string;
  retireButton: string;
  restoreButton: string;
  renameButton: string;
  mergeInto: (label: string) => string;
  mergeButton: string;
  mergeConfirm: (from: string, into: string) => string;
  newValue: string;
  addValue: string;
  newField: string;
  addField: string;
  valueExists: string;
  yearsKept: string;
};

const fr: SetupMessages = {
  checklistTitle: 'Mise en route',
  checklistIntro:
    'Les étapes pour qu’un guichet reçoive et envoie ses e-mails, classe ses tickets et accueille son équipe.',
  checklistDone: 'Tout est prêt : le guichet peut travailler.',
  items: {
    addresses: {
      label: 'Adresses des boîtes',
      hint: 'L’adresse d’où partent les réponses et où arrivent les demandes.',
      link: 'Gérer les adresses',
    },
    outgoing: {
      label: 'Envoi des e-mails',
      hint: 'Le serveur SMTP de chaque boîte, ou le relais de l’instance.',
      link: 'Régler l’envoi',
    },
    incoming: {
      label: 'Réception des e-mails',
      hint: 'Le compte IMAP relevé par Guichet, ou son propre serveur SMTP.',
      link: 'Régler la réception',
    },
    fields: {
      label: 'Champs et valeurs',
      hint: 'Les valeurs qui classent les tickets et font les rapports.',
      link: 'Gérer les champs',
    },
    directory: {
      label: 'Annuaire des organisations',
      hint: 'Les organisations partenaires et leurs domaines d’e-mail.',
      link: 'Ouvrir l’annuaire',
    },
    helpCentre: {
      label: 'Articles du centre d’aide',
      hint: 'Au moins un article publié pour les demandeurs.',
      link: 'Ouvrir le centre d’aide',
    },
    users: {
      label: 'Utilisateurs',
      hint: 'Inviter les agents et superviseurs du guichet.',
      link: 'Inviter des personnes',
    },
  },
  states: { done: 'Fait', todo: 'À faire', failing: 'En échec' },
  countOf: (key, count, total) => {
    if (key === 'addresses' || key === 'outgoing' || key === 'incoming')
      return `${count} boîte${count > 1 ? 's' : ''} sur ${total}`;
    if (key === 'fields') return `${count} valeur${count > 1 ? 's' : ''}`;
    if (key === 'directory') return `${count} organisation${count > 1 ? 's' : ''}`;
    if (key === 'helpCentre')
      return `${count} article${count > 1 ? 's' : ''} publié${count > 1 ? 's' : ''}`;
    return `${count} personne${count > 1 ? 's' : ''} en plus des administrateurs`;
  },
  mailTitle: 'Messagerie des boîtes',
  mailIntro:
    'Adresses, envoi (SMTP), réception (IMAP), signature et accusé de réception de chaque boîte.',
  mailboxLabel: 'Boîte',
  addressesHeading: 'Adresses',
  addressesHint:
    'L’adresse principale est l’expéditeur des réponses ; toutes reçoivent les demandes.',
  noAddress: 'Aucune adresse : les agents ne peuvent pas répondre depuis cette boîte.',
  newAddress: 'Nouvelle adresse',
  addAddress: 'Ajouter l’adresse',
  primary: 'Principale',
  makePrimary: (address) => `Rendre principale l’adresse ${address}`,
  makePrimaryButton: 'Rendre principale',
  removeAddress: (address) => `Retirer l’adresse ${address}`,
  removeButton: 'Retirer',
  outgoingHeading: 'Envoi (SMTP)',
  incomingHeading: 'Réception (IMAP)',
  host: 'Serveur',
  port: 'Port',
  tls: 'TLS dès la connexion (port 465 ou 993)',
  user: 'Identifiant',
  password: 'Mot de passe',
  passwordKept: 'Laisser vide pour garder le mot de passe enregistré',
  folder: 'Dossier',
  imapEnabled: 'Relever ce compte',
  relayFallback:
    'Sans serveur propre, cette boîte envoie par le relais de l’instance (SMTP_RELAY_URL).',
  noRelay: 'Sans serveur SMTP ici, rien ne part : aucun relais n’est configuré pour l’instance.',
  messagesHeading: 'Signature et accusé de réception',
  signature: 'Signature des réponses',
  ackEnabled: 'Envoyer un accusé de réception aux nouvelles demandes',
  ackSubject: 'Objet de l’accusé',
  ackBody: 'Texte de l’accusé',
  reopenDays: 'Jours pendant lesquels une réponse du demandeur rouvre le ticket',
  save: 'Enregistrer',
  saved: 'Réglages enregistrés.',
  testConnection: 'Tester la connexion',
  testSaveFirst: 'Enregistrez les changements avant de tester.',
  testing: 'Test en cours…',
  testOk: (server) => `Connexion réussie à ${server}.`,
  testFailed: (server, why) => `Échec de la connexion à ${server} : ${why}`,
  failures: {
    unset: 'aucun serveur n’est renseigné.',
    dns: 'ce nom de serveur est introuvable (DNS).',
    refused: 'connexion refusée : aucun service n’écoute sur ce port.',
    tls: 'la négociation TLS a échoué (certificat ou port TLS).',
    auth: 'authentification refusée : vérifiez l’identifiant et le mot de passe.',
    timeout: 'délai dépassé : le serveur ne répond pas.',
    not_allowed:
      'ce serveur mène à une adresse interdite ; un administrateur peut l’autoriser (MAIL_ALLOWED_HOSTS).',
    credentials_key:
      'le mot de passe ne peut pas être lu : la clé MAIL_CREDENTIALS_KEY manque sur le serveur.',
    other: 'le serveur a répondu par une erreur inattendue.',
  },
  viaRelay: 'relais de l’instance',
  addressTaken: 'Cette adresse appartient déjà à une boîte.',
  invalidValue: (field) => `Valeur invalide : ${field}.`,
  refused: 'Le serveur a refusé la demande.',
  loadFailed: 'Impossible de charger les données.',
  bannerTitle: 'La messagerie n’est pas prête',
  bannerOutgoingNone: (names) => `Aucun envoi d’e-mail pour : ${names}.`,
  bannerOutgoingFailing: (names) => `L’envoi d’e-mails échoue pour : ${names}.`,
  bannerIncomingFailing: (names) => `La réception d’e-mails échoue pour : ${names}.`,
  bannerIncomingNone: (names) => `Aucune réception d’e-mail pour : ${names}.`,
  bannerLink: 'Régler la messagerie',
  invitationNoMail: (email) =>
    `Aucun envoi d’e-mail n’est configuré : copiez ce lien et transmettez-le à ${email}. Il est valable 7 jours et utilisable une fois.`,
  invitationLinkLabel: 'Lien d’invitation',
  copyLink: 'Copier le lien',
  copied: 'Lien copié',
  fieldsTitle: 'Champs et valeurs',
  fieldsIntro: 'Les champs qui classent les tickets de chaque boîte et leurs valeurs.',
  noFields: 'Cette boîte n’a aucun champ.',
  fieldLabel: 'Nom du champ',
  renameField: 'Renommer le champ',
  requiredToClose: 'Obligatoire avant de fermer un ticket',
  valueColumns: { label: 'Valeur', tickets: 'Tickets', state: 'État', actions: 'Actions' },
  valueActive: 'Proposée',
  valueRetired: 'Retirée',
  valueMerged: (into) => `Fusionnée dans « ${into} »`,
  moveUp: (label) => `Monter « ${label} »`,
  moveDown: (label) => `Descendre « ${label} »`,
  renameValue: (label) => `Nouveau nom de « ${label} »`,
  retire: (label) => `Retirer « ${label} »`,
  restore: (label) => `Proposer de nouveau « ${label} »`,
  retireButton: 'Retirer',
  restoreButton: 'Rétablir',
  renameButton: 'Renommer',
  mergeInto: (label) => `Fusionner « ${label} » dans`,
  mergeButton: 'Fusionner',
  mergeConfirm: (from, into) =>
    `Fusionner « ${from} » dans « ${into} » ? Ses tickets comptent désormais pour « ${into} », dans les rapports de toutes les années.`,
  newValue: 'Nouvelle valeur',
  addValue: 'Ajouter la valeur',
  newField: 'Nouveau champ',
  addField: 'Ajouter le champ',
  valueExists: 'Ce champ a déjà une valeur de ce nom.',
  yearsKept:
    'Renommer, réordonner ou retirer une valeur ne change pas les chiffres des années passées : une valeur retirée n’est plus proposée mais reste comptée dans les rapports.',
};

const en: SetupMessages = {
  checklistTitle: 'Getting started',
  checklistIntro:
    'The steps for a desk to receive and send its e-mail, classify its tickets and welcome its team.',
  checklistDone: 'Everything is ready: the desk can work.',
  items: {
    addresses: {
      label: 'Mailbox addresses',
      hint: 'The address replies are sent from and requests arrive at.',
      link: 'Manage addresses',
    },
    outgoing: {
      label: 'Outgoing mail',
      hint: 'Each mailbox’s SMTP server, or the instance relay.',
      link: 'Set up sending',
    },
    incoming: {
      label: 'Incoming mail',
      hint: 'The IMAP account Guichet reads, or its own SMTP server.',
      link: 'Set up receiving',
    },
    fields: {
      label: 'Fields and values',
      hint: 'The values that classify tickets and make the reports.',
      link: 'Manage fields',
    },
    directory: {
      label: 'Organisation directory',
      hint: 'Partner organisations and their e-mail domains.',
      link: 'Open the directory',
    },
    helpCentre: {
      label: 'Help centre articles',
      hint: 'At least one published article for applicants.',
      link: 'Open the help centre',
    },
    users: {
      label: 'Users',
      hint: 'Invite the desk’s agents and supervisors.',
      link: 'Invite people',
    },
  },
  states: { done: 'Done', todo: 'To do', failing: 'Failing' },
  countOf: (key, count, total) => {
    if (key === 'addresses' || key === 'outgoing' || key === 'incoming')
      return `${count} of ${total} mailboxes`;
    if (key === 'fields') return `${count} values`;
    if (key === 'directory') return `${count} organisations`;
    if (key === 'helpCentre') return `${count} published articles`;
    return `${count} people besides administrators`;
  },
  mailTitle: 'Mailbox mail',
  mailIntro:
    'Addresses, sending (SMTP), receiving (IMAP), signature and acknowledgement of each mailbox.',
  mailboxLabel: 'Mailbox',
  addressesHeading: 'Addresses',
  addressesHint: 'The primary address sends replies; every address receives requests.',
  noAddress: 'No address: agents cannot reply from this mailbox.',
  newAddress: 'New address',
  addAddress: 'Add the address',
  primary: 'Primary',
  makePrimary: (address) => `Make ${address} the primary address`,
  makePrimaryButton: 'Make primary',
  removeAddress: (address) => `Remove the address ${address}`,
  removeButton: 'Remove',
  outgoingHeading: 'Sending (SMTP)',
  incomingHeading: 'Receiving (IMAP)',
  host: 'Server',
  port: 'Port',
  tls: 'TLS from the start (port 465 or 993)',
  user: 'User name',
  password: 'Password',
  passwordKept: 'Leave empty to keep the saved password',
  folder: 'Folder',
  imapEnabled: 'Read this account',
  relayFallback:
    'Without its own server, this mailbox sends through the instance relay (SMTP_RELAY_URL).',
  noRelay: 'Without an SMTP server here nothing is sent: the instance has no relay.',
  messagesHeading: 'Signature and acknowledgement',
  signature: 'Signature of replies',
  ackEnabled: 'Send an acknowledgement to new requests',
  ackSubject: 'Acknowledgement subject',
  ackBody: 'Acknowledgement text',
  reopenDays: 'Days during which an applicant’s reply reopens the ticket',
  save: 'Save',
  saved: 'Settings saved.',
  testConnection: 'Test the connection',
  testSaveFirst: 'Save your changes before testing.',
  testing: 'Testing…',
  testOk: (server) => `Connected to ${server}.`,
  testFailed: (server, why) => `Could not connect to ${server}: ${why}`,
  failures: {
    unset: 'no server is set.',
    dns: 'this server name cannot be found (DNS).',
    refused: 'connection refused: nothing listens on this port.',
    tls: 'the TLS negotiation failed (certificate or TLS port).',
    auth: 'authentication refused: check the user name and password.',
    timeout: 'timed out: the server does not answer.',
    not_allowed:
      'this server leads to a forbidden address; an administrator can allow it (MAIL_ALLOWED_HOSTS).',
    credentials_key: 'the password cannot be read: MAIL_CREDENTIALS_KEY is missing on the server.',
    other: 'the server answered with an unexpected error.',
  },
  viaRelay: 'instance relay',
  addressTaken: 'This address already belongs to a mailbox.',
  invalidValue: (field) => `Invalid value: ${field}.`,
  refused: 'The server refused the request.',
  loadFailed: 'Could not load the data.',
  bannerTitle: 'Mail is not ready',
  bannerOutgoingNone: (names) => `No outgoing mail for: ${names}.`,
  bannerOutgoingFailing: (names) => `Outgoing mail fails for: ${names}.`,
  bannerIncomingFailing: (names) => `Incoming mail fails for: ${names}.`,
  bannerIncomingNone: (names) => `No incoming mail for: ${names}.`,
  bannerLink: 'Set up mail',
  invitationNoMail: (email) =>
    `No outgoing mail is set up: copy this link and pass it on to ${email}. It is valid for 7 days and works once.`,
  invitationLinkLabel: 'Invitation link',
  copyLink: 'Copy the link',
  copied: 'Link copied',
  fieldsTitle: 'Fields and values',
  fieldsIntro: 'The fields that classify each mailbox’s tickets, and their values.',
  noFields: 'This mailbox has no field.',
  fieldLabel: 'Field name',
  renameField: 'Rename the field',
  requiredToClose: 'Required before closing a ticket',
  valueColumns: { label: 'Value', tickets: 'Tickets', state: 'State', actions: 'Actions' },
  valueActive: 'Offered',
  valueRetired: 'Retired',
  valueMerged: (into) => `Merged into “${into}”`,
  moveUp: (label) => `Move “${label}” up`,
  moveDown: (label) => `Move “${label}” down`,
  renameValue: (label) => `New name of “${label}”`,
  retire: (label) => `Retire “${label}”`,
  restore: (label) => `Offer “${label}” again`,
  retireButton: 'Retire',
  restoreButton: 'Restore',
  renameButton: 'Rename',
  mergeInto: (label) => `Merge “${label}” into`,
  mergeButton: 'Merge',
  mergeConfirm: (from, into) =>
    `Merge “${from}” into “${into}”? Its tickets then count for “${into}”, in every year’s reports.`,
  newValue: 'New value',
  addValue: 'Add the value',
  newField: 'New field',
  addField: 'Add the field',
  valueExists: 'This field already has a value of that name.',
  yearsKept:
    'Renaming, reordering or retiring a value does not change past years’ figures: a retired value is no longer offered but still counts in the reports.',
};

/** Both languages' texts (the tests read them). */
export const setupMessages = { fr, en };

/** The set-up pages' texts in the current language, with the app's own (`t`). */
export function useSetupI18n() {
  const i18n = useI18n();
  return { ...i18n, s: i18n.language === 'en' ? en : fr };
}
