/**
 * Whether a rule's regular expression may be kept (issue 19 §4): the first line of
 * defence against patterns that backtrack without bound, read when the rule is saved.
 * Refused: what does not compile (with the `u` flag), back-references, and a repeated
 * group that itself holds a repetition or an alternative (`(a+)+`, `(a|ab)*`, `(\w+\s?)*`):
 * the shapes of exponential backtracking. The second line is at run time
 * (src/domain/automation/patterns.ts): every match runs under a time limit on a
 * bounded text, so what slips through (polynomial shapes such as `.*.*.*x`) stays bounded.
 */

/** Why `pattern` is refused (French, shown under the field), or null when it is accepted. */
export function unsafePatternReason(pattern: string): string | null {
  try {
    new RegExp(pattern, 'u');
  } catch {
    return 'Expression régulière invalide.';
  }
  if (/\\[1-9]|\\k</.test(pattern)) return 'Les références arrière (\\1, \\k<…>) sont refusées.';
  // Each open group: whether it holds a repetition or an alternative.
  const groups: { risky: boolean }[] = [];
  let lastClosedRisky = false;
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      i++;
      lastClosedRisky = false;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    const quantifier =
      c === '*' || c === '+' || (c === '{' && /^\{\d*,?\d*\}/.test(pattern.slice(i)));
    if (quantifier || c === '?') {
      const unbounded = c !== '?' && !(c === '{' && /^\{\d+\}/.test(pattern.slice(i)));
      const repeats = unbounded || (c === '{' && !/^\{[01]\}/.test(pattern.slice(i)));
      if (repeats && lastClosedRisky)
        return 'Un groupe répété contient lui-même une répétition ou une alternative : refusé (temps de calcul sans borne).';
      // a `?` right after a quantifier makes it lazy: not a repetition of its own
      const previous = pattern[i - 1];
      const lazy = c === '?' && (previous === '*' || previous === '+' || previous === '}');
      if (repeats && !lazy) {
        const open = groups[groups.length - 1];
        if (open) open.risky = true;
      }
      if (c === '{') i = pattern.indexOf('}', i);
      lastClosedRisky = false;
      continue;
    }
    lastClosedRisky = false;
    if (c === '[') inClass = true;
    else if (c === '(') groups.push({ risky: false });
    else if (c === '|') {
      const open = groups[groups.length - 1];
      if (open) open.risky = true;
    } else if (c === ')') {
      const closed = groups.pop();
      lastClosedRisky = closed?.risky ?? false;
      const outer = groups[groups.length - 1];
      if (outer && lastClosedRisky) outer.risky = true;
    }
  }
  return null;
}
