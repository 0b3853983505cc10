import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { createMailSigner } from '../domain/signing/mail-signer.ts';
import { decryptSecret, encryptSecret, parseCredentialsKey } from './credentials.ts';

describe('mail credentials and settings', () => {
  it('encrypts with a random IV and refuses another key', () => {
    const key = randomBytes(32);
    const a = encryptSecret(key, 'mot de passe');
    expect(a).not.toBe(encryptSecret(key, 'mot de passe'));
    expect(decryptSecret(key, a)).toBe('mot de passe');
    expect(() => decryptSecret(randomBytes(32), a)).toThrow(/MAIL_CREDENTIALS_KEY/);
    expect(() => decryptSecret(key, `${a.slice(0, -2)}xx`)).toThrow();
  });

  it('reads the key as hex or base64 and rejects a short one', () => {
    const key = randomBytes(32);
    expect(parseCredentialsKey(key.toString('hex')).equals(key)).toBe(true);
    expect(parseCredentialsKey(key.toString('base64url')).equals(key)).toBe(true);
    expect(() => parseCredentialsKey('short')).toThrow(/32 random bytes/);
  });

  it('reads the mail settings from the environment', () => {
    const config = loadConfig({
      SMTP_LISTEN_PORT: '2525',
      SMTP_RELAY_URL: 'smtp://user:p%40ss@relay.example.org:587',
      MAIL_MAX_BYTES: '1000',
    });
    expect(config.mail.listen).toEqual({ host: '127.0.0.1', port: 2525, tls: undefined });
    expect(config.mail.relayUrl?.hostname).toBe('relay.example.org');
    expect(config.mail.maxBytes).toBe(1000);
    expect(loadConfig({}).mail.listen).toBeUndefined();
    expect(() => loadConfig({ SMTP_RELAY_URL: 'http://x' })).toThrow(/SMTP_RELAY_URL/);
    expect(() => loadConfig({ SMTP_TLS_KEY_FILE: '/k.pem' })).toThrow(/SMTP_TLS_CERT_FILE/);
    expect(() => loadConfig({ MAIL_CREDENTIALS_KEY: 'abc' })).toThrow(/MAIL_CREDENTIALS_KEY/);
  });
});

describe('mail signer', () => {
  const signer = createMailSigner('a-test-secret-that-is-long-enough-0123456789');
  const other = createMailSigner('another-secret-that-is-long-enough-0123456789');
  it('signs ticket tokens and Message-IDs that only this instance accepts', () => {
    const token = signer.ticketToken(1042);
    const sig = /\[#1042-([0-9a-f]{8})\]/.exec(token)?.[1] ?? '';
    expect(signer.verifyTicketToken(1042, sig)).toBe(true);
    expect(signer.verifyTicketToken(1043, sig)).toBe(false);
    expect(other.verifyTicketToken(1042, sig)).toBe(false);
    const id = signer.messageId(1042, 'r0a1b2', 'example.org');
    expect(signer.isOwnMessageId(id)).toBe(true);
    expect(other.isOwnMessageId(id)).toBe(false);
    expect(signer.isOwnMessageId(id.replace('1042', '1043'))).toBe(false);
    expect(signer.isOwnMessageId('<g.1000.77.deadbeefdead@example.org>')).toBe(false);
  });
});
