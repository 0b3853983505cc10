/**
 * Password hashing (argon2id at OWASP's parameters) and the password policy.
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

export type PasswordCost = { memoryCost: number; timeCost: number; parallelism: number };

/** argon2id (the library's default algorithm), 19 MiB, 2 passes, 1 lane: OWASP's recommendation. */
export const productionPasswordCost: Readonly<PasswordCost> = Object.freeze({
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
});

/** The cost of new hashes: always the production cost, except in the test suites. */
let passwordCost: Readonly<PasswordCost> = productionPasswordCost;

/**
 * For the test suites only (test/password-cost.ts, a vitest setup file): new hashes at the
 * lowest argon2id cost, a millisecond instead of about 50, so that suites creating and logging
 * in many users stay quick. Deliberately a function call, not a setting: nothing a deployment
 * configures can lower the production cost, and outside vitest the call throws.
 * (Verifying reads the cost from the stored hash, so hashes of either cost verify.)
 */
export function lowerPasswordCostForTests(): void {
  if (!process.env.VITEST) throw new Error('The test password cost is for the test suites only.');
  passwordCost = Object.freeze({ memoryCost: 8, timeCost: 1, parallelism: 1 });
}

/** Hashes a password with argon2id at the production cost (see `productionPasswordCost`). */
export function hashPassword(password: string): Promise<string> {
  return hash(password, passwordCost);
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
