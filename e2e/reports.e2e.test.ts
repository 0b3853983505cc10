/**
 * The reports page in a real browser against a real server holding a few 2020
 * tickets: navigation and period picker, tables and a chart, the drill-down
 * drawer, a PDF export, a supervisor editing a text and publishing, and a
 * viewer who reads the same report without any edit button.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { DB } from '../src/db/schema.ts';
import { refreshTicketTimings } from '../src/domain/tickets/ticket-timings.ts';
import { createUser } from '../src/domain/users/manage-users.ts';
import { addMessage, createTicket, withDefaultConfiguration } from '../test/factories.ts';
import { browserMissing } from './helpers/browser.ts';
import { type E2e, startE2e } from './helpers/e2e.ts';
import { logIn, newPage, pageProblems } from './helpers/pages.ts';
import { repoRoot, serverOutput } from './helpers/server.ts';

const password = 'e2e-Reports-Horse-Battery-Staple-7!';
const supervisor = { email: 'superviseur@example.org', name: 'Sophie Superviseur' };
const viewer = { email: 'lecteur@example.org', name: 'Luc Lecteur' };
const screenshotDir = path.join(repoRoot, 'test-results', 'e2e');

/**
 * A small desk on the embedded database: five Partenaires tickets in March and
 * June 2020 (three in département 44, two unclassified), one in March 2019,
 * each answered 30 minutes later; a supervisor and a viewer.
 */
async function seedData(db: Kysely<DB>): Promise<void> {
  const { partenaires = '' } = await withDefaultConfiguration(db);
  const departement44 = await db
    .selectFrom('fields as f')
    .innerJoin('field_values as v', 'v.field_id', 'f.id')
    .select(['f.id as fieldId', 'v.id as valueId'])
    .where('f.mailbox_id', '=', partenaires)
    .where('f.key', '=', 'departement')
    .where('v.label', '=', '44')
    .executeTakeFirstOrThrow();
  const dates = ['2020-03-02', '2020-03-03', '2020-03-04', '2020-06-08', '2020-06-09'];
  const ids: number[] = [];
  for (const [i, day] of [...dates, '2019-03-05'].entries()) {
    const createdAt = new Date(`${day}T09:00:00Z`);
    const id = await createTicket(db, {
      mailboxId: partenaires,
      createdAt,
      subject: `Ticket e2e ${i + 1}`,
    });
    await addMessage(db, id, partenaires, 'reply', new Date(createdAt.getTime() + 30 * 60_000));
    if (i < 3) {
      await db
        .insertInto('ticket_field_values')
        .values({
          ticket_id: id,
          field_id: departement44.fieldId,
          value_id: departement44.valueId,
        })
        .execute();
    }
    ids.push(id);
  }
  await refreshTicketTimings(db, ids);
  for (const [person, role] of [
    [supervisor, 'supervisor'],
    [viewer, 'viewer'],
  ] as const) {
    await createUser(db, { ...person, role, password }, { userId: null, label: 'e2e' });
  }
}

async function saveFailureScreenshot(page: Page | undefined, name: string): Promise<void> {
  if (page === undefined || page.isClosed()) return;
  await mkdir(screenshotDir, { recursive: true });
  await page
    .screenshot({ path: path.join(screenshotDir, `failure-${name}.png`), fullPage: true })
    .catch(() => {});
}

/** The table of a report section, e.g. "1C" (Département). */
const sectionTable = (page: Page, id: string) =>
  page.locator(`section[data-section="${id}"] table`).first();

describe.skipIf(browserMissing)('reports page in the browser', () => {
  let e2e: E2e<{ backend: 'pglite' }>;

  beforeAll(async () => {
    e2e = await startE2e({ backend: 'pglite', seed: seedData });
  });

  afterAll(async () => {
    await e2e?.cleanup();
    expect(pageProblems).toEqual([]);
  });

  test('a supervisor reads, drills down, exports, edits a text and publishes', async ({
    onTestFailed,
  }) => {
    const { server, browser } = e2e;
    const { url } = server;
    const { context, page } = await newPage(browser);
    onTestFailed(async () => {
      await saveFailureScreenshot(page, 'reports-supervisor');
      console.error(serverOutput(server));
    });

    await page.goto(url);
    await logIn(page, supervisor.email, password);
    await page.getByRole('navigation').getByRole('link', { name: 'Rapports' }).click();
    await page.getByRole('heading', { level: 1, name: 'Rapports' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/reports');

    // The report opens on the latest year with data; the picker lists only years with tickets.
    await page.getByRole('heading', { name: 'Rapport d’activité 2020' }).waitFor();
    const years = page.getByLabel('Année', { exact: true }).locator('option');
    expect(await years.allTextContents()).toEqual(['2020', '2019']);
    // The period picker writes the period in the URL; the report follows.
    await page.getByLabel('Année', { exact: true }).selectOption('2019');
    await page.getByRole('heading', { name: 'Rapport d’activité 2019' }).waitFor();
    await page.getByLabel('Année', { exact: true }).selectOption('2020');
    await page.getByRole('heading', { name: 'Rapport d’activité 2020' }).waitFor();
    expect(new URL(page.url()).searchParams.get('period')).toBe('2020');

    // Tables in French formatting, and the charts drawn by ECharts (SVG).
    const departements = sectionTable(page, '1C');
    await departements.getByRole('rowheader', { name: '44' }).waitFor();
    const row44 = departements.getByRole('row').filter({ hasText: '44' });
    expect(await row44.textContent()).toContain('3');
    expect(await sectionTable(page, '1B').textContent()).toContain('Total');
    await page.locator('[data-chart] svg').first().waitFor();
    expect(await page.locator('[data-chart]').count()).toBeGreaterThan(1);
    await page.getByRole('heading', { name: 'Définitions' }).waitFor();

    // Drill-down: the row "44" lists its three tickets in a drawer.
    await page.getByRole('button', { name: 'Voir les tickets : 44' }).click();
    const drawer = page.getByRole('dialog', { name: 'Tickets : 44' });
    await drawer.getByText('3 tickets', { exact: true }).waitFor();
    expect(await drawer.getByRole('row').count()).toBe(4);
    await drawer.getByText('Ticket e2e 1').waitFor();
    // The mailbox by its name; each number links to its ticket.
    expect(await drawer.getByRole('cell', { name: 'Partenaires' }).count()).toBe(3);
    const links = drawer.getByRole('link', { name: /^#\d+$/ });
    expect(await links.count()).toBe(3);
    const first = await links.first().textContent();
    expect(await links.first().getAttribute('href')).toBe(`/tickets/${first?.slice(1)}`);
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });

    // The PDF link downloads a PDF of this view.
    const href = await page.getByRole('link', { name: 'PDF', exact: true }).getAttribute('href');
    expect(href).toContain('period=2020');
    expect(href).toContain('format=pdf');
    const pdf = await page.request.get(`${url}${href}`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toContain('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString('latin1')).toBe('%PDF-');

    // Editing the preamble of part 1: saved, then shown in the section.
    await page.getByRole('button', { name: 'Modifier le texte de 1A' }).click();
    const editor = page.getByRole('dialog', { name: 'Texte de la section 1A' });
    const textarea = editor.getByRole('textbox', { name: /Texte/ });
    await textarea.fill('Préambule écrit pendant le test de bout en bout.');
    await editor.getByRole('button', { name: 'Enregistrer' }).click();
    await editor.waitFor({ state: 'hidden' });
    await page
      .locator('section[data-section="1A"]')
      .getByText('Préambule écrit pendant le test de bout en bout.')
      .waitFor();

    // Publishing 2020, after a confirmation: the banner says so.
    await page.getByRole('button', { name: 'Publier le rapport 2020' }).click();
    const confirm = page.getByRole('dialog', { name: 'Publier le rapport 2020 ?' });
    await confirm.getByRole('button', { name: 'Publier', exact: true }).click();
    await page.getByText(/Rapport publié le/).waitFor();
    await page.getByText('Un nouveau calcul donne les mêmes chiffres.').waitFor();

    await mkdir(screenshotDir, { recursive: true });
    await page.screenshot({ path: path.join(screenshotDir, 'reports.png'), fullPage: true });

    // Business hours: a view of its own in the URL; publishing is for the calendar year only.
    await page.getByRole('switch', { name: /heures ouvrées/ }).check();
    await page.waitForURL(/clock=business/);
    await page.getByRole('heading', { name: 'Rapport d’activité 2020' }).waitFor();
    await page
      .getByRole('button', { name: 'Publier le rapport 2020' })
      .waitFor({ state: 'detached' });
    await context.close();
  });

  test('a viewer reads the shared view but cannot edit or publish', async ({ onTestFailed }) => {
    const { server, browser } = e2e;
    const { url } = server;
    const { context, page } = await newPage(browser);
    onTestFailed(async () => {
      await saveFailureScreenshot(page, 'reports-viewer');
      console.error(serverOutput(server));
    });

    // A shared link: the view comes from the URL, after logging in.
    await page.goto(`${url}/reports?period=2020-Q1&mailbox=partenaires`);
    await logIn(page, viewer.email, password);
    await page.getByRole('heading', { name: 'Rapport d’activité — T1 2020' }).waitFor();
    expect(await page.getByLabel('Type de période').inputValue()).toBe('quarter');
    await sectionTable(page, '1C').getByRole('rowheader', { name: '44' }).waitFor();
    await page.locator('[data-chart] svg').first().waitFor();
    expect(await page.getByRole('button', { name: /Modifier le texte/ }).count()).toBe(0);

    // The drill-down works from the keyboard, and Escape gives the focus back to the row.
    const row44 = page.getByRole('button', { name: 'Voir les tickets : 44' });
    await row44.focus();
    await page.keyboard.press('Enter');
    const drawer = page.getByRole('dialog', { name: 'Tickets : 44' });
    await drawer.getByText('3 tickets', { exact: true }).waitFor();
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });
    await expect
      .poll(() => row44.evaluate((element) => element === document.activeElement))
      .toBe(true);
    expect(await page.getByRole('button', { name: /Publier le rapport/ }).count()).toBe(0);
    await context.close();
  });
});
