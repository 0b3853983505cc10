/**
 * Which addresses a webhook may reach (issue 21 §3): the same guard as the
 * mail settings (mail-host-guard.ts), stricter. An administrator types the
 * URL; without this guard Guichet would post to itself (127.0.0.1, ::1), to
 * the cloud metadata service (169.254.169.254) or into the private network
 * it stands in. So loopback, link-local, unspecified and private ranges
 * (10/8, 172.16/12, 192.168/16, 100.64/10, fc00::/7) are refused unless
 * WEBHOOK_ALLOWED_HOSTS allows them (`hooks.lan,10.1.2.0/24,127.0.0.1`).
 *
 * The URL is parsed by the WHATWG parser, so `http://2130706433/` and
 * `http://0x7f.1/` are 127.0.0.1 before they are checked. A host name is
 * resolved when connecting and every address is checked (`guardedLookup`):
 * the connection goes to the checked address, so DNS rebinding cannot slip
 * through. Redirects are never followed (the sender does not follow them).
 */
import dns from 'node:dns';
import net, { BlockList } from 'node:net';
import { AppError } from '../errors/app-error.ts';
import { forbiddenKind, type MailHostAllowance, unmappedAddress } from './mail-host-guard.ts';

const privateRanges: [string, number, 'ipv4' | 'ipv6', string][] = [
  ['10.0.0.0', 8, 'ipv4', 'private'],
  ['172.16.0.0', 12, 'ipv4', 'private'],
  ['192.168.0.0', 16, 'ipv4', 'private'],
  ['100.64.0.0', 10, 'ipv4', 'shared address space'],
  ['224.0.0.0', 3, 'ipv4', 'multicast or reserved'],
  ['fc00::', 7, 'ipv6', 'private'],
  ['ff00::', 8, 'ipv6', 'multicast'],
];

const bare = (host: string) =>
  host
    .trim()
    .toLowerCase()
    .replace(/^\[|\]$/g, '');

/** Why a webhook may not reach `address` (`loopback`, `private`…), or undefined. */
export function webhookForbiddenKind(address: string): string | undefined {
  const ip = unmappedAddress(address);
  const first = forbiddenKind(ip);
  if (first !== undefined) return first;
  const type = net.isIP(ip) === 4 ? 'ipv4' : 'ipv6';
  for (const [network, prefix, family, kind] of privateRanges) {
    if (family !== type) continue;
    const list = new BlockList();
    list.addSubnet(network, prefix, family);
    if (list.check(ip, type)) return kind;
  }
  return undefined;
}

const allowedAddress = (allowance: MailHostAllowance, address: string) =>
  allowance.networks.check(address, net.isIP(address) === 4 ? 'ipv4' : 'ipv6');

const refused = (host: string, address: string, kind: string) =>
  new AppError(
    'invalid_input',
    `The webhook address ${host} is not allowed: it leads to ${address} (${kind}). An administrator can allow it with WEBHOOK_ALLOWED_HOSTS.`,
    { reason: 'webhook_host_not_allowed' },
  );

/** Throws `invalid_input` (reason `webhook_host_not_allowed`) when `address` may not be reached. */
export function assertWebhookAddress(
  host: string,
  address: string,
  allowance: MailHostAllowance,
): void {
  if (allowance.names.has(bare(host))) return;
  const kind = webhookForbiddenKind(address);
  if (kind !== undefined && !allowedAddress(allowance, address)) throw refused(host, address, kind);
}

/**
 * Checks a webhook URL as it is saved: http(s) only, no credentials in it,
 * and a host that is not (and does not resolve to) a refused address. A name
 * that does not resolve yet is accepted: it is checked at every delivery.
 */
export async function checkWebhookUrl(raw: string, allowance: MailHostAllowance): Promise<URL> {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new AppError('invalid_input', 'The webhook address is not a valid URL.', {
      reason: 'webhook_url_invalid',
    });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new AppError(
      'invalid_input',
      'The webhook address must start with https:// or http://.',
      {
        reason: 'webhook_url_invalid',
      },
    );
  if (url.username !== '' || url.password !== '')
    throw new AppError('invalid_input', 'The webhook address may not hold a user or password.', {
      reason: 'webhook_url_invalid',
    });
  const host = bare(url.hostname);
  if (host === '')
    throw new AppError('invalid_input', 'The webhook address has no host.', {
      reason: 'webhook_url_invalid',
    });
  if (net.isIP(host) !== 0) {
    assertWebhookAddress(host, host, allowance);
    return url;
  }
  if (allowance.names.has(host)) return url;
  let answers: { address: string }[] = [];
  try {
    answers = await dns.promises.lookup(host, { all: true, verbatim: true });
  } catch {
    return url;
  }
  for (const { address } of answers) assertWebhookAddress(host, address, allowance);
  return url;
}

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | dns.LookupAddress[],
  family?: number,
) => void;

/**
 * A `lookup` for node:http that resolves like the system and refuses a
 * forbidden address, so the socket connects only to a checked address.
 */
export function guardedLookup(allowance: MailHostAllowance) {
  return (hostname: string, options: dns.LookupOptions, callback: LookupCallback): void => {
    dns.lookup(hostname, { ...options, all: true, verbatim: true }, (error, answers) => {
      if (error) return callback(error, []);
      try {
        for (const { address } of answers) assertWebhookAddress(hostname, address, allowance);
      } catch (refusal) {
        return callback(refusal as NodeJS.ErrnoException, []);
      }
      const first = answers[0];
      if (!first) return callback(new Error(`${hostname} has no address`), []);
      if (options.all) return callback(null, answers);
      return callback(null, first.address, first.family);
    });
  };
}
