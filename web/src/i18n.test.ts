import { describe, expect, it } from 'vitest';
import { ApiError } from './api/client.ts';
import { dictionaries, isLanguage, languages, preferredLanguage } from './i18n.ts';
import { loginErrorMessage } from './routes/login-error.ts';

describe('the language of the app', () => {
  it('takes the first tag the app speaks, region aside', () => {
    expect(preferredLanguage(['en-GB', 'fr'])).toBe('en');
    expect(preferredLanguage(['de-DE', 'FR-ca', 'en'])).toBe('fr');
    expect(preferredLanguage(['EN'])).toBe('en');
  });

  it('is French when the browser speaks none of them', () => {
    expect(preferredLanguage(['de', 'es-ES', ''])).toBe('fr');
    expect(preferredLanguage([])).toBe('fr');
  });

  it('knows exactly its languages', () => {
    expect(languages.filter(isLanguage)).toEqual(['fr', 'en']);
    expect(isLanguage('de')).toBe(false);
    expect(isLanguage('fr-FR')).toBe(false);
  });

  it('has every text in both languages', () => {
    expect(Object.keys(dictionaries.en).sort()).toEqual(Object.keys(dictionaries.fr).sort());
  });
});

describe('the wait after too many logins', () => {
  it('counts seconds, at least one, rounded up', () => {
    expect(dictionaries.fr.rateLimited(0.2)).toContain('dans 1 seconde.');
    expect(dictionaries.fr.rateLimited(1.5)).toContain('dans 2 secondes.');
    expect(dictionaries.en.rateLimited(59)).toContain('in 59 seconds.');
    expect(dictionaries.en.rateLimited(1)).toContain('in 1 second.');
  });

  it('counts minutes from one minute, rounded up', () => {
    expect(dictionaries.fr.rateLimited(60)).toContain('dans 1 minute.');
    expect(dictionaries.fr.rateLimited(61)).toContain('dans 2 minutes.');
    expect(dictionaries.en.rateLimited(600)).toContain('in 10 minutes.');
  });

  it('says a few minutes when the server gave no delay', () => {
    expect(dictionaries.fr.rateLimited(undefined)).toBe(
      'Trop de tentatives de connexion. Réessayez dans quelques minutes.',
    );
  });
});

describe('plurals', () => {
  it('French counts 0 and 1 as singular, English only 1', () => {
    expect(dictionaries.fr.valueCount(0)).toBe('0 valeur');
    expect(dictionaries.fr.valueCount(2)).toBe('2 valeurs');
    expect(dictionaries.en.valueCount(0)).toBe('0 values');
    expect(dictionaries.en.valueCount(1)).toBe('1 value');
    expect(dictionaries.fr.importProblems(1, 3)).toBe('1 erreur, 3 avertissements');
    expect(dictionaries.en.importProblems(0, 1)).toBe('0 errors, 1 warning');
  });
});

describe('a failed login in words', () => {
  const t = dictionaries.fr;

  it('names the cause of each refusal', () => {
    expect(loginErrorMessage(new ApiError(401, 'unauthenticated', ''), t)).toBe(t.wrongCredentials);
    expect(loginErrorMessage(new ApiError(400, 'invalid', ''), t)).toBe(t.invalidInput);
    expect(loginErrorMessage(new ApiError(429, 'rate_limited', '', 120), t)).toBe(
      t.rateLimited(120),
    );
  });

  it('is unexpected for anything else, a network failure included', () => {
    expect(loginErrorMessage(new ApiError(500, 'http_error', 'HTTP 500'), t)).toBe(
      t.unexpectedError,
    );
    expect(loginErrorMessage(new ApiError(0, 'network', 'Failed to fetch'), t)).toBe(
      t.unexpectedError,
    );
    expect(loginErrorMessage(new TypeError('x'), t)).toBe(t.unexpectedError);
  });
});
