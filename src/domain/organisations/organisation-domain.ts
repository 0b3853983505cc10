/**
 * What an organisation's e-mail domain may be: a lower-case DNS name with at
 * least two labels (`bailleur-44.example.org`), internationalised names kept
 * in their ASCII (punycode) form, never a webmail domain.
 */
import { domainToASCII } from 'node:url';
import { AppError } from '../../errors/app-error.ts';
import { isWebmailDomain } from './webmail-domains.ts';

const label = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/**
 * The canonical form of a typed domain (`@Mail.Example.org ` → `mail.example.org`),
 * or AppError('invalid_input') saying why it cannot be an organisation's domain.
 */
export function normaliseOrganisationDomain(input: string): string {
  const typed = input.trim().replace(/^@/, '').replace(/\.$/, '');
  const ascii = typed === '' ? '' : domainToASCII(typed.toLowerCase());
  const labels = ascii.split('.');
  if (
    ascii.length === 0 ||
    ascii.length > 253 ||
    labels.length < 2 ||
    !labels.every((l) => label.test(l))
  )
    throw new AppError('invalid_input', `“${input.slice(0, 100)}” is not an e-mail domain.`, {
      domain: input.slice(0, 100),
    });
  if (/^[0-9]+$/.test(labels[labels.length - 1] ?? ''))
    throw new AppError('invalid_input', `“${ascii}” is an address, not a domain.`, {
      domain: ascii,
    });
  if (isWebmailDomain(ascii))
    throw new AppError(
      'invalid_input',
      `${ascii} is a webmail domain: anyone can have an address there, so it cannot identify an organisation.`,
      { domain: ascii, webmail: true },
    );
  return ascii;
}

/**
 * The directory domains that may hold `domain`, most specific first:
 * `mail.dept.example.org` → itself, `dept.example.org`, `example.org`.
 * Never a bare top-level domain; nothing for webmail.
 */
export function candidateDomains(domain: string): string[] {
  const clean = domain.trim().toLowerCase().replace(/\.$/, '');
  if (clean === '' || isWebmailDomain(clean)) return [];
  const labels = clean.split('.');
  const result: string[] = [];
  for (let i = 0; i <= labels.length - 2; i++) result.push(labels.slice(i).join('.'));
  return result;
}
