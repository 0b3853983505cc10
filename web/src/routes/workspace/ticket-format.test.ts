import { describe, expect, it } from 'vitest';
import {
  callMinutes,
  canSplit,
  contactLabel,
  eventData,
  frameHeight,
  messageDocument,
  parseTags,
  presenceNames,
  shortDate,
  sizeInKo,
  tagsText,
  threadBackground,
  ticketByNumber,
  ticketDocumentTitle,
} from './ticket-format.ts';
import { workspaceMessages } from './workspace-i18n.ts';

const statuses = workspaceMessages.fr.statuses;

describe('the thread', () => {
  it('names the statuses of a status change in the page language', () => {
    const item = { eventType: 'status_changed', eventData: { from: 'active', to: 'closed' } };
    expect(eventData(item, statuses)).toEqual({ from: statuses.active, to: statuses.closed });
    expect(workspaceMessages.fr.event('status_changed', eventData(item, statuses))).toBe(
      `Statut : ${statuses.active} → ${statuses.closed}`,
    );
  });

  it('keeps an unknown status as it is, and other events untouched', () => {
    expect(
      eventData({ eventType: 'status_changed', eventData: { from: 'x', to: 'pending' } }, statuses),
    ).toEqual({
      from: 'x',
      to: statuses.pending,
    });
    const data = { toName: 'Ana' };
    expect(eventData({ eventType: 'assigned', eventData: data }, statuses)).toBe(data);
    expect(eventData({ eventType: 'assigned', eventData: null }, statuses)).toEqual({});
  });

  it('rounds attachment sizes up to whole Ko and calls to whole minutes', () => {
    expect(sizeInKo(1)).toBe(1);
    expect(sizeInKo(1024)).toBe(1);
    expect(sizeInKo(1025)).toBe(2);
    expect(sizeInKo(0)).toBe(0);
    expect(callMinutes(89)).toBe(1);
    expect(callMinutes(90)).toBe(2);
    expect(callMinutes(null)).toBe(0);
  });

  it('colours notes and replies, not the customer', () => {
    expect(threadBackground('note')).toContain('yellow');
    expect(threadBackground('reply')).toContain('blue');
    expect(threadBackground('customer')).toBeUndefined();
    expect(threadBackground('phone')).toBeUndefined();
  });

  it('offers to split only a thread with two customer messages', () => {
    expect(canSplit([{ kind: 'customer' }, { kind: 'reply' }, { kind: 'note' }])).toBe(false);
    expect(canSplit([{ kind: 'customer' }, { kind: 'reply' }, { kind: 'customer' }])).toBe(true);
  });

  it('puts the message inside a document whose links open a new tab', () => {
    const doc = messageDocument('<p>Bonjour</p>');
    expect(doc.startsWith('<!doctype html>')).toBe(true);
    expect(doc).toContain('<base target="_blank">');
    expect(doc).toContain('<body><p>Bonjour</p></body>');
    expect(frameHeight(100)).toBe(116);
    expect(frameHeight(5000)).toBe(2000);
  });
});

describe('the ticket controls', () => {
  it('reads the tags typed, and writes them back', () => {
    expect(parseTags(' facture, urgent ,, ')).toEqual(['facture', 'urgent']);
    expect(parseTags('')).toEqual([]);
    expect(tagsText(['facture', 'urgent'])).toBe('facture, urgent');
    expect(parseTags(tagsText(['a b', 'c']))).toEqual(['a b', 'c']);
  });

  it('tells who types and who only looks', () => {
    expect(
      presenceNames([
        { userId: '1', name: 'Ana', typing: true },
        { userId: '2', name: 'Bob', typing: false },
        { userId: '3', name: 'Cy', typing: false },
      ]),
    ).toEqual({ typers: ['Ana'], viewers: ['Bob', 'Cy'] });
  });

  it('titles the tab with the number and subject', () => {
    expect(ticketDocumentTitle({ number: 42, subject: 'Facture' })).toBe('#42 Facture — Guichet');
  });
});

describe('the inbox row and the merge dialog', () => {
  it('names the contact, else its address', () => {
    expect(contactLabel({ name: 'Ana', email: 'ana@example.org' })).toBe('Ana');
    expect(contactLabel({ name: null, email: 'ana@example.org' })).toBe('ana@example.org');
    expect(contactLabel(null)).toBe('');
  });

  it('finds the ticket of the exact number among the results', () => {
    const found = [{ number: 120 }, { number: 12 }, { number: 1200 }];
    expect(ticketByNumber(found, 12)).toBe(found[1]);
    expect(ticketByNumber(found, 13)).toBeUndefined();
  });
});

describe('the list’s short dates', () => {
  const now = new Date(2026, 11, 6, 15, 0);
  it('shows the time today, day and month this year, the full date before', () => {
    expect(shortDate(new Date(2026, 11, 6, 9, 5).toISOString(), now, 'fr-FR')).toBe('09:05');
    expect(shortDate(new Date(2026, 2, 14, 9, 5).toISOString(), now, 'fr-FR')).toBe('14 mars');
    expect(shortDate(new Date(2025, 11, 6, 9, 5).toISOString(), now, 'fr-FR')).toBe('06/12/2025');
    expect(shortDate('not a date', now, 'fr-FR')).toBe('');
  });
});
