/**
 * One answer for every ticket of an incident (issue 20 §2), and its end: each
 * linked ticket gets its own reply through reply-to-ticket.ts — its own thread,
 * Message-ID and rating link, as if the agent had answered it alone. A ticket is
 * claimed (`answered_at`, `final_sent_at`) before its reply is written, so two
 * supervisors pressing at once, or one pressing twice, never answer it twice; a
 * reply that cannot be written (no address left) frees its claim and is counted.
 */
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../errors/app-error.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { MailSigner } from '../signing/mail-signer.ts';
import { replyToTicket } from '../tickets/reply-to-ticket.ts';

export type AnswerOutcome = { sent: number; failed: number };

type Claim = 'answered_at' | 'final_sent_at';

async function answerEach(
  db: Kysely<DB>,
  signer: MailSigner,
  incidentId: string,
  claim: Claim,
  reply: { body: string; userId: string; status: 'pending' | 'closed' },
): Promise<AnswerOutcome> {
  const waiting = await db
    .selectFrom('incident_tickets')
    .innerJoin('tickets', 'tickets.id', 'incident_tickets.ticket_id')
    .select('incident_tickets.ticket_id')
    .where('incident_tickets.incident_id', '=', incidentId)
    .where(`incident_tickets.${claim}`, 'is', null)
    .where('tickets.deleted_at', 'is', null)
    .where('tickets.merged_into_id', 'is', null)
    .orderBy('incident_tickets.ticket_id')
    .execute();
  const outcome: AnswerOutcome = { sent: 0, failed: 0 };
  for (const { ticket_id: ticketId } of waiting) {
    const claimed = await db
      .updateTable('incident_tickets')
      .set({ [claim]: new Date() })
      .where('incident_id', '=', incidentId)
      .where('ticket_id', '=', ticketId)
      .where(claim, 'is', null)
      .returning('ticket_id')
      .executeTakeFirst();
    if (!claimed) continue;
    try {
      await replyToTicket(db, signer, {
        ticketId,
        authorUserId: reply.userId,
        body: reply.body,
        status: reply.status,
      });
      outcome.sent += 1;
    } catch {
      await db
        .updateTable('incident_tickets')
        .set({ [claim]: null })
        .where('incident_id', '=', incidentId)
        .where('ticket_id', '=', ticketId)
        .execute();
      outcome.failed += 1;
    }
  }
  return outcome;
}

/** Sends `body` to every linked ticket not answered yet (they wait for the customer). */
export async function answerIncident(
  db: Kysely<DB>,
  signer: MailSigner,
  input: { incidentId: string; body: string; userId: string },
): Promise<AnswerOutcome> {
  const incident = await db
    .selectFrom('incidents')
    .select('id')
    .where('id', '=', input.incidentId)
    .executeTakeFirst();
  if (!incident) throw new AppError('not_found', 'Aucun incident de ce numéro.');
  const outcome = await answerEach(db, signer, input.incidentId, 'answered_at', {
    body: input.body,
    userId: input.userId,
    status: 'pending',
  });
  await recordAudit(db, {
    action: 'incident.answered',
    actorUserId: input.userId,
    targetType: 'incident',
    targetId: input.incidentId,
    details: outcome,
  });
  return outcome;
}

/** Ends the incident: its final message to every linked ticket, which is closed. */
export async function resolveIncident(
  db: Kysely<DB>,
  signer: MailSigner,
  input: { incidentId: string; body: string; userId: string; now?: Date },
): Promise<AnswerOutcome> {
  const now = input.now ?? new Date();
  const resolved = await db
    .updateTable('incidents')
    .set({
      // an incident declared to start later than now ends when it starts
      resolved_at: sql<Date>`coalesce(resolved_at, greatest(${now}::timestamptz, started_at))`,
      final_text: input.body,
      updated_at: now,
    })
    .where('id', '=', input.incidentId)
    .returning('id')
    .executeTakeFirst();
  if (!resolved) throw new AppError('not_found', 'Aucun incident de ce numéro.');
  const outcome = await answerEach(db, signer, input.incidentId, 'final_sent_at', {
    body: input.body,
    userId: input.userId,
    status: 'closed',
  });
  await recordAudit(db, {
    action: 'incident.resolved',
    actorUserId: input.userId,
    targetType: 'incident',
    targetId: input.incidentId,
    details: outcome,
  });
  return outcome;
}
