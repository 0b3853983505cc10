/**
 * Response targets in a real browser (issue 18), on a PostgreSQL server: a
 * supervisor sets a 45-minute first-response target for Partenaires on the
 * targets screen (durations typed as people say them), reloads and finds it;
 * a ticket opened afterwards shows "à répondre dans …" in the inbox sorted by
 * due time and in the folder "Échéances proches", and on the ticket.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openTicket } from '../src/domain/tickets/open-ticket.ts';
import { browserMissing } from './helpers/browser.ts';
import { type E2e, postgresReachable, startE2e } from './helpers/e2e.ts';
import { logIn, newPage, pageProblems } from './helpers/pages.ts';
import { repoRoot, serverOutput } from './helpers/server.ts';

const screenshotDir = path.join(repoRoot, 'test-results', 'e2e');
const pgReachable = await postgresReachable('response targets');
const admin = { email: 'admin.objectifs@example.org', password: 'e2e-Admin-Targets-Password-7!' };

async function shot(page: Page, name: string): Promise<void> {
  await mkdir(screenshotDir, { recursive: true });
  await page.screenshot({ path: path.join(screenshotDir, `targets-${name}.png`), fullPage: true });
}

describe.skipIf(browserMissing || !pgReachable)('response targets in the browser', () => {
  let e2e: E2e<{ backend: 'postgres' }>;
  beforeAll(async () => {
    e2e = await startE2e({ backend: 'postgres', admin });
  }, 180_000);
  afterAll(async () => {
    await e2e?.cleanup();
    expect(pageProblems).toEqual([]);
  });

  test('set a target, see the due time in the list and the ticket', async ({ onTestFailed }) => {
    const { page } = await newPage(e2e.browser);
    onTestFailed(async () => {
      await shot(page, 'failure').catch(() => {});
      console.error(serverOutput(e2e.server));
    });
    await page.goto(e2e.server.url);
    await logIn(page, admin.email, admin.password);
    await page.getByRole('navigation').getByRole('link', { name: 'Objectifs de réponse' }).click();
    await page.getByRole('heading', { level: 1, name: 'Objectifs de réponse' }).waitFor();
    const form = page.locator('form[aria-labelledby="target-form"]');
    await form.getByLabel('Boîte', { exact: true }).click();
    await page.getByRole('option', { name: 'Partenaires' }).click();
    await form.getByLabel('Première réponse sous').fill('45 min');
    await form.getByLabel('Résolution sous').fill('2 j');
    await form.getByRole('checkbox', { name: /heures ouvrées/ }).uncheck();
    await form.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByRole('status').filter({ hasText: 'Objectif enregistré.' }).waitFor();
    await page.reload();
    const row = page.getByRole('row').filter({ hasText: 'Partenaires' });
    await row.waitFor();
    expect(await row.textContent()).toContain('45 min');
    expect(await row.textContent()).toContain('Heures calendaires');
    await shot(page, 'page');

    // a ticket opened now (the target applies to tickets opened after it): due in 45 min
    const { db } = e2e.db;
    const mailbox = await db
      .selectFrom('mailboxes')
      .select('id')
      .where('slug', '=', 'partenaires')
      .executeTakeFirstOrThrow();
    const at = new Date();
    const ticket = await db
      .transaction()
      .execute((trx) =>
        openTicket(
          trx,
          { mailboxId: mailbox.id, subject: 'Accès bloqué', contactId: null, channel: 'email', at },
          { kind: 'customer', body_text: 'Bonjour, mon accès est bloqué.', created_at: at },
        ),
      );
    await page.goto(`${e2e.server.url}/inbox?folder=due_soon&sort=due`);
    const due = page.locator('[data-due-urgency]').first();
    await due.waitFor();
    expect(await due.textContent()).toMatch(/^à répondre dans 4[2-5] min$/);
    await shot(page, 'inbox');
    await page.goto(`${e2e.server.url}/tickets/${ticket.id}`);
    await page.locator('[data-due-urgency="soon"]').waitFor();
    await shot(page, 'ticket');
  });
});
