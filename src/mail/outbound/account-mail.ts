/**
 * Account mail (invitations, password resets): the bytes of a queued row.
 *
 * The row was queued by domain/users/enqueue-account-mail.ts as the system
 * sender: From is its primary address (else `noreply@` the public host), and
 * it is sent like every mail of that mailbox (its SMTP settings, else
 * SMTP_RELAY_URL). The link's token is rebuilt at send time from the token
 * row (account-tokens.ts): the outbox holds no secret.
 */
import MailComposer from 'nodemailer/lib/mail-composer';
import { loadMailboxMail } from '../../domain/mailboxes/mailbox-mail.ts';
import { tokenOfRow } from '../../domain/users/account-tokens.ts';
import type { Language } from '../../shared/contracts.ts';
import { headerText, isSafeAddress } from '../../shared/mail-addresses.ts';
import { loopHeader } from '../inbound/classify-mail.ts';
import {
  type ComposeDeps,
  type ComposedMail,
  type OutboxRow,
  PermanentSendError,
} from './compose-types.ts';

type Texts = { subject: string; lines: (link: string, name: string, hours: number) => string[] };

const texts: Record<'invitation' | 'password_reset', Record<Language, Texts>> = {
  invitation: {
    fr: {
      subject: 'Invitation à utiliser Guichet',
      lines: (link, name, hours) => [
        `Bonjour ${name},`,
        '',
        'Un compte Guichet vient d’être créé pour vous. Choisissez votre mot de passe en ouvrant ce lien :',
        link,
        '',
        `Le lien ne sert qu’une fois et expire dans ${Math.round(hours / 24)} jours.`,
        'Si vous n’attendiez pas ce message, ignorez-le.',
      ],
    },
    en: {
      subject: 'Invitation to use Guichet',
      lines: (link, name, hours) => [
        `Hello ${name},`,
        '',
        'A Guichet account was created for you. Choose your password by opening this link:',
        link,
        '',
        `The link works once and expires in ${Math.round(hours / 24)} days.`,
        'If you did not expect this message, ignore it.',
      ],
    },
  },
  password_reset: {
    fr: {
      subject: 'Réinitialisation de votre mot de passe Guichet',
      lines: (link, name, hours) => [
        `Bonjour ${name},`,
        '',
        'Une réinitialisation du mot de passe de votre compte Guichet a été demandée. Choisissez un nouveau mot de passe ici :',
        link,
        '',
        `Le lien ne sert qu’une fois et expire dans ${hours < 1 ? Math.round(hours * 60) : hours} ${hours < 1 ? 'minutes' : 'heure(s)'}.`,
        'Si vous n’êtes pas à l’origine de cette demande, ignorez ce message : votre mot de passe ne change pas.',
      ],
    },
    en: {
      subject: 'Reset your Guichet password',
      lines: (link, name, hours) => [
        `Hello ${name},`,
        '',
        'Someone asked to reset the password of your Guichet account. Choose a new password here:',
        link,
        '',
        `The link works once and expires in ${hours < 1 ? Math.round(hours * 60) : hours} ${hours < 1 ? 'minutes' : 'hour(s)'}.`,
        'If you did not ask for it, ignore this message: your password does not change.',
      ],
    },
  },
};

/** The web app's pages that read a token from the link's fragment (never sent to servers). */
export const accountLinkPaths = {
  invitation: '/account/invitation',
  password_reset: '/account/reset',
} as const;

/** The From of account mail when the sending mailbox has no address. */
export function fallbackFrom(publicUrl: URL): string {
  const host = publicUrl.hostname;
  return /[a-z]/i.test(host) && host.includes('.') ? `noreply@${host}` : 'noreply@guichet.invalid';
}

/** Composes an account mail row; PermanentSendError when its token is gone or used. */
export async function composeAccountMail(deps: ComposeDeps, row: OutboxRow): Promise<ComposedMail> {
  const token = await deps.db
    .selectFrom('account_tokens as t')
    .innerJoin('users as u', 'u.id', 't.user_id')
    .select([
      't.nonce',
      't.purpose',
      't.expires_at',
      't.used_at',
      't.created_at',
      'u.name',
      'u.language',
    ])
    .where('t.id', '=', row.account_token_id ?? -1)
    .executeTakeFirst();
  if (!token || token.used_at !== null || token.expires_at.getTime() <= Date.now())
    throw new PermanentSendError('the link of this account mail is no longer valid');
  if (!isSafeAddress(row.to_address)) throw new PermanentSendError('invalid recipient address');
  const mailbox = await loadMailboxMail(deps.db, row.mailbox_id);
  const fromAddress = mailbox.address ?? fallbackFrom(deps.publicUrl);
  const link = new URL(accountLinkPaths[token.purpose], deps.publicUrl);
  link.hash = tokenOfRow(deps.signer, token);
  const text = texts[token.purpose][token.language];
  const hours = (token.expires_at.getTime() - token.created_at.getTime()) / 3_600_000;
  const composer = new MailComposer({
    from: { name: headerText(mailbox.name, 100), address: fromAddress },
    to: row.to_address,
    subject: text.subject,
    messageId: row.rfc_message_id,
    date: row.created_at,
    text: `${text.lines(link.toString(), headerText(token.name, 200), hours).join('\n')}\n`,
    headers: {
      [loopHeader]: fromAddress,
      'Auto-Submitted': 'auto-generated',
      'X-Auto-Response-Suppress': 'All',
    },
  });
  const raw = await composer.compile().build();
  return { envelope: { from: fromAddress, to: [row.to_address] }, raw };
}

/** Composes a notice to an administrator (issue 21 §3): its subject and text are on the row. */
export async function composeNoticeMail(deps: ComposeDeps, row: OutboxRow): Promise<ComposedMail> {
  if (!isSafeAddress(row.to_address)) throw new PermanentSendError('invalid recipient address');
  const mailbox = await loadMailboxMail(deps.db, row.mailbox_id);
  const fromAddress = mailbox.address ?? fallbackFrom(deps.publicUrl);
  const composer = new MailComposer({
    from: { name: headerText(mailbox.name, 100), address: fromAddress },
    to: row.to_address,
    subject: headerText(row.notice_subject ?? 'Guichet', 250),
    messageId: row.rfc_message_id,
    date: row.created_at,
    text: `${row.notice_text ?? ''}\n`,
    headers: {
      [loopHeader]: fromAddress,
      'Auto-Submitted': 'auto-generated',
      'X-Auto-Response-Suppress': 'All',
    },
  });
  const raw = await composer.compile().build();
  return { envelope: { from: fromAddress, to: [row.to_address] }, raw };
}
