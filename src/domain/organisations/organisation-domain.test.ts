import { describe, expect, it } from 'vitest';
import { isAppError } from '../../errors/app-error.ts';
import { candidateDomains, normaliseOrganisationDomain } from './organisation-domain.ts';
import { isWebmailDomain } from './webmail-domains.ts';

const refusal = (input: string) => {
  try {
    normaliseOrganisationDomain(input);
  } catch (error) {
    if (isAppError(error)) return error.message;
    throw error;
  }
  return null;
};

describe('organisation domains', () => {
  it('normalises what people type', () => {
    expect(normaliseOrganisationDomain(' @Mail.Bailleur-44.Example.ORG. ')).toBe(
      'mail.bailleur-44.example.org',
    );
    expect(normaliseOrganisationDomain('mairie-évian.example.org')).toBe(
      'xn--mairie-vian-hbb.example.org',
    );
  });

  it('refuses webmail domains and their subdomains with a clear message', () => {
    for (const domain of [
      'orange.fr',
      'GMAIL.com',
      'free.fr',
      'wanadoo.fr',
      'hotmail.fr',
      'hotmail.com',
      'outlook.fr',
      'outlook.com',
      'yahoo.fr',
      'yahoo.com',
      'laposte.net',
      'sfr.fr',
      'live.fr',
      'icloud.com',
      'gmx.fr',
      'smtp.orange.fr',
    ]) {
      expect(refusal(domain), domain).toMatch(/webmail domain/);
    }
    expect(isWebmailDomain('notorange.fr')).toBe(false);
    expect(isWebmailDomain('orange.fr.example.org')).toBe(false);
  });

  it('refuses what is not a domain', () => {
    for (const bad of [
      '',
      'example',
      'a..example.org',
      '-bad.example.org',
      'bad-.example.org',
      'under_score.example.org',
      'x@example.org',
      'exa mple.org',
      '=HYPERLINK("http://evil.example.org")',
      '192.168.1.1',
      `${'a'.repeat(64)}.example.org`,
      `${'abc.'.repeat(70)}org`,
    ]) {
      expect(refusal(bad), bad).toMatch(/not an e-mail domain|address, not a domain/);
    }
  });

  it('lists the directory domains that may hold a sender domain, most specific first', () => {
    expect(candidateDomains('mail.dept.example.org')).toEqual([
      'mail.dept.example.org',
      'dept.example.org',
      'example.org',
    ]);
    expect(candidateDomains('example.org')).toEqual(['example.org']);
    expect(candidateDomains('org')).toEqual([]);
    expect(candidateDomains('gmail.com')).toEqual([]);
    expect(candidateDomains('smtp.orange.fr')).toEqual([]);
  });
});
