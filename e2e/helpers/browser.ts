/**
 * The system Chromium, driven by playwright-core. A browser is never downloaded: when the
 * executable is missing the browser suites are skipped, unless CI (or
 * GUICHET_TEST_REQUIRE_BROWSER=1) says they must run.
 */
import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

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

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
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
  });
}
