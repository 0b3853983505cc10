/**
 * Guichet links new tickets to the ongoing incidents as they arrive (issue 20 §2):
 * a poll job of the runner reads the ticket events after its stored cursor
 * (job_state `incidents.autolink`, migration 0066); a ticket opened, or classified
 * since, that matches an ongoing incident (suggest-tickets.ts's test) is linked,
 * by the system. The job_state row is locked for the pass: two instances take
 * turns, and a ticket is linked once (the link's key).
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { PollJob } from '../../jobs/runner/types.ts';
import { readTicketEvents } from '../tickets/events/read-events.ts';
import { linkTicketsToIncident } from '../tickets/incident-links.ts';
import { leadMs, matchesIncident } from './suggest-tickets.ts';

const settingKey = 'incidents.autolink';
const watched = new Set(['ticket.opened', 'ticket.field_changed']);

/** One pass; true when more events wait. */
export async function autolinkIncidents(db: Kysely<DB>, limit = 500): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const state = await trx
      .selectFrom('job_state')
      .select('value')
      .where('key', '=', settingKey)
      .forUpdate()
      .executeTakeFirst();
    const cursor = Number((state?.value as { cursor?: number } | undefined)?.cursor ?? 0);
    const events = await readTicketEvents(trx, { afterId: cursor, limit });
    const last = events.at(-1);
    if (!last) return false;
    const ticketIds = [
      ...new Set(events.filter((e) => watched.has(e.type)).map((e) => e.ticketId)),
    ];
    if (ticketIds.length > 0) {
      const incidents = await trx
        .selectFrom('incidents')
        .select(['id', 'title', 'module_value_id', 'started_at'])
        .where('resolved_at', 'is', null)
        .execute();
      for (const incident of incidents) {
        const matching = await trx
          .selectFrom('tickets')
          .select('tickets.id')
          .where('tickets.id', 'in', ticketIds)
          .where('tickets.created_at', '>=', new Date(incident.started_at.getTime() - leadMs))
          .where('tickets.deleted_at', 'is', null)
          .where('tickets.merged_into_id', 'is', null)
          .where('tickets.status', '<>', 'spam')
          .where(matchesIncident(incident))
          .execute();
        await linkTicketsToIncident(
          trx,
          incident.id,
          matching.map((t) => t.id),
          { kind: 'system' },
        );
      }
    }
    await trx
      .insertInto('job_state')
      .values({ key: settingKey, value: JSON.stringify({ cursor: last.id }) })
      .onConflict((oc) =>
        oc.column('key').doUpdateSet({
          value: JSON.stringify({ cursor: last.id }),
          updated_at: new Date(),
        }),
      )
      .execute();
    return events.length === limit;
  });
}

export function incidentAutolinkJob(db: Kysely<DB>): PollJob {
  return {
    kind: 'poll',
    name: 'incident-autolink',
    everyMs: 5_000,
    run: () => autolinkIncidents(db),
  };
}
