/** What `guichet serve` prints when it has started: where, which database, the mail, how to log in. */
import type { Config } from '../config.ts';
import { describeDatabase } from '../db/client.ts';
import type { FirstAdmin } from '../domain/users/ensure-first-admin.ts';
import type { SmtpListener } from '../mail/inbound/smtp-listener.ts';

export type ServeRole = 'all' | 'web' | 'worker';

export function loginHelp(admin: FirstAdmin, url: string): string {
  if (admin.kind === 'created') {
    return [
      'First start: an administrator account was created. Log in with',
      `  e-mail:   ${admin.email}`,
      `  password: ${admin.password}`,
      `This password is shown only once. Change it with: npx guichet user passwd ${admin.email}`,
    ].join('\n');
  }
  if (admin.kind === 'configured')
    return `Log in at ${url} as ${admin.email} (password from GUICHET_ADMIN_PASSWORD).`;
  return `Log in at ${url} with your account. Lost the password? Stop Guichet and run: npx guichet user passwd EMAIL`;
}

export /** The start message: where Guichet listens, its database, its mail, how to log in. */
function startMessage(options: {
  config: Config;
  role: ServeRole;
  processes: number;
  applied: number;
  smtp: SmtpListener | undefined;
  imapMailboxes: number;
  admin: FirstAdmin;
}): string {
  const { config, role } = options;
  const url = config.publicUrl.toString().replace(/\/$/, '');
  const lines =
    role === 'worker'
      ? ['Guichet worker is running: background jobs and mail, no HTTP listener']
      : [`Guichet is running on ${url} (listening on ${config.host}:${config.port})`];
  if (options.processes > 1)
    lines.push(
      role === 'all'
        ? `Web processes: ${options.processes} on one port; background jobs in process ${process.pid}`
        : `Web processes: ${options.processes} on one port`,
    );
  lines.push(
    `Database: ${describeDatabase(config.database)}${options.applied ? ` (${options.applied} migration(s) applied)` : ''}`,
  );
  if (role === 'web')
    lines.push('Mail and background jobs: not in this process (run guichet serve --role worker)');
  else
    lines.push(
      options.smtp
        ? `Mail: SMTP listener on ${config.mail.listen?.host}:${options.smtp.port}, ${options.imapMailboxes} IMAP mailbox(es)`
        : `Mail: ${options.imapMailboxes} IMAP mailbox(es), no SMTP listener (set SMTP_LISTEN_PORT)`,
    );
  lines.push(loginHelp(options.admin, url), 'Stop with Ctrl+C.', '');
  return lines.join('\n');
}
