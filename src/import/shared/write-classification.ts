/**
 * Field values, tags and import records of a batch (see write-batch.ts).
 */
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { json } from './json-rows.ts';
import type { BatchEntry } from './run-model.ts';

/** Sets the tickets' field values and adds their tags. */
export async function writeClassification(
  db: Kysely<DB>,
  entries: BatchEntry[],
  ticketIds: Map<BatchEntry, number>,
): Promise<void> {
  const values = [];
  const tags: { ticket_id: number; name: string }[] = [];
  for (const entry of entries) {
    const ticketId = ticketIds.get(entry);
    if (ticketId === undefined) continue;
    for (const v of entry.ticket.fieldValues) {
      values.push({ ticket_id: ticketId, field_id: v.fieldId, value_id: v.valueId });
    }
    for (const name of entry.ticket.tags)
      tags.push({ ticket_id: ticketId, name: name.slice(0, 100) });
  }
  if (values.length > 0) {
    await sql`
      insert into ticket_field_values as v (ticket_id, field_id, value_id)
      select x.ticket_id, x.field_id, x.value_id
      from json_to_recordset(${json(values)}::json) as x(ticket_id bigint, field_id uuid, value_id uuid)
      on conflict (ticket_id, field_id) do update set value_id = excluded.value_id, set_at = now()
      where v.value_id <> excluded.value_id`.execute(db);
  }
  if (tags.length > 0) {
    const data = json(tags);
    await sql`
      insert into tags (name)
      select distinct on (lower(x.name)) x.name
      from json_to_recordset(${data}::json) as x(ticket_id bigint, name text)
      on conflict (lower(name)) do nothing`.execute(db);
    // Tags are added, never removed: one an agent added in Guichet must survive a re-import.
    await sql`
      insert into ticket_tags (ticket_id, tag_id)
      select distinct x.ticket_id, t.id
      from json_to_recordset(${data}::json) as x(ticket_id bigint, name text)
      join tags t on lower(t.name) = lower(x.name)
      on conflict do nothing`.execute(db);
  }
}

/** Remembers each record's ticket, content hash and where it was read. */
export async function writeRecords(
  db: Kysely<DB>,
  runId: string,
  entries: BatchEntry[],
  ticketIds: Map<BatchEntry, number>,
): Promise<void> {
  const rows = entries.flatMap((entry) => {
    const ticketId = ticketIds.get(entry);
    if (ticketId === undefined) return [];
    return [
      {
        source: entry.ticket.source,
        source_id: entry.ticket.sourceId,
        ticket_id: ticketId,
        content_hash: entry.hash,
        file: entry.location.file,
        line: entry.location.line,
        extra: entry.ticket.extra,
      },
    ];
  });
  if (rows.length === 0) return;
  await sql`
    insert into import_records as r (source, source_id, ticket_id, content_hash, run_id, file, line, extra)
    select x.source, x.source_id, x.ticket_id, x.content_hash, ${runId}::uuid, x.file, x.line, x.extra
    from json_to_recordset(${json(rows)}::json) as x(source text, source_id text, ticket_id bigint,
      content_hash text, file text, line int, extra jsonb)
    on conflict (source, source_id) do update set ticket_id = excluded.ticket_id,
      content_hash = excluded.content_hash, run_id = excluded.run_id, file = excluded.file,
      line = excluded.line, extra = excluded.extra, updated_at = now()`.execute(db);
}
