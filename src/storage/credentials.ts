/**
 * IMAP and SMTP passwords are stored encrypted (AES-256-GCM) with a key from
 * the environment (MAIL_CREDENTIALS_KEY), never in clear in the database or
 * in exported configuration. Stored form: `v1:<iv>:<tag>:<ciphertext>`, base64url.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { AppError } from '../errors/app-error.ts';

const version = 'v1';

/** Reads the key: 32 bytes as 64 hex digits or base64/base64url. */
export function parseCredentialsKey(raw: string): Buffer {
  const key = /^[0-9a-f]{64}$/i.test(raw) ? Buffer.from(raw, 'hex') : Buffer.from(raw, 'base64url');
  if (key.length !== 32)
    throw new AppError(
      'configuration',
      'MAIL_CREDENTIALS_KEY must be 32 random bytes, as 64 hex digits or base64 (e.g. openssl rand -hex 32)',
    );
  return key;
}

/** Encrypts a password for storage. */
export function encryptSecret(key: Buffer, plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  const parts = [iv, cipher.getAuthTag(), data].map((b) => b.toString('base64url'));
  return [version, ...parts].join(':');
}

/** Decrypts a stored password; AppError('configuration') with a wrong key or a damaged value. */
export function decryptSecret(key: Buffer, stored: string): string {
  const [v, iv, tag, data] = stored.split(':');
  if (v !== version || !iv || !tag || data === undefined)
    throw new AppError('configuration', 'A stored mail password is not in a known format.');
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([
      decipher.update(Buffer.from(data, 'base64url')),
      decipher.final(),
    ]).toString('utf8');
  } catch {
    throw new AppError(
      'configuration',
      'A stored mail password cannot be decrypted: MAIL_CREDENTIALS_KEY is not the key it was saved with.',
    );
  }
}
