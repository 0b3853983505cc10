/**
 * The personal-data page in a real browser against a real server: an admin
 * sets a 12-month retention on Demandeurs, previews and runs it, and the 2020
 * report (reports API, JSON export) is unchanged; a person's data is found,
 * exported as one zip and erased, after which neither the database (every
 * text column of every table) nor the file store holds their address. axe-core
 * checks the page.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import JSZip from 'jszip';
import type { Kysely } from 'kysely';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openDatabase } from '../src/db/client.ts';
import type { DB } from '../src/db/schema.ts';
import { findTraces } from '../src/domain/privacy/find-traces.ts';
import { refreshTicketTimings } from '../src/domain/tickets/ticket-timings.ts';
import { createUser } from '../src/domain/users/manage-users.ts';
import { createBlobStore } from '../src/storage/blob-store.ts';
import { addMessage, createTicket, withDefaultConfiguration } from '../test/factories.ts';
import { givePersonalData } from '../test/personal-data.ts';
import { axeViolations } from './helpers/axe.ts';
import { browserMissing } from './helpers/browser.ts';
import { type E2e, startE2e } from './helpers/e2e.ts';
import { logIn, newPage, pageProblems, savedDownload } from './helpers/pages.ts';
import { serverOutput } from './helpers/server.ts';

const password = 'e2e-Privacy-Horse-Battery-Staple-9!';
const admin = { email: 'admin-rgpd@example.org', name: 'Alice Admin' };
const applicant = {
  email: 'camille.demandeuse@example.org',
  name: 'Camille Demandeuse',
  phone: '06 11 22 33 44',
};
const partner = {
  email: 'paul.partenaire@example.org',
  name: 'Paul Partenaire',
  phone: '02 40 00 00 00',
};

/** Demandeurs: six closed tickets of 2020 (one of them the applicant's); Partenaires: three, one the partner's. */
async function seedData(db: Kysely<DB>, dataDir: string): Promise<void> {
  const blobs = createBlobStore(path.join(dataDir, 'blobs'));
  const { demandeurs = '', partenaires = '' } = await withDefaultConfiguration(db);
  const ids: number[] = [];
  const make = async (mailboxId: string, day: string) => {
    const createdAt = new Date(`${day}T09:00:00Z`);
    const id = await createTicket(db, { mailboxId, createdAt, status: 'closed' });
    await addMessage(db, id, mailboxId, 'reply', new Date(createdAt.getTime() + 45 * 60_000));
    ids.push(id);
    return id;
  };
  for (const day of ['2020-01-06', '2020-02-03', '2020-04-14', '2020-07-01', '2020-11-30'])
    await make(demandeurs, day);
  const applicantTicket = await make(demandeurs, '2020-05-05');
  for (const day of ['2020-03-02', '2020-09-09']) await make(partenaires, day);
  const partnerTicket = await make(partenaires, '2020-10-10');
  await refreshTicketTimings(db, ids);
  await givePersonalData(db, blobs, applicantTicket, applicant);
  await givePersonalData(db, blobs, partnerTicket, partner);
  await createUser(db, { ...admin, role: 'admin', password }, { userId: null, label: 'e2e' });
}

/** The 2020 report as the JSON export gives it, its generation time aside. */
async function report2020(page: Page, url: string): Promise<unknown> {
  const response = await page.request.get(`${url}/api/reports/export?period=2020&format=json`);
  expect(response.status()).toBe(200);
  const json = (await response.json()) as Record<string, unknown>;
  return { ...json, generatedAt: null };
}

async function filesContaining(root: string, needle: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    if ((await readFile(file)).toString('latin1').toLowerCase().includes(needle)) found.push(file);
  }
  return found;
}

describe.skipIf(browserMissing)('personal data page in the browser', () => {
  let e2e: E2e<{ backend: 'pglite' }>;

  beforeAll(async () => {
    e2e = await startE2e({ backend: 'pglite', seed: seedData });
  });

  afterAll(async () => {
    await e2e?.cleanup();
    expect(pageProblems).toEqual([]);
  });

  test('an admin sets a retention, previews and runs it; exports then erases a person', async ({
    onTestFailed,
  }) => {
    const { server, browser } = e2e;
    const { url } = server;
    const { context, page } = await newPage(browser);
    onTestFailed(() => {
      console.error(serverOutput(server));
    });
    await page.goto(url);
    await logIn(page, admin.email, password);
    const privacyLink = page
      .getByRole('navigation')
      .getByRole('link', { name: 'Données personnelles' });
    await privacyLink.waitFor();
    const before = await report2020(page, url);

    await privacyLink.click();
    await page.getByRole('heading', { level: 1, name: 'Données personnelles' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/privacy');
    expect(await axeViolations(page)).toEqual([]);

    // 12 months on Demandeurs, then a preview and a run
    await page.getByRole('textbox', { name: 'Conservation en mois pour Demandeurs' }).fill('12');
    await page.getByRole('button', { name: 'Enregistrer (Demandeurs)' }).click();
    await page.getByText('Durée enregistrée.').waitFor();
    await page.getByRole('button', { name: 'Prévisualiser' }).click();
    await page.getByText('6 ticket(s) seraient anonymisés.').waitFor();
    await page.getByRole('button', { name: 'Anonymiser maintenant' }).click();
    await page.getByText('6 ticket(s) anonymisés.').waitFor();
    await page.getByRole('cell', { name: 'Anonymisation', exact: true }).waitFor();
    expect(await report2020(page, url)).toEqual(before);

    // the applicant was in Demandeurs: nothing left to find
    const query = page.getByRole('textbox', { name: 'Adresse e-mail, nom ou numéro' });
    await query.fill(applicant.email);
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await page.getByText('0 contact(s), 0 ticket(s) trouvés.').waitFor();

    // the partner: found, exported as one zip, erased
    await query.fill(partner.email);
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await page.getByText('1 contact(s), 1 ticket(s) trouvés.').waitFor();
    await page
      .getByRole('textbox', { name: 'Demande faite par' })
      .fill('La personne, courriel du 2 mai');
    expect(await axeViolations(page)).toEqual([]);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Exporter (zip)' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^donnees-personnelles-\d{4}-\d{2}-\d{2}\.zip$/);
    const zipPath = await savedDownload(download);
    const zip = await JSZip.loadAsync(await readFile(zipPath));
    const person = JSON.parse((await zip.file('person.json')?.async('string')) ?? '{}');
    expect(person.contacts[0].email).toBe(partner.email);
    expect(Object.keys(zip.files).some((name) => name.startsWith('attachments/'))).toBe(true);

    await page.getByRole('checkbox', { name: /Je confirme l’effacement/ }).check();
    await page.getByRole('button', { name: 'Effacer partout' }).click();
    await page.getByText(/^Effacé : 1 ticket\(s\)/).waitFor();
    await page.getByRole('cell', { name: 'Effacement' }).waitFor();
    expect(await report2020(page, url)).toEqual(before);
    await context.close();

    // no trace: the file store, then every text column of every table (server stopped: PGlite is single-process)
    const root = server.dataDir;
    expect(await filesContaining(path.join(root, 'blobs'), partner.email)).toEqual([]);
    expect(await filesContaining(path.join(root, 'blobs'), applicant.email)).toEqual([]);
    await server.stop();
    const database = await openDatabase({ kind: 'pglite', dataDir: path.join(root, 'pgdata') });
    try {
      expect(await findTraces(database.db, partner.email)).toEqual([]);
      expect(await findTraces(database.db, applicant.email)).toEqual([]);
      expect(await findTraces(database.db, partner.name)).toEqual([]);
    } finally {
      await database.close();
    }
  }, 240_000);
});
