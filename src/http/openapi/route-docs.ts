/**
 * What the OpenAPI document (openapi.ts) says of each `/api/` route beyond
 * what Fastify knows of it: a summary, and the zod contracts its handler
 * validates with (src/shared/*contracts*.ts, or the route file's own), with
 * examples. The routes keep validating with validate.ts; this table only
 * names their schemas, once, so that the document is generated from them.
 * openapi.test.ts fails when a registered route has no entry here (or an
 * entry has no route), and when an example does not validate. The later
 * areas' entries live beside it (route-docs-workflows.ts, route-docs-admin.ts)
 * and are merged into this one table.
 */
import { createServiceTokenSchema, createTokenSchema } from '../../shared/api-token-contracts.ts';
import {
  auditQuerySchema,
  importUploadQuerySchema,
  inviteUserSchema,
  loginRequestSchema,
  mailboxScopeRequestSchema,
  passwordResetRequestSchema,
  reportExportQuerySchema,
  reportQuerySchema,
  reportTextUpdateSchema,
  reportTicketsQuerySchema,
  secondFactorCodeSchema,
  setPasswordWithTokenSchema,
  updateUserSchema,
} from '../../shared/contracts.ts';
import {
  organisationCreateSchema,
  organisationImportQuerySchema,
  organisationListQuerySchema,
  organisationMergeSchema,
  organisationUpdateSchema,
  profileUpdateSchema,
} from '../../shared/directory-contracts.ts';
import { ticketExportQuerySchema } from '../../shared/export-contracts.ts';
import {
  callRequestSchema,
  callTicketRequestSchema,
  mailSettingsInputSchema,
  noteRequestSchema,
  replyRequestSchema,
} from '../../shared/mail-contracts.ts';
import {
  deflectionQuerySchema,
  kbArticleInputSchema,
  kbCategoryInputSchema,
  kbCategoryOrderSchema,
  portalNatureCreateSchema,
  portalNatureInputSchema,
  portalNatureOrderSchema,
} from '../../shared/portal-contracts.ts';
import {
  personErasureSchema,
  personRequestSchema,
  personSearchSchema,
  retentionPolicyUpdateSchema,
} from '../../shared/privacy-contracts.ts';
import {
  connectionTestInputSchema,
  fieldInputSchema,
  fieldLabelSchema,
  fieldValueChangeSchema,
  fieldValueInputSchema,
  fieldValueOrderSchema,
  mailboxAddressInputSchema,
  mailboxAddressRefSchema,
} from '../../shared/setup-contracts.ts';
import { createTargetSchema, updateTargetSchema } from '../../shared/targets-contracts.ts';
import {
  bulkSchema,
  classifySchema,
  fieldRequirementSchema,
  inboxQuerySchema,
  mergeSchema,
  presenceSchema,
  savedReplyInputSchema,
  splitSchema,
  ticketChangeSchema,
} from '../../shared/workspace-contracts.ts';
import { siteInputSchema } from '../routes/portal/portal-admin-routes.ts';
import { linkQuerySchema } from '../routes/users/account-routes.ts';
import { countsQuery, liveQuery } from '../routes/workspace/workspace-routes.ts';
import type { RouteDoc } from './route-doc.ts';
import { adminRouteDocs } from './route-docs-admin.ts';
import { workflowRouteDocs } from './route-docs-workflows.ts';

export type { RouteDoc };

/** Keys are `METHOD /url` as the route is registered. */
export const routeDocs: Record<string, RouteDoc> = {
  // Session and account
  'POST /api/auth/login': {
    summary: 'Se connecter (ouvre une session par cookie)',
    body: loginRequestSchema,
    examples: { body: { email: 'agent@example.org', password: 'une phrase de passe' } },
  },
  'POST /api/auth/logout': { summary: 'Se déconnecter' },
  'GET /api/auth/session': { summary: 'La session en cours et son jeton CSRF' },
  'GET /api/account/links/:purpose': {
    summary: 'Vérifier un lien d’invitation ou de réinitialisation',
    query: linkQuerySchema,
  },
  'POST /api/account/invitation': {
    summary: 'Accepter une invitation (choisir son mot de passe)',
    body: setPasswordWithTokenSchema,
  },
  'POST /api/account/password-reset': {
    summary: 'Réinitialiser son mot de passe',
    body: setPasswordWithTokenSchema,
  },
  'POST /api/account/password-reset/request': {
    summary: 'Demander un lien de réinitialisation',
    body: passwordResetRequestSchema,
  },
  'GET /api/account/second-factor': { summary: 'État du second facteur' },
  'POST /api/account/second-factor': { summary: 'Commencer l’activation du second facteur' },
  'POST /api/account/second-factor/confirm': {
    summary: 'Confirmer le second facteur',
    body: secondFactorCodeSchema,
  },
  'POST /api/account/second-factor/disable': {
    summary: 'Désactiver le second facteur',
    body: secondFactorCodeSchema,
  },
  'GET /api/me/profile': { summary: 'Mon profil' },
  'PATCH /api/me/profile': { summary: 'Modifier mon profil', body: profileUpdateSchema },
  // API tokens
  'GET /api/tokens': { summary: 'Mes jetons d’API' },
  'POST /api/tokens': {
    summary: 'Créer un jeton personnel (affiché une seule fois)',
    body: createTokenSchema,
    examples: {
      body: { name: 'Tableau de suivi', scopes: ['tickets:read'], expiresInDays: 90 },
    },
  },
  'DELETE /api/tokens/:id': { summary: 'Révoquer un de mes jetons' },
  'GET /api/admin/tokens': { summary: 'Tous les jetons (administrateurs)' },
  'POST /api/admin/tokens': {
    summary: 'Créer un jeton de service pour un compte',
    body: createServiceTokenSchema,
    examples: {
      body: {
        userEmail: 'robot@example.org',
        name: 'Entrepôt de données',
        scopes: ['tickets:read', 'reports:read'],
        expiresInDays: 365,
      },
    },
  },
  'DELETE /api/admin/tokens/:id': { summary: 'Révoquer un jeton' },
  // Inbox and tickets
  'GET /api/inbox': {
    summary: 'Une page de la boîte de réception (dossier, filtres, recherche, curseur)',
    query: inboxQuerySchema,
    examples: { query: { folder: 'all', status: 'active', sort: 'recent', limit: 50 } },
  },
  'GET /api/inbox/counts': { summary: 'Compteurs des dossiers', query: countsQuery },
  'GET /api/inbox/filter-options': { summary: 'Valeurs proposées par les filtres' },
  'GET /api/exports/tickets': {
    summary: 'Exporter les tickets du filtre en CSV ou XLSX (flux)',
    query: ticketExportQuerySchema,
    produces: 'text/csv, application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    examples: {
      query: { folder: 'all', format: 'csv', columns: ['number', 'subject', 'status', 'fields'] },
    },
  },
  'GET /api/tickets/by-number/:number': { summary: 'L’identifiant d’un ticket par son numéro' },
  'GET /api/tickets/:id': { summary: 'Un ticket : fil, classification, historique' },
  'PATCH /api/tickets/:id': {
    summary: 'Changer le statut, l’assignation ou les étiquettes',
    body: ticketChangeSchema,
    examples: { body: { status: 'pending' } },
  },
  'PUT /api/tickets/:id/fields': { summary: 'Classer un ticket', body: classifySchema },
  'POST /api/tickets/:id/merge': { summary: 'Fusionner dans un autre ticket', body: mergeSchema },
  'POST /api/messages/:id/split': {
    summary: 'Détacher un message dans un nouveau ticket',
    body: splitSchema,
  },
  'POST /api/tickets/bulk': { summary: 'Changer plusieurs tickets', body: bulkSchema },
  'POST /api/tickets/:id/presence': { summary: 'Signaler sa présence', body: presenceSchema },
  'DELETE /api/tickets/:id/presence': { summary: 'Quitter un ticket' },
  'POST /api/tickets/:id/replies': {
    summary: 'Répondre par e-mail',
    body: replyRequestSchema,
  },
  'POST /api/tickets/:id/notes': {
    summary: 'Ajouter une note interne',
    body: noteRequestSchema,
    examples: { body: { body: 'Rappel prévu jeudi.' } },
  },
  'POST /api/tickets/:id/calls': { summary: 'Noter un appel', body: callRequestSchema },
  'POST /api/calls': { summary: 'Ouvrir un ticket par un appel', body: callTicketRequestSchema },
  'GET /api/attachments/:id': { summary: 'Une pièce jointe', produces: 'application/octet-stream' },
  'GET /api/live': {
    summary: 'Flux des changements (server-sent events)',
    query: liveQuery,
    produces: 'text/event-stream',
  },
  'GET /api/saved-replies': { summary: 'Réponses enregistrées' },
  'POST /api/saved-replies': {
    summary: 'Créer une réponse enregistrée',
    body: savedReplyInputSchema,
  },
  'PUT /api/saved-replies/:id': {
    summary: 'Modifier une réponse enregistrée',
    body: savedReplyInputSchema,
  },
  'DELETE /api/saved-replies/:id': { summary: 'Supprimer une réponse enregistrée' },
  // Mailboxes, fields, classification
  'GET /api/mailboxes': { summary: 'Boîtes et leurs champs' },
  'GET /api/setup': { summary: 'Liste de mise en service' },
  'GET /api/mailboxes/:id/addresses': { summary: 'Adresses d’une boîte' },
  'POST /api/mailboxes/:id/addresses': {
    summary: 'Ajouter une adresse',
    body: mailboxAddressInputSchema,
  },
  'POST /api/mailboxes/:id/addresses/primary': {
    summary: 'Choisir l’adresse principale',
    body: mailboxAddressRefSchema,
  },
  'POST /api/mailboxes/:id/addresses/remove': {
    summary: 'Retirer une adresse',
    body: mailboxAddressRefSchema,
  },
  'POST /api/mailboxes/:id/mail-settings/test': {
    summary: 'Tester une connexion IMAP ou SMTP',
    body: connectionTestInputSchema,
  },
  'GET /api/mailboxes/:id/mail-settings': { summary: 'Réglages de messagerie d’une boîte' },
  'PUT /api/mailboxes/:id/mail-settings': {
    summary: 'Enregistrer les réglages de messagerie',
    body: mailSettingsInputSchema,
  },
  'GET /api/mail/dead-letters': { summary: 'Courriels non intégrés' },
  'POST /api/mail/dead-letters/:id/reprocess': { summary: 'Réintégrer un courriel' },
  'GET /api/mailboxes/:id/fields': { summary: 'Champs de classification d’une boîte' },
  'POST /api/mailboxes/:id/fields': { summary: 'Créer un champ', body: fieldInputSchema },
  'PUT /api/fields/:id/label': { summary: 'Renommer un champ', body: fieldLabelSchema },
  'POST /api/fields/:id/values': { summary: 'Ajouter une valeur', body: fieldValueInputSchema },
  'PUT /api/fields/:id/order': { summary: 'Ordonner les valeurs', body: fieldValueOrderSchema },
  'PATCH /api/field-values/:id': { summary: 'Modifier une valeur', body: fieldValueChangeSchema },
  'POST /api/field-values/:id/merge': { summary: 'Fusionner deux valeurs' },
  'PATCH /api/fields/:id': {
    summary: 'Rendre un champ obligatoire à la clôture',
    body: fieldRequirementSchema,
  },
  // Directory
  'GET /api/organisations': {
    summary: 'Annuaire des organisations',
    query: organisationListQuerySchema,
  },
  'GET /api/organisations/options': { summary: 'Valeurs de l’annuaire' },
  'GET /api/organisations/:id': { summary: 'Une organisation' },
  'POST /api/organisations': { summary: 'Créer une organisation', body: organisationCreateSchema },
  'PATCH /api/organisations/:id': {
    summary: 'Modifier une organisation',
    body: organisationUpdateSchema,
  },
  'DELETE /api/organisations/:id': { summary: 'Supprimer une organisation' },
  'POST /api/organisations/:id/merge': {
    summary: 'Fusionner deux organisations',
    body: organisationMergeSchema,
  },
  'POST /api/organisations/import': {
    summary: 'Importer l’annuaire (CSV)',
    query: organisationImportQuerySchema,
  },
  // Reports
  'GET /api/reports': { summary: 'Rapport d’activité d’une période', query: reportQuerySchema },
  'GET /api/reports/export': {
    summary: 'Exporter le rapport (PDF, PPTX, XLSX, CSV, JSON)',
    query: reportExportQuerySchema,
    produces: 'application/octet-stream',
  },
  'GET /api/reports/tickets': {
    summary: 'Tickets derrière un chiffre du rapport',
    query: reportTicketsQuerySchema,
  },
  'POST /api/reports/publish': { summary: 'Publier le rapport d’une année' },
  'GET /api/reports/filters': { summary: 'Filtres du rapport' },
  'GET /api/reports/texts': { summary: 'Textes du rapport d’une année' },
  'PUT /api/reports/texts/:year/:section': {
    summary: 'Modifier un texte du rapport',
    body: reportTextUpdateSchema,
  },
  'GET /api/reports/settings': { summary: 'Réglages du rapport' },
  'PUT /api/reports/settings': { summary: 'Enregistrer les réglages du rapport' },
  // Response targets
  'GET /api/targets': { summary: 'Objectifs de réponse' },
  'POST /api/targets': { summary: 'Créer un objectif', body: createTargetSchema },
  'PUT /api/targets/:id': { summary: 'Modifier un objectif', body: updateTargetSchema },
  'DELETE /api/targets/:id': { summary: 'Supprimer un objectif' },
  // Help centre
  'GET /api/portal/articles': { summary: 'Articles du centre d’aide' },
  'POST /api/portal/articles': { summary: 'Créer un article', body: kbArticleInputSchema },
  'PUT /api/portal/articles/:id': { summary: 'Modifier un article', body: kbArticleInputSchema },
  'POST /api/portal/articles/:id/publish': { summary: 'Publier un article' },
  'POST /api/portal/articles/:id/unpublish': { summary: 'Dépublier un article' },
  'POST /api/portal/preview': { summary: 'Aperçu du Markdown' },
  'POST /api/portal/images': { summary: 'Envoyer une image', produces: 'application/json' },
  'GET /api/portal/sites': { summary: 'Sites départementaux' },
  'PUT /api/portal/sites/:dept': { summary: 'Modifier un site', body: siteInputSchema },
  'GET /api/portal/stats': { summary: 'Statistiques de déflexion', query: deflectionQuerySchema },
  'GET /api/portal/categories': { summary: 'Catégories' },
  'POST /api/portal/categories': { summary: 'Créer une catégorie', body: kbCategoryInputSchema },
  'POST /api/portal/categories/reorder': {
    summary: 'Ordonner les catégories',
    body: kbCategoryOrderSchema,
  },
  'PUT /api/portal/categories/:id': {
    summary: 'Modifier une catégorie',
    body: kbCategoryInputSchema,
  },
  'DELETE /api/portal/categories/:id': { summary: 'Supprimer une catégorie' },
  'GET /api/portal/natures': { summary: 'Natures de demande publiques' },
  'POST /api/portal/natures': { summary: 'Créer une nature', body: portalNatureCreateSchema },
  'POST /api/portal/natures/reorder': {
    summary: 'Ordonner les natures',
    body: portalNatureOrderSchema,
  },
  'PUT /api/portal/natures/:key': { summary: 'Modifier une nature', body: portalNatureInputSchema },
  // Users, security, audit
  'GET /api/users': { summary: 'Comptes' },
  'POST /api/users/invitations': { summary: 'Inviter une personne', body: inviteUserSchema },
  'POST /api/users/:id/invitation': { summary: 'Renvoyer une invitation' },
  'PATCH /api/users/:id': { summary: 'Modifier un compte', body: updateUserSchema },
  'POST /api/users/:id/disable': { summary: 'Désactiver un compte' },
  'POST /api/users/:id/enable': { summary: 'Réactiver un compte' },
  'PUT /api/users/:id/mailboxes': {
    summary: 'Boîtes visibles d’un compte',
    body: mailboxScopeRequestSchema,
  },
  'GET /api/settings/security': { summary: 'Politique de sécurité' },
  'PUT /api/settings/security': { summary: 'Modifier la politique de sécurité' },
  'GET /api/audit': { summary: 'Journal d’audit', query: auditQuerySchema },
  // Imports
  'POST /api/imports/helpscout': {
    summary: 'Importer un export Help Scout',
    query: importUploadQuerySchema,
  },
  'GET /api/imports': { summary: 'Imports' },
  'GET /api/imports/:id': { summary: 'Un import' },
  'GET /api/imports/:id/errors': { summary: 'Erreurs d’un import', produces: 'text/plain' },
  // Privacy
  'GET /api/privacy/retention': { summary: 'Durées de conservation' },
  'PUT /api/privacy/retention/:mailboxId': {
    summary: 'Modifier une durée de conservation',
    body: retentionPolicyUpdateSchema,
  },
  'POST /api/privacy/retention/preview': { summary: 'Aperçu de la purge' },
  'POST /api/privacy/retention/run': { summary: 'Lancer la purge' },
  'POST /api/privacy/people/search': { summary: 'Chercher une personne', body: personSearchSchema },
  'POST /api/privacy/people/export': {
    summary: 'Exporter les données d’une personne',
    body: personRequestSchema,
  },
  'POST /api/privacy/people/erase': {
    summary: 'Effacer les données d’une personne',
    body: personErasureSchema,
  },
  'GET /api/privacy/requests': { summary: 'Demandes d’exercice des droits' },
  'GET /api/privacy/attachments/flagged': { summary: 'Pièces jointes sensibles' },
  'POST /api/privacy/attachments/:id/purge': { summary: 'Purger une pièce jointe' },
  // This document
  'GET /api/openapi.json': { summary: 'Ce document (OpenAPI 3.1)' },
  // The features merged later, by area
  ...workflowRouteDocs,
  ...adminRouteDocs,
};
