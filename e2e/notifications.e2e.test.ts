/**
 * Issue 18's browser test, on a PostgreSQL server: with a 60-minute first
 * response target (warning 15 minutes before) on Partenaires, a mail arrives
 * through Guichet's SMTP listener → the agent's bell counts it and a desktop
 * notification appears (Chromium grants the permission; an init script
 * records each Notification made) → the ticket, assigned to the agent, shows
 * its due time → the server's clock is moved 50 minutes ahead (the test clock
 * of config/test-clock.ts) → the warning e-mail reaches the SMTP sink, once.
 * The agent's notification choices are saved on the profile page and kept
 * after a reload.
 */
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import nodemailer from 'nodemailer';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTarget } from '../src/domain/targets/manage-targets.ts';
import { changeTicket } from '../src/domain/tickets/change-ticket.ts';
import { createUser } from '../src/domain/users/manage-users.ts';
import { plainMail, uniqueId } from '../test/mail.ts';
import { terms } from '../test/support/targets.ts';
import { waitFor } from '../test/wait-for.ts';
import { browserMissing } from './helpers/browser.ts';
import { type E2e, postgresReachable, startE2e } from './helpers/e2e.ts';
import { logIn, newPage, pageProblems } from './helpers/pages.ts';
import { repoRoot, serverOutput } from './helpers/server.ts';

const screenshotDir = path.join(repoRoot, 'test-results', 'e2e');
const pgReachable = await postgresReachable('notifications');
const admin = { email: 'admin.notify@example.org', password: 'e2e-Admin-Notify-Password-7!' };
const agent = { email: 'agathe.notify@example.org', password: 'e2e-Agent-Notify-Password-7!' };

/** Records every desktop notification the page makes, then makes it for real. */
const notificationSpy = `(() => {
  const Real = window.Notification;
  window.__notifications = [];
  function Spy(title, options) {
    window.__notifications.push({ title, body: options && options.body });
    try { return new Real(title, options); } catch { return { close() {}, onclick: null }; }
  }
  Spy.requestPermission = (...args) => Real.requestPermission(...args);
  Object.defineProperty(Spy, 'permission', { get: () => Real.permission });
  window.Notification = Spy;
})();`;

describe.skipIf(browserMissing || !pgReachable)('notifications in the browser', () => {
  let e2e: E2e<{ backend: 'postgres'; smtpSink: true; smtpListener: true }>;
  let clockFile = '';
  let agentId = '';

  beforeAll(async () => {
    clockFile = path.join(await mkdtemp(path.join(tmpdir(), 'guichet-clock-')), 'offset');
    await writeFile(clockFile, '0');
    e2e = await startE2e({
      backend: 'postgres',
      smtpSink: true,
      smtpListener: true,
      publicUrlIsServer: true,
      admin,
      env: { GUICHET_TEST_CLOCK_FILE: clockFile },
    });
    const { db } = e2e.db;
    const mailbox = await db
      .selectFrom('mailboxes')
      .select('id')
      .where('slug', '=', 'partenaires')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('mailbox_addresses')
      .values({ address: 'partenaires@example.org', mailbox_id: mailbox.id, is_primary: true })
      .execute();
    const made = await createUser(
      db,
      { email: agent.email, name: 'Agathe Agent', role: 'agent', password: agent.password },
      { userId: null, label: 'test' },
    );
    agentId = made.id;
    await createTarget(
      db,
      {
        mailboxId: mailbox.id,
        fieldValueId: null,
        organisationTypeValueId: null,
        terms: terms({ firstResponseMinutes: 60, warnBeforeMinutes: 15 }),
      },
      { userId: null, label: 'test' },
      new Date(Date.now() - 60_000),
    );
  }, 180_000);

  afterAll(async () => {
    await e2e?.cleanup();
    expect(pageProblems).toEqual([]);
  });

  test('a new mail rings the bell and the desktop, then its warning is mailed once', async ({
    onTestFailed,
  }) => {
    const { context, page } = await newPage(e2e.browser);
    const shot = async (p: Page, name: string) => {
      await mkdir(screenshotDir, { recursive: true });
      await p.screenshot({ path: path.join(screenshotDir, `notifications-${name}.png`) });
    };
    onTestFailed(async () => {
      await shot(page, 'failure').catch(() => {});
      console.error(serverOutput(e2e.server));
      const { db } = e2e.db;
      console.error({
        consumer: await db.selectFrom('event_consumers').selectAll().execute(),
        events: await db
          .selectFrom('ticket_events')
          .select(['id', 'type', 'actor_kind', 'tx'])
          .execute(),
        notifications: await db.selectFrom('notifications').selectAll().execute(),
        jobs: await db
          .selectFrom('job_leases')
          .selectAll()
          .execute()
          .catch(() => []),
      });
    });
    await context.grantPermissions(['notifications'], { origin: e2e.server.url });
    await context.addInitScript(notificationSpy);
    await page.goto(`${e2e.server.url}/profile`);
    await logIn(page, agent.email, agent.password);

    // the agent's choices: the target by e-mail at once (the default), customer answers too
    await page.locator('section[aria-labelledby="notification-heading"]').waitFor();
    await page
      .getByRole('checkbox', { name: 'Réponse du client sur mes tickets — Par e-mail' })
      .check();
    await page.getByRole('button', { name: 'Enregistrer mes notifications' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: 'Choix de notifications enregistrés.' })
      .waitFor();
    await page.reload();
    await expect
      .poll(() =>
        page
          .getByRole('checkbox', { name: 'Réponse du client sur mes tickets — Par e-mail' })
          .isChecked(),
      )
      .toBe(true);
    expect(
      await page
        .getByRole('checkbox', { name: 'Objectif de réponse bientôt ou déjà dépassé — Par e-mail' })
        .isChecked(),
    ).toBe(true);
    await shot(page, 'profile');

    // a mail arrives through the SMTP listener while the agent is on the inbox
    await page.goto(`${e2e.server.url}/inbox`);
    const bell = page.getByRole('button', { name: /^Notifications/ });
    await bell.waitFor();
    expect(await bell.getAttribute('data-unread')).toBe('0');
    const smtp = nodemailer.createTransport({
      host: '127.0.0.1',
      port: e2e.smtpPort,
      secure: false,
      ignoreTLS: true,
    });
    await smtp.sendMail({
      envelope: { from: 'claire@bailleur.example.org', to: ['partenaires@example.org'] },
      raw: plainMail({
        from: 'Claire Dubois <claire@bailleur.example.org>',
        to: 'partenaires@example.org',
        subject: 'Accès au portail bloqué',
        messageId: uniqueId('notify'),
        body: 'Bonjour, je ne peux plus me connecter au portail.',
      }),
    });
    smtp.close();
    await page.getByRole('button', { name: 'Notifications, 1 non lue' }).waitFor();
    const shown = await waitFor(
      () =>
        page
          .evaluate(
            () =>
              (window as unknown as { __notifications: { title: string; body?: string }[] })
                .__notifications,
          )
          .then((list) => (list.length > 0 ? list : undefined)),
      'a desktop notification',
    );
    expect(shown).toEqual([
      { title: 'Nouveau ticket', body: expect.stringMatching(/^#\d+ Accès au portail bloqué$/) },
    ]);
    await bell.click();
    const item = page.locator('[data-notification-kind="new_ticket"]');
    await item.waitFor();
    await shot(page, 'bell');

    // the ticket, assigned to the agent, shows its due time
    const { db } = e2e.db;
    const ticket = await db
      .selectFrom('tickets')
      .select(['id', 'number'])
      .where('subject', '=', 'Accès au portail bloqué')
      .executeTakeFirstOrThrow();
    await changeTicket(db, ticket.id, { assigneeId: agentId }, { userId: null, label: 'test' });
    await item.click();
    await page.waitForURL(new RegExp(`/tickets/${ticket.number}$`));
    const due = page.locator('[data-due-urgency]').first();
    await due.waitFor();
    expect(await due.textContent()).toMatch(/^à répondre dans (59|60) min$/);

    // 50 minutes later on the server's clock: inside the 15-minute margin
    await writeFile(clockFile, String(50 * 60_000));
    const warnings = async () => {
      const found = [];
      for (const mail of e2e.sink.received) {
        const parsed = await simpleParser(mail.raw);
        if (
          mail.to.includes(agent.email) &&
          /Objectif de réponse bientôt/.test(parsed.subject ?? '')
        )
          found.push(parsed);
      }
      return found;
    };
    const [warning] = await waitFor(
      async () => ((await warnings()).length > 0 ? warnings() : undefined),
      'the warning e-mail',
      45_000,
    );
    expect(warning?.subject).toMatch(
      /^\[#\d+\] Objectif de réponse bientôt dépassé .* : Accès au portail bloqué$/,
    );
    expect(warning?.text).toContain(`${e2e.server.url}/tickets/${ticket.number}`);
    // the bell says it too; the history shows the warning; it was told once
    await page
      .getByText(/Échéance proche : première réponse/)
      .first()
      .waitFor();
    await bell.click();
    await page.locator('[data-notification-kind="target"]').waitFor();
    await shot(page, 'ticket');
    const told = await db
      .selectFrom('outbox')
      .innerJoin('notifications', 'notifications.outbox_id', 'outbox.id')
      .select('outbox.status')
      .where('notifications.kind', '=', 'target')
      .where('notifications.user_id', '=', agentId)
      .execute();
    expect(told).toEqual([{ status: 'sent' }]);
    expect(await warnings()).toHaveLength(1);
  });
});
