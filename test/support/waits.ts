/**
 * Helpers of the snooze, follow-up and notification tests (issue 18 §2, §4):
 * a ticket from a customer with an address in a mailbox that can answer, a
 * customer's answer, two job runners on one database.
 */
import type { Kysely } from 'kysely';
import { expect } from 'vitest';
import type { DB } from '../../src/db/schema.ts';
import { appendCustomerMessage } from '../../src/domain/tickets/append-customer-message.ts';
import { openTicket } from '../../src/domain/tickets/open-ticket.ts';
import { createJobRunner, type JobRunner } from '../../src/jobs/runner/runner.ts';
import type { PollJob } from '../../src/jobs/runner/types.ts';
import { mailMailbox } from '../mail.ts';

let seq = 0;

/** A ticket of a customer with an address, in a mailbox with an address; its id. */
export async function customerTicket(db: Kysely<DB>, at: Date): Promise<number> {
  const { mailboxId } = await mailMailbox(db);
  seq += 1;
  const contact = await db
    .insertInto('contacts')
    .values({ email: `client-${seq}-${Date.now()}@example.org`, name: 'Camille Martin' })
    .returning('id')
    .executeTakeFirstOrThrow();
  return db.transaction().execute(async (trx) => {
    const created = await openTicket(
      trx,
      { mailboxId, subject: 'Attestation', contactId: contact.id, channel: 'email', at },
      { kind: 'customer', body_text: 'Bonjour', created_at: at },
    );
    return created.id;
  });
}

/** The customer answers the ticket (as a threaded mail does). */
export async function customerAnswers(db: Kysely<DB>, ticketId: number, at: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const ticket = await trx
      .selectFrom('tickets')
      .select(['id', 'mailbox_id', 'status'])
      .where('id', '=', ticketId)
      .executeTakeFirstOrThrow();
    await appendCustomerMessage(trx, {
      ticket: { id: ticket.id, mailboxId: ticket.mailbox_id, status: ticket.status },
      message: { kind: 'customer', body_text: 'Voici ma réponse', created_at: at },
      reopen: true,
      wake: true,
    });
  });
}

/**
 * Two runners ("instances") each running its own copy of a poll job; `passes(n)`
 * waits until both have made `n` more passes. Stop them with `stop()`.
 */
export function twoInstances(db: Kysely<DB>, jobOf: (onPass: () => void) => PollJob) {
  const counts = [0, 0];
  const runners: JobRunner[] = [0, 1].map((i) =>
    createJobRunner({
      db,
      owner: `instance-${i}-${Date.now()}`,
      lookMs: 20,
      jobs: [
        jobOf(() => {
          counts[i] = (counts[i] ?? 0) + 1;
        }),
      ],
    }),
  );
  for (const runner of runners) runner.start();
  return {
    async passes(n: number) {
      const from = [...counts];
      await expect
        .poll(
          () => Math.min((counts[0] ?? 0) - (from[0] ?? 0), (counts[1] ?? 0) - (from[1] ?? 0)),
          { timeout: 30_000, interval: 20 },
        )
        .toBeGreaterThanOrEqual(n);
    },
    stop: () => Promise.all(runners.map((r) => r.stop())),
  };
}
