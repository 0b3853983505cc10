/**
 * Accessibility sweep: every agent and administrator page (and the dialogs
 * opened from them) checked by axe-core (WCAG A/AA and best practices) with no
 * violation of any impact, at
 * 1440×900 and on a phone (390×844), with a screenshot of each in
 * test-results/e2e/axe-*.png: the inbox, its dialogs, a ticket with the reply
 * box open (light and dark), the set-up screens, the 404 and "access refused"
 * pages. New pages join `sweptPages` below.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { DB } from '../src/db/schema.ts';
import { createUser } from '../src/domain/users/manage-users.ts';
import { addMessage, createTicket, withDefaultConfiguration } from '../test/factories.ts';
import { type AxeViolation, axeViolations } from './helpers/axe.ts';
import { browserMissing } from './helpers/browser.ts';
import { type E2e, startE2e } from './helpers/e2e.ts';
import { logIn, newPage, pageProblems } from './helpers/pages.ts';
import { repoRoot, serverOutput } from './helpers/server.ts';

const password = 'e2e-Axe-Sweep-Lantern-Orchard-5!';
const people = {
  admin: { email: 'admin.axe@example.org', name: 'Alice Admin', role: 'admin' },
  agent: { email: 'agent.axe@example.org', name: 'Arthur Agent', role: 'agent' },
  /** An agent who chose dark mode on the profile page. */
  dark: { email: 'agent.sombre.axe@example.org', name: 'Diane Sombre', role: 'agent' },
} as const;
type Who = keyof typeof people;
const screenshotDir = path.join(repoRoot, 'test-results', 'e2e');

/** A page of the sweep: where, as whom, what shows it is ready, and what to open on it. */
type SweptPage = {
  name: string;
  who: Who;
  path: string | (() => string);
  /** The level-1 heading (or another text) the page shows once loaded. */
  ready: (page: Page) => Promise<void>;
  /** Opens a dialog or a drawer on the page before the check. */
  open?: (page: Page) => Promise<void>;
};

const heading = (name: string | RegExp) => (page: Page) =>
  page.getByRole('heading', { level: 1, name }).first().waitFor();

/** Any page: its level-1 heading. */
const mainHeading = (page: Page) => page.locator('main h1').first().waitFor();

/** The seeded ticket's number (its address) and the Partenaires mailbox's id. */
let ticketNumber = 0;
let partenairesId = '';

/** The page in the dark colour scheme the user chose. */
const darkScheme = async (page: Page) => {
  await mainHeading(page);
  await page.waitForFunction(
    () => document.documentElement.getAttribute('data-mantine-color-scheme') === 'dark',
  );
};

/** The ticket page with the reply box opened by its shortcut (r). */
const openComposer = async (page: Page) => {
  await page.keyboard.press('r');
  // The reply box is the composer's editor (contenteditable) since issue 19.
  await page.waitForFunction(
    () => (document.activeElement as HTMLElement | null)?.isContentEditable === true,
  );
};

/** Every agent and administrator screen; add new pages here. */
const sweptPages: SweptPage[] = [
  // An administrator lands on the set-up checklist until it is done (checked once it shows).
  { name: 'home-admin', who: 'admin', path: '/', ready: heading('Mise en route') },
  { name: 'inbox', who: 'agent', path: '/inbox?folder=all', ready: mainHeading },
  {
    name: 'inbox-shortcuts',
    who: 'agent',
    path: '/inbox?folder=all',
    ready: mainHeading,
    open: async (page) => {
      await page.locator('body').press('?');
      await page.getByRole('dialog', { name: 'Raccourcis clavier' }).waitFor();
    },
  },
  {
    name: 'inbox-search-empty',
    who: 'agent',
    path: '/inbox?folder=all&q=zzzintrouvable',
    ready: (p) => p.getByText('ne sont pas inclus').waitFor(),
  },
  {
    name: 'ticket',
    who: 'agent',
    path: () => `/tickets/${ticketNumber}`,
    ready: heading(/Sujet de test axe 1/),
  },
  {
    name: 'ticket-composer',
    who: 'agent',
    path: () => `/tickets/${ticketNumber}`,
    ready: heading(/Sujet de test axe 1/),
    open: openComposer,
  },
  { name: 'saved-replies', who: 'agent', path: '/saved-replies', ready: mainHeading },
  { name: 'directory', who: 'agent', path: '/directory', ready: mainHeading },
  {
    name: 'profile',
    who: 'agent',
    path: '/profile',
    ready: (p) => p.getByRole('heading', { level: 2, name: 'Affichage' }).waitFor(),
  },
  { name: 'not-found', who: 'agent', path: '/nulle-part', ready: heading('Page introuvable') },
  { name: 'forbidden', who: 'agent', path: '/users', ready: heading('Accès refusé') },
  { name: 'inbox-dark', who: 'dark', path: '/inbox?folder=all', ready: darkScheme },
  {
    name: 'ticket-dark',
    who: 'dark',
    path: () => `/tickets/${ticketNumber}`,
    ready: heading(/Sujet de test axe 1/),
    open: openComposer,
  },
  { name: 'setup', who: 'admin', path: '/setup', ready: heading('Mise en route') },
  {
    name: 'mail-settings',
    who: 'admin',
    path: () => `/mail-settings?mailbox=${partenairesId}`,
    ready: (p) => p.getByRole('region', { name: 'Adresses' }).waitFor(),
  },
  { name: 'fields', who: 'admin', path: '/fields', ready: heading('Champs et valeurs') },
  { name: 'targets', who: 'admin', path: '/targets', ready: heading('Objectifs de réponse') },
  { name: 'mailboxes', who: 'admin', path: '/mailboxes', ready: heading('Boîtes de réception') },
  { name: 'reports', who: 'admin', path: '/reports', ready: heading('Rapports') },
  {
    name: 'reports-drill',
    who: 'admin',
    path: '/reports?period=2020',
    ready: heading('Rapports'),
    open: async (page) => {
      await page
        .getByRole('button', { name: /^Voir les tickets/ })
        .first()
        .click();
      await page
        .getByRole('dialog', { name: /^Tickets/ })
        .getByRole('status')
        .filter({ hasText: /ticket/i })
        .waitFor();
    },
  },
  { name: 'help-centre', who: 'admin', path: '/help-centre', ready: heading('Centre d’aide') },
  {
    name: 'help-centre-review',
    who: 'admin',
    path: '/help-centre',
    ready: heading('Centre d’aide'),
    open: async (page) => {
      await page.getByRole('button', { name: 'Relire et publier' }).click();
      await page.getByRole('dialog', { name: 'Relire les articles de départ' }).waitFor();
    },
  },
  { name: 'users', who: 'admin', path: '/users', ready: heading('Utilisateurs') },
  { name: 'audit', who: 'admin', path: '/audit', ready: heading('Journal d’audit') },
  { name: 'privacy', who: 'admin', path: '/privacy', ready: heading('Données personnelles') },
];

const viewports = [
  { label: 'desktop', width: 1440, height: 900 },
  { label: 'phone', width: 390, height: 844 },
] as const;

async function seed(db: Kysely<DB>): Promise<void> {
  const { partenaires = '' } = await withDefaultConfiguration(db);
  partenairesId = partenaires;
  for (const [i, day] of ['2020-03-02', '2020-03-03', '2020-06-08'].entries()) {
    const createdAt = new Date(`${day}T09:00:00Z`);
    const id = await createTicket(db, {
      mailboxId: partenaires,
      createdAt,
      subject: `Sujet de test axe ${i + 1}`,
    });
    await addMessage(db, id, partenaires, 'reply', new Date(createdAt.getTime() + 30 * 60_000));
    if (i === 0) {
      const { number } = await db
        .selectFrom('tickets')
        .select('number')
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      ticketNumber = number;
    }
  }
  for (const person of Object.values(people))
    await createUser(db, { ...person, password }, { userId: null, label: 'e2e' });
  await db
    .updateTable('users')
    .set({ color_scheme: 'dark' })
    .where('email', '=', people.dark.email)
    .execute();
}

describe.skipIf(browserMissing)('accessibility of every agent and administrator page', () => {
  let e2e: E2e<{ backend: 'pglite' }>;

  beforeAll(async () => {
    e2e = await startE2e({ backend: 'pglite', seed });
  }, 300_000);

  afterAll(async () => {
    await e2e?.cleanup();
    expect(pageProblems).toEqual([]);
  });

  for (const viewport of viewports) {
    test(`no axe violation at ${viewport.width}×${viewport.height}`, async ({ onTestFailed }) => {
      onTestFailed(() => console.error(serverOutput(e2e.server)));
      const found: Record<string, AxeViolation[]> = {};
      for (const who of Object.keys(people) as Who[]) {
        const { context, page } = await newPage(e2e.browser);
        await page.setViewportSize({ width: viewport.width, height: viewport.height });
        await page.goto(e2e.server.url);
        await logIn(page, people[who].email, password);
        await page.locator('main').waitFor();
        await page.getByRole('button', { name: 'Se connecter' }).waitFor({ state: 'detached' });
        for (const swept of sweptPages.filter((p) => p.who === who)) {
          const target = typeof swept.path === 'string' ? swept.path : swept.path();
          const name = `axe-${swept.name}-${viewport.label}`;
          try {
            await page.goto(`${e2e.server.url}${target}`);
            await swept.ready(page);
            await swept.open?.(page);
            await mkdir(screenshotDir, { recursive: true });
            await page.screenshot({
              path: path.join(screenshotDir, `${name}.png`),
              fullPage: true,
              // The reports page is 9,000 pixels high: slow to capture on a loaded machine.
              timeout: 90_000,
            });
            const violations = await axeViolations(page, 'minor', { bestPractices: true });
            if (violations.length > 0) found[name] = violations;
          } catch (error) {
            // A page that does not show is reported with the others, not instead of them.
            const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
            found[name] = [
              { id: 'page-not-shown', impact: null, help: message ?? '', targets: [] },
            ];
          }
        }
        await context.close();
      }
      expect(found).toEqual({});
    }, 600_000);
  }
});
