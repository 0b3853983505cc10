import { describe, expect, it } from 'vitest';
import { helloId, parseLiveEvent, staleAfter, staleAfterHello } from './live-refresh.ts';

describe('the live stream', () => {
  it('reads an event, and nothing from a broken one', () => {
    expect(parseLiveEvent('{"id":12,"kind":"message","mailboxId":"m","ticketId":3}')).toEqual({
      id: 12,
      kind: 'message',
      mailboxId: 'm',
      ticketId: 3,
    });
    expect(parseLiveEvent('{"id":')).toBeNull();
  });

  it('refreshes only the presence of a ticket for a presence event', () => {
    expect(staleAfter({ kind: 'presence', ticketId: 7 })).toEqual([['presence', 7]]);
  });

  it('refreshes only the bell for a notification of the user (issue 18 §4)', () => {
    expect(staleAfter({ kind: 'notification', ticketId: 7 })).toEqual([['notifications']]);
  });

  it('refreshes the lists, the counts, the dashboard and the ticket for a change', () => {
    expect(staleAfter({ kind: 'message', ticketId: 7 })).toEqual([
      ['inbox'],
      ['counts'],
      ['dashboard'],
      ['ticket', 7],
    ]);
    expect(staleAfter({ kind: 'ticket', ticketId: null })).toEqual([
      ['inbox'],
      ['counts'],
      ['dashboard'],
    ]);
  });

  it('refreshes every open ticket on opening, and reads its id', () => {
    expect(staleAfterHello).toEqual([
      ['inbox'],
      ['counts'],
      ['ticket'],
      ['notifications'],
      ['dashboard'],
    ]);
    expect(helloId('{"id":41}')).toBe(41);
    expect(helloId('{"id":"41"}')).toBeUndefined();
    expect(helloId('not json')).toBeUndefined();
  });
});
