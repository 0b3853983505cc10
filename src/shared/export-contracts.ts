/**
 * Exports of tickets (issue 21 §6): the inbox's filter (the same parameters as
 * GET /api/inbox, without the page's cursor and size), a format and the
 * columns, in the order given. `fields` stands for the classification: one
 * column per field of the exported mailboxes.
 */
import { z } from 'zod';
import { inboxQuerySchema } from './workspace-contracts.ts';

export const exportFormats = ['csv', 'xlsx'] as const;
export type ExportFormat = (typeof exportFormats)[number];

export const exportColumns = [
  'number',
  'subject',
  'status',
  'mailbox',
  'createdAt',
  'lastMessageAt',
  'contactName',
  'contactEmail',
  'organisation',
  'assignee',
  'tags',
  'dueAt',
  'fields',
] as const;
export type ExportColumn = (typeof exportColumns)[number];

export const defaultExportColumns: ExportColumn[] = [
  'number',
  'subject',
  'status',
  'mailbox',
  'createdAt',
  'contactEmail',
  'organisation',
  'assignee',
  'fields',
];

export const ticketExportQuerySchema = inboxQuerySchema
  .omit({ cursor: true, limit: true })
  .extend({
    format: z.enum(exportFormats).default('csv'),
    columns: z
      .union([
        z.enum(exportColumns),
        z.array(z.enum(exportColumns)).min(1).max(exportColumns.length),
      ])
      .transform((v) => [...new Set(Array.isArray(v) ? v : [v])])
      .optional(),
  })
  .strict();
export type TicketExportQuery = z.infer<typeof ticketExportQuerySchema>;
