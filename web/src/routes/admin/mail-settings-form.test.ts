import type { MailSettingsDto } from '@shared/mail-contracts.ts';
import { describe, expect, it } from 'vitest';
import { mailHealthLines } from './mail-health-banner.tsx';
import { invalidInput, serverFormOf, serverInput, testLine } from './mail-settings-form.ts';
import { setupMessages } from './setup-i18n.ts';

const s = setupMessages.fr;
const stored: MailSettingsDto = {
  mailboxId: 'm',
  imapEnabled: false,
  imapHost: null,
  imapPort: null,
  imapTls: true,
  imapUser: null,
  hasImapPassword: false,
  imapFolder: 'INBOX',
  smtpHost: 'smtp.example.org',
  smtpPort: 587,
  smtpTls: false,
  smtpUser: 'guichet',
  hasSmtpPassword: true,
  signature: null,
  ackEnabled: false,
  ackSubject: null,
  ackBody: null,
  reopenDays: 7,
};

describe('the mail settings forms', () => {
  it('sends a password only when typed, and checks with the API contract', () => {
    const form = serverFormOf(stored, 'smtp');
    expect(serverInput(form, 'smtp')).toEqual({
      smtpHost: 'smtp.example.org',
      smtpPort: 587,
      smtpTls: false,
      smtpUser: 'guichet',
    });
    expect(serverInput({ ...form, password: 'secret' }, 'smtp')).toMatchObject({
      smtpPassword: 'secret',
    });
    expect(invalidInput(serverInput(form, 'smtp'), s)).toBeNull();
    expect(invalidInput(serverInput({ ...form, port: '99999' }, 'smtp'), s)).toBe(
      'Valeur invalide : Port.',
    );
    expect(invalidInput(serverInput({ ...form, port: 'abc' }, 'smtp'), s)).toBe(
      'Valeur invalide : Port.',
    );
    expect(invalidInput(serverInput({ ...form, host: 'a\nb' }, 'smtp'), s)).toBe(
      'Valeur invalide : Serveur.',
    );
  });

  it('says in French why a connection failed, and through which server', () => {
    const base = { kind: 'smtp', via: 'mailbox', host: '127.0.0.1', port: 2525 } as const;
    expect(testLine({ ...base, ok: true, reason: null }, s)).toBe(
      'Connexion réussie à 127.0.0.1:2525.',
    );
    expect(testLine({ ...base, ok: false, reason: 'refused' }, s)).toBe(
      'Échec de la connexion à 127.0.0.1:2525 : connexion refusée : aucun service n’écoute sur ce port.',
    );
    expect(testLine({ ...base, via: 'relay', ok: true, reason: null }, s)).toBe(
      'Connexion réussie à 127.0.0.1:2525 (relais de l’instance).',
    );
    expect(
      testLine(
        { kind: 'imap', via: 'none', host: null, port: null, ok: false, reason: 'unset' },
        s,
      ),
    ).toBe('Aucun serveur n’est renseigné.');
  });

  it('names the mailboxes whose mail is unset or failing in the banner', () => {
    const mailbox = {
      addresses: 1,
      outgoing: 'mailbox',
      outgoingFailing: false,
      incoming: 'imap',
      incomingFailing: false,
    } as const;
    expect(mailHealthLines([{ ...mailbox, id: 'a', name: 'Partenaires' }], s)).toEqual([]);
    expect(
      mailHealthLines(
        [
          { ...mailbox, id: 'a', name: 'Partenaires', outgoing: 'none', outgoingFailing: false },
          { ...mailbox, id: 'b', name: 'Demandeurs', incomingFailing: true },
        ],
        s,
      ),
    ).toEqual([
      'Aucun envoi d’e-mail pour : Partenaires.',
      'La réception d’e-mails échoue pour : Demandeurs.',
    ]);
  });
});
