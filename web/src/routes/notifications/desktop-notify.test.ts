import type { NotificationDto } from '@shared/notification-contracts.ts';
import { describe, expect, it } from 'vitest';
import { newDesktopState, toShow } from './desktop-notify.ts';

const n = (id: number, read = false): NotificationDto => ({
  id,
  kind: 'new_ticket',
  createdAt: '2026-03-02T10:00:00.000Z',
  read,
  ticket: { id, number: id, subject: 'Demande' },
  actorName: null,
  target: null,
});

describe('desktop notifications', () => {
  it('shows only the unread ones that arrive after the first read, each once', () => {
    const state = newDesktopState();
    expect(toShow(state, [n(2), n(1)])).toEqual([]);
    expect(toShow(state, [n(4), n(3, true), n(2), n(1)]).map((x) => x.id)).toEqual([4]);
    expect(toShow(state, [n(4), n(3, true), n(2), n(1)])).toEqual([]);
  });
});
