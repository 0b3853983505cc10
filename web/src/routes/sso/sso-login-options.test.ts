import { describe, expect, it } from 'vitest';
import { passwordOffLabel } from './sso-login-options.ts';

const options = {
  providers: [{ slug: 'proconnect', label: 'ProConnect', startUrl: '/auth/sso/proconnect/start' }],
  passwordOff: [
    { domain: 'mairie.example.org', slug: 'proconnect' },
    { domain: 'old.example.org', slug: 'disabled-one' },
  ],
};

describe('the provider the login page names', () => {
  it('names the provider of a password-off domain, whatever the case and spaces', () => {
    expect(passwordOffLabel(options, ' Jeanne@MAIRIE.example.org ')).toBe('ProConnect');
    expect(passwordOffLabel(options, 'jeanne@example.org')).toBeNull();
    expect(passwordOffLabel(options, 'jeanne')).toBeNull();
    expect(passwordOffLabel(undefined, 'jeanne@mairie.example.org')).toBeNull();
  });

  it('names the provider the server gave, and nothing for one it does not offer', () => {
    expect(passwordOffLabel(options, 'x@any.example.org', 'proconnect')).toBe('ProConnect');
    expect(passwordOffLabel(options, 'x@old.example.org')).toBeNull();
  });
});
