import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { describeEachBackend } from '../../../test/backends.ts';
import { createTicket } from '../../../test/factories.ts';
import { givePersonalData, person } from '../../../test/personal-data.ts';
import { seedMailboxes } from '../../../test/seeded-template.ts';
import { takeLease } from '../../jobs/runner/lease.ts';
import { buildReportModel } from '../../reports/model/build-report-model.ts';
import { yearPeriod } from '../../reports/model/period.ts';
import { renderJson, reportJson } from '../../reports/render/render-json.ts';
import { type BlobStore, createBlobStore } from '../../storage/blob-store.ts';
import { cliActor } from '../audit/record-audit.ts';
import { setRetentionPolicy } from './retention-policies.ts';
import { listRetentionRuns, previewRetention, runRetention } from './run-retention.ts';

describeEachBackend(
  'retention on the seed-shaped fixture',
  (ctx) => {
    let blobs: BlobStore;
    let mailboxes: Record<string, string>;
    beforeAll(async () => {
      blobs = createBlobStore(
        path.join(await mkdtemp(path.join(os.tmpdir(), 'guichet-ret-')), 'b'),
      );
      mailboxes = await seedMailboxes(ctx.db);
    }, 240_000);

    /** The report model of `year`, its generation time aside (the only thing allowed to differ). */
    const modelOf = async (year: number) => ({
      ...(await buildReportModel(ctx.db, yearPeriod(year))),
      generatedAt: '',
    });

    it('anonymises expired tickets and leaves the 2019 and 2020 reports identical to the unit', async () => {
      const demandeurs = mailboxes.demandeurs ?? '';
      const partenaires = mailboxes.partenaires ?? '';
      // personal data on a sample of closed tickets of both mailboxes, on a spam and a deleted one
      const sample = await ctx.db
        .selectFrom('tickets')
        .select(['id', 'status', 'deleted_at'])
        .where('source', '=', 'fixture')
        .where((eb) => eb(eb.fn('mod', ['id', eb.lit(97)]), '=', 0))
        .execute();
      const spamAndDeleted = await ctx.db
        .selectFrom('tickets')
        .select('id')
        .where((eb) => eb.or([eb('status', '=', 'spam'), eb('deleted_at', 'is not', null)]))
        .limit(4)
        .execute();
      const people = new Map<number, ReturnType<typeof person>>();
      const written: string[] = [];
      for (const t of [...sample, ...spamAndDeleted]) {
        const who = person('ret');
        people.set(t.id, who);
        written.push(...(await givePersonalData(ctx.db, blobs, t.id, who)).blobs);
      }
      // an open ticket of today, with its own data: never expires
      const open = await createTicket(ctx.db, { mailboxId: demandeurs, createdAt: new Date() });
      const openPerson = person('open');
      const openData = await givePersonalData(ctx.db, blobs, open, openPerson);

      const before2020 = await modelOf(2020);
      const before2019 = await modelOf(2019);

      await setRetentionPolicy(ctx.db, demandeurs, 12, cliActor);
      await setRetentionPolicy(ctx.db, partenaires, 36, cliActor);
      const expected = await ctx.db
        .selectFrom('tickets')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('id', '<>', open)
        .executeTakeFirstOrThrow();
      const preview = await previewRetention(ctx.db);
      expect(Object.values(preview).reduce((a, b) => a + b, 0)).toBe(Number(expected.n));

      const dry = await runRetention(ctx.db, blobs, {
        dryRun: true,
        trigger: 'cli',
        actor: cliActor,
      });
      expect(dry.tickets).toBe(Number(expected.n));
      const stillThere = await ctx.db
        .selectFrom('tickets')
        .select('id')
        .where('anonymised_at', 'is not', null)
        .execute();
      expect(stillThere).toEqual([]);

      const run = await runRetention(ctx.db, blobs, {
        dryRun: false,
        trigger: 'cli',
        actor: cliActor,
      });
      expect(run.tickets).toBe(Number(expected.n));
      expect(run.attachments).toBe(people.size);
      expect(run.blobsRemoved).toBe(written.length);

      const after2020 = await modelOf(2020);
      const after2019 = await modelOf(2019);
      expect(after2020).toEqual(before2020);
      expect(after2019).toEqual(before2019);
      expect(renderJson(reportJson(after2020)).equals(renderJson(reportJson(before2020)))).toBe(
        true,
      );

      // nothing of the sampled people is left in the database or the store
      for (const who of people.values()) {
        for (const needle of [who.email, who.name]) {
          const hits = await ctx.db
            .selectFrom('messages')
            .select('id')
            .where((eb) =>
              eb.or([
                eb('body_text', 'like', `%${needle}%`),
                eb('body_html', 'like', `%${needle}%`),
                eb('subject', 'like', `%${needle}%`),
                eb('from_address', '=', needle),
              ]),
            )
            .execute();
          expect(hits).toEqual([]);
        }
        const contact = await ctx.db
          .selectFrom('contacts')
          .select(['email', 'name', 'phone', 'anonymised_at'])
          .where('email', '=', who.email)
          .execute();
        expect(contact).toEqual([]);
      }
      for (const hash of written) expect(await blobs.has(hash)).toBe(false);
      for (const hash of openData.blobs) expect(await blobs.has(hash)).toBe(true);
      const leftovers = await ctx.db
        .selectFrom('ratings')
        .select('ticket_id')
        .where('comment', 'is not', null)
        .execute();
      // Only the open ticket's comment is left: its data has not expired.
      expect(leftovers).toEqual([{ ticket_id: open }]);
      const extras = await ctx.db
        .selectFrom('import_records')
        .select('ticket_id')
        .where('ticket_id', '<>', open)
        .where(sql<boolean>`extra <> '{}'::jsonb`)
        .execute();
      expect(extras).toEqual([]);
      const outbox = await ctx.db
        .selectFrom('outbox')
        .select(['to_address', 'last_error'])
        .where('ticket_id', '<>', open)
        .execute();
      expect(outbox.length).toBeGreaterThan(0);
      expect(
        outbox.every((o) => o.to_address === 'anonymised@invalid' && o.last_error === null),
      ).toBe(true);
      // the open ticket kept everything
      const openTicket = await ctx.db
        .selectFrom('tickets')
        .innerJoin('contacts', 'contacts.id', 'tickets.contact_id')
        .select(['contacts.email', 'tickets.anonymised_at'])
        .where('tickets.id', '=', open)
        .executeTakeFirstOrThrow();
      expect(openTicket).toEqual({ email: openPerson.email, anonymised_at: null });

      // a second run finds nothing; both runs are logged
      const again = await runRetention(ctx.db, blobs, {
        dryRun: false,
        trigger: 'cli',
        actor: cliActor,
      });
      expect(again.tickets).toBe(0);
      const runs = await listRetentionRuns(ctx.db);
      expect(runs.map((r) => [r.dryRun, r.tickets])).toEqual([
        [false, 0],
        [false, Number(expected.n)],
        [true, Number(expected.n)],
      ]);
      expect(runs.every((r) => r.finishedAt !== null && r.error === null)).toBe(true);
    }, 300_000);

    it('refuses to run while another instance holds the lease', async () => {
      expect(await takeLease(ctx.db, 'privacy.retention', 'other-instance', 60)).toBe(true);
      await expect(
        runRetention(ctx.db, blobs, { dryRun: true, trigger: 'schedule', actor: cliActor }),
      ).rejects.toMatchObject({ code: 'conflict' });
      await ctx.db.deleteFrom('job_leases').execute();
      const run = await runRetention(ctx.db, blobs, {
        dryRun: true,
        trigger: 'schedule',
        actor: cliActor,
      });
      expect(run.tickets).toBe(0);
    });
  },
  { seeded: true },
);
