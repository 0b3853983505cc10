/**
 * The audit log in words: each recorded action code (`user.invited`,
 * `ticket.changed`, …) as a French or English phrase, the kinds of target, and
 * the families of actions the log's filter offers. An action this catalogue
 * does not know yet (added by a newer feature) is named by its family. Pure.
 */
import type { AuditEventDto } from '@shared/contracts.ts';

export type AuditLanguage = 'fr' | 'en';

type Words = { fr: string; en: string };

const actions: Record<string, Words> = {
  'auth.login': { fr: 'Connexion', en: 'Signed in' },
  'auth.login_failed': { fr: 'Échec de connexion', en: 'Failed sign-in' },
  'auth.login_throttled': { fr: 'Connexion bloquée (trop d’essais)', en: 'Sign-in throttled' },
  'auth.logout': { fr: 'Déconnexion', en: 'Signed out' },
  'auth.password_reset': { fr: 'Mot de passe réinitialisé', en: 'Password reset' },
  'auth.password_reset_requested': {
    fr: 'Réinitialisation du mot de passe demandée',
    en: 'Password reset requested',
  },
  'auth.recovery_code_used': { fr: 'Code de secours utilisé', en: 'Recovery code used' },
  'auth.totp_enabled': {
    fr: 'Double authentification activée',
    en: 'Two-factor authentication enabled',
  },
  'auth.totp_disabled': {
    fr: 'Double authentification désactivée',
    en: 'Two-factor authentication disabled',
  },
  'auth.totp_reset': {
    fr: 'Double authentification réinitialisée',
    en: 'Two-factor authentication reset',
  },
  'user.created': { fr: 'Compte créé', en: 'Account created' },
  'user.invited': { fr: 'Invitation envoyée', en: 'Invitation sent' },
  'user.invitation_resent': { fr: 'Invitation renvoyée', en: 'Invitation sent again' },
  'user.invitation_accepted': { fr: 'Invitation acceptée', en: 'Invitation accepted' },
  'user.disabled': { fr: 'Compte désactivé', en: 'Account disabled' },
  'user.enabled': { fr: 'Compte réactivé', en: 'Account enabled' },
  'user.renamed': { fr: 'Nom modifié', en: 'Renamed' },
  'user.role_changed': { fr: 'Rôle modifié', en: 'Role changed' },
  'user.mailboxes_changed': { fr: 'Boîtes accessibles modifiées', en: 'Mailboxes changed' },
  'user.password_changed': { fr: 'Mot de passe modifié', en: 'Password changed' },
  'user.profile_update': { fr: 'Profil modifié', en: 'Profile updated' },
  'ticket.viewed': { fr: 'Ticket consulté', en: 'Ticket viewed' },
  'ticket.changed': { fr: 'Ticket modifié', en: 'Ticket changed' },
  'ticket.classified': { fr: 'Ticket classé', en: 'Ticket classified' },
  'ticket.merged': { fr: 'Tickets fusionnés', en: 'Tickets merged' },
  'ticket.split': { fr: 'Message déplacé vers un nouveau ticket', en: 'Message split off' },
  'ticket.deleted': { fr: 'Ticket supprimé', en: 'Ticket deleted' },
  'ticket.restored': { fr: 'Ticket restauré', en: 'Ticket restored' },
  'ticket.anonymised': { fr: 'Ticket anonymisé', en: 'Ticket anonymised' },
  'field.required_changed': {
    fr: 'Champ obligatoire à la clôture modifié',
    en: 'Field requirement changed',
  },
  'field_value.merged': { fr: 'Valeurs fusionnées', en: 'Values merged' },
  'mailbox.mail_settings.update': {
    fr: 'Réglages de messagerie modifiés',
    en: 'Mail settings changed',
  },
  'config.imported': { fr: 'Configuration importée', en: 'Configuration imported' },
  'import.helpscout': { fr: 'Import Help Scout', en: 'Help Scout import' },
  'import.csv': { fr: 'Import CSV', en: 'CSV import' },
  'organisation.create': { fr: 'Organisation créée', en: 'Organisation created' },
  'organisation.update': { fr: 'Organisation modifiée', en: 'Organisation updated' },
  'organisation.delete': { fr: 'Organisation supprimée', en: 'Organisation deleted' },
  'organisation.merge': { fr: 'Organisations fusionnées', en: 'Organisations merged' },
  'organisation.import': { fr: 'Organisations importées', en: 'Organisations imported' },
  'kb.article_created': { fr: 'Article créé', en: 'Article created' },
  'kb.article_saved': { fr: 'Article enregistré', en: 'Article saved' },
  'kb.article_published': { fr: 'Article publié', en: 'Article published' },
  'kb.article_unpublished': { fr: 'Article dépublié', en: 'Article unpublished' },
  'kb.image_uploaded': { fr: 'Image ajoutée', en: 'Image uploaded' },
  'kb.category_created': { fr: 'Catégorie créée', en: 'Category created' },
  'kb.category_updated': { fr: 'Catégorie modifiée', en: 'Category updated' },
  'kb.category_deleted': { fr: 'Catégorie supprimée', en: 'Category deleted' },
  'kb.categories_reordered': { fr: 'Catégories réordonnées', en: 'Categories reordered' },
  'portal.site_updated': { fr: 'Site du centre d’aide modifié', en: 'Help centre site updated' },
  'portal.nature_created': { fr: 'Motif de contact créé', en: 'Contact reason created' },
  'portal.nature_updated': { fr: 'Motif de contact modifié', en: 'Contact reason updated' },
  'portal.natures_reordered': {
    fr: 'Motifs de contact réordonnés',
    en: 'Contact reasons reordered',
  },
  'report.exported': { fr: 'Rapport téléchargé', en: 'Report downloaded' },
  'report.published': { fr: 'Rapport publié', en: 'Report published' },
  'report.text_saved': { fr: 'Texte du rapport modifié', en: 'Report text saved' },
  'settings.reports_saved': { fr: 'Réglages des rapports modifiés', en: 'Report settings saved' },
  'settings.security_saved': {
    fr: 'Réglages de sécurité modifiés',
    en: 'Security settings saved',
  },
  'saved_reply.created': { fr: 'Réponse type créée', en: 'Saved reply created' },
  'saved_reply.updated': { fr: 'Réponse type modifiée', en: 'Saved reply updated' },
  'saved_reply.deleted': { fr: 'Réponse type supprimée', en: 'Saved reply deleted' },
  'privacy.person_search': { fr: 'Recherche d’une personne', en: 'Person searched' },
  'privacy.person_find': { fr: 'Demande d’accès enregistrée', en: 'Access request recorded' },
  'privacy.person_export': { fr: 'Données d’une personne exportées', en: 'Person’s data exported' },
  'privacy.person_erase': { fr: 'Données d’une personne effacées', en: 'Person’s data erased' },
  'privacy.attachment_purged': { fr: 'Pièce jointe purgée', en: 'Attachment purged' },
  'privacy.retention_policy_set': {
    fr: 'Durée de conservation modifiée',
    en: 'Retention period changed',
  },
  'privacy.retention_run': { fr: 'Purge de conservation', en: 'Retention run' },
};

/** The families of actions, by the prefix of their codes (the log's filter offers these). */
export const auditFamilies: { prefix: string; words: Words }[] = [
  { prefix: 'ticket.', words: { fr: 'Tickets', en: 'Tickets' } },
  { prefix: 'auth.', words: { fr: 'Connexions', en: 'Sign-ins' } },
  { prefix: 'user.', words: { fr: 'Utilisateurs', en: 'Users' } },
  { prefix: 'mailbox.', words: { fr: 'Boîtes de réception', en: 'Mailboxes' } },
  { prefix: 'field', words: { fr: 'Champs et valeurs', en: 'Fields and values' } },
  { prefix: 'organisation.', words: { fr: 'Organisations', en: 'Organisations' } },
  { prefix: 'kb.', words: { fr: 'Articles du centre d’aide', en: 'Help centre articles' } },
  { prefix: 'portal.', words: { fr: 'Centre d’aide', en: 'Help centre' } },
  { prefix: 'report.', words: { fr: 'Rapports', en: 'Reports' } },
  { prefix: 'privacy.', words: { fr: 'Données personnelles', en: 'Personal data' } },
  { prefix: 'settings.', words: { fr: 'Réglages', en: 'Settings' } },
  { prefix: 'saved_reply.', words: { fr: 'Réponses types', en: 'Saved replies' } },
  { prefix: 'import.', words: { fr: 'Imports', en: 'Imports' } },
  { prefix: 'config.', words: { fr: 'Configuration', en: 'Configuration' } },
];

/** An action in words; an unknown one by its family ("Tickets : autre action"). */
export function auditActionLabel(action: string, language: AuditLanguage): string {
  const known = actions[action];
  if (known) return known[language];
  const family = auditFamilies.find((f) => action.startsWith(f.prefix));
  const other = language === 'fr' ? 'autre action' : 'other action';
  if (family) return `${family.words[language]}${language === 'fr' ? ' : ' : ': '}${other}`;
  return language === 'fr' ? 'Autre action' : 'Other action';
}

const targetTypes: Record<string, Words> = {
  ticket: { fr: 'Ticket', en: 'Ticket' },
  user: { fr: 'Utilisateur', en: 'User' },
  mailbox: { fr: 'Boîte', en: 'Mailbox' },
  organisation: { fr: 'Organisation', en: 'Organisation' },
  field: { fr: 'Champ', en: 'Field' },
  field_value: { fr: 'Valeur', en: 'Value' },
  kb_article: { fr: 'Article', en: 'Article' },
  kb_category: { fr: 'Catégorie', en: 'Category' },
  kb_image: { fr: 'Image', en: 'Image' },
  portal_site: { fr: 'Centre d’aide', en: 'Help centre' },
  portal_nature: { fr: 'Motif de contact', en: 'Contact reason' },
  report: { fr: 'Rapport', en: 'Report' },
  settings: { fr: 'Réglages', en: 'Settings' },
  saved_reply: { fr: 'Réponse type', en: 'Saved reply' },
  attachment: { fr: 'Pièce jointe', en: 'Attachment' },
  import_run: { fr: 'Import', en: 'Import' },
  privacy_request: { fr: 'Demande', en: 'Request' },
  retention_run: { fr: 'Purge', en: 'Purge' },
};

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * What an event is about, in words: "Ticket #27474", "Utilisateur
 * agent@example.org", "Rapport 2020"; an internal id alone is never shown.
 */
export function auditTargetLabel(event: AuditEventDto, language: AuditLanguage): string {
  if (!event.targetType) return '—';
  const kind = targetTypes[event.targetType]?.[language] ?? (language === 'fr' ? 'Autre' : 'Other');
  // A ticket's id is internal: only its number (the label) is shown.
  const readableId =
    event.targetType !== 'ticket' && event.targetId && !uuidPattern.test(event.targetId)
      ? event.targetId
      : null;
  const name = event.targetLabel ?? event.targetEmail ?? readableId;
  return name ? `${kind} ${name}` : kind;
}
