/**
 * Retention scenario (issue 16 §15): `runRetention` over BENCH_RETENTION_TICKETS
 * expired tickets (default 40,000, the size the review measured) among as many
 * recent ones, each with a customer message from its own contact (raw mail
 * hash), a reply, a note, one attachment in ten, a rating in five, an outbox row
 * per reply. Prints tickets per second (target ≥ 1,000/s on the PostgreSQL server)
 * and checks that the activity report's facts are unchanged.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import type { Database } from '../src/db/client.ts';
import { migrate } from '../src/db/migrate.ts';
import { applyDefaultConfiguration } from '../src/domain/configuration/apply-default-config.ts';
import { runRetention } from '../src/domain/privacy/run-retention.ts';
import { createBlobStore } from '../src/storage/blob-store.ts';

type Print = (label: string, value: string) => void;

/** Writes `expired` closed tickets from 2015 and as many recent ones, in a few set statements. */
async function seed(database: Database, expired: number): Promise<void> {
  const { db } = database;
  await sql`
    insert into contacts (id, email, name)
    select gen_random_uuid(), 'person' || g || '@example.org', 'Person ' || g
    from generate_series(1, ${2 * expired}) g`.execute(db);
  await sql`
    with mb as (select id from mailboxes order by slug limit 1),
    c as (select id, row_number() over (order by email) n from contacts where email like 'person%')
    insert into tickets (mailbox_id, status, subject, contact_id, channel, created_at, closed_at,
      last_message_at, first_response_at, first_response_seconds, first_response_business_seconds)
    select mb.id, 'closed', 'Demande ' || c.n, c.id, 'email',
      t0, t0 + interval '2 hours', t0 + interval '2 hours', t0 + interval '1 hour', 3600, 3600
    from mb, c,
      lateral (select case when c.n <= ${expired} then timestamptz '2015-03-02 10:00+01'
                      else now() - interval '10 days' end + (c.n % 1000) * interval '1 minute' t0) s`.execute(
    db,
  );
  await sql`
    insert into messages (ticket_id, mailbox_id, kind, author_contact_id, from_address, to_addresses,
      subject, body_text, message_id, created_at, raw_sha256)
    select t.id, t.mailbox_id, 'customer', t.contact_id, 'person@example.org', '{support@example.org}',
      t.subject, 'Bonjour, mon numéro est 123. Merci.', '<m' || t.id || '@client.example.org>',
      t.created_at, encode(sha256(('raw' || t.id)::bytea), 'hex')
    from tickets t`.execute(db);
  await sql`
    insert into messages (ticket_id, mailbox_id, kind, subject, body_text, to_addresses, created_at)
    select t.id, t.mailbox_id, k, 'Re: ' || t.subject, 'Réponse ' || k, '{person@example.org}',
      t.created_at + interval '1 hour'
    from tickets t, unnest(array['reply', 'note']) k`.execute(db);
  await sql`
    insert into attachments (ticket_id, message_id, filename, content_type, size_bytes, sha256)
    select m.ticket_id, m.id, 'piece.pdf', 'application/pdf', 1000,
      encode(sha256(('att' || m.ticket_id)::bytea), 'hex')
    from messages m where m.kind = 'customer' and m.ticket_id % 10 = 0`.execute(db);
  await sql`
    insert into ratings (ticket_id, message_id, level, comment, rated_at)
    select m.ticket_id, m.id, 'great', 'Merci beaucoup', m.created_at
    from messages m where m.kind = 'reply' and m.ticket_id % 5 = 0`.execute(db);
  await sql`
    insert into retention_policies (mailbox_id, months)
    select id, 24 from mailboxes
    on conflict (mailbox_id) do update set months = 24`.execute(db);
  await sql`analyze`.execute(db);
}

async function reportFacts(database: Database): Promise<string> {
  const row = await sql<{ facts: string }>`
    select count(*) || '/' || sum(first_response_seconds) || '/' ||
      count(*) filter (where status = 'closed') as facts from tickets`.execute(database.db);
  return row.rows[0]?.facts ?? '';
}

export async function benchRetention(
  label: string,
  database: Database,
  print: Print,
): Promise<void> {
  const expired = Number(process.env.BENCH_RETENTION_TICKETS ?? 40_000);
  await migrate(database.db);
  await applyDefaultConfiguration(database.db);
  const seedStart = Date.now();
  await seed(database, expired);
  print(`[${label}] retention: seeded`, `${2 * expired} tickets in ${Date.now() - seedStart} ms`);
  const before = await reportFacts(database);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'guichet-bench-blobs-'));
  try {
    const start = process.hrtime.bigint();
    const result = await runRetention(database.db, createBlobStore(dir), {
      dryRun: false,
      trigger: 'cli',
      actor: { userId: null, label: 'bench' },
    });
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    print(
      `[${label}] retention: ${result.tickets} tickets anonymised`,
      `${seconds.toFixed(1)} s, ${(result.tickets / seconds).toFixed(0)} tickets/s (target ≥ 1000/s)`,
    );
    const after = await reportFacts(database);
    print(
      `[${label}] retention: report facts unchanged`,
      before === after ? 'yes' : `NO (${before} → ${after})`,
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
