/**
 * @swc/core as dependency-cruiser sees it (scripts/depcruise.mjs): the real
 * module, with JSX enabled when the file parsed is a `.tsx`.
 */
import swc from '@swc/core';

const withTsx = (file, options) =>
  String(file).endsWith('.tsx') ? { ...options, tsx: true } : options;

export default {
  ...swc,
  parseFileSync: (file, options) => swc.parseFileSync(file, withTsx(file, options)),
};
