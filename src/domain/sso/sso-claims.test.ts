import { describe, expect, it } from 'vitest';
import { personFromClaims } from './sso-claims.ts';
import { SsoRefused } from './sso-refused.ts';

const provider = { allowed_domains: ['mairie.example.org'], verifies_email: false };
const refusal = (work: () => unknown) => {
  try {
    work();
  } catch (error) {
    return error instanceof SsoRefused ? error.code : 'other';
  }
  return 'accepted';
};

describe('ProConnect claims → the person', () => {
  it('maps e-mail, given name, usual name and SIRET', () => {
    expect(
      personFromClaims(
        {
          sub: 'abc',
          email: ' Jeanne.Durand@Mairie.example.org ',
          email_verified: true,
          given_name: 'Jeanne',
          usual_name: 'Durand',
          siret: '130 025 265 00013',
        },
        provider,
      ),
    ).toEqual({
      subject: 'abc',
      email: 'jeanne.durand@mairie.example.org',
      name: 'Jeanne Durand',
      siret: '13002526500013',
    });
  });

  it('falls back on family_name, then name, then the address; ignores a malformed SIRET', () => {
    const base = { sub: 's', email: 'a@mairie.example.org', email_verified: 'true' };
    expect(personFromClaims({ ...base, family_name: 'Martin' }, provider).name).toBe('Martin');
    expect(personFromClaims({ ...base, name: 'A. B.' }, provider).name).toBe('A. B.');
    expect(personFromClaims({ ...base, siret: '123' }, provider)).toMatchObject({
      name: 'a@mairie.example.org',
      siret: null,
    });
  });

  it('refuses a missing, malformed, unverified or disallowed address', () => {
    const ok = { sub: 's', email_verified: true };
    expect(refusal(() => personFromClaims({ ...ok }, provider))).toBe('email_missing');
    expect(refusal(() => personFromClaims({ ...ok, email: 'no-at-sign' }, provider))).toBe(
      'email_missing',
    );
    expect(
      refusal(() => personFromClaims({ ...ok, email: 'a@b@mairie.example.org' }, provider)),
    ).toBe('email_missing');
    expect(refusal(() => personFromClaims({ ...ok, email: ['x'] }, provider))).toBe(
      'email_missing',
    );
    expect(refusal(() => personFromClaims({ ...ok, email: 'a@evil.example.net' }, provider))).toBe(
      'domain',
    );
    expect(
      refusal(() => personFromClaims({ ...ok, email: 'a@sub.mairie.example.org' }, provider)),
    ).toBe('domain');
    const unverified = { sub: 's', email: 'a@mairie.example.org', email_verified: false };
    expect(refusal(() => personFromClaims(unverified, provider))).toBe('email_unverified');
    expect(refusal(() => personFromClaims(unverified, { ...provider, verifies_email: true }))).toBe(
      'accepted',
    );
    expect(
      refusal(() =>
        personFromClaims(
          { ...unverified, email: 'a@any.example.net' },
          { allowed_domains: [], verifies_email: true },
        ),
      ),
    ).toBe('accepted');
  });
});
