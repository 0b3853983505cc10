/**
 * Webhooks in a real browser (issue 21 §3): an administrator adds a webhook
 * for a receiver, copies the secret shown once, sends a test event (signed:
 * the receiver verifies it with the specification's reference verification),
 * reads the delivery log, reloads and finds the webhook without its secret.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startReceiver } from '../test/support/webhook-receiver.ts';
import { browserMissing } from './helpers/browser.ts';
import { type E2e, startE2e } from './helpers/e2e.ts';
import { logIn, newPage, pageProblems } from './helpers/pages.ts';
import { repoRoot, serverOutput } from './helpers/server.ts';

const admin = { email: 'admin.webhooks@example.org', password: 'e2e-Admin-Webhooks-Password-7!' };
const screenshot = path.join(repoRoot, 'test-results', 'e2e', 'webhooks.png');

describe.skipIf(browserMissing)('webhooks in the browser', () => {
  let e2e: E2e<{ backend: 'pglite' }>;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  beforeAll(async () => {
    receiver = await startReceiver();
    e2e = await startE2e({
      backend: 'pglite',
      admin,
      env: { MAIL_CREDENTIALS_KEY: 'a'.repeat(64), WEBHOOK_ALLOWED_HOSTS: '127.0.0.1' },
    });
  }, 180_000);
  afterAll(async () => {
    await e2e?.cleanup();
    await receiver?.close();
    expect(pageProblems).toEqual([]);
  });

  test('add a webhook, test it, read its log', async ({ onTestFailed }) => {
    const { page } = await newPage(e2e.browser);
    onTestFailed(async () => {
      await page.screenshot({ path: screenshot, fullPage: true }).catch(() => {});
      console.error(serverOutput(e2e.server));
    });
    await page.goto(e2e.server.url);
    await logIn(page, admin.email, admin.password);
    await page.getByRole('navigation').getByRole('link', { name: 'Webhooks' }).click();
    await page.getByRole('heading', { level: 1, name: 'Webhooks' }).waitFor();
    const form = page.locator('form[aria-labelledby="webhook-form"]');
    await form.getByLabel('Nom').fill('Tableau de bord régional');
    await form.getByLabel('Adresse (URL)').fill(receiver.url);
    await form.getByLabel('Évènements', { exact: true }).click();
    await page.getByRole('option', { name: 'Statut modifié' }).click();
    await page.keyboard.press('Escape');
    await form.getByRole('button', { name: 'Créer le webhook' }).click();
    const secret = (await page.getByTestId('webhook-secret').textContent()) ?? '';
    expect(secret).toMatch(/^whsec_/);

    const row = page.locator('[data-webhook="Tableau de bord régional"]');
    await row.getByRole('button', { name: 'Envoyer un évènement de test' }).click();
    await row
      .getByRole('status')
      .filter({ hasText: 'Évènement de test reçu : réponse 200' })
      .waitFor();
    const request = receiver.received.at(-1);
    if (!request) throw new Error('nothing received');
    expect(
      new Webhook(secret).verify(request.body, {
        'webhook-id': String(request.headers['webhook-id']),
        'webhook-timestamp': String(request.headers['webhook-timestamp']),
        'webhook-signature': String(request.headers['webhook-signature']),
      }),
    ).toMatchObject({ type: 'webhook.test' });

    await page.reload();
    await row.waitFor();
    expect(await page.getByTestId('webhook-secret').count()).toBe(0);
    expect(await row.textContent()).toContain('Statut modifié');
    expect(await row.textContent()).toContain('Actif');
    await row.getByRole('button', { name: 'Journal' }).click();
    const log = page.getByLabel(/Journal des envois/);
    await log.getByText('Remis').waitFor();
    expect(await log.textContent()).toContain('200');
    await mkdir(path.dirname(screenshot), { recursive: true });
    await page.screenshot({ path: screenshot, fullPage: true });
  });
});
