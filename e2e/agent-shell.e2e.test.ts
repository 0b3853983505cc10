/**
 * The agent's screen as the place agents live all day (issue 15 §2, §3, §5),
 * in a real browser on a PostgreSQL server: every role lands on its tickets,
 * the side navigation with mailboxes, folders and counts, the list and the
 * ticket side by side at 1440×900 (rows counted), list-then-ticket on a phone,
 * filters folded with removable chips, one "Appliquer"; 404 and "access
 * refused"; ticket numbers in addresses; the keyboard classification of the
 * shortcuts' help, key by key, kept after a reload; dark mode and density
 * kept per user. Screenshots in test-results/e2e/shell-*.png.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createUser } from '../src/domain/users/manage-users.ts';
import { ticket } from '../test/support/workspace-app.ts';
import { axeViolations } from './helpers/axe.ts';
import { browserMissing } from './helpers/browser.ts';
import { type E2e, postgresReachable, startE2e } from './helpers/e2e.ts';
import { logIn, pageProblems } from './helpers/pages.ts';
import { repoRoot, serverOutput } from './helpers/server.ts';

const screenshotDir = path.join(repoRoot, 'test-results', 'e2e');
const pgReachable = await postgresReachable('agent shell');
const desktop = { width: 1440, height: 900 };
const phone = { width: 390, height: 844 };

describe.skipIf(browserMissing || !pgReachable)('the agent’s screen', () => {
  const agent = { email: 'agent.shell@example.org', password: 'e2e-Agent-Password-For-Shell-9!' };
  let e2e: E2e<{ backend: 'postgres' }>;
  let classified = { id: 0, number: 0 };
  let firstTicket = { id: 0, number: 0 };

  const openAs = async (size: { width: number; height: number }) => {
    const context = await e2e.browser.newContext({ locale: 'fr-FR', viewport: size });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    page.on('pageerror', (error) => pageProblems.push(`Uncaught: ${error.message}`));
    await page.goto(e2e.server.url);
    await logIn(page, agent.email, agent.password);
    return { context, page };
  };
  const shot = async (page: Page, name: string) => {
    await mkdir(screenshotDir, { recursive: true });
    await page.screenshot({ path: path.join(screenshotDir, `shell-${name}.png`) });
  };
  /** Rows of the ticket list wholly inside the window. */
  const visibleRows = (page: Page) =>
    page.evaluate(() => {
      const list = document.querySelector('ul a[data-ticket]')?.closest('ul');
      return [...(list?.querySelectorAll(':scope > li') ?? [])].filter((row) => {
        const box = row.getBoundingClientRect();
        return box.top >= 0 && box.bottom <= window.innerHeight && box.height > 0;
      }).length;
    });
  const listHeading = (page: Page) => page.getByRole('heading', { name: /^Boîte de réception — / });

  beforeAll(async () => {
    e2e = await startE2e({
      backend: 'postgres',
      admin: { email: 'admin@example.org', password: 'e2e-Admin-Password-For-Shell-9!' },
    });
    const { db } = e2e.db;
    await createUser(
      db,
      { email: agent.email, name: 'Anna Agent', role: 'agent', password: agent.password },
      { userId: null, label: 'test' },
    );
    const partners = await db
      .selectFrom('mailboxes')
      .select('id')
      .where('slug', '=', 'partenaires')
      .executeTakeFirstOrThrow();
    for (let n = 1; n <= 30; n++) {
      const made = await ticket(db, {
        mailboxId: partners.id,
        subject: `Demande de partenaire ${n}`,
        contactName: `Contact Partenaire ${n}`,
        email: `contact${n}@bailleur-${n}.example.org`,
        body: `Bonjour, voici la demande ${n}.`,
        at: new Date(Date.UTC(2026, 0, 1, 8, n)),
      });
      if (n === 30) firstTicket = made;
    }
    // A ticket classified on every field, Département 49: `f` lands on the first field.
    classified = await ticket(db, {
      mailboxId: partners.id,
      subject: 'Classement au clavier',
      at: new Date(Date.UTC(2025, 5, 1)),
    });
    const fields = await db
      .selectFrom('fields')
      .select(['id', 'key'])
      .where('mailbox_id', '=', partners.id)
      .where('archived_at', 'is', null)
      .orderBy('position')
      .execute();
    expect(fields[0]?.key).toBe('departement');
    for (const field of fields) {
      const values = await db
        .selectFrom('field_values')
        .select(['id', 'label'])
        .where('field_id', '=', field.id)
        .orderBy('position')
        .execute();
      const value = values.find((v) => v.label === '49') ?? values[0];
      if (value)
        await db
          .insertInto('ticket_field_values')
          .values({ ticket_id: classified.id, field_id: field.id, value_id: value.id })
          .execute();
    }
  }, 180_000);

  afterAll(async () => {
    await e2e?.cleanup();
    expect(pageProblems).toEqual([]);
  });

  test('at 1440×900: lands on the tickets, list and ticket side by side, at least 12 rows', async ({
    onTestFailed,
  }) => {
    const { context, page } = await openAs(desktop);
    onTestFailed(async () => {
      await shot(page, 'failure-desktop').catch(() => {});
      console.error(serverOutput(e2e.server));
    });
    await page.waitForURL('**/inbox');
    await listHeading(page).waitFor();
    await page.getByRole('link', { name: /Demande de partenaire 30/ }).waitFor();
    // The side navigation: mailboxes and folders with their counts.
    const nav = page.getByRole('navigation', { name: 'Boîtes et dossiers' });
    await nav.getByRole('link', { name: /^Partenaires/ }).waitFor();
    await nav.getByRole('link', { name: /^Demandeurs/ }).waitFor();
    await nav.getByRole('link', { name: /^Non assignés\s*31$/ }).waitFor();
    // A compact header.
    const header = await page.getByRole('banner').boundingBox();
    expect(header?.height).toBeLessThanOrEqual(48);
    const rows = await visibleRows(page);
    await mkdir(screenshotDir, { recursive: true });
    await writeFile(
      path.join(screenshotDir, 'shell-rows.txt'),
      `comfortable rows visible at 1440×900: ${rows}\n`,
    );
    console.info(`rows visible at 1440×900 (comfortable): ${rows}`);
    expect(rows).toBeGreaterThanOrEqual(12);
    expect(await axeViolations(page, 'minor')).toEqual([]);
    await shot(page, 'inbox-1440');

    // Filters folded behind a button; the active ones as chips that remove them.
    const filters = page.getByRole('button', { name: /^Filtres/ });
    expect(await filters.getAttribute('aria-expanded')).toBe('false');
    await filters.click();
    await page.getByRole('combobox', { name: 'Statut' }).click();
    await page.getByRole('option', { name: 'Actif' }).click();
    const chips = page.getByRole('group', { name: 'Filtres actifs' });
    await chips.getByText('Statut : Actif').waitFor();
    await page.getByRole('button', { name: 'Filtres (1)' }).waitFor();
    expect(page.url()).toContain('status=active');
    await filters.click(); // folds the panel: the chip stays
    await chips.getByRole('button', { name: 'Retirer le filtre « Statut : Actif »' }).click();
    await chips.waitFor({ state: 'detached' });
    expect(page.url()).not.toContain('status=');

    // The bulk bar: one control named "Appliquer".
    await page
      .getByRole('checkbox', { name: `Sélectionner le ticket ${firstTicket.number}` })
      .check();
    await page.getByRole('region', { name: '1 sélectionné' }).waitFor();
    expect(await page.getByRole('combobox', { name: 'Action sur la sélection' }).count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Appliquer', exact: true }).count()).toBe(1);
    expect(await page.getByLabel('Appliquer', { exact: true }).count()).toBe(0);
    await page
      .getByRole('checkbox', { name: `Sélectionner le ticket ${firstTicket.number}` })
      .uncheck();

    // Open a ticket: its number in the address, the list still beside it, the composer in view.
    await page.getByRole('link', { name: /Demande de partenaire 30/ }).click();
    await page.waitForURL(`**/tickets/${firstTicket.number}`);
    await page.getByRole('heading', { level: 1, name: /Demande de partenaire 30/ }).waitFor();
    await listHeading(page).waitFor();
    const reply = await page.getByRole('textbox', { name: 'Votre réponse' }).boundingBox();
    expect(reply).not.toBeNull();
    expect((reply?.y ?? 0) + (reply?.height ?? 0)).toBeLessThanOrEqual(desktop.height);
    expect(await axeViolations(page, 'minor')).toEqual([]);
    await shot(page, 'ticket-1440');
    // Reload keeps the ticket (the address is the ticket's number).
    await page.reload();
    await page.getByRole('heading', { level: 1, name: /Demande de partenaire 30/ }).waitFor();
    await context.close();
  });

  test('unknown addresses, refused pages and old ticket addresses say so', async () => {
    const { context, page } = await openAs(desktop);
    await listHeading(page).waitFor();
    await page.goto(`${e2e.server.url}/nulle-part`);
    await page.getByRole('heading', { level: 1, name: 'Page introuvable' }).waitFor();
    expect(await page.title()).toBe('Page introuvable — Guichet');
    await page.goto(`${e2e.server.url}/users`);
    await page.getByRole('heading', { level: 1, name: 'Accès refusé' }).waitFor();
    await page.getByText(/Votre rôle \(Agent\) ne permet pas/).waitFor();
    expect(await axeViolations(page, 'minor')).toEqual([]);
    await shot(page, 'forbidden');
    // The internal id is no ticket number (numbers start at 1000): a clean "not found".
    await page.goto(`${e2e.server.url}/tickets/${firstTicket.id}`);
    await page.getByRole('heading', { level: 1, name: 'Ticket introuvable' }).waitFor();
    await page.goto(`${e2e.server.url}/tickets/99999999`);
    await page.getByRole('heading', { level: 1, name: 'Ticket introuvable' }).waitFor();
    await context.close();
  });

  test('the keyboard classification of the shortcuts’ help, key by key, kept after a reload', async ({
    onTestFailed,
  }) => {
    const { context, page } = await openAs(desktop);
    onTestFailed(async () => {
      await shot(page, 'failure-keyboard').catch(() => {});
    });
    await listHeading(page).waitFor();
    await page.goto(`${e2e.server.url}/tickets/${classified.number}`);
    await page.getByRole('heading', { level: 1, name: /Classement au clavier/ }).waitFor();
    const departement = page.getByRole('combobox', { name: 'Département' });
    expect(await departement.inputValue()).toBe('49');

    // What the help documents for `f`: the field, the value typed, Enter.
    await page.keyboard.press('?');
    const help = page.getByRole('dialog', { name: 'Raccourcis clavier' });
    const row = help.getByRole('row').filter({ has: page.locator('kbd', { hasText: /^f$/ }) });
    expect(await row.textContent()).toContain('tapez la valeur puis Entrée');
    expect(await help.getByRole('button', { name: 'Fermer' }).count()).toBe(1);
    await page.keyboard.press('Escape');
    await help.waitFor({ state: 'detached' });

    await page.keyboard.press('f');
    await page.waitForFunction(() => document.activeElement?.hasAttribute('data-field'));
    const saved = page.waitForResponse(
      (response) =>
        response.url().endsWith(`/api/tickets/${classified.id}/fields`) &&
        response.request().method() === 'PUT',
    );
    await page.keyboard.press('3');
    await page.keyboard.press('5');
    await page.keyboard.press('Enter');
    expect((await saved).status()).toBe(200);
    await page.getByText(/Classement : Département modifié/).waitFor();
    await page.reload();
    await page.getByRole('heading', { level: 1, name: /Classement au clavier/ }).waitFor();
    expect(await page.getByRole('combobox', { name: 'Département' }).inputValue()).toBe('35');

    // A value that matches nothing says so.
    await page.keyboard.press('f');
    await page.waitForFunction(() => document.activeElement?.hasAttribute('data-field'));
    await page.keyboard.type('zzz');
    await page.getByText('Aucun résultat').waitFor();
    await page.keyboard.press('Escape');
    await context.close();
  });

  test('dark mode and compact lists, kept with the account', async ({ onTestFailed }) => {
    const { context, page } = await openAs(desktop);
    onTestFailed(async () => {
      await shot(page, 'failure-preferences').catch(() => {});
    });
    await listHeading(page).waitFor();
    await page
      .getByRole('navigation', { name: 'Navigation principale' })
      .getByRole('link', { name: 'Mon profil' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Mon profil' }).waitFor();
    await page.getByRole('radio', { name: 'Sombre' }).check();
    await page.getByText('Préférence enregistrée.').waitFor();
    await page.getByRole('radio', { name: 'Compacte' }).check();
    await page.waitForFunction(
      () => document.documentElement.getAttribute('data-mantine-color-scheme') === 'dark',
    );
    await context.close();

    // Another browser, same account: the preferences come from the server.
    const again = await openAs(desktop);
    await listHeading(again.page).waitFor();
    await again.page.getByRole('link', { name: /Demande de partenaire 30/ }).waitFor();
    await again.page.waitForFunction(
      () => document.documentElement.getAttribute('data-mantine-color-scheme') === 'dark',
    );
    const rows = await visibleRows(again.page);
    console.info(`rows visible at 1440×900 (compact): ${rows}`);
    await writeFile(
      path.join(screenshotDir, 'shell-rows.txt'),
      `compact rows visible at 1440×900: ${rows}\n`,
      { flag: 'a' },
    );
    expect(rows).toBeGreaterThanOrEqual(20);
    expect(await axeViolations(again.page, 'minor')).toEqual([]);
    await shot(again.page, 'inbox-1440-dark-compact');
    await again.page.getByRole('link', { name: /Demande de partenaire 29/ }).click();
    await again.page.getByRole('heading', { level: 1, name: /Demande de partenaire 29/ }).waitFor();
    expect(await axeViolations(again.page, 'minor')).toEqual([]);
    await shot(again.page, 'ticket-1440-dark');
    await again.context.close();
  });

  test('on a phone (390×844): the list first, then the ticket; the menu behind a button', async ({
    onTestFailed,
  }) => {
    // This account chose dark and compact in the test above; the phone shows the default.
    await e2e.db.db
      .updateTable('users')
      .set({ color_scheme: 'light', density: 'comfortable' })
      .where('email', '=', agent.email)
      .execute();
    const { context, page } = await openAs(phone);
    onTestFailed(async () => {
      await shot(page, 'failure-phone').catch(() => {});
    });
    await listHeading(page).waitFor();
    const first = page.getByRole('link', { name: /Demande de partenaire 30/ });
    await first.waitFor();
    const box = await first.boundingBox();
    expect((box?.y ?? 9999) + (box?.height ?? 0)).toBeLessThanOrEqual(phone.height / 2);
    expect(await page.getByRole('navigation', { name: 'Boîtes et dossiers' }).isVisible()).toBe(
      false,
    );
    expect(await axeViolations(page, 'minor')).toEqual([]);
    await shot(page, 'inbox-390');
    await page.getByRole('button', { name: 'Ouvrir le menu' }).click();
    await page.getByRole('navigation', { name: 'Boîtes et dossiers' }).waitFor();
    await shot(page, 'menu-390');
    await page.getByRole('button', { name: 'Fermer le menu' }).click();
    await first.click();
    await page.getByRole('heading', { level: 1, name: /Demande de partenaire 30/ }).waitFor();
    expect(await listHeading(page).count()).toBe(0);
    expect(await axeViolations(page, 'minor')).toEqual([]);
    await shot(page, 'ticket-390');
    await context.close();
  });
});
