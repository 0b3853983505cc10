/**
 * Known incidents (issue 20 §2): declared by supervisors, edited while they
 * last, listed with their linked tickets. Answering and resolving are in
 * answer-incident.ts; suggestions in suggest-tickets.ts; Guichet's own linking in
 * autolink.ts.
 */
import type { Kysely, Selectable } from 'kysely';
import type { DB, IncidentsTable } from '../../db/schema.ts';
import { AppError } from '../../errors/app-error.ts';
import { recordAudit } from '../audit/record-audit.ts';

export type Incident = Selectable<IncidentsTable> & {
  module_label: string | null;
  linked: number;
  answered: number;
};

export type IncidentInput = {
  title: string;
  moduleValueId: string | null;
  publicText: string;
  startedAt: Date;
};

async function assertModuleValue(db: Kysely<DB>, valueId: string | null): Promise<void> {
  if (valueId === null) return;
  const value = await db
    .selectFrom('field_values')
    .select('id')
    .where('id', '=', valueId)
    .executeTakeFirst();
  if (!value) throw new AppError('invalid_input', 'Ce module n’existe pas.');
}

export async function declareIncident(
  db: Kysely<DB>,
  input: IncidentInput,
  userId: string,
): Promise<string> {
  await assertModuleValue(db, input.moduleValueId);
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('incidents')
      .values({
        title: input.title,
        module_value_id: input.moduleValueId,
        public_text: input.publicText,
        started_at: input.startedAt,
        created_by: userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      action: 'incident.declared',
      actorUserId: userId,
      targetType: 'incident',
      targetId: row.id,
    });
    return row.id;
  });
}

export async function updateIncident(
  db: Kysely<DB>,
  id: string,
  input: IncidentInput,
  userId: string,
): Promise<void> {
  await assertModuleValue(db, input.moduleValueId);
  const updated = await db
    .updateTable('incidents')
    .set({
      title: input.title,
      module_value_id: input.moduleValueId,
      public_text: input.publicText,
      started_at: input.startedAt,
      updated_at: new Date(),
    })
    .where('id', '=', id)
    .where('resolved_at', 'is', null)
    .returning('id')
    .executeTakeFirst();
  if (!updated) throw new AppError('not_found', 'Aucun incident en cours de ce numéro.');
  await recordAudit(db, {
    action: 'incident.updated',
    actorUserId: userId,
    targetType: 'incident',
    targetId: id,
  });
}

function incidentsQuery(db: Kysely<DB>) {
  return db
    .selectFrom('incidents')
    .leftJoin('field_values', 'field_values.id', 'incidents.module_value_id')
    .selectAll('incidents')
    .select('field_values.label as module_label')
    .select((eb) => [
      eb
        .selectFrom('incident_tickets')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('incident_tickets.incident_id', '=', 'incidents.id')
        .as('linked'),
      eb
        .selectFrom('incident_tickets')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('incident_tickets.incident_id', '=', 'incidents.id')
        .where('incident_tickets.answered_at', 'is not', null)
        .as('answered'),
    ]);
}

const withCounts = (
  row: Omit<Incident, 'linked' | 'answered'> & { linked: unknown; answered: unknown },
) => ({ ...row, linked: Number(row.linked ?? 0), answered: Number(row.answered ?? 0) }) as Incident;

/** Every incident, the ongoing first, then the newest. */
export async function listIncidents(db: Kysely<DB>, limit = 200): Promise<Incident[]> {
  const rows = await incidentsQuery(db)
    .orderBy((eb) => eb.case().when('incidents.resolved_at', 'is', null).then(0).else(1).end())
    .orderBy('incidents.started_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map(withCounts);
}

export async function getIncident(db: Kysely<DB>, id: string): Promise<Incident> {
  const row = await incidentsQuery(db).where('incidents.id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('not_found', 'Aucun incident de ce numéro.');
  return withCounts(row);
}

/** The ongoing incidents as the public reads them (banners, /statut). */
export async function ongoingIncidents(
  db: Kysely<DB>,
): Promise<{ id: string; title: string; publicText: string; startedAt: Date }[]> {
  const rows = await db
    .selectFrom('incidents')
    .select(['id', 'title', 'public_text', 'started_at'])
    .where('resolved_at', 'is', null)
    .orderBy('started_at', 'desc')
    .limit(10)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    publicText: r.public_text,
    startedAt: r.started_at,
  }));
}

/** The linked tickets of an incident, newest first. */
export async function incidentTickets(db: Kysely<DB>, id: string, limit = 500) {
  return db
    .selectFrom('incident_tickets')
    .innerJoin('tickets', 'tickets.id', 'incident_tickets.ticket_id')
    .innerJoin('mailboxes', 'mailboxes.id', 'tickets.mailbox_id')
    .select([
      'tickets.id',
      'tickets.number',
      'tickets.subject',
      'tickets.status',
      'tickets.mailbox_id',
      'mailboxes.name as mailbox_name',
      'incident_tickets.linked_by',
      'incident_tickets.linked_at',
      'incident_tickets.answered_at',
    ])
    .where('incident_tickets.incident_id', '=', id)
    .where('tickets.deleted_at', 'is', null)
    .orderBy('tickets.created_at', 'desc')
    .limit(limit)
    .execute();
}

/** The values an incident may name as its module (the "module" fields' live values). */
export function moduleValues(db: Kysely<DB>): Promise<{ id: string; label: string }[]> {
  return db
    .selectFrom('field_values')
    .innerJoin('fields', 'fields.id', 'field_values.field_id')
    .select(['field_values.id', 'field_values.label'])
    .where('fields.key', '=', 'module')
    .where('field_values.archived_at', 'is', null)
    .where('field_values.merged_into_id', 'is', null)
    .orderBy('field_values.label')
    .execute();
}

/** The latest incidents as the public status page shows them, newest first. */
export async function publicIncidents(db: Kysely<DB>, limit = 30) {
  const rows = await db
    .selectFrom('incidents')
    .leftJoin('field_values', 'field_values.id', 'incidents.module_value_id')
    .select([
      'incidents.title',
      'incidents.public_text',
      'incidents.started_at',
      'incidents.resolved_at',
      'field_values.label as module_label',
    ])
    .orderBy('incidents.started_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    title: r.title,
    publicText: r.public_text,
    startedAt: r.started_at,
    resolvedAt: r.resolved_at,
    moduleLabel: r.module_label,
  }));
}
