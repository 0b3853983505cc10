/**
 * How hard a new password is to guess (issue 16 §4): zxcvbn-ts with its
 * common and French dictionaries (common passwords, French words, first and
 * last names, Wikipedia), the azerty/qwerty keyboards, and the account's own
 * e-mail and name. A score below 3 of 4 is refused with advice to use a
 * passphrase. The dictionaries (a few MB) load on the first check only.
 */
import type { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { AppError } from '../../errors/app-error.ts';

/** zxcvbn scores 0–4; 3 means "safely unguessable" (about 10^10 guesses). */
export const minimumPasswordScore = 3;

let estimator: Promise<ZxcvbnFactory> | undefined;

async function loadEstimator(): Promise<ZxcvbnFactory> {
  const [{ ZxcvbnFactory }, common, fr] = await Promise.all([
    import('@zxcvbn-ts/core'),
    import('@zxcvbn-ts/language-common'),
    import('@zxcvbn-ts/language-fr'),
  ]);
  return new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...fr.dictionary },
    graphs: common.adjacencyGraphs,
    translations: fr.translations,
  });
}

/**
 * The words of a person's e-mail and name that a password must not lean on:
 * `jeanne.dupont@bailleur.example.org`, `Jeanne Dupont` → the whole values and
 * `jeanne`, `dupont`, `bailleur`, `example`… (3 letters or more).
 */
export function personalWords(values: readonly string[]): string[] {
  const words = new Set<string>();
  for (const value of values) {
    const lower = value.trim().toLowerCase();
    if (lower) words.add(lower);
    for (const word of lower.split(/[^\p{L}\p{N}]+/u)) if (word.length >= 3) words.add(word);
  }
  return [...words];
}

export type PasswordWeakness = { score: number; warning: string | null };

/** Why the password is too easy to guess (French feedback), or undefined when it is strong enough. */
export async function passwordWeakness(
  password: string,
  personal: readonly string[],
): Promise<PasswordWeakness | undefined> {
  estimator ??= loadEstimator();
  const words = personalWords(personal);
  if (madeOfPersonalWords(password, words))
    return { score: 0, warning: 'Il ne doit pas reprendre votre nom ni votre adresse e-mail.' };
  const result = (await estimator).check(password, words);
  if (result.score >= minimumPasswordScore) return undefined;
  return { score: result.score, warning: result.feedback.warning };
}

/**
 * Whether the password's letters are the person's words and little else
 * (`jeannedupont1`, `Dupont.Jeanne44`): zxcvbn-ts weighs user inputs as single
 * dictionary words, so two of them glued together still scored 3.
 */
function madeOfPersonalWords(password: string, words: readonly string[]): boolean {
  let letters = password.toLowerCase().replace(/[^\p{L}]+/gu, '');
  const pieces = words.filter((w) => /^\p{L}+$/u.test(w)).sort((a, b) => b.length - a.length);
  const before = letters.length;
  for (const word of pieces) letters = letters.replaceAll(word, '');
  return letters.length < before && letters.length < 4;
}

/** The refusal in English, for the command line (AppError details `english`). */
export const weakPasswordEnglish =
  'This password is too easy to guess. Choose a passphrase instead: four or more unrelated words, or a password generated with --generate.';

/**
 * Throws `invalid_input` (French message, reason `weak_password`, the English
 * text in `details.english`) unless the password scores at least 3 against
 * the dictionaries and the person's own e-mail and name.
 */
export async function assertStrongPassword(
  password: string,
  personal: readonly string[],
): Promise<void> {
  const weakness = await passwordWeakness(password, personal);
  if (!weakness) return;
  const why = weakness.warning ? ` ${weakness.warning.replace(/\.?$/, '.')}` : '';
  throw new AppError(
    'invalid_input',
    `Ce mot de passe est trop facile à deviner.${why} Choisissez plutôt une phrase de passe : quatre mots ou plus, sans lien entre eux.`,
    { reason: 'weak_password', english: weakPasswordEnglish },
  );
}
