/**
 * What the agent's ticket writes answer (POST /api/tickets/:id/replies, /notes,
 * /calls, POST /api/calls) and a merge of two field values (POST
 * /api/field-values/:id/merge); made by src/presenters/ticket-writes.ts.
 */

/** A reply is stored and waits in the outbox. */
export type ReplyQueuedDto = { messageId: number; status: 'queued' };

/** A note or a logged call: the message written. */
export type MessageWrittenDto = { messageId: number };

/** A ticket opened from a phone call. */
export type CallTicketDto = { ticketId: number; number: number; messageId: number };

/** `merged` now counts under `into`. */
export type FieldValueMergeDto = { merged: string; into: string };
