/**
 * The route docs (route-docs.ts) of the administration and reading areas
 * merged later: single sign-on, the partner view, the agents' report and the
 * dashboard, automation rules, webhooks.
 */
import {
  ruleInputSchema,
  ruleOrderSchema,
  rulePreviewSchema,
  ruleSwitchSchema,
} from '../../shared/automation-contracts.ts';
import { reportQuerySchema } from '../../shared/contracts.ts';
import { dashboardQuerySchema } from '../../shared/dashboard-contracts.ts';
import { partnerReplySchema } from '../../shared/partner-contracts.ts';
import { ssoProviderInputSchema } from '../../shared/sso-contracts.ts';
import { webhookChangeSchema, webhookInputSchema } from '../../shared/webhook-contracts.ts';
import type { RouteDoc } from './route-doc.ts';

const ruleExample = {
  name: 'Relancer après deux jours',
  enabled: true,
  trigger: { type: 'waiting', hours: 48 },
  conditions: [],
  actions: [{ kind: 'tag', tag: 'en retard' }],
  stop: false,
};

export const adminRouteDocs: Record<string, RouteDoc> = {
  // Single sign-on
  'GET /api/auth/sso/options': { summary: 'Fournisseurs d’identité proposés à la connexion' },
  'GET /api/admin/sso/providers': { summary: 'Fournisseurs d’identité (SSO)' },
  'POST /api/admin/sso/providers': {
    summary: 'Ajouter un fournisseur d’identité',
    body: ssoProviderInputSchema,
    examples: {
      body: {
        slug: 'proconnect',
        label: 'ProConnect',
        issuer: 'https://auth.example.org/api/v2',
        clientId: 'guichet',
        clientSecret: 'un secret',
        scopes: 'openid email given_name usual_name',
        defaultRole: 'agent',
        allowedDomains: ['example.org'],
        verifiesEmail: true,
        passwordOffDomains: [],
        enabled: true,
      },
    },
  },
  'PUT /api/admin/sso/providers/:id': {
    summary: 'Modifier un fournisseur d’identité',
    body: ssoProviderInputSchema,
  },
  'DELETE /api/admin/sso/providers/:id': { summary: 'Supprimer un fournisseur d’identité' },
  // Partner view
  'GET /api/partner/tickets': { summary: 'Tickets de mon organisation (partenaire)' },
  'GET /api/partner/tickets/:number': { summary: 'Un ticket de mon organisation (partenaire)' },
  'POST /api/partner/tickets/:number/replies': {
    summary: 'Répondre à un ticket de mon organisation',
    body: partnerReplySchema,
    examples: { body: { text: 'Le dossier est complet de notre côté.' } },
  },
  // Reading: agents' report, dashboard
  'GET /api/reports/agents': {
    summary: 'Activité par agent sur une période',
    query: reportQuerySchema,
  },
  'GET /api/dashboard': {
    summary: 'Le tableau de bord du jour',
    query: dashboardQuerySchema,
    examples: { query: { clock: 'business' } },
  },
  // Automation rules
  'GET /api/rules': { summary: 'Règles d’automatisation et ce qu’elles peuvent nommer' },
  'POST /api/rules': {
    summary: 'Créer une règle',
    body: ruleInputSchema,
    examples: { body: ruleExample },
  },
  'PUT /api/rules/order': {
    summary: 'Ordonner les règles',
    body: ruleOrderSchema,
    examples: { body: { ids: ['0b6f3c1e-8d2a-4f5b-9c7e-1a2b3c4d5e6f'] } },
  },
  'POST /api/rules/preview': {
    summary: 'Essayer une règle sur les 30 derniers jours',
    body: rulePreviewSchema,
    examples: { body: { rule: ruleExample } },
  },
  'PUT /api/rules/:id': { summary: 'Modifier une règle', body: ruleInputSchema },
  'PATCH /api/rules/:id': {
    summary: 'Activer ou désactiver une règle',
    body: ruleSwitchSchema,
    examples: { body: { enabled: false } },
  },
  'DELETE /api/rules/:id': { summary: 'Supprimer une règle' },
  // Webhooks
  'GET /api/webhooks': { summary: 'Webhooks' },
  'POST /api/webhooks': {
    summary: 'Créer un webhook',
    body: webhookInputSchema,
    examples: {
      body: {
        name: 'Suivi des demandes',
        url: 'https://hooks.example.org/guichet',
        eventTypes: ['ticket.opened'],
      },
    },
  },
  'PATCH /api/webhooks/:id': {
    summary: 'Modifier, activer ou désactiver un webhook',
    body: webhookChangeSchema,
    examples: { body: { enabled: true } },
  },
  'DELETE /api/webhooks/:id': { summary: 'Supprimer un webhook' },
  'POST /api/webhooks/:id/test': { summary: 'Envoyer un message d’essai' },
  'GET /api/webhooks/:id/log': { summary: 'Journal des envois d’un webhook' },
};
