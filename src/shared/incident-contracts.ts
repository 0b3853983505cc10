/**
 * Known incidents over the API (issue 20 §2): /api/incidents (list, declare),
 * /api/incidents/:id (read, edit), …/suggestions, …/tickets (link, unlink),
 * …/answer, …/resolve; the public page /statut.
 */
import { z } from 'zod';

export const incidentInputSchema = z
  .object({
    title: z.string().trim().min(1).max(200),
    moduleValueId: z.uuid().nullable(),
    publicText: z.string().trim().max(5000),
    startedAt: z.iso.datetime({ offset: true }),
  })
  .strict();
export type IncidentInputDto = z.infer<typeof incidentInputSchema>;

export const incidentLinkSchema = z
  .object({ ticketIds: z.array(z.number().int().positive()).min(1).max(1000) })
  .strict();

export const incidentMessageSchema = z
  .object({ body: z.string().trim().min(1).max(20_000) })
  .strict();

export type IncidentDto = {
  id: string;
  title: string;
  moduleValueId: string | null;
  moduleLabel: string | null;
  publicText: string;
  finalText: string | null;
  startedAt: string;
  resolvedAt: string | null;
  linked: number;
  answered: number;
};

export type IncidentTicketDto = {
  id: number;
  number: number;
  subject: string;
  status: 'active' | 'pending' | 'closed' | 'spam';
  mailboxName: string;
  linkedByGuichet: boolean;
  answered: boolean;
};

export type IncidentDetailDto = { incident: IncidentDto; tickets: IncidentTicketDto[] };

export type IncidentSuggestionDto = {
  id: number;
  number: number;
  subject: string;
  status: 'active' | 'pending' | 'closed' | 'spam';
  mailboxName: string;
  createdAt: string;
  sameModule: boolean;
};

export type IncidentAnswerDto = { sent: number; failed: number };

/** What the agent app's banner shows while incidents last. */
export type OngoingIncidentDto = { id: string; title: string; startedAt: string };
