import { fillVariables, savedReplyVariables } from '@shared/workspace-contracts.ts';
import { describe, expect, it } from 'vitest';
import {
  callSeconds,
  insertSavedReply,
  isTypingReply,
  replyVariables,
  withSignature,
} from './composer-text.ts';

const view = {
  contact: { name: 'Marie  Curie' },
  ticket: { number: 1042, mailboxName: 'Demandeurs' },
};

describe('the signature', () => {
  it('comes under two blank lines and the "-- " separator', () => {
    expect(withSignature('Ana\nSupport')).toBe('\n\n-- \nAna\nSupport');
    expect(withSignature(null)).toBe('');
    expect(withSignature('')).toBe('');
  });
});

describe('typing a reply', () => {
  it('starts once the body holds more than the signature', () => {
    expect(isTypingReply('reply', withSignature('Ana'), 'Ana')).toBe(false);
    expect(isTypingReply('reply', '   ', null)).toBe(false);
    expect(isTypingReply('reply', `Bonjour${withSignature('Ana')}`, 'Ana')).toBe(true);
  });

  it('is never a note or a call', () => {
    expect(isTypingReply('note', 'Rappeler demain', null)).toBe(false);
    expect(isTypingReply('call', 'Résumé', null)).toBe(false);
  });
});

describe('a saved reply', () => {
  it('fills every variable a saved reply may use', () => {
    const values = replyVariables(view, 'Ana Agent');
    expect(Object.keys(values).sort()).toEqual([...savedReplyVariables].sort());
    expect(values).toEqual({
      'contact.firstName': 'Marie',
      'contact.name': 'Marie  Curie',
      'ticket.number': '1042',
      'agent.name': 'Ana Agent',
      'mailbox.name': 'Demandeurs',
    });
  });

  it('leaves the names empty without a contact', () => {
    const values = replyVariables({ ...view, contact: null }, 'Ana');
    expect(values['contact.firstName']).toBe('');
    expect(values['contact.name']).toBe('');
  });

  it('goes on top, the signature kept below', () => {
    const fill = (body: string) => fillVariables(body, replyVariables(view, 'Ana'));
    expect(insertSavedReply(withSignature('Ana'), fill('Bonjour {{contact.firstName}},'))).toBe(
      'Bonjour Marie,\n\n-- \nAna',
    );
    expect(insertSavedReply('déjà écrit', fill('Ticket {{ticket.number}}'))).toBe(
      'Ticket 1042\ndéjà écrit',
    );
    expect(insertSavedReply('', fill('{{unknown}}'))).toBe('{{unknown}}\n');
  });
});

describe('a call', () => {
  it('lasts the minutes typed, in whole seconds', () => {
    expect(callSeconds(5)).toBe(300);
    expect(callSeconds('1.5')).toBe(90);
    expect(callSeconds('0.01')).toBe(1);
  });
});
