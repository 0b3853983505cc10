import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/client.ts';
import { adminMessages } from './admin-i18n.ts';
import {
  accountStatus,
  assignableRoles,
  canActOn,
  canResend,
  dateLocale,
  failureText,
  hasMailboxScope,
  inviteRequest,
  isLocked,
  lastLoginText,
  roleOrder,
  statusColors,
  visibleMailboxes,
} from './user-accounts.ts';

describe('the roles one may give', () => {
  it('an administrator gives every role, from the least powerful', () => {
    expect(assignableRoles(true)).toEqual(['viewer', 'agent', 'supervisor', 'admin']);
  });

  it('a supervisor never makes an administrator', () => {
    expect(assignableRoles(false)).toEqual(['viewer', 'agent', 'supervisor']);
    expect(roleOrder).toContain('admin');
  });

  it('only agents and viewers have a mailbox scope', () => {
    expect(roleOrder.filter(hasMailboxScope)).toEqual(['viewer', 'agent']);
  });
});

describe('the accounts one may change', () => {
  const admin = { id: 'a1', role: 'admin' as const };
  const agent = { id: 'g1', role: 'agent' as const };

  it('locks administrators for a supervisor only', () => {
    expect(isLocked(admin, false)).toBe(true);
    expect(isLocked(admin, true)).toBe(false);
    expect(isLocked(agent, false)).toBe(false);
  });

  it('offers the buttons on other unlocked accounts, never on one’s own', () => {
    expect(canActOn(agent, { isAdmin: false, selfId: 's1' })).toBe(true);
    expect(canActOn(admin, { isAdmin: false, selfId: 's1' })).toBe(false);
    expect(canActOn(admin, { isAdmin: true, selfId: 's1' })).toBe(true);
    expect(canActOn(admin, { isAdmin: true, selfId: 'a1' })).toBe(false);
  });

  it('resends a waiting invitation of an enabled account only', () => {
    expect(canResend({ invitationPending: true, disabled: false })).toBe(true);
    expect(canResend({ invitationPending: true, disabled: true })).toBe(false);
    expect(canResend({ invitationPending: false, disabled: false })).toBe(false);
  });
});

describe('an account’s status', () => {
  it('disabled wins over a waiting invitation', () => {
    expect(accountStatus({ disabled: true, invitationPending: true })).toBe('disabled');
    expect(accountStatus({ disabled: false, invitationPending: true })).toBe('invited');
    expect(accountStatus({ disabled: false, invitationPending: false })).toBe('active');
  });

  it('has one colour each', () => {
    expect(statusColors).toEqual({ disabled: 'gray', invited: 'yellow', active: 'green' });
  });
});

describe('the visible mailboxes of a row', () => {
  const names = new Map([
    ['m1', 'Support'],
    ['m2', 'Ventes'],
  ]);

  it('names the chosen mailboxes, an unknown one by its id', () => {
    expect(visibleMailboxes({ role: 'agent', mailboxes: ['m2', 'm9'] }, names)).toEqual([
      'Ventes',
      'm9',
    ]);
    expect(adminMessages.fr.mailboxSummary([])).toBe('Aucune');
  });

  it('says every mailbox for all, and for the roles without a scope', () => {
    expect(visibleMailboxes({ role: 'viewer', mailboxes: 'all' }, names)).toBe('all');
    expect(visibleMailboxes({ role: 'supervisor', mailboxes: ['m1'] }, names)).toBe('all');
  });
});

describe('an invitation', () => {
  const form = { email: ' ana@example.org ', name: ' Ana ', scope: ['m1'] };

  it('is trimmed and carries the scope of an agent or viewer', () => {
    expect(inviteRequest({ ...form, role: 'agent' }, 'fr')).toEqual({
      email: 'ana@example.org',
      name: 'Ana',
      role: 'agent',
      language: 'fr',
      mailboxes: ['m1'],
    });
  });

  it('gives a supervisor every mailbox, whatever was ticked', () => {
    expect(inviteRequest({ ...form, role: 'supervisor' }, 'en').mailboxes).toBe('all');
  });
});

describe('dates and failures', () => {
  it('writes dates in French unless the page is in English', () => {
    expect(dateLocale('fr')).toBe('fr-FR');
    expect(dateLocale('en')).toBe('en-GB');
  });

  it('writes the last login, or never', () => {
    const format = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'short', timeZone: 'UTC' });
    expect(lastLoginText('2026-03-04T10:00:00Z', format, 'jamais')).toBe('04/03/2026');
    expect(lastLoginText(null, format, 'jamais')).toBe('jamais');
  });

  it('quotes the server’s message, else the error itself', () => {
    const failed = adminMessages.fr.failed;
    expect(failureText(new ApiError(409, 'conflict', 'Adresse déjà utilisée.'), failed)).toBe(
      'La modification a échoué : Adresse déjà utilisée.',
    );
    expect(failureText(new Error('boom'), failed)).toBe('La modification a échoué : Error: boom');
  });
});
