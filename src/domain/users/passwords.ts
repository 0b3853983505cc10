/**
 * Password hashing (argon2id, OWASP parameters via @node-rs/argon2 defaults)
 * and the password policy.
 */
import { randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { AppError } from '../../errors/app-error.ts';

export const minPasswordLength = 12;
export const maxPasswordLength = 1024;

/** Throws a clear error unless the password is acceptable. */
export function assertAcceptablePassword(password: string): void {
  if (password.length < minPasswordLength) {
    throw new AppError(
      'invalid_input',
      `The password must have at least ${minPasswordLength} characters.`,
    );
  }
  if (password.length > maxPasswordLength) {
    throw new AppError(
      'invalid_input',
      `The password must have at most ${maxPasswordLength} characters.`,
    );
  }
  if (new Set(password).size < 5) {
    throw new AppError('invalid_input', 'The password is too repetitive.');
  }
}

/** argon2id (the library's default algorithm), 19 MiB, 2 passes: OWASP's recommendation. */
export function hashPassword(password: string): Promise<string> {
  return hash(password, { memoryCost: 19_456, timeCost: 2, parallelism: 1 });
}

/** A hash of a random password, verified against when the account does not exist, so timing does not tell. */
let decoyHash: Promise<string> | undefined;

/** Checks a password against a stored hash; with no hash, spends the same time and returns false. */
export async function verifyPassword(
  storedHash: string | null,
  password: string,
): Promise<boolean> {
  if (!storedHash) {
    decoyHash ??= hashPassword(randomBytes(16).toString('hex'));
    await verify(await decoyHash, password).catch(() => false);
    return false;
  }
  return verify(storedHash, password).catch(() => false);
}

/** A random password that satisfies the policy (shown once to whoever creates an account). */
export function generatePassword(): string {
  return randomBytes(18).toString('base64url');
}
