/**
 * The numéros uniques of a ticket over the API (issue 20 §3):
 * GET/POST /api/tickets/:id/demand-numbers, DELETE …/:numero.
 */
import { z } from 'zod';

/** An agent adds a number as written (spaces, hyphens, dots accepted); the server checks its structure. */
export const demandNumberInputSchema = z
  .object({ numero: z.string().trim().min(1).max(64) })
  .strict();
export type DemandNumberInput = z.infer<typeof demandNumberInputSchema>;

export type DemandNumbersDto = {
  /** 18 characters, canonical (capitals, no separators); `agent` when added by hand. */
  numbers: { numero: string; source: 'text' | 'agent' }[];
  /** The other tickets about these demands, newest first, among the mailboxes the reader sees. */
  sameDemand: {
    id: number;
    number: number;
    subject: string;
    status: 'active' | 'pending' | 'closed' | 'spam';
    mailboxName: string;
    createdAt: string;
    numero: string;
  }[];
};
