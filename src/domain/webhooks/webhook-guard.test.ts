/**
 * The guard against internal addresses (issue 21 §3), as the mail settings
 * have it: hostile webhook URLs are refused when saved and when sent, a
 * redirect is never followed, and only WEBHOOK_ALLOWED_HOSTS lets a test
 * reach 127.0.0.1.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReceiver } from '../../../test/support/webhook-receiver.ts';
import { noMailHostAllowance, parseMailAllowance } from '../../config/mail-host-guard.ts';
import { checkWebhookUrl, webhookForbiddenKind } from '../../config/webhook-host-guard.ts';
import { newWebhookSecret } from './manage-webhooks.ts';
import { createWebhookSender } from './send-webhook.ts';

const none = noMailHostAllowance();

const hostile = [
  'http://127.0.0.1/hook',
  'http://127.1/',
  'http://[::1]:8080/',
  'http://169.254.169.254/latest/meta-data/',
  'http://2130706433/', // 127.0.0.1 as one decimal number
  'http://0x7f000001/', // and in hex
  'http://017700000001/', // and in octal
  'http://0.0.0.0/',
  'http://[::ffff:127.0.0.1]/',
  'http://[::ffff:a9fe:a9fe]/', // 169.254.169.254, mapped
  'http://[fd00:ec2::254]/',
  'http://[fe80::1]/',
  'http://10.0.0.1/',
  'http://172.16.3.4/',
  'http://192.168.1.1/',
  'http://100.64.0.1/',
  'http://localhost:3000/',
];

describe('webhook address guard', () => {
  it.each(hostile)('refuses %s when saved', async (url) => {
    await expect(checkWebhookUrl(url, none)).rejects.toMatchObject({
      code: 'invalid_input',
      details: { reason: 'webhook_host_not_allowed' },
    });
  });

  it.each([
    'ftp://example.org/',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'http://user:secret@example.org/',
    'not a url',
    'http://',
  ])('refuses %s as an address', async (url) => {
    await expect(checkWebhookUrl(url, none)).rejects.toMatchObject({ code: 'invalid_input' });
  });

  it('accepts public addresses, and internal ones only when allowed', async () => {
    await expect(checkWebhookUrl('https://93.184.215.14/hook', none)).resolves.toBeInstanceOf(URL);
    const allowed = parseMailAllowance('127.0.0.1,10.1.0.0/16', 'WEBHOOK_ALLOWED_HOSTS');
    await expect(checkWebhookUrl('http://127.0.0.1:9000/x', allowed)).resolves.toBeInstanceOf(URL);
    await expect(checkWebhookUrl('http://10.1.2.3/x', allowed)).resolves.toBeInstanceOf(URL);
    await expect(checkWebhookUrl('http://10.2.0.1/x', allowed)).rejects.toMatchObject({
      code: 'invalid_input',
    });
    expect(webhookForbiddenKind('8.8.8.8')).toBeUndefined();
    expect(webhookForbiddenKind('::ffff:192.168.0.1')).toBe('private');
  });
});

describe('webhook sender', () => {
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let target: Awaited<ReturnType<typeof startReceiver>>;
  beforeAll(async () => {
    receiver = await startReceiver();
    target = await startReceiver();
  });
  afterAll(async () => {
    await receiver.close();
    await target.close();
  });
  const message = (url: string) => ({
    url,
    secret: newWebhookSecret(),
    msgId: 'msg_1',
    body: '{}',
  });

  it('refuses to connect to an internal address, by IP or by name', async () => {
    const sender = createWebhookSender({ allowedHosts: none });
    const port = new URL(receiver.url).port;
    for (const url of [
      receiver.url,
      `http://2130706433:${port}/hook`,
      `http://localhost:${port}/hook`,
      `http://[::1]:${port}/hook`,
    ]) {
      const outcome = await sender.send(message(url));
      expect(outcome).toMatchObject({ ok: false, statusCode: null });
      expect(outcome.error).toMatch(/not allowed/);
    }
    sender.close();
    expect(receiver.received).toHaveLength(0);
  });

  it('never follows a redirect', async () => {
    const sender = createWebhookSender({ allowedHosts: parseMailAllowance('127.0.0.1') });
    receiver.set(302, target.url);
    const outcome = await sender.send(message(receiver.url));
    sender.close();
    expect(outcome).toMatchObject({
      ok: false,
      statusCode: 302,
      error: 'redirection not followed',
    });
    expect(target.received).toHaveLength(0);
  });
});
