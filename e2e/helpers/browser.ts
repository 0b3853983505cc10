/**
 * The system Chromium, driven by playwright-core. A browser is never downloaded: when the
 * executable is missing the browser suites are skipped, unless CI (or
 * GUICHET_TEST_REQUIRE_BROWSER=1) says they must run.
 *
 * One Chromium for the whole run: the e2e global setup (test/e2e-global-setup.ts) starts
 * it as a browser server, and `launchBrowser()` connects each file to it (its own
 * connection, its own contexts; `close()` ends the connection and its contexts, not the
 * shared browser). Outside that setup, `launchBrowser()` starts a Chromium of its own.
 */
import { existsSync } from 'node:fs';
import { type Browser, type BrowserServer, chromium, type LaunchOptions } from 'playwright-core';
import { inject } from 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The run's shared Chromium (a playwright browser server), empty when there is none. */
    chromiumEndpoint: string;
  }
}

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const browserRequired =
  process.env.CI === 'true' || process.env.GUICHET_TEST_REQUIRE_BROWSER === '1';

function checkBrowser(): boolean {
  if (existsSync(chromiumPath)) return true;
  const hint =
    'Install Chromium (Debian/Ubuntu: apt-get install chromium) or set CHROMIUM_PATH to its executable.';
  if (browserRequired) {
    throw new Error(
      `Browser tests are required but Chromium was not found at ${chromiumPath}. ${hint}`,
    );
  }
  console.warn(`[e2e] Chromium not found at ${chromiumPath}: browser tests skipped. ${hint}`);
  return false;
}

/** True when the browser suites must be skipped (use with describe.skipIf). */
export const browserMissing = !checkBrowser();

const launchOptions: LaunchOptions = {
  executablePath: chromiumPath,
  headless: true,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};

/** Starts the run's shared Chromium (e2e global setup); files reach it through `launchBrowser()`. */
export function launchBrowserServer(): Promise<BrowserServer> {
  return chromium.launchServer(launchOptions);
}

function sharedEndpoint(): string {
  try {
    return inject('chromiumEndpoint') ?? '';
  } catch {
    return ''; // not inside a vitest worker
  }
}

/**
 * A browser for one test file: a connection to the run's shared Chromium when the global
 * setup started one, a Chromium of its own otherwise. Either way `close()` ends what the
 * file opened (its contexts and pages).
 */
export async function launchBrowser(): Promise<Browser> {
  const endpoint = sharedEndpoint();
  if (endpoint !== '') return chromium.connect(endpoint);
  return chromium.launch(launchOptions);
}
