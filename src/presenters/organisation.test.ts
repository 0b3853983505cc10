import { describe, expect, it } from 'vitest';
import { presentDirectoryImport } from './organisation.ts';

describe('presentDirectoryImport', () => {
  it('the counts and the refused lines, nothing else', () => {
    const report = {
      dryRun: true,
      lines: 4,
      created: 1,
      updated: 1,
      unchanged: 0,
      errors: [{ line: 3, message: 'unknown département "99"' }],
      internal: 'not for the API',
    };
    expect(presentDirectoryImport(report)).toEqual({
      dryRun: true,
      lines: 4,
      created: 1,
      updated: 1,
      unchanged: 0,
      errors: [{ line: 3, message: 'unknown département "99"' }],
    });
  });
});
