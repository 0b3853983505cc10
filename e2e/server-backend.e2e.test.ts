/**
 * The same product on a PostgreSQL server, in a real browser:
 * `DATABASE_URL=… npm start` creates the database, migrates it and serves
 * the app; two instances on one database share users and sessions, as
 * stateless instances behind a load balancer must.
 */
import { randomBytes } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { adminQuery, adminUrl, pgRequired } from '../test/pg-settings.ts';
import { browserMissing, launchBrowser } from './helpers/browser.ts';
import {
  expectHomePage,
  expectLoginPage,
  logIn,
  mailboxTableText,
  newPage,
  pageProblems,
} from './helpers/pages.ts';
import { type GuichetServer, removeDataDir, serverOutput, startGuichet } from './helpers/server.ts';

const pgReachable = await adminQuery('select 1').then(
  () => true,
  (error: Error) => {
    if (pgRequired())
      throw new Error(
        `PostgreSQL server required here but not reachable at ${adminUrl()}: ${error.message}`,
      );
    console.warn(
      `⚠ PostgreSQL not reachable at ${adminUrl()}: browser tests on the server backend are SKIPPED.`,
    );
    return false;
  },
);

describe.skipIf(browserMissing || !pgReachable)('on a PostgreSQL server, in the browser', () => {
  const adminEmail = 'admin@example.org';
  const adminPassword = 'e2e-Server-Backend-Password-7!';
  // Created by Guichet itself: the test only picks a name that does not exist yet.
  const database = `guichet_e2e_${randomBytes(5).toString('hex')}`;
  const url = new URL(adminUrl());
  url.pathname = `/${database}`;
  const servers: GuichetServer[] = [];
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await Promise.all(servers.map((s) => removeDataDir(s.dataDir)));
    await browser?.close();
    await adminQuery(`drop database if exists "${database}" with (force)`);
    expect(pageProblems).toEqual([]);
  });

  test('creates its database, serves the app, and two instances share sessions', async ({
    onTestFailed,
  }) => {
    onTestFailed(() => {
      for (const server of servers) console.error(serverOutput(server));
    });
    // Several instances behind one URL must share the secret that signs cookies.
    const sessionSecret = randomBytes(36).toString('base64url');
    const env = {
      DATABASE_URL: url.toString(),
      SESSION_SECRET: sessionSecret,
      GUICHET_ADMIN_EMAIL: adminEmail,
      GUICHET_ADMIN_PASSWORD: adminPassword,
    };
    const first = await startGuichet({ env });
    servers.push(first);
    expect(first.stdout()).toMatch(/Database: PostgreSQL at 127\.0\.0\.1:5432\/guichet_e2e_/);

    const { context, page } = await newPage(browser);
    await page.goto(first.url);
    await expectLoginPage(page);
    await logIn(page, adminEmail, adminPassword);
    await expectHomePage(page, adminEmail);
    const table = await mailboxTableText(page);

    // A second instance on the same database: the browser's cookie (cookies ignore the
    // port) is a valid session there too, and it shows the same data.
    const second = await startGuichet({ env });
    servers.push(second);
    await page.goto(second.url);
    await expectHomePage(page, adminEmail);
    expect(await mailboxTableText(page)).toBe(table);
    await context.close();
  });
});
