/**
 * The route docs (route-docs.ts) of the ticket workflows merged later: demand
 * numbers, known incidents, the composer and new conversations, macros,
 * notifications, snoozing and follow-ups.
 */

import { macroApplySchema, macroInputSchema } from '../../shared/automation-contracts.ts';
import {
  composerAddressQuerySchema,
  conversationRequestSchema,
  draftSchema,
  forwardRequestSchema,
  moveMailboxSchema,
  uploadQuerySchema,
} from '../../shared/composer-contracts.ts';
import { demandNumberInputSchema } from '../../shared/demand-number-contracts.ts';
import {
  incidentInputSchema,
  incidentLinkSchema,
  incidentMessageSchema,
} from '../../shared/incident-contracts.ts';
import {
  followUpSchema,
  markReadSchema,
  notificationListQuery,
  notificationPreferencesSchema,
  snoozeSchema,
} from '../../shared/notification-contracts.ts';
import type { RouteDoc } from './route-doc.ts';

export const workflowRouteDocs: Record<string, RouteDoc> = {
  // Demand numbers (numéros uniques)
  'GET /api/tickets/:id/demand-numbers': {
    summary: 'Numéros uniques d’un ticket et tickets de la même demande',
  },
  'POST /api/tickets/:id/demand-numbers': {
    summary: 'Ajouter un numéro unique',
    body: demandNumberInputSchema,
    examples: { body: { numero: '075 1234 5678 9012 34' } },
  },
  'DELETE /api/tickets/:id/demand-numbers/:numero': { summary: 'Retirer un numéro unique' },
  // Known incidents
  'GET /api/incidents': { summary: 'Incidents connus' },
  'GET /api/incidents/ongoing': { summary: 'Incidents en cours' },
  'POST /api/incidents': {
    summary: 'Déclarer un incident',
    body: incidentInputSchema,
    examples: {
      body: {
        title: 'Messagerie indisponible',
        moduleValueId: null,
        publicText: 'La messagerie est indisponible depuis ce matin.',
        startedAt: '2026-12-06T08:30:00+01:00',
      },
    },
  },
  'GET /api/incidents/:id': { summary: 'Un incident et ses tickets liés' },
  'PUT /api/incidents/:id': { summary: 'Modifier un incident', body: incidentInputSchema },
  'GET /api/incidents/:id/suggestions': { summary: 'Tickets qui semblent liés à l’incident' },
  'POST /api/incidents/:id/tickets': {
    summary: 'Lier des tickets à l’incident',
    body: incidentLinkSchema,
    examples: { body: { ticketIds: [1042, 1043] } },
  },
  'DELETE /api/incidents/:id/tickets/:ticketId': { summary: 'Délier un ticket de l’incident' },
  'POST /api/incidents/:id/answer': {
    summary: 'Répondre à tous les tickets liés',
    body: incidentMessageSchema,
    examples: { body: { body: 'Le problème est connu, nous y travaillons.' } },
  },
  'POST /api/incidents/:id/resolve': {
    summary: 'Résoudre l’incident (et répondre aux tickets liés)',
    body: incidentMessageSchema,
  },
  // Composer and conversations
  'GET /api/tickets/:id/composer': { summary: 'État du compositeur : brouillon, pièces, adresses' },
  'PUT /api/tickets/:id/draft': {
    summary: 'Enregistrer le brouillon',
    body: draftSchema,
    examples: {
      body: { mode: 'reply', bodyHtml: '<p>Bonjour,</p>', cc: [], bcc: [], attachmentIds: [] },
    },
  },
  'DELETE /api/tickets/:id/draft': { summary: 'Abandonner le brouillon' },
  'POST /api/tickets/:id/uploads': {
    summary: 'Joindre un fichier (le corps est le fichier)',
    query: uploadQuerySchema,
    examples: { query: { name: 'attestation.pdf', pasted: '0' } },
  },
  'DELETE /api/tickets/:id/uploads/:uploadId': { summary: 'Retirer un fichier joint' },
  'POST /api/tickets/:id/replies/:messageId/withdraw': {
    summary: 'Annuler l’envoi d’une réponse (pendant le délai d’annulation)',
  },
  'GET /api/composer/addresses': {
    summary: 'Adresses connues (suggestions)',
    query: composerAddressQuerySchema,
    examples: { query: { q: 'marie' } },
  },
  'POST /api/conversations': {
    summary: 'Écrire en premier (ouvre un ticket)',
    body: conversationRequestSchema,
    examples: {
      body: {
        mailboxId: '0b6f3c1e-8d2a-4f5b-9c7e-1a2b3c4d5e6f',
        to: 'contact@example.org',
        subject: 'Votre demande de subvention',
        bodyHtml: '<p>Bonjour,</p>',
      },
    },
  },
  'POST /api/tickets/:id/forward': {
    summary: 'Transférer le ticket ou un message',
    body: forwardRequestSchema,
    examples: { body: { to: ['service@example.org'], bodyHtml: '<p>Pour information.</p>' } },
  },
  'POST /api/tickets/:id/mailbox': {
    summary: 'Déplacer le ticket dans une autre boîte',
    body: moveMailboxSchema,
  },
  // Macros
  'GET /api/macros': { summary: 'Macros et ce qu’elles peuvent nommer' },
  'POST /api/macros': {
    summary: 'Créer une macro',
    body: macroInputSchema,
    examples: {
      body: {
        name: 'Mettre en attente',
        mailboxId: null,
        personal: true,
        actions: [{ kind: 'status', status: 'pending' }, { kind: 'assignSelf' }],
      },
    },
  },
  'PUT /api/macros/:id': { summary: 'Modifier une macro', body: macroInputSchema },
  'DELETE /api/macros/:id': { summary: 'Supprimer une macro' },
  'POST /api/macros/:id/apply': {
    summary: 'Appliquer une macro à des tickets',
    body: macroApplySchema,
    examples: { body: { ticketIds: [1042] } },
  },
  // Notifications, snoozing, follow-ups
  'GET /api/me/notifications': {
    summary: 'Mes notifications',
    query: notificationListQuery,
    examples: { query: { limit: 30 } },
  },
  'POST /api/me/notifications/read': {
    summary: 'Marquer des notifications comme lues',
    body: markReadSchema,
    examples: { body: { all: true } },
  },
  'GET /api/me/notification-preferences': { summary: 'Mes préférences de notification' },
  'PUT /api/me/notification-preferences': {
    summary: 'Modifier mes préférences de notification',
    body: notificationPreferencesSchema,
    examples: {
      body: {
        appKinds: ['new_ticket', 'assigned', 'mention'],
        mailKinds: ['mention'],
        mailMode: 'digest',
        digestMinutes: 60,
        desktop: true,
      },
    },
  },
  'POST /api/tickets/:id/snooze': {
    summary: 'Mettre un ticket en sommeil jusqu’à une date',
    body: snoozeSchema,
    examples: { body: { until: '2027-01-04T08:00:00+01:00' } },
  },
  'POST /api/tickets/:id/follow-up': {
    summary: 'Programmer une relance ou une clôture sans réponse',
    body: followUpSchema,
    examples: { body: { followUp: { days: 7, action: 'close', savedReplyId: null } } },
  },
};
