/**
 * Issue 16 in a real browser, on a PostgreSQL server with the SMTP listener:
 * two agents on one ticket (§7): the second agent's change, made on a ticket the
 * first changed meanwhile (its live stream down), is refused, the page reloads
 * the ticket and says who changed what, and "Appliquer à nouveau" applies it;
 * the flags of a mail (§11): a sender unknown to the ticket, split off in one
 * click, a Reply-To shown.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createUser } from '../src/domain/users/manage-users.ts';
import { plainMail, uniqueId } from '../test/mail.ts';
import { waitFor } from '../test/wait-for.ts';
import { browserMissing } from './helpers/browser.ts';
import { type E2e, postgresReachable, startE2e } from './helpers/e2e.ts';
import { logIn, newPage, pageProblems } from './helpers/pages.ts';
import { repoRoot, serverOutput } from './helpers/server.ts';

const screenshotDir = path.join(repoRoot, 'test-results', 'e2e');
const pgReachable = await postgresReachable('ticket-concurrency');
const password = 'e2e-Agent-Password-For-Concurrency-9!';
const agents = [
  { email: 'agathe.e2e@example.org', name: 'Agathe Agent' },
  { email: 'bruno.e2e@example.org', name: 'Bruno Agent' },
] as const;

describe.skipIf(browserMissing || !pgReachable)('two agents, one ticket; flags of a mail', () => {
  let e2e: E2e<{ backend: 'postgres'; smtpSink: true; smtpListener: true }>;
  let smtp: ReturnType<typeof nodemailer.createTransport>;

  const send = async (options: {
    from: string;
    subject: string;
    body: string;
    inReplyTo?: string;
    extra?: string;
  }) => {
    const messageId = uniqueId('conc');
    const raw = plainMail({
      from: options.from,
      to: 'partenaires@example.org',
      subject: options.subject,
      messageId,
      body: options.body,
      ...(options.extra ? { extra: options.extra } : {}),
      ...(options.inReplyTo ? { inReplyTo: options.inReplyTo, references: options.inReplyTo } : {}),
    });
    const address = /<([^>]+)>/.exec(options.from)?.[1] ?? options.from;
    await smtp.sendMail({ envelope: { from: address, to: ['partenaires@example.org'] }, raw });
    return messageId;
  };
  const ticketOf = async (messageId: string) =>
    waitFor(
      () =>
        e2e.db.db
          .selectFrom('messages')
          .select('ticket_id')
          .where('message_id', '=', messageId)
          .executeTakeFirst()
          .then((row) => row?.ticket_id),
      'the ticket of the mail',
    );
  /** The ticket's address in the app: its number, not its internal id (issue 15). */
  const ticketUrl = async (ticketId: number) => {
    const { number } = await e2e.db.db
      .selectFrom('tickets')
      .select('number')
      .where('id', '=', ticketId)
      .executeTakeFirstOrThrow();
    return `${e2e.server.url}/tickets/${number}`;
  };
  /** The open ticket, beside the list (the default 1280 px window shows both). */
  const pane = (page: Page) => page.locator('[data-pane="ticket"]');
  const shot = async (page: Page, name: string) => {
    await mkdir(screenshotDir, { recursive: true });
    await page.screenshot({
      path: path.join(screenshotDir, `concurrency-${name}.png`),
      fullPage: true,
    });
  };

  beforeAll(async () => {
    e2e = await startE2e({
      backend: 'postgres',
      smtpSink: true,
      smtpListener: true,
      admin: { email: 'admin@example.org', password: 'e2e-Admin-Password-For-Concurrency-9!' },
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
    for (const agent of agents)
      await createUser(
        db,
        { email: agent.email, name: agent.name, role: 'agent', password },
        { userId: null, label: 'test' },
      );
    smtp = nodemailer.createTransport({
      host: '127.0.0.1',
      port: e2e.smtpPort,
      secure: false,
      ignoreTLS: true,
    });
  }, 180_000);

  afterAll(async () => {
    await e2e?.cleanup();
    expect(pageProblems).toEqual([]);
  });

  test('the second agent is told who changed the ticket, sees it reloaded, and applies the change again', async ({
    onTestFailed,
  }) => {
    const first = await newPage(e2e.browser);
    const second = await newPage(e2e.browser);
    onTestFailed(async () => {
      await shot(second.page, 'failure-stale').catch(() => {});
      console.error(serverOutput(e2e.server));
    });
    const ticketId = await ticketOf(
      await send({
        from: 'Paul <paul@bailleur-44.example.org>',
        subject: 'Deux agents',
        body: 'Qui me répond ?',
      }),
    );
    // the second agent's live stream is down: its page keeps the ticket as it loaded it
    await second.context.route('**/api/live**', (route) => route.abort());
    for (const [index, { page }] of [first, second].entries()) {
      await page.goto(await ticketUrl(ticketId));
      await logIn(page, (agents[index] ?? agents[0]).email, password);
      await pane(page).getByText('Qui me répond ?').waitFor();
    }
    const assignToMe = (page: Page) => page.getByRole('button', { name: /M’assigner/ }).click();
    const assigneeIs = (page: Page, name: string) =>
      waitFor(
        async () =>
          (await pane(page).getByLabel('Assigné à', { exact: true }).first().inputValue()) ===
            name || undefined,
        `assignee ${name}`,
      );

    await assignToMe(first.page);
    await assigneeIs(first.page, agents[0].name);
    await assignToMe(second.page);
    const notice = second.page.getByTestId('stale-change');
    await notice.waitFor();
    expect(await notice.textContent()).toContain(
      'Ce ticket a été modifié par Agathe Agent pendant que vous le consultiez : assignation.',
    );
    // the page reloaded the ticket: the other agent's change shows
    await assigneeIs(second.page, agents[0].name);
    await shot(second.page, 'stale-notice');
    await second.page.getByRole('button', { name: 'Appliquer à nouveau ma modification' }).click();
    await notice.waitFor({ state: 'detached' });
    await assigneeIs(second.page, agents[1].name);
    await second.page.reload();
    await pane(second.page).getByText('Qui me répond ?').waitFor();
    await assigneeIs(second.page, agents[1].name);
    const row = await e2e.db.db
      .selectFrom('tickets')
      .innerJoin('users', 'users.id', 'tickets.assignee_id')
      .select('users.name')
      .where('tickets.id', '=', ticketId)
      .executeTakeFirstOrThrow();
    expect(row.name).toBe(agents[1].name);
    await first.context.close();
    await second.context.close();
  });

  test("shows a mail's flags and splits a stranger's message off in one click", async ({
    onTestFailed,
  }) => {
    const { context, page } = await newPage(e2e.browser);
    onTestFailed(async () => {
      await shot(page, 'failure-flags').catch(() => {});
    });
    const opening = await send({
      from: 'Paul <paul@bailleur-44.example.org>',
      subject: 'Dossier de Paul',
      body: 'Ma demande.',
      extra: 'Reply-To: secretariat@bailleur-44.example.org',
    });
    const ticketId = await ticketOf(opening);
    const strangerId = await send({
      from: 'Inconnue <inconnue@ailleurs.example.org>',
      subject: 'Re: Dossier de Paul',
      body: 'Une autre personne écrit ici.',
      inReplyTo: opening,
    });
    expect(await ticketOf(strangerId)).toBe(ticketId);
    await page.goto(await ticketUrl(ticketId));
    await logIn(page, agents[0].email, password);
    await pane(page).getByText('Une autre personne écrit ici.').waitFor();
    await page.getByText('Répondre à : secretariat@bailleur-44.example.org').waitFor();
    await page.getByText('Expéditeur inconnu de ce ticket').waitFor();
    await shot(page, 'flags');
    await page.getByRole('button', { name: 'Séparer dans un nouveau ticket' }).click();
    await page.getByText(/Nouveau ticket #\d+ créé/).waitFor();
    await page.reload();
    await pane(page).getByText('Ma demande.').waitFor();
    expect(await pane(page).getByText('Une autre personne écrit ici.').count()).toBe(0);
    expect(await page.getByText('Expéditeur inconnu de ce ticket').count()).toBe(0);
    expect(await ticketOf(strangerId)).not.toBe(ticketId);
    await context.close();
  });
});
