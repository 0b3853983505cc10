/**
 * Which mail servers a mailbox's IMAP/SMTP settings may reach (issue 16 §2).
 * A supervisor types the host; without this guard it could point at the
 * instance itself (127.0.0.1), the cloud metadata service (169.254.169.254,
 * fd00:ec2::254) or any other loopback, link-local or unspecified address.
 * Private LAN addresses stay allowed: a desk's mail server often lives there.
 *
 * The host is resolved, every address is checked, and the connection goes to
 * the checked address (the host name is kept for TLS SNI and certificate
 * checks), so a DNS answer that changes between check and connect
 * (rebinding) cannot slip through. An administrator allows hosts or networks
 * explicitly with MAIL_ALLOWED_HOSTS (`mail.local,127.0.0.1,fe80::/10`).
 */
import { lookup } from 'node:dns/promises';
import net, { BlockList } from 'node:net';
import { AppError } from '../errors/app-error.ts';

/** MAIL_ALLOWED_HOSTS, parsed: host names trusted as they are, and address ranges. */
export type MailHostAllowance = { names: ReadonlySet<string>; networks: BlockList };

export const noMailHostAllowance = (): MailHostAllowance => ({
  names: new Set(),
  networks: new BlockList(),
});

/** Parses `host,10.0.0.0/8,::1`; AppError('configuration') on a malformed entry. */
export function parseMailAllowance(
  value: string | undefined,
  variable = 'MAIL_ALLOWED_HOSTS',
): MailHostAllowance {
  const allowance = { names: new Set<string>(), networks: new BlockList() };
  for (const raw of (value ?? '').split(',')) {
    const entry = raw
      .trim()
      .toLowerCase()
      .replace(/^\[|\]$/g, '');
    if (entry === '') continue;
    const [address, bits, extra] = entry.split('/');
    const family = net.isIP(address ?? '');
    if (bits !== undefined || family !== 0) {
      const prefix = bits === undefined ? (family === 4 ? 32 : 128) : Number(bits);
      const max = family === 4 ? 32 : 128;
      if (
        family === 0 ||
        extra !== undefined ||
        !Number.isInteger(prefix) ||
        prefix < 0 ||
        prefix > max
      )
        throw new AppError(
          'configuration',
          `${variable}: “${raw.trim()}” is not an address or a range such as 10.0.0.0/8.`,
        );
      allowance.networks.addSubnet(address ?? '', prefix, family === 4 ? 'ipv4' : 'ipv6');
    } else if (/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/.test(entry)) {
      allowance.names.add(entry);
    } else {
      throw new AppError('configuration', `${variable}: “${raw.trim()}” is not a host name.`);
    }
  }
  return allowance;
}

const forbidden: [string, number, 'ipv4' | 'ipv6', string][] = [
  ['0.0.0.0', 8, 'ipv4', 'unspecified'],
  ['127.0.0.0', 8, 'ipv4', 'loopback'],
  ['169.254.169.254', 32, 'ipv4', 'cloud metadata'],
  ['169.254.0.0', 16, 'ipv4', 'link-local'],
  ['::', 128, 'ipv6', 'unspecified'],
  ['::1', 128, 'ipv6', 'loopback'],
  ['fd00:ec2::254', 128, 'ipv6', 'cloud metadata'],
  ['fe80::', 10, 'ipv6', 'link-local'],
];

/**
 * An IPv4-mapped IPv6 address as the IPv4 address it is: ::ffff:127.0.0.1 and
 * its hexadecimal spelling ::ffff:7f00:1 (what URL parsing gives) are 127.0.0.1.
 */
export function unmappedAddress(address: string): string {
  const dotted = /^(?:0{0,4}:){0,4}:?(?:0{0,4}:)?ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (dotted) return dotted;
  const hex = /^(?:0{0,4}:){0,4}:?(?:0{0,4}:)?ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(address);
  if (!hex || net.isIP(address) !== 6) return address;
  const high = Number.parseInt(hex[1] ?? '0', 16);
  const low = Number.parseInt(hex[2] ?? '0', 16);
  return [high >> 8, high & 255, low >> 8, low & 255].join('.');
}

/** Why an address may not be reached (`loopback`, `link-local`…), or undefined. */
export function forbiddenKind(address: string): string | undefined {
  const ip = unmappedAddress(address);
  const type = net.isIP(ip) === 4 ? 'ipv4' : 'ipv6';
  for (const [network, prefix, family, kind] of forbidden) {
    if (family !== type) continue;
    const list = new BlockList();
    list.addSubnet(network, prefix, family);
    if (list.check(ip, type)) return kind;
  }
  return undefined;
}

const allowedByRange = (allowance: MailHostAllowance, address: string) =>
  allowance.networks.check(address, net.isIP(address) === 4 ? 'ipv4' : 'ipv6');

/** The refusal for `host`, naming the address and its kind (shown to supervisors). */
const notAllowed = (host: string, address: string, kind: string) =>
  new AppError(
    'invalid_input',
    `The mail server ${host} is not allowed: it leads to ${address} (${kind}). An administrator can allow it with MAIL_ALLOWED_HOSTS.`,
    { reason: 'mail_host_not_allowed' },
  );

/**
 * Resolves `host` and checks every address; returns the address to connect
 * to. Throws `invalid_input` (reason `mail_host_not_allowed`) when one is
 * forbidden and not allowed, and the resolver's error when the name does not
 * resolve.
 */
export async function checkedMailAddress(
  host: string,
  allowance: MailHostAllowance,
): Promise<string> {
  const name = host
    .trim()
    .toLowerCase()
    .replace(/^\[|\]$/g, '');
  const answers = net.isIP(name)
    ? [{ address: name }]
    : await lookup(name, { all: true, verbatim: true });
  const first = answers[0]?.address;
  if (first === undefined)
    throw new AppError('invalid_input', `The mail server ${host} has no address.`);
  if (allowance.names.has(name)) return first;
  for (const { address } of answers) {
    const kind = forbiddenKind(address);
    if (kind !== undefined && !allowedByRange(allowance, address))
      throw notAllowed(host, address, kind);
  }
  return first;
}

/**
 * The check made when settings are saved: a host that resolves to a
 * forbidden address is refused; one that does not resolve yet is accepted
 * (it is checked again at every connection).
 */
export async function assertMailHostAllowed(
  host: string,
  allowance: MailHostAllowance,
): Promise<void> {
  try {
    await checkedMailAddress(host, allowance);
  } catch (error) {
    if (error instanceof AppError) throw error;
  }
}
