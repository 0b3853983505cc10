/**
 * The import panel in a real browser against a real server (embedded
 * database): an administrator uploads a small Help Scout export with a broken
 * line, follows the import to its end, reads the summary and finds the error
 * report link.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { conversation, line } from '../test/support/import-conversations.ts';
import { browserMissing, launchBrowser } from './helpers/browser.ts';
import {
  expectHomePage,
  logIn,
  newPage,
  openMailboxesPage,
  pageProblems,
} from './helpers/pages.ts';
import { type GuichetServer, removeDataDir, serverOutput, startGuichet } from './helpers/server.ts';

const adminEmail = 'admin@example.org';
const adminPassword = 'e2e-Correct-Horse-Battery-Staple-42!';

describe.skipIf(browserMissing)('import panel in the browser', () => {
  let browser: Browser;
  let server: GuichetServer | undefined;

  beforeAll(async () => {
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (server) await removeDataDir(server.dataDir);
    expect(pageProblems).toEqual([]);
  });

  test('upload, progress, summary and error report', async ({ onTestFailed }) => {
    server = await startGuichet({
      env: { GUICHET_ADMIN_EMAIL: adminEmail, GUICHET_ADMIN_PASSWORD: adminPassword },
    });
    onTestFailed(() => {
      if (server) console.error(serverOutput(server));
    });
    const dir = await mkdtemp(path.join(os.tmpdir(), 'guichet-e2e-import-'));
    const file = path.join(dir, 'export.jsonl');
    await writeFile(
      file,
      [line(conversation(7000)), '{"id": 7001,', line(conversation(7002))].join('\n'),
    );

    const { page, context } = await newPage(browser);
    await page.goto(server.url);
    await logIn(page, adminEmail, adminPassword);
    await expectHomePage(page, adminEmail);
    // The import panel is on the mailboxes page.
    await openMailboxesPage(page);

    const panel = page.getByRole('region', { name: 'Importer l’historique Help Scout' });
    // Mantine's FileInput is a labelled button over a hidden file input.
    await panel.getByRole('button', { name: 'Fichier d’export (.jsonl ou .json)' }).waitFor();
    await panel.locator('input[type="file"]').setInputFiles(file);
    await panel
      .getByLabel('Correspondances (JSON, facultatif)')
      .fill('{"mailboxes": {"101": "partenaires"}}');
    await panel.getByLabel('Essai à blanc', { exact: false }).uncheck();
    await panel.getByRole('button', { name: 'Importer' }).click();

    await panel.getByText('Import terminé.').waitFor({ timeout: 30_000 });
    const summary = await panel.getByRole('table').textContent();
    expect(summary).toContain('Créées');
    expect(summary).toMatch(/Lues.*Créées.*Mises à jour.*Inchangées.*En erreur.*2\s*2\s*0\s*0\s*1/);
    await panel.getByText('1 erreur, 0 avertissement').waitFor();
    const link = panel.getByRole('link', { name: 'Télécharger le rapport d’erreurs (CSV)' });
    const href = await link.getAttribute('href');
    expect(href).toMatch(/^\/api\/imports\/[0-9a-f-]{36}\/errors$/);
    const report = await page.evaluate(async (url) => {
      const response = await fetch(url, { credentials: 'same-origin' });
      return { status: response.status, body: await response.text() };
    }, href ?? '');
    expect(report.status).toBe(200);
    expect(report.body).toMatch(/export\.jsonl,2,error,,truncated JSON/);
    await context.close();
    await rm(dir, { recursive: true, force: true });
    const runId = href?.split('/')[3] ?? '';
    if (/^[0-9a-f-]{36}$/.test(runId)) {
      await rm(path.join(os.tmpdir(), 'guichet-imports', runId), { recursive: true, force: true });
    }
  });
});
