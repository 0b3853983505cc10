/** Workspace routes, the inbox: folders and counts, search, keyset pages, filters. */
import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { describeEachBackend } from '../../../../test/backends.ts';
import { ticket, useWorkspaceTestApp } from '../../../../test/support/workspace-app.ts';

describeEachBackend('workspace routes', (ctx) => {
  const workspace = useWorkspaceTestApp(ctx);
  const { call, ids } = workspace;
  let partners = '';
  let applicants = '';
  beforeAll(() => {
    partners = workspace.partners;
    applicants = workspace.applicants;
  });

  it('lists folders with counts, mine and unassigned apart', async () => {
    const mine = await ticket(ctx.db, { mailboxId: applicants, assigneeId: ids.agent });
    const free = await ticket(ctx.db, { mailboxId: applicants });
    const pending = await ticket(ctx.db, { mailboxId: applicants, status: 'pending' });
    const spam = await ticket(ctx.db, { mailboxId: applicants, status: 'spam' });
    const list = async (folder: string) =>
      (await call('agent', 'GET', `/api/inbox?folder=${folder}&mailbox=${applicants}`)).json()
        .tickets as { id: number }[];
    expect((await list('mine')).map((t) => t.id)).toContain(mine.id);
    expect((await list('mine')).map((t) => t.id)).not.toContain(free.id);
    expect((await list('unassigned')).map((t) => t.id)).toContain(free.id);
    expect((await list('unassigned')).map((t) => t.id)).not.toContain(mine.id);
    expect((await list('assigned')).map((t) => t.id)).toContain(mine.id);
    expect((await list('pending')).map((t) => t.id)).toEqual([pending.id]);
    expect((await list('spam')).map((t) => t.id)).toContain(spam.id);
    expect((await list('all')).map((t) => t.id)).not.toContain(spam.id);
    const counts = (await call('agent', 'GET', `/api/inbox/counts?mailbox=${applicants}`)).json();
    const db = ctx.db;
    const active = await db
      .selectFrom('tickets')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('mailbox_id', '=', applicants)
      .where('status', '=', 'active')
      .where('assignee_id', 'is', null)
      .executeTakeFirstOrThrow();
    expect(counts.unassigned).toBe(Number(active.n));
    expect(counts.mine).toBeGreaterThanOrEqual(1);
    expect(counts.pending).toBeGreaterThanOrEqual(1);
  });

  it('searches bodies with French stemming and without accents, contacts, numbers and numéros uniques', async () => {
    const stem = await ticket(ctx.db, {
      mailboxId: partners,
      body: 'Les demandes ont été radiées par erreur.',
    });
    const nur = await ticket(ctx.db, {
      mailboxId: partners,
      body: 'Numéro unique 0442118000012345AB pour ce dossier.',
    });
    const person = await ticket(ctx.db, {
      mailboxId: partners,
      contactName: 'Élodie Quémener',
      email: 'elodie.quemener@bailleur-29.example.org',
    });
    const search = async (q: string) =>
      (
        (await call('agent', 'GET', `/api/inbox?folder=all&q=${encodeURIComponent(q)}`)).json()
          .tickets as { id: number }[]
      ).map((t) => t.id);
    expect(await search('radiee')).toContain(stem.id);
    expect(await search('demande radiée')).toContain(stem.id);
    expect(await search('0442118000012345AB')).toEqual([nur.id]);
    expect(await search('0442118000012345ab')).toEqual([nur.id]);
    expect(await search('elodie')).toContain(person.id);
    expect(await search('quemener')).toContain(person.id);
    expect(await search('bailleur-29.example.org')).toContain(person.id);
    expect(await search(`#${person.number}`)).toContain(person.id);
    expect(await search('zzzunknownword')).toEqual([]);
  });

  it('anonymising a message removes its words from search (the index follows the columns)', async () => {
    const t = await ticket(ctx.db, { mailboxId: partners, body: 'Motclefsecretunique ici.' });
    const search = async () =>
      (await call('agent', 'GET', '/api/inbox?folder=all&q=motclefsecretunique')).json().tickets;
    expect(await search()).toHaveLength(1);
    await ctx.db
      .updateTable('messages')
      .set({ body_text: '[anonymisé]' })
      .where('ticket_id', '=', t.id)
      .execute();
    expect(await search()).toHaveLength(0);
  });

  it('pages with a stable keyset cursor, even when tickets arrive between pages', async () => {
    const at = new Date(Date.UTC(2025, 5, 1, 12));
    const made: number[] = [];
    for (let i = 0; i < 7; i += 1)
      made.push((await ticket(ctx.db, { mailboxId: partners, subject: 'Pagination', at })).id);
    const seen: number[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const url: string = `/api/inbox?folder=all&q=pagination&limit=3${cursor ? `&cursor=${cursor}` : ''}`;
      const page = (await call('agent', 'GET', url)).json();
      seen.push(...page.tickets.map((t: { id: number }) => t.id));
      cursor = page.nextCursor;
      if (pages === 0)
        await ticket(ctx.db, { mailboxId: partners, subject: 'Pagination', at: new Date() });
      pages += 1;
    } while (cursor && pages < 10);
    expect(new Set(seen).size).toBe(seen.length);
    for (const id of made) expect(seen).toContain(id);
    const bad = await call('agent', 'GET', '/api/inbox?cursor=not-a-cursor');
    expect(bad.statusCode).toBe(400);
    // well-formed JSON, but not a time PostgreSQL would read as one (never a 500)
    for (const at of [
      '2026-13-45T25:61:00Z',
      "2026-01-01'; drop table tickets; --",
      '2026-01-01T10:00:00.1234567Z',
      'infinity',
      '',
    ]) {
      const hostile = Buffer.from(JSON.stringify([at, 1])).toString('base64url');
      const answer = await call('agent', 'GET', `/api/inbox?cursor=${hostile}`);
      expect(answer.statusCode, at).toBe(400);
    }
  });

  it('pages at the microsecond: tickets within one millisecond are neither lost nor repeated', async () => {
    const made: number[] = [];
    for (let i = 0; i < 5; i++)
      made.push((await ticket(ctx.db, { mailboxId: partners, subject: 'Microseconde' })).id);
    // newest first: made[0] at .123900, made[1] at .123700, … made[4] at .123100
    for (const [i, id] of made.entries())
      await sql`update tickets set last_message_at = ${`2031-03-01 08:00:00.${1239 - 2 * i}00+00`}::timestamptz
        where id = ${id}`.execute(ctx.db);
    // searched (the walk of the list) and listed (the newest tickets of all)
    for (const search of ['&q=microseconde', '']) {
      const seen: number[] = [];
      let cursor: string | null = null;
      for (let pages = 0; pages < 3; pages++) {
        const url: string = `/api/inbox?folder=all&limit=2${search}${cursor ? `&cursor=${cursor}` : ''}`;
        const page = (await call('agent', 'GET', url)).json();
        seen.push(...page.tickets.map((t: { id: number }) => t.id));
        if (pages === 0) expect(page.tickets[0].lastMessageAt).toBe('2031-03-01T08:00:00.123Z');
        cursor = page.nextCursor;
        if (!cursor) break;
      }
      expect(
        seen.filter((id) => made.includes(id)),
        search,
      ).toEqual(made);
    }
  });

  it('filters by status, assignee, field value, "Non renseigné", tag, organisation and dates', async () => {
    const field = await ctx.db
      .selectFrom('fields')
      .select('id')
      .where('mailbox_id', '=', applicants)
      .orderBy('position')
      .executeTakeFirstOrThrow();
    const value = await ctx.db
      .selectFrom('field_values')
      .select('id')
      .where('field_id', '=', field.id)
      .executeTakeFirstOrThrow();
    const classified = await ticket(ctx.db, { mailboxId: applicants, subject: 'Filtre' });
    const bare = await ticket(ctx.db, { mailboxId: applicants, subject: 'Filtre' });
    expect(
      (
        await call('agent', 'PUT', `/api/tickets/${classified.id}/fields`, {
          values: { [field.id]: value.id },
        })
      ).statusCode,
    ).toBe(200);
    const found = async (query: string) =>
      (
        (await call('agent', 'GET', `/api/inbox?folder=all&q=filtre&${query}`)).json().tickets as {
          id: number;
        }[]
      ).map((t) => t.id);
    expect(await found(`field=${field.id}:${value.id}`)).toEqual([classified.id]);
    expect(await found(`field=${field.id}:none`)).toEqual([bare.id]);
    await call('agent', 'PATCH', `/api/tickets/${bare.id}`, {
      tags: ['urgent'],
      assigneeId: ids.agent,
    });
    const tag = await ctx.db
      .selectFrom('tags')
      .select('id')
      .where('name', '=', 'urgent')
      .executeTakeFirstOrThrow();
    expect(await found(`tag=${tag.id}`)).toEqual([bare.id]);
    expect(await found(`assignee=${ids.agent}`)).toEqual([bare.id]);
    expect(await found('assignee=none')).toEqual([classified.id]);
    expect(await found('status=closed')).toEqual([]);
    expect(await found('from=2026-01-01&to=2026-12-31')).toHaveLength(2);
    expect(await found('to=2025-01-01')).toEqual([]);
    const org = await ctx.db
      .insertInto('organisations')
      .values({ name: 'Office HLM' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await ctx.db
      .updateTable('tickets')
      .set({ organisation_id: org.id })
      .where('id', '=', bare.id)
      .execute();
    expect(await found(`organisation=${org.id}`)).toEqual([bare.id]);
  });
});
