/**
 * The dashboard of today in a real browser (issue 18 §5), on a PostgreSQL server:
 * a supervisor logs in and lands on it, sees the desk's figures (a first-response
 * target for Partenaires, tickets of the week, some answered by an agent and rated);
 * a mail arrives through the SMTP listener and the open count moves by itself (the
 * live stream); the wall screen shows the page alone. Screenshot:
 * test-results/e2e/dashboard.png.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTarget } from '../src/domain/targets/manage-targets.ts';
import { openTicket } from '../src/domain/tickets/open-ticket.ts';
import { replyToTicket } from '../src/domain/tickets/reply-to-ticket.ts';
import { createUser } from '../src/domain/users/manage-users.ts';
import { plainMail, signer, uniqueId } from '../test/mail.ts';
import { browserMissing } from './helpers/browser.ts';
import { type E2e, postgresReachable, startE2e } from './helpers/e2e.ts';
import { logIn, newPage, pageProblems } from './helpers/pages.ts';
import { repoRoot, serverOutput } from './helpers/server.ts';

const screenshotDir = path.join(repoRoot, 'test-results', 'e2e');
const pgReachable = await postgresReachable('dashboard');
const password = 'e2e-Dashboard-Horse-Battery-Staple-7!';
const supervisor = { email: 'superviseure@example.org', name: 'Sophie Superviseure' };
const agent = { email: 'agent.tableau@example.org', name: 'Antoine Agent' };

describe.skipIf(browserMissing || !pgReachable)('the dashboard of today in the browser', () => {
  let e2e: E2e<{ backend: 'postgres'; smtpListener: true; smtpSink: true }>;
  beforeAll(async () => {
    e2e = await startE2e({ backend: 'postgres', smtpListener: true, smtpSink: true });
    const { db } = e2e.db;
    const actor = { userId: null, label: 'e2e' };
    const sup = await createUser(db, { ...supervisor, role: 'supervisor', password }, actor);
    const ag = await createUser(db, { ...agent, role: 'agent', password }, actor);
    const mailbox = await db
      .selectFrom('mailboxes')
      .select('id')
      .where('slug', '=', 'partenaires')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('mailbox_addresses')
      .values({ address: 'partenaires@example.org', mailbox_id: mailbox.id, is_primary: true })
      .execute();
    const terms = {
      firstResponseMinutes: 60,
      nextResponseMinutes: null,
      resolutionMinutes: null,
      businessHours: false,
      warnBeforeMinutes: 15,
    };
    const hour = 3_600_000;
    const now = Date.now();
    await createTarget(
      db,
      { mailboxId: mailbox.id, fieldValueId: null, organisationTypeValueId: null, terms },
      { userId: sup.id, label: null },
      new Date(now - 48 * hour),
    );
    // today: six requests, three answered by the agent (two within the hour), one due soon
    for (const [i, subject] of [
      'Accès au portail',
      'Mot de passe oublié',
      'Export des demandes',
      'Attestation',
      'Changement de référent',
      'Question sur un dossier',
    ].entries()) {
      const at = new Date(now - (i + 1) * 35 * 60_000);
      const contact = await db
        .insertInto('contacts')
        .values({ email: `demandeur${i}@example.org`, name: `Demandeur ${i}` })
        .returning('id')
        .executeTakeFirstOrThrow();
      const ticket = await db
        .transaction()
        .execute((trx) =>
          openTicket(
            trx,
            { mailboxId: mailbox.id, subject, contactId: contact.id, channel: 'email', at },
            { kind: 'customer', body_text: 'Bonjour', created_at: at },
          ),
        );
      if (i < 3)
        await replyToTicket(db, signer, {
          ticketId: ticket.id,
          authorUserId: ag.id,
          body: 'Bonjour, voici la réponse.',
          now: new Date(at.getTime() + (i + 1) * 25 * 60_000),
        });
    }
  }, 180_000);
  afterAll(async () => {
    await e2e?.cleanup();
    expect(pageProblems).toEqual([]);
  });

  test('a supervisor lands on it, a new mail shows live, the wall screen', async ({
    onTestFailed,
  }) => {
    const { page } = await newPage(e2e.browser);
    await page.setViewportSize({ width: 1440, height: 1000 });
    onTestFailed(async () => {
      console.error(serverOutput(e2e.server));
      const answer = await page.evaluate(async () => {
        const response = await fetch('/api/dashboard');
        return `${response.status} ${(await response.text()).slice(0, 600)}`;
      });
      console.error('GET /api/dashboard:', answer);
      const tickets = await e2e.db.db
        .selectFrom('tickets')
        .select(['number', 'subject', 'status'])
        .execute();
      console.error(JSON.stringify(tickets));
    });
    await page.goto(e2e.server.url);
    await logIn(page, supervisor.email, password);
    await page.getByRole('heading', { level: 1, name: 'Tableau de bord du jour' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/dashboard');
    const desk = page.getByRole('region', { name: 'Partenaires — Tickets ouverts' });
    const unassigned = desk.locator('[data-figure="Non assignés"]');
    await unassigned.waitFor();
    const before = Number(await unassigned.textContent());
    const agents = page.getByRole('region', { name: 'Par agent, cette semaine' });
    await agents.getByRole('rowheader', { name: agent.name }).waitFor();
    expect(await agents.textContent()).toContain('3');
    await page
      .getByRole('region', { name: /^Première réponse/ })
      .getByText('67\u00a0%')
      .first()
      .waitFor();

    // a new request by mail, through the SMTP listener: the count moves without a reload
    const smtp = nodemailer.createTransport({
      host: '127.0.0.1',
      port: e2e.smtpPort,
      secure: false,
      ignoreTLS: true,
    });
    await smtp.sendMail({
      envelope: { from: 'claire@mairie.example.org', to: ['partenaires@example.org'] },
      raw: plainMail({
        from: 'Claire <claire@mairie.example.org>',
        to: 'partenaires@example.org',
        subject: 'Nouvelle demande',
        messageId: uniqueId('dashboard-e2e'),
      }),
    });
    smtp.close();
    await desk.locator('[data-figure="Non assignés"]', { hasText: String(before + 1) }).waitFor();

    await page.reload();
    await desk.locator('[data-figure="Non assignés"]', { hasText: String(before + 1) }).waitFor();

    await page.getByRole('button', { name: 'Écran mural' }).click();
    await page.locator('[data-wall="on"]').waitFor();
    await page.getByRole('button', { name: 'Quitter l’écran mural' }).waitFor();
    await mkdir(screenshotDir, { recursive: true });
    await page.screenshot({ path: path.join(screenshotDir, 'dashboard.png'), fullPage: true });
    await page.keyboard.press('Escape');
    await page.locator('[data-wall="on"]').waitFor({ state: 'detached' });
  });
});
