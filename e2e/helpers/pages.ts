/**
 * Page helpers shared by the browser tests: French texts of the login and home
 * pages, a page that records CSP violations and uncaught errors, and the login steps.
 */
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Download, Page } from 'playwright-core';

export const text = {
  loginButton: 'Se connecter',
  emailLabel: 'Adresse e-mail',
  passwordLabel: 'Mot de passe',
  wrongCredentials: 'Adresse e-mail ou mot de passe incorrect.',
  mailboxesHeading: 'Boîtes de réception',
  /** The inbox's heading, where every role with tickets lands. */
  landingHeading: /^Boîte de réception — /,
  /** Where an administrator lands until the desk is set up (issue 15 §1). */
  checklistHeading: 'Mise en route',
  /** Supervisors' (and set-up administrators') home (issue 18 §5). */
  dashboardHeading: 'Tableau de bord du jour',
  ticketsNavigation: 'Boîtes et dossiers',
  logoutButton: 'Se déconnecter',
};

/** Content-Security-Policy violations and uncaught errors seen by any page. */
export const pageProblems: string[] = [];

export async function newPage(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  // French is the default language of the app; the browser says so explicitly.
  const context = await browser.newContext({ locale: 'fr-FR' });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) {
      pageProblems.push(message.text());
    }
  });
  page.on('pageerror', (error) => pageProblems.push(`Uncaught: ${error.message}`));
  return { context, page };
}

export async function expectLoginPage(page: Page): Promise<void> {
  await page.getByRole('button', { name: text.loginButton }).waitFor();
  await emailField(page).waitFor();
}

// Accessible names (the label without its aria-hidden "required" asterisk).
export const emailField = (page: Page) =>
  page.getByRole('textbox', { name: text.emailLabel, exact: true });
export const passwordField = (page: Page) =>
  page.getByRole('textbox', { name: text.passwordLabel, exact: true });

export async function logIn(page: Page, email: string, password: string): Promise<void> {
  // The login form first: right after "Se déconnecter" the page shown may still be one with
  // an e-mail field of its own (the users page's invitation form).
  await page.getByRole('button', { name: text.loginButton }).waitFor();
  await emailField(page).fill(email);
  await passwordField(page).fill(password);
  await page.getByRole('button', { name: text.loginButton }).click();
}

/**
 * The page every role with tickets lands on after login (issue 15): the inbox
 * — or, for an administrator of a desk not yet set up, the set-up checklist —,
 * with both default mailboxes in the side navigation and the user in the header.
 */
export async function expectHomePage(page: Page, email: string): Promise<void> {
  await page
    .getByRole('heading', { level: 1, name: text.landingHeading })
    .or(page.getByRole('heading', { level: 1, name: text.checklistHeading, exact: true }))
    .or(page.getByRole('heading', { level: 1, name: text.dashboardHeading, exact: true }))
    .waitFor();
  const tickets = page.getByRole('navigation', { name: text.ticketsNavigation });
  await tickets.getByRole('link', { name: /^Partenaires/ }).waitFor();
  await tickets.getByRole('link', { name: /^Demandeurs/ }).waitFor();
  await page.getByRole('banner').getByText(email, { exact: true }).waitFor();
}

/** Opens the mailboxes page (the mailboxes, their addresses and fields) from the navigation. */
export async function openMailboxesPage(page: Page): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Navigation principale' })
    .getByRole('link', { name: text.mailboxesHeading })
    .click();
  await page.getByRole('heading', { name: text.mailboxesHeading }).waitFor();
  await page.getByRole('rowheader', { name: 'Partenaires' }).waitFor();
  await page.getByRole('rowheader', { name: 'Demandeurs' }).waitFor();
}

/** The mailbox table as text (from its page), to compare the data before and after a restart. */
export async function mailboxTableText(page: Page): Promise<string> {
  await openMailboxesPage(page);
  return (await page.getByRole('table').textContent()) ?? '';
}

export async function apiStatus(page: Page, apiPath: string): Promise<number> {
  return page.evaluate(
    async (target) => (await fetch(target, { credentials: 'same-origin' })).status,
    apiPath,
  );
}

/**
 * Where a download was saved on this machine: the browser is shared by the run and
 * reached over its endpoint, so `download.path()` is not available; `saveAs` copies it.
 */
export async function savedDownload(download: Download): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'guichet-e2e-download-'));
  const file = path.join(dir, download.suggestedFilename());
  await download.saveAs(file);
  return file;
}
