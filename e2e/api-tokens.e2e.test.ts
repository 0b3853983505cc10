/**
 * The open platform in a real browser (issue 21 §1, §2, §6), one session: an
 * administrator makes a personal token under the profile (shown once), another
 * system uses it on the API, the administrator revokes it among every token
 * and the reload shows it revoked while the API refuses it; the inbox's
 * "Exporter" downloads the list as CSV; the API reference at /api/docs renders
 * within the app's Content Security Policy (no violation reported).
 */
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTicket } from '../test/factories.ts';
import { browserMissing } from './helpers/browser.ts';
import { type E2e, postgresReachable, startE2e } from './helpers/e2e.ts';
import { logIn, newPage, pageProblems, savedDownload } from './helpers/pages.ts';
import { repoRoot, serverOutput } from './helpers/server.ts';

const screenshotDir = path.join(repoRoot, 'test-results', 'e2e');
const pgReachable = await postgresReachable('api tokens');
const admin = { email: 'admin.api@example.org', password: 'e2e-Api-Tokens-Password-3!' };

describe.skipIf(browserMissing || !pgReachable)('API tokens, exports and the API reference', () => {
  let e2e: E2e<{ backend: 'postgres' }>;

  beforeAll(async () => {
    e2e = await startE2e({ backend: 'postgres', admin });
    const mailbox = await e2e.db.db
      .selectFrom('mailboxes')
      .select('id')
      .where('slug', '=', 'demandeurs')
      .executeTakeFirstOrThrow();
    await createTicket(e2e.db.db, {
      mailboxId: mailbox.id,
      createdAt: new Date(),
      subject: '=Demande exportée',
    });
  });
  afterAll(async () => {
    await e2e?.cleanup();
    expect(pageProblems).toEqual([]);
  });

  test('make, use and revoke a token; export the inbox; read the reference', async ({
    onTestFailed,
  }) => {
    const { server, browser } = e2e;
    onTestFailed(() => console.error(serverOutput(server)));
    const { page } = await newPage(browser);
    await page.goto(server.url);
    await logIn(page, admin.email, admin.password);
    await page.getByRole('banner').getByText(admin.email, { exact: true }).waitFor();

    await page.goto(`${server.url}/profile`);
    const section = page.getByRole('region', { name: 'Jetons d’API' });
    await section.getByRole('textbox', { name: 'Nom du jeton' }).fill('Tableau de bord');
    await section.getByRole('button', { name: 'Créer le jeton' }).click();
    const token = ((await page.getByTestId('new-token').textContent()) ?? '').trim();
    expect(token).toMatch(/^gch_[A-Za-z0-9_-]{43}$/);
    await section.getByRole('table', { name: 'Mes jetons' }).getByText('Tableau de bord').waitFor();

    const api = (url: string) =>
      fetch(`${server.url}${url}`, { headers: { authorization: `Bearer ${token}` } });
    expect((await api('/api/inbox?folder=all')).status).toBe(200);

    await section.getByText('Tous les jetons').click();
    const all = section.getByRole('table', { name: 'Tous les jetons' });
    await all.getByText(admin.email).waitFor();
    await mkdir(screenshotDir, { recursive: true });
    await page.screenshot({ path: path.join(screenshotDir, 'api-tokens.png'), fullPage: true });
    await all.getByRole('button', { name: 'Révoquer Tableau de bord' }).click();
    await all.getByText('révoqué').waitFor();
    await page.reload();
    await page.getByRole('table', { name: 'Mes jetons' }).getByText('révoqué').waitFor();
    expect((await api('/api/inbox?folder=all')).status).toBe(401);

    await page.goto(`${server.url}/inbox?folder=all`);
    await page.getByRole('button', { name: 'Exporter' }).click();
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Télécharger' }).click();
    const file = await savedDownload(await download);
    const csv = await readFile(file, 'utf8');
    expect(csv.split('\r\n')[0]).toMatch(/^\ufeffNuméro;Sujet;Statut;Boîte;/);
    expect(csv).toContain(";'=Demande exportée;");

    await page.goto(`${server.url}/api/docs`);
    // Swagger UI's bundle is large: a loaded machine takes its time to run it.
    await page.getByText('Guichet API').first().waitFor({ timeout: 90_000 });
    await page.locator('.opblock-summary').first().waitFor({ timeout: 90_000 });
  }, 120_000);
});
