/**
 * The organisation directory and the profile in a real browser, against a
 * real server on the PostgreSQL backend (so the test can give the partners'
 * mailbox an address for Guichet's SMTP listener):
 *
 * - axe-core finds no serious or critical violation on the home (mailboxes),
 *   directory (list, edit dialog, import report) and profile screens;
 * - a supervisor creates an organisation, previews then imports a CSV;
 * - a mail sent to the SMTP listener from a subdomain of an imported
 *   organisation becomes a ticket with partner type and département auto-filled;
 * - an organisation is edited with the keyboard alone;
 * - the saved language is the app's language after the next login.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import nodemailer from 'nodemailer';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { plainMail, uniqueId } from '../test/mail.ts';
import { waitFor } from '../test/wait-for.ts';
import { axeViolations } from './helpers/axe.ts';
import { browserMissing } from './helpers/browser.ts';
import { type E2e, postgresReachable, startE2e } from './helpers/e2e.ts';
import { expectHomePage, logIn, newPage, pageProblems, text } from './helpers/pages.ts';
import { repoRoot, serverOutput } from './helpers/server.ts';

const screenshotDir = path.join(repoRoot, 'test-results', 'e2e');

const pgReachable = await postgresReachable('directory');

async function expectAccessible(page: Page, screen: string): Promise<void> {
  expect(await axeViolations(page), screen).toEqual([]);
}

describe.skipIf(browserMissing || !pgReachable)('organisation directory in the browser', () => {
  const adminEmail = 'admin@example.org';
  const adminPassword = 'e2e-Directory-Password-7!';
  let e2e: E2e<{ backend: 'postgres'; smtpListener: true }>;
  let dir = '';

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'guichet-e2e-directory-'));
    e2e = await startE2e({
      backend: 'postgres',
      smtpListener: true,
      admin: { email: adminEmail, password: adminPassword },
    });
    const mailbox = await e2e.db.db
      .selectFrom('mailboxes')
      .select('id')
      .where('slug', '=', 'partenaires')
      .executeTakeFirstOrThrow();
    await e2e.db.db
      .insertInto('mailbox_addresses')
      .values({ address: 'partenaires@example.org', mailbox_id: mailbox.id, is_primary: true })
      .execute();
  });

  afterAll(async () => {
    await e2e?.cleanup();
    if (dir) await rm(dir, { recursive: true, force: true });
    expect(pageProblems).toEqual([]);
  });

  test('create, import, auto-fill from a mail, keyboard edit, profile language', async ({
    onTestFailed,
  }) => {
    const { server, browser } = e2e;
    onTestFailed(() => console.error(serverOutput(server)));
    const db = e2e.db.db;
    await mkdir(screenshotDir, { recursive: true });
    const { page, context } = await newPage(browser);
    await page.goto(server.url);
    await logIn(page, adminEmail, adminPassword);
    await expectHomePage(page, adminEmail);
    await expectAccessible(page, 'home');

    // The directory, from the main navigation.
    await page.getByRole('navigation').getByRole('link', { name: 'Annuaire' }).click();
    await page.getByRole('heading', { level: 1, name: 'Annuaire des organisations' }).waitFor();
    await page.getByText('0 organisation').waitFor();
    await expectAccessible(page, 'directory (empty)');

    // Create one with the form.
    await page.getByRole('button', { name: 'Nouvelle organisation' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('textbox', { name: 'Nom' }).fill('Bailleur Atlantique');
    await dialog
      .getByRole('combobox', { name: 'Type de partenaire' })
      .selectOption({ label: 'Bailleur social' });
    await dialog.getByRole('combobox', { name: 'Département' }).selectOption({ label: '44' });
    await dialog.getByRole('textbox', { name: 'Domaines e-mail' }).fill('gmail.com');
    await expectAccessible(page, 'organisation dialog');
    await dialog.getByRole('button', { name: 'Enregistrer' }).click();
    await dialog
      .getByRole('alert')
      .getByText('gmail.com is a webmail domain', { exact: false })
      .waitFor();
    await dialog
      .getByRole('textbox', { name: 'Domaines e-mail' })
      .fill('bailleur-atlantique.example.org');
    await dialog.getByRole('button', { name: 'Enregistrer' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('rowheader', { name: 'Bailleur Atlantique' }).waitFor();

    // Import a CSV: preview first (nothing saved), then for real.
    const csv = path.join(dir, 'annuaire.csv');
    await writeFile(
      csv,
      '\uFEFFnom;type;département;domaines\r\n' +
        'Commune de Test;Collectivités - EPCI;85;"commune-test.example.org, mairie-test.example.org"\r\n' +
        'Messagerie;Etat;44;orange.fr\r\n' +
        '"=HYPERLINK(""http://evil.example.org"")";Etat;44;\r\n',
    );
    const importSection = page.getByRole('region', { name: 'Importer l’annuaire (CSV)' });
    await importSection.locator('input[type="file"]').setInputFiles(csv);
    await importSection.getByRole('button', { name: 'Aperçu (essai à blanc)' }).click();
    await importSection
      .getByText('Aperçu : 1 créée(s), 0 mise(s) à jour, 0 inchangée(s).')
      .waitFor();
    await importSection.getByText('2 lignes refusées').waitFor();
    const errors = await importSection.getByRole('table').textContent();
    expect(errors).toContain('orange.fr is a webmail domain');
    expect(errors).toContain('formulas are refused');
    await expectAccessible(page, 'import report');
    expect(await page.getByRole('rowheader', { name: 'Commune de Test' }).count()).toBe(0);
    await importSection.getByRole('button', { name: 'Importer', exact: true }).click();
    await importSection.getByText('Import terminé : 1 créée(s)', { exact: false }).waitFor();
    await page.getByRole('rowheader', { name: 'Commune de Test' }).waitFor();
    await page.screenshot({ path: path.join(screenshotDir, 'directory.png'), fullPage: true });

    // A partner writes from a subdomain of the imported organisation, through the SMTP listener.
    const messageId = uniqueId('directory-e2e');
    const smtp = nodemailer.createTransport({
      host: '127.0.0.1',
      port: e2e.smtpPort,
      secure: false,
      ignoreTLS: true,
    });
    await smtp.sendMail({
      envelope: {
        from: 'claire@services.mairie-test.example.org',
        to: ['partenaires@example.org'],
      },
      raw: plainMail({
        from: 'Claire <claire@services.mairie-test.example.org>',
        to: 'partenaires@example.org',
        subject: 'Accès au module',
        messageId,
      }),
    });
    smtp.close();
    const ticket = await waitFor(
      () =>
        db
          .selectFrom('messages')
          .innerJoin('tickets', 'tickets.id', 'messages.ticket_id')
          .select(['tickets.id', 'tickets.organisation_id'])
          .where('messages.message_id', '=', messageId)
          .executeTakeFirst(),
      'the ticket of the mail',
    );
    const filled = await db
      .selectFrom('ticket_field_values as tfv')
      .innerJoin('fields', 'fields.id', 'tfv.field_id')
      .innerJoin('field_values', 'field_values.id', 'tfv.value_id')
      .select(['fields.key', 'field_values.label', 'tfv.auto_filled'])
      .where('tfv.ticket_id', '=', ticket.id)
      .orderBy('fields.key')
      .execute();
    expect(filled).toEqual([
      { key: 'departement', label: '85', auto_filled: true },
      { key: 'partner_type', label: 'Collectivités - EPCI', auto_filled: true },
    ]);
    // The directory shows the new contact and ticket.
    await page.reload();
    await page.getByRole('button', { name: 'Modifier Commune de Test' }).click();
    await page.getByRole('dialog').getByText('1 ticket dont 1 ouvert', { exact: false }).waitFor();
    await page
      .getByRole('dialog')
      .getByText('claire@services.mairie-test.example.org', { exact: false })
      .waitFor();
    await expectAccessible(page, 'organisation dialog with contacts and merge');
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });

    // Keyboard only: search, open the organisation, rename it, change its département, save.
    await page.getByRole('searchbox', { name: 'Rechercher une organisation' }).focus();
    await page.keyboard.type('atlantique');
    await page.getByText('1 organisation', { exact: true }).waitFor();
    // the table's scroll region first (scrollable from the keyboard on a phone), then the row's button
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(
      'Modifier Bailleur Atlantique',
    );
    await page.keyboard.press('Enter');
    const editor = page.getByRole('dialog');
    const name = editor.getByRole('textbox', { name: 'Nom' });
    await name.waitFor();
    await waitFor(
      async () => ((await name.evaluate((e) => e === document.activeElement)) ? true : undefined),
      'focus in the name field',
    );
    await page.keyboard.press('Control+A');
    await page.keyboard.type('Bailleur Atlantique Habitat');
    await page.keyboard.press('Tab'); // type
    await page.keyboard.press('Tab'); // département
    await page.keyboard.press('ArrowDown'); // 44 → 35
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Shift+Tab'); // back in the name field
    await page.keyboard.press('Enter'); // submits the form
    await editor.waitFor({ state: 'detached' });
    await page.getByRole('rowheader', { name: 'Bailleur Atlantique Habitat' }).waitFor();
    const saved = await db
      .selectFrom('organisations')
      .innerJoin('field_values', 'field_values.id', 'organisations.departement_value_id')
      .select(['organisations.name', 'field_values.label'])
      .where('organisations.name', '=', 'Bailleur Atlantique Habitat')
      .executeTakeFirstOrThrow();
    expect(saved.label).toBe('35');

    // A duplicate is merged into the organisation that stays.
    await page.getByRole('button', { name: 'Nouvelle organisation' }).click();
    await page.getByRole('dialog').getByRole('textbox', { name: 'Nom' }).fill('Commune (doublon)');
    await page
      .getByRole('dialog')
      .getByRole('textbox', { name: 'Domaines e-mail' })
      .fill('doublon.example.org');
    await page.getByRole('dialog').getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await page.getByRole('searchbox', { name: 'Rechercher une organisation' }).fill('doublon');
    await page.getByRole('button', { name: 'Modifier Commune (doublon)' }).click();
    const mergeDialog = page.getByRole('dialog');
    await mergeDialog
      .getByRole('searchbox', { name: 'Chercher l’organisation qui reste' })
      .fill('Commune de');
    await mergeDialog
      .getByRole('option', { name: 'Commune de Test' })
      .waitFor({ state: 'attached' });
    await mergeDialog
      .getByRole('combobox', { name: 'Fusionner dans' })
      .selectOption({ label: 'Commune de Test' });
    await page.getByRole('dialog').getByRole('button', { name: 'Fusionner' }).click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    // The search for "doublon" now finds the organisation that took its domain.
    await page.getByRole('rowheader', { name: 'Commune de Test' }).waitFor();
    expect(await page.getByRole('rowheader', { name: 'Commune (doublon)' }).count()).toBe(0);
    const kept = await db
      .selectFrom('organisation_domains')
      .innerJoin('organisations', 'organisations.id', 'organisation_domains.organisation_id')
      .select('organisation_domains.domain')
      .where('organisations.name', '=', 'Commune de Test')
      .orderBy('domain')
      .execute();
    expect(kept.map((k) => k.domain)).toEqual([
      'commune-test.example.org',
      'doublon.example.org',
      'mairie-test.example.org',
    ]);

    // Profile: signature and language; English right away and after the next login.
    await page.getByRole('navigation').getByRole('link', { name: 'Mon profil' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mon profil' }).waitFor();
    await expectAccessible(page, 'profile');
    await page.getByRole('textbox', { name: 'Signature' }).fill('Admin\nSupport partenaires');
    await page.getByRole('combobox', { name: 'Langue de l’interface' }).selectOption('en');
    await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'My profile' }).waitFor();
    await page.screenshot({ path: path.join(screenshotDir, 'profile.png'), fullPage: true });
    await page.getByRole('banner').getByRole('combobox', { name: 'Language' }).selectOption('fr');
    await page.getByRole('button', { name: text.logoutButton }).click();
    await logIn(page, adminEmail, adminPassword);
    await page.getByRole('navigation').getByRole('link', { name: 'Directory' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    const user = await db
      .selectFrom('users')
      .select(['signature', 'language'])
      .where('email', '=', adminEmail)
      .executeTakeFirstOrThrow();
    expect(user).toEqual({ signature: 'Admin\nSupport partenaires', language: 'en' });
    await context.close();
  }, 300_000); // one long flow, on a machine shared with other test runs
});
