/**
 * One apostrophe on French screens: the typographic ’ (« l’audit », « d’un »),
 * never the straight ' between two letters. Read from the sources, so a text
 * added by any page (a catalogue's French section, a `fr:` entry of a word
 * list) is checked too.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const webSrc = path.dirname(new URL(import.meta.url).pathname);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !entry.name.includes('.test.') ? [full] : [];
  });
}

/** Lines of code (comments left out) that French readers see. */
function frenchLines(source: string, isCatalogue: boolean): string[] {
  const lines = source.split('\n');
  const code = (line: string) => !/^\s*(\/\/|\/?\*)/.test(line);
  const picked: string[] = [];
  let inFrench = false;
  for (const line of lines) {
    if (isCatalogue && /^(export )?const (fr|\w+Fr)\b/.test(line)) inFrench = true;
    else if (isCatalogue && /^(export )?const (en|\w+En)\b/.test(line)) inFrench = false;
    if (!code(line)) continue;
    if (inFrench || /\bfr: /.test(line)) picked.push(line.trim());
  }
  return picked;
}

/** A straight apostrophe between two letters: « l'audit ». */
const straightApostrophe = /\p{L}'\p{L}/u;

describe('the apostrophe of French screens', () => {
  it('finds a straight apostrophe in a French line, not in code or English', () => {
    const sample = [
      'const fr = {',
      '  title: "Rapport d\'activité",',
      "  kind: (k: string) => (k === 'a' ? 'Oui' : 'Non'),",
      "  // the page's comment",
      '};',
      'const en = {',
      '  title: "Activity report\'s",',
      '};',
      'const words = { x: { fr: "l\'audit", en: "it\'s" } };',
    ].join('\n');
    const bad = frenchLines(sample, true).filter((line) => straightApostrophe.test(line));
    expect(bad).toEqual([
      'title: "Rapport d\'activité",',
      'const words = { x: { fr: "l\'audit", en: "it\'s" } };',
    ]);
  });

  it('is the typographic one in every French text of the app', () => {
    const offenders = sourceFiles(webSrc).flatMap((file) =>
      frenchLines(readFileSync(file, 'utf8'), /i18n/.test(path.basename(file)))
        .filter((line) => straightApostrophe.test(line))
        .map((line) => `${path.relative(webSrc, file)}: ${line}`),
    );
    expect(offenders).toEqual([]);
  });
});
