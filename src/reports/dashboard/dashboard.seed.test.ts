/**
 * The dashboard of today equals the report of the same days (issue 18 §5), on the
 * seed-shaped fixture: today and this week (Monday to today) of a date in March 2020
 * against reports of those ranges — tickets, replies, first responses, satisfaction,
 * breakdowns per field, the same days a year earlier, the targets' section and the
 * per-agent figures of the reports page. The fixture gains agents on its replies,
 * tags and a one-hour first-response target for partners.
 */
import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { describeEachBackend } from '../../../test/backends.ts';
import { seedMailboxes } from '../../../test/seeded-template.ts';
import { createTarget } from '../../domain/targets/manage-targets.ts';
import { agentActivity } from '../metrics/agent-activity.ts';
import { resolutionTimes } from '../metrics/resolution-time.ts';
import { buildActivityReport } from '../model/build-activity-report.ts';
import { buildReportModel, resolveReportScope } from '../model/build-report-model.ts';
import { rangePeriod } from '../model/period.ts';
import { buildDashboard } from './build-dashboard.ts';
import { presentDashboard } from './dashboard-presenter.ts';

// Wednesday 8 April 2020, 15:00 in Paris (the fixture's tickets come on the 1st, 8th, 15th and 22nd)
const now = new Date('2020-04-08T13:00:00Z');

describeEachBackend(
  'dashboard of today = report of the same days',
  (ctx) => {
    let mailboxes: Record<string, string> = {};
    beforeAll(async () => {
      mailboxes = await seedMailboxes(ctx.db);
      const agents = await ctx.db
        .insertInto('users')
        .values([
          { email: 'camille@example.org', name: 'Camille Agent', role: 'agent' },
          { email: 'dominique@example.org', name: 'Dominique Agent', role: 'agent' },
          { email: 'superviseur@example.org', name: 'Sam Superviseur', role: 'supervisor' },
        ])
        .returning('id')
        .execute();
      const [a, b, sup] = agents.map((u) => u.id);
      await sql`update messages set author_user_id = case when id % 3 = 0 then ${a}::uuid else ${b}::uuid end
        where kind in ('reply', 'phone')`.execute(ctx.db);
      const tags = await ctx.db
        .insertInto('tags')
        .values([{ name: 'urgent' }, { name: 'relance' }])
        .returning('id')
        .execute();
      await sql`insert into ticket_tags (ticket_id, tag_id)
        select t.id, ${tags[0]?.id}::uuid from tickets t where t.id % 2 = 0
        union all select t.id, ${tags[1]?.id}::uuid from tickets t where t.id % 3 = 1`.execute(
        ctx.db,
      );
      await createTarget(
        ctx.db,
        {
          mailboxId: mailboxes.partenaires ?? '',
          fieldValueId: null,
          organisationTypeValueId: null,
          terms: {
            firstResponseMinutes: 60,
            nextResponseMinutes: null,
            resolutionMinutes: null,
            businessHours: false,
            warnBeforeMinutes: 0,
          },
        },
        { userId: sup ?? '', label: null },
        new Date('2018-01-01T00:00:00Z'),
      );
    });

    it('today and this week: every figure is the report’s', async () => {
      const ids = Object.values(mailboxes);
      const dashboard = presentDashboard(await buildDashboard(ctx.db, ids, now));
      expect(dashboard.today).toMatchObject({ from: '2020-04-08', to: '2020-04-08' });
      expect(dashboard.week).toMatchObject({ from: '2020-04-06', to: '2020-04-08' });
      for (const [key, from] of [
        ['today', '2020-04-08'],
        ['week', '2020-04-06'],
      ] as const) {
        const period = rangePeriod(from, '2020-04-08');
        const report = await buildReportModel(ctx.db, period, {}, 'calendar', {
          targets: true,
          now,
        });
        for (const mailbox of report.mailboxes) {
          const shown = dashboard.mailboxes.find((m) => m.slug === mailbox.slug);
          const figures = shown?.[key];
          expect(figures?.firstResponse).toEqual({
            tickets: mailbox.current.tickets,
            ...mailbox.current.firstResponse,
          });
          expect(figures?.previousFirstResponse).toEqual({
            tickets: mailbox.previous.tickets,
            ...mailbox.previous.firstResponse,
          });
          expect(figures?.replies).toBe(mailbox.current.replies);
          expect(figures?.previousReplies).toBe(mailbox.previous.replies);
          expect(figures?.ratings).toEqual(mailbox.current.ratings);
          const targets = report.targets?.find((t) => t.slug === mailbox.slug);
          expect(figures?.target).toEqual(targets?.current);
          expect(figures?.previousTarget).toEqual(targets?.previous);
          if (key === 'week')
            expect(shown?.fields).toEqual(
              mailbox.current.fields.map((f) => ({
                id: f.id,
                label: f.label,
                values: f.values.map((v) => ({ label: v.label, count: v.count })),
                missing: f.missing,
              })),
            );
        }
        const resolution = await resolutionTimes(
          ctx.db,
          { mailboxIds: ids, valueGroups: [] },
          period,
        );
        for (const shown of dashboard.mailboxes)
          expect(shown[key].resolution).toEqual(
            resolution.get(shown.id) ?? { resolved: 0, medianSeconds: null, p90Seconds: null },
          );
      }
      const week = dashboard.mailboxes.map((m) => m.week);
      // the period is not empty: the comparison means something
      expect(week.reduce((n, w) => n + w.firstResponse.tickets, 0)).toBeGreaterThan(20);
      expect(week.reduce((n, w) => n + w.replies, 0)).toBeGreaterThan(20);
      const partners = dashboard.mailboxes.find((m) => m.slug === 'partenaires');
      expect(partners?.week.target.measured).toBeGreaterThan(0);
      expect(partners?.week.target.within).toBeLessThan(partners?.week.target.measured ?? 0);
      expect(dashboard.tags.map((t) => t.name).sort()).toEqual(['relance', 'urgent']);
    });

    it('per agent: the reports page’s figures, adding up to the report’s', async () => {
      const dashboard = presentDashboard(
        await buildDashboard(ctx.db, Object.values(mailboxes), now),
      );
      const period = rangePeriod('2020-04-06', '2020-04-08');
      const scope = await resolveReportScope(ctx.db, {});
      const page = await agentActivity(ctx.db, scope, period);
      expect(dashboard.agents).toEqual(page);
      expect(dashboard.agents.map((a) => a.name).sort()).toEqual([
        'Camille Agent',
        'Dominique Agent',
      ]);
      const report = await buildReportModel(ctx.db, period);
      const sum = (f: (x: (typeof page)[number]) => number) => page.reduce((n, a) => n + f(a), 0);
      // every reply of the fixture has an author: the agents' replies are the report's
      expect(sum((a) => a.replies)).toBe(
        report.mailboxes.reduce((n, m) => n + m.current.replies, 0),
      );
      const ratings = report.mailboxes.reduce(
        (n, m) => n + m.current.ratings.great + m.current.ratings.okay + m.current.ratings.notGood,
        0,
      );
      expect(sum((a) => a.ratings.great + a.ratings.okay + a.ratings.notGood)).toBe(ratings);
      const firsts = await sql<{ n: number }>`
        select count(*)::int as n from tickets
        where deleted_at is null and status <> 'spam' and merged_into_id is null
          and first_response_at >= '2020-04-05T22:00:00Z' and first_response_at < '2020-04-08T22:00:00Z'`.execute(
        ctx.db,
      );
      expect(sum((a) => a.firstResponses)).toBe(firsts.rows[0]?.n);
    });

    it('the report’s targets section is optional: off, the document is the seed’s', async () => {
      const year = { kind: 'year' as const, from: '2020-01-01', to: '2020-12-31', label: '2020' };
      const plain = await buildActivityReport(ctx.db, year);
      const withTargets = await buildActivityReport(ctx.db, year, {}, 'calendar', {
        targets: true,
      });
      expect(plain.model.targets).toBeUndefined();
      expect(plain.report.sections.map((s) => s.id)).not.toContain('3D');
      const section = withTargets.report.sections.find((s) => s.id === '3D');
      expect(section?.title).toBe('Respect des objectifs de réponse');
      expect(withTargets.report.sections.slice(0, -1)).toEqual(plain.report.sections);
      const partners = withTargets.model.targets?.find((t) => t.slug === 'partenaires');
      // the 1-hour target applies to partners only; its share is the report's "under 1 h" (strict)
      // plus the answers of exactly one hour, which meet a target of one hour
      const exact = await sql<{ n: number }>`
        select count(*)::int as n from tickets t where t.mailbox_id = ${mailboxes.partenaires}::uuid
          and t.first_response_seconds = 3600 and t.deleted_at is null and t.status <> 'spam'
          and t.merged_into_id is null
          and t.created_at >= '2019-12-31T23:00:00Z' and t.created_at < '2020-12-31T23:00:00Z'`.execute(
        ctx.db,
      );
      const calendar = withTargets.model.mailboxes.find((m) => m.slug === 'partenaires')?.current
        .firstResponse;
      expect(partners?.current).toEqual({
        measured: calendar?.responded,
        within: (calendar?.under1h ?? 0) + (exact.rows[0]?.n ?? 0),
      });
      expect(withTargets.model.targets?.find((t) => t.slug === 'demandeurs')?.current).toEqual({
        measured: 0,
        within: 0,
      });
    });
  },
  { seeded: true },
);
