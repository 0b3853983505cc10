/**
 * Webmail and consumer mail providers: anyone can have an address there, so
 * their domains never identify an organisation. They are never used to match a
 * sender to the directory and are refused as an organisation's domain.
 *
 * A maintained list, not a guess: add a provider here when one shows up in
 * the "unknown domains" suggestions of an import. A subdomain of a listed
 * domain (e.g. `mail.orange.fr`) counts as webmail too.
 */
export const webmailDomains: ReadonlySet<string> = new Set([
  // French access providers and their historical brands
  'orange.fr',
  'wanadoo.fr',
  'free.fr',
  'aliceadsl.fr',
  'sfr.fr',
  'neuf.fr',
  'cegetel.net',
  'club-internet.fr',
  'numericable.fr',
  'noos.fr',
  'bbox.fr',
  'bouyguestelecom.fr',
  'laposte.net',
  'voila.fr',
  'nordnet.fr',
  'aol.fr',
  // International providers
  'gmail.com',
  'googlemail.com',
  'hotmail.fr',
  'hotmail.com',
  'outlook.fr',
  'outlook.com',
  'live.fr',
  'live.com',
  'msn.com',
  'yahoo.fr',
  'yahoo.com',
  'ymail.com',
  'icloud.com',
  'me.com',
  'mac.com',
  'aol.com',
  'gmx.fr',
  'gmx.com',
  'gmx.net',
  'gmx.de',
  'protonmail.com',
  'proton.me',
  'pm.me',
  'tutanota.com',
  'mail.com',
  'yandex.com',
  'zoho.com',
]);

/** Whether `domain` (lower case) is a webmail domain or one of its subdomains. */
export function isWebmailDomain(domain: string): boolean {
  const labels = domain.split('.');
  for (let i = 0; i < labels.length - 1; i++) {
    if (webmailDomains.has(labels.slice(i).join('.'))) return true;
  }
  return false;
}
