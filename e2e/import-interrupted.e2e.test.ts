/**
 * Issue 16 §13 in a real browser: the server dies (SIGKILL) while it imports
 * an export an administrator uploaded; once restarted, the import panel says
 * the import was interrupted and offers "Reprendre"; choosing the same file
 * again finishes the import, and after a reload the notice is gone.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { generatedMapping, writeHelpScoutExport } from '../bench/helpscout-export.ts';
import { browserMissing, launchBrowser } from './helpers/browser.ts';
import {
  expectHomePage,
  logIn,
  newPage,
  openMailboxesPage,
  pageProblems,
} from './helpers/pages.ts';
import {
  type GuichetServer,
  removeDataDir,
  repoRoot,
  serverOutput,
  startGuichet,
} from './helpers/server.ts';

const adminEmail = 'admin@example.org';
const adminPassword = 'e2e-Correct-Horse-Battery-Staple-42!';
const screenshotDir = path.join(repoRoot, 'test-results', 'e2e');

/** Reloads until `text` shows in `panel` (the run reads as interrupted once its lease ran out). */
async function reloadUntil(page: Page, panel: Locator, text: string, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      await panel.getByText(text, { exact: false }).first().waitFor({ timeout: 5_000 });
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await page.reload();
    }
  }
}

describe.skipIf(browserMissing)('an import interrupted by a crash, in the browser', () => {
  let browser: Browser;
  let server: GuichetServer | undefined;
  let dir = '';

  beforeAll(async () => {
    browser = await launchBrowser();
    dir = await mkdtemp(path.join(os.tmpdir(), 'guichet-e2e-interrupted-'));
    await mkdir(path.join(dir, 'tmp'));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (server) await removeDataDir(server.dataDir);
    await rm(dir, { recursive: true, force: true });
    expect(pageProblems).toEqual([]);
  });

  test('shows the interrupted import and resumes it', async ({ onTestFailed }) => {
    const env = {
      GUICHET_ADMIN_EMAIL: adminEmail,
      GUICHET_ADMIN_PASSWORD: adminPassword,
      TMPDIR: path.join(dir, 'tmp'),
    };
    server = await startGuichet({ env });
    onTestFailed(() => {
      if (server) console.error(serverOutput(server));
    });
    const file = path.join(dir, 'export.jsonl');
    await writeHelpScoutExport(file, { conversations: 1000, year: 2022, seed: 5 });

    const { page, context } = await newPage(browser);
    await page.goto(server.url);
    await logIn(page, adminEmail, adminPassword);
    await expectHomePage(page, adminEmail);
    // The import panel is on the mailboxes page.
    await openMailboxesPage(page);
    const panel = page.getByRole('region', { name: 'Importer l’historique Help Scout' });
    const choose = async () => {
      await panel.locator('input[type="file"]').setInputFiles(file);
      await panel
        .getByLabel('Correspondances (JSON, facultatif)')
        .fill(JSON.stringify(generatedMapping));
    };
    await panel.getByRole('button', { name: 'Fichier d’export (.jsonl ou .json)' }).waitFor();
    await choose();
    await panel.getByLabel('Essai à blanc', { exact: false }).uncheck();
    await panel.getByRole('button', { name: 'Importer' }).click();
    await panel.getByText('Import en cours', { exact: false }).waitFor({ timeout: 60_000 });

    await server.crash();
    server = await startGuichet({ env, dataDir: server.dataDir, port: server.port });
    await page.reload();
    await reloadUntil(page, panel, 'Import interrompu', 120_000);
    await panel.getByText('le fichier envoyé a été effacé', { exact: false }).waitFor();
    await mkdir(screenshotDir, { recursive: true });
    await page.screenshot({
      path: path.join(screenshotDir, 'import-interrupted.png'),
      fullPage: true,
    });

    await panel.getByRole('button', { name: 'Reprendre' }).click();
    await panel.getByText('Reprise : choisissez à nouveau', { exact: false }).waitFor();
    await expect(panel.getByLabel('Essai à blanc', { exact: false }).isChecked()).resolves.toBe(
      false,
    );
    await choose();
    await panel.getByRole('button', { name: 'Importer' }).click();
    await panel.getByText('Import terminé.').waitFor({ timeout: 240_000 });
    const summary = await panel.getByRole('table').textContent();
    expect(summary).toMatch(/Lues.*En erreur\s*1000/);

    await page.reload();
    await panel.getByRole('button', { name: 'Importer' }).waitFor();
    expect(await panel.getByText('Import interrompu', { exact: false }).count()).toBe(0);
    await context.close();
  }, 600_000);
});
