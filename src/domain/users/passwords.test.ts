/**
 * Password hashes: argon2id at OWASP's cost in production; the test suites' lower cost
 * (test/password-cost.ts) stays theirs.
 */
import { describe, expect, it, vi } from 'vitest';
import { hashPassword, productionPasswordCost, verifyPassword } from './passwords.ts';

const password = 'correct horse battery staple';

describe('password hashes', () => {
  it('are argon2id at 19 MiB, 2 passes, 1 lane unless a test suite lowered the cost', async () => {
    expect(productionPasswordCost).toEqual({ memoryCost: 19_456, timeCost: 2, parallelism: 1 });
    expect(Object.isFrozen(productionPasswordCost)).toBe(true);
    // The module as a process loads it, without the suites' setup file.
    vi.resetModules();
    const fresh = await import('./passwords.ts');
    const stored = await fresh.hashPassword(password);
    expect(stored).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(stored, password)).toBe(true);
    expect(await verifyPassword(stored, `${password}!`)).toBe(false);
  });

  it('are cheap in the test suites, and verify all the same', async () => {
    const stored = await hashPassword(password);
    expect(stored).toMatch(/^\$argon2id\$v=19\$m=8,t=1,p=1\$/);
    expect(await verifyPassword(stored, password)).toBe(true);
    expect(await verifyPassword(null, password)).toBe(false);
  });

  it('cannot be made cheap outside vitest', async () => {
    vi.resetModules();
    vi.stubEnv('VITEST', '');
    try {
      const fresh = await import('./passwords.ts');
      expect(() => fresh.lowerPasswordCostForTests()).toThrow(/test suites only/);
      expect(await fresh.hashPassword(password)).toMatch(/\$m=19456,t=2,p=1\$/);
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
