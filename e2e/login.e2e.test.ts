/**
 * The login flow in a real browser against a real server: wrong and right credentials,
 * session kept across reloads and restarts, logout, the printed first administrator,
 * and the whole flow with the keyboard alone.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { axeViolations } from './helpers/axe.ts';
import { browserMissing, launchBrowser } from './helpers/browser.ts';
import {
  apiStatus,
  expectHomePage,
  expectLoginPage,
  logIn,
  mailboxTableText,
  newPage,
  pageProblems,
  text,
} from './helpers/pages.ts';
import {
  type GuichetServer,
  removeDataDir,
  repoRoot,
  serverOutput,
  startGuichet,
  waitForOutput,
} from './helpers/server.ts';

const adminEmail = 'admin@example.org';
const adminPassword = 'e2e-Correct-Horse-Battery-Staple-42!';
const screenshotDir = path.join(repoRoot, 'test-results', 'e2e');

type FocusTarget = { id: string } | { button: string };

/** Presses Tab until `target` has the focus (at most `maxPresses` times); returns the presses. */
async function tabUntil(page: Page, target: FocusTarget, maxPresses = 25): Promise<number> {
  for (let presses = 0; presses <= maxPresses; presses++) {
    const reached = await page.evaluate((wanted) => {
      const element = document.activeElement;
      if (element === null) return false;
      if ('id' in wanted) return element.id === wanted.id;
      return element.tagName === 'BUTTON' && element.textContent?.trim() === wanted.button;
    }, target);
    if (reached) return presses;
    if (presses < maxPresses) await page.keyboard.press('Tab');
  }
  const focused = await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 200));
  throw new Error(`Tab never reached ${JSON.stringify(target)}; the focus is on ${focused}`);
}

async function saveFailureScreenshot(page: Page | undefined, name: string): Promise<void> {
  if (page === undefined || page.isClosed()) return;
  await mkdir(screenshotDir, { recursive: true });
  await page
    .screenshot({ path: path.join(screenshotDir, `failure-${name}.png`), fullPage: true })
    .catch(() => {});
}

describe.skipIf(browserMissing)('login in the browser', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    expect(pageProblems).toEqual([]);
  });

  describe('with a configured administrator', () => {
    let server: GuichetServer | undefined;
    let dataDir: string | undefined;

    afterAll(async () => {
      await server?.stop();
      if (dataDir !== undefined) await removeDataDir(dataDir);
    });

    test('wrong password, login, reload, restart, logout', async ({ onTestFailed }) => {
      server = await startGuichet({
        env: { GUICHET_ADMIN_EMAIL: adminEmail, GUICHET_ADMIN_PASSWORD: adminPassword },
      });
      dataDir = server.dataDir;
      let page: Page | undefined;
      onTestFailed(async () => {
        await saveFailureScreenshot(page, 'configured-admin');
        if (server) console.error(serverOutput(server));
      });

      const first = await newPage(browser);
      page = first.page;
      await page.goto(server.url);
      await expectLoginPage(page);
      expect(await page.title()).toBe('Guichet');
      expect(await page.locator('html').getAttribute('lang')).toBe('fr');
      await page.getByRole('heading', { level: 1, name: 'Guichet' }).waitFor();
      expect(await axeViolations(page)).toEqual([]);

      // Wrong password: a clear message in an alert, still on the login page.
      await logIn(page, adminEmail, 'not-the-password');
      const alert = page.getByRole('alert');
      await alert.waitFor();
      expect(await alert.textContent()).toContain(text.wrongCredentials);
      await expectLoginPage(page);

      // Right password: the tickets, with both default mailboxes and the admin's e-mail.
      await logIn(page, adminEmail, adminPassword);
      await expectHomePage(page, adminEmail);
      await page.getByRole('banner').getByText('Administrateur').first().waitFor();
      expect(await page.getByRole('main').count()).toBe(1);
      const tableBefore = await mailboxTableText(page);
      expect(tableBefore).toContain('Département');
      expect(await axeViolations(page)).toEqual([]);

      await mkdir(screenshotDir, { recursive: true });
      await page.screenshot({ path: path.join(screenshotDir, 'home.png'), fullPage: true });

      // Reload: the session cookie keeps the user logged in (on the mailboxes page opened above).
      await page.reload();
      await page.getByRole('heading', { name: text.mailboxesHeading }).waitFor();
      await page.getByRole('banner').getByText(adminEmail, { exact: true }).waitFor();

      // The language switcher turns the page to English and back.
      const switcher = page.getByRole('combobox', { name: 'Langue' });
      await switcher.selectOption('en');
      await page.getByRole('button', { name: 'Log out' }).waitFor();
      await page.getByRole('heading', { name: 'Mailboxes' }).waitFor();
      expect(await page.locator('html').getAttribute('lang')).toBe('en');
      await page.getByRole('combobox', { name: 'Language' }).selectOption('fr');
      await page.getByRole('button', { name: text.logoutButton }).waitFor();
      expect(await page.locator('html').getAttribute('lang')).toBe('fr');
      await first.context.close();

      // Restart on the same DATA_DIR: logging in again works and the data is unchanged.
      const port = server.port;
      await server.stop();
      server = await startGuichet({
        dataDir,
        port,
        env: { GUICHET_ADMIN_EMAIL: adminEmail, GUICHET_ADMIN_PASSWORD: adminPassword },
      });
      const second = await newPage(browser);
      page = second.page;
      await page.goto(server.url);
      await expectLoginPage(page);
      await logIn(page, adminEmail, adminPassword);
      await expectHomePage(page, adminEmail);
      expect(await mailboxTableText(page)).toBe(tableBefore);

      // Logout: back to the login page, and the API refuses the old session.
      await page.getByRole('button', { name: text.logoutButton }).click();
      await expectLoginPage(page);
      expect(await apiStatus(page, '/api/mailboxes')).toBe(401);
      await page.reload();
      await expectLoginPage(page);
      await second.context.close();
    });
  });

  describe('with no administrator configured', () => {
    let server: GuichetServer | undefined;
    let dataDir: string | undefined;

    afterAll(async () => {
      await server?.stop();
      if (dataDir !== undefined) await removeDataDir(dataDir);
    });

    test('the first start prints an administrator login that works', async ({ onTestFailed }) => {
      server = await startGuichet();
      dataDir = server.dataDir;
      let page: Page | undefined;
      onTestFailed(async () => {
        await saveFailureScreenshot(page, 'printed-admin');
        if (server) console.error(serverOutput(server));
      });

      const emailPattern = /^\s*e-mail:\s*(\S+)/im;
      const passwordPattern = /^\s*password:\s*(\S+)/im;
      const stdout = await waitForOutput(
        server,
        (out) => emailPattern.test(out) && passwordPattern.test(out),
      );
      const email = emailPattern.exec(stdout)?.[1];
      const password = passwordPattern.exec(stdout)?.[1];
      if (email === undefined || password === undefined) {
        throw new Error(`No administrator login in the output:\n${stdout}`);
      }
      expect(email).toContain('@');
      expect(password.length).toBeGreaterThanOrEqual(12);

      const { context, page: opened } = await newPage(browser);
      page = opened;
      await page.goto(server.url);
      await expectLoginPage(page);
      await logIn(page, email, password);
      await expectHomePage(page, email);
      await context.close();

      // Shown once: a second start on the same data does not print it again.
      const port = server.port;
      await server.stop();
      server = await startGuichet({ dataDir, port });
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(server.stdout()).not.toContain(password);

      // Throttling: after repeated failures the alert says when to try again.
      const throttled = await newPage(browser);
      page = throttled.page;
      await page.goto(server.url);
      await expectLoginPage(page);
      let status = 0;
      for (let attempt = 0; attempt < 20 && status !== 429; attempt++) {
        const answered = page.waitForResponse((response) =>
          response.url().endsWith('/api/auth/login'),
        );
        await logIn(page, email, `wrong-${attempt}`);
        status = (await answered).status();
      }
      expect(status).toBe(429);
      const alert = page.getByRole('alert');
      await alert.getByText(/Réessayez dans \d+ (seconde|minute)/).waitFor();
      await throttled.context.close();
    });
  });

  describe('with the keyboard alone', () => {
    let server: GuichetServer | undefined;
    let dataDir: string | undefined;

    afterAll(async () => {
      await server?.stop();
      if (dataDir !== undefined) await removeDataDir(dataDir);
    });

    test('log in with Tab, typing and Enter; log out with Tab and Enter', async ({
      onTestFailed,
    }) => {
      server = await startGuichet({
        env: { GUICHET_ADMIN_EMAIL: adminEmail, GUICHET_ADMIN_PASSWORD: adminPassword },
      });
      dataDir = server.dataDir;
      let page: Page | undefined;
      onTestFailed(async () => {
        await saveFailureScreenshot(page, 'keyboard');
        if (server) console.error(serverOutput(server));
      });

      const { context, page: opened } = await newPage(browser);
      page = opened;
      await page.goto(server.url);
      await expectLoginPage(page);

      await tabUntil(page, { id: 'login-email' });
      await page.keyboard.type(adminEmail);
      await page.keyboard.press('Tab');
      await tabUntil(page, { id: 'login-password' }, 0);
      await page.keyboard.type(adminPassword);
      await page.keyboard.press('Enter');
      await expectHomePage(page, adminEmail);

      await tabUntil(page, { button: text.logoutButton });
      // The focused button shows a visible focus indicator.
      const focusStyle = await page.evaluate(() => {
        const element = document.activeElement;
        if (element === null) return null;
        const style = getComputedStyle(element);
        return {
          focusVisible: element.matches(':focus-visible'),
          outlineStyle: style.outlineStyle,
          outlineWidth: Number.parseFloat(style.outlineWidth),
        };
      });
      expect(focusStyle?.focusVisible).toBe(true);
      expect(focusStyle?.outlineStyle).not.toBe('none');
      expect(focusStyle?.outlineWidth).toBeGreaterThan(0);

      await page.keyboard.press('Enter');
      await expectLoginPage(page);
      expect(await apiStatus(page, '/api/mailboxes')).toBe(401);
      await context.close();
    });
  });
});
