/**
 * Vitest setup file (server project): password hashes at the lowest argon2id cost in the test
 * processes. Only here: the `guichet` processes the CLI suites start, and every deployment,
 * hash at the production cost (src/domain/users/passwords.test.ts holds both to that).
 */
import { lowerPasswordCostForTests } from '../src/domain/users/passwords.ts';

lowerPasswordCostForTests();
