/**
 * An agent answers ten tickets with the keyboard alone (issue 15, "Done
 * when"), in a real browser on a PostgreSQL server with a real SMTP sink as
 * the relay: only the keys the shortcuts' help (`?`) lists — j and Entrée to
 * open the first ticket of the inbox, r to reply, Ctrl + Entrée to send,
 * Échap to leave a field, f then the value and Entrée to classify, c to
 * close, j to go to the next ticket. Then a reload, and the database says
 * each of the ten has its reply (received by the sink, to its contact), its
 * Département and the closed status. The inbox's rows visible at 1440×900 are
 * counted on the way (screenshots test-results/e2e/keyboard-ten-*.png).
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createUser } from '../src/domain/users/manage-users.ts';
import { ticket } from '../test/support/workspace-app.ts';
import { waitFor } from '../test/wait-for.ts';
import { browserMissing } from './helpers/browser.ts';
import { type E2e, postgresReachable, startE2e } from './helpers/e2e.ts';
import { logIn, newPage, pageProblems } from './helpers/pages.ts';
import { repoRoot, serverOutput } from './helpers/server.ts';

const screenshotDir = path.join(repoRoot, 'test-results', 'e2e');
const pgReachable = await postgresReachable('ten tickets by keyboard');
const ticketCount = 10;

describe.skipIf(browserMissing || !pgReachable)('ten tickets answered with the keyboard', () => {
  const agent = { email: 'agent.clavier@example.org', password: 'e2e-Ten-Tickets-By-Keys-4!' };
  let e2e: E2e<{ backend: 'postgres'; smtpSink: true }>;
  let tickets: { id: number; number: number; email: string }[] = [];

  const shot = async (page: Page, name: string) => {
    await mkdir(screenshotDir, { recursive: true });
    await page.screenshot({ path: path.join(screenshotDir, `keyboard-ten-${name}.png`) });
  };
  /** Waits until the focus is where `test` says (typing before that would be shortcuts). */
  const focusIs = (page: Page, test: 'textarea' | 'field' | 'body') =>
    page.waitForFunction((where) => {
      const active = document.activeElement;
      // The reply box is the composer's editor (contenteditable) since issue 19.
      if (where === 'textarea') return (active as HTMLElement | null)?.isContentEditable === true;
      if (where === 'field') return active?.hasAttribute('data-field') === true;
      return active === document.body || active === null;
    }, test);

  beforeAll(async () => {
    e2e = await startE2e({
      backend: 'postgres',
      smtpSink: true,
      admin: { email: 'admin@example.org', password: 'e2e-Admin-For-Ten-Tickets-4!' },
    });
    const { db } = e2e.db;
    await createUser(
      db,
      { email: agent.email, name: 'Camille Clavier', role: 'agent', password: agent.password },
      { userId: null, label: 'test' },
    );
    const partners = await db
      .selectFrom('mailboxes')
      .select('id')
      .where('slug', '=', 'partenaires')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('mailbox_addresses')
      .values({ address: 'partenaires@example.org', mailbox_id: partners.id, is_primary: true })
      .execute();
    for (let n = 1; n <= ticketCount; n++) {
      const email = `partenaire${n}@bailleur-${n}.example.org`;
      const made = await ticket(db, {
        mailboxId: partners.id,
        subject: `Question clavier ${n}`,
        contactName: `Partenaire ${n}`,
        email,
        body: `Bonjour, voici la question ${n}.`,
        at: new Date(Date.UTC(2026, 0, 2, 8, n)),
      });
      tickets.push({ ...made, email });
    }
    // The inbox lists the newest first.
    tickets = tickets.reverse();
  }, 180_000);

  afterAll(async () => {
    await e2e?.cleanup();
    expect(pageProblems).toEqual([]);
  });

  test('opens, replies, classifies, closes and moves on, ten times, keys only', async ({
    onTestFailed,
  }) => {
    const { context, page } = await newPage(e2e.browser);
    await page.setViewportSize({ width: 1440, height: 900 });
    onTestFailed(async () => {
      await shot(page, 'failure').catch(() => {});
      console.error(serverOutput(e2e.server));
    });
    await page.goto(e2e.server.url);
    await logIn(page, agent.email, agent.password);
    await page.waitForURL('**/inbox');
    await page.getByRole('link', { name: /Question clavier 10/ }).waitFor();
    await shot(page, 'inbox');

    // The keys used below are those the help lists.
    await page.keyboard.press('?');
    const help = page.getByRole('dialog', { name: 'Raccourcis clavier' });
    const documented = await help.locator('kbd').allTextContents();
    for (const key of ['j', 'Entrée', 'r', 'Ctrl + Entrée', 'Échap', 'f', 'c'])
      expect(documented.join(' | ')).toContain(key);
    await page.keyboard.press('Escape');
    await help.waitFor({ state: 'detached' });

    await page.keyboard.press('j');
    await page.waitForFunction(() => document.activeElement?.hasAttribute('data-ticket'));
    await page.keyboard.press('Enter');
    for (const [index, open] of tickets.entries()) {
      const subject = `Question clavier ${ticketCount - index}`;
      await page.waitForURL(`**/tickets/${open.number}`);
      await page.getByRole('heading', { level: 1, name: subject }).waitFor();
      const thread = page.getByRole('list', { name: 'Fil du ticket' });

      await page.keyboard.press('r');
      await focusIs(page, 'textarea');
      await page.keyboard.type(`Réponse au clavier pour le ticket ${open.number}.`);
      await page.keyboard.press('Control+Enter');
      // A reply written in the editor is HTML: the thread shows it in its sandboxed frame.
      await thread
        .frameLocator('iframe')
        .last()
        .getByText(`Réponse au clavier pour le ticket ${open.number}.`)
        .waitFor();
      await page.keyboard.press('Escape'); // leaves the reply box
      await focusIs(page, 'body');

      await page.keyboard.press('f');
      await focusIs(page, 'field');
      await page.keyboard.type('35');
      await page.keyboard.press('Enter');
      await thread.getByText(/Classement : Département modifié/).waitFor();
      await page.keyboard.press('Escape'); // leaves the field
      await focusIs(page, 'body');

      await page.keyboard.press('c');
      await thread.getByText(/Statut : .* → Fermé/).waitFor();
      if (index === 0) await shot(page, 'first-done');
      if (index < tickets.length - 1) await page.keyboard.press('j');
    }

    // After a reload the last ticket is still closed; the database says it of all ten.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Question clavier 1' }).waitFor();
    await page
      .getByRole('list', { name: 'Fil du ticket' })
      .getByText(/→ Fermé/)
      .waitFor();
    await shot(page, 'last-after-reload');
    const { db } = e2e.db;
    const ids = tickets.map((t) => t.id);
    const rows = await db
      .selectFrom('tickets')
      .select(['id', 'status'])
      .where('id', 'in', ids)
      .execute();
    expect(rows.map((r) => r.status)).toEqual(ids.map(() => 'closed'));
    const classified = await db
      .selectFrom('ticket_field_values as tfv')
      .innerJoin('fields as f', 'f.id', 'tfv.field_id')
      .innerJoin('field_values as v', 'v.id', 'tfv.value_id')
      .select(['tfv.ticket_id', 'v.label'])
      .where('tfv.ticket_id', 'in', ids)
      .where('f.key', '=', 'departement')
      .execute();
    expect(new Set(classified.filter((c) => c.label === '35').map((c) => c.ticket_id))).toEqual(
      new Set(ids),
    );
    const replies = await db
      .selectFrom('messages')
      .select('ticket_id')
      .where('ticket_id', 'in', ids)
      .where('kind', '=', 'reply')
      .execute();
    expect(new Set(replies.map((r) => r.ticket_id))).toEqual(new Set(ids));
    // Every reply reached the SMTP sink, addressed to its ticket's contact (one address each).
    for (const sent of tickets) {
      const mail = await waitFor(
        () => e2e.sink.received.find((m) => m.to.includes(sent.email)),
        `the reply to ticket ${sent.number} at the sink`,
        60_000,
      );
      expect(mail.raw.toString()).toContain(`${sent.number}`);
    }
    await context.close();
  }, 600_000);
});
