import { describe, expect, it } from 'vitest';
import { bulkChoices, bulkRequest, refusedLines } from './bulk-actions.ts';

const never = () => {
  throw new Error('asked for a tag');
};

describe('the bulk requests', () => {
  it('assigns to an agent, or to nobody', () => {
    expect(bulkRequest('assign:u-1', [3, 1], never)).toEqual({
      ticketIds: [3, 1],
      action: { type: 'assign', assigneeId: 'u-1' },
    });
    expect(bulkRequest('assign:', [3], never)).toEqual({
      ticketIds: [3],
      action: { type: 'assign', assigneeId: null },
    });
  });

  it('sets a known status only', () => {
    expect(bulkRequest('status:closed', [5], never)).toEqual({
      ticketIds: [5],
      action: { type: 'status', status: 'closed' },
    });
    expect(bulkRequest('status:lost', [5], never)).toBeNull();
  });

  it('merges into the smallest id, and needs two tickets', () => {
    expect(bulkRequest('merge:', [9, 4, 12], never)).toEqual({
      ticketIds: [9, 12],
      action: { type: 'merge', intoTicketId: 4 },
    });
    expect(bulkRequest('merge:', [9], never)).toBeNull();
  });

  it('does not reorder the selection it was given', () => {
    const ids = [9, 4];
    bulkRequest('merge:', ids, never);
    expect(ids).toEqual([9, 4]);
  });

  it('tags with the trimmed name asked for, or sends nothing', () => {
    expect(bulkRequest('tag:', [2], () => '  vip ')).toEqual({
      ticketIds: [2],
      action: { type: 'tag', tag: 'vip' },
    });
    expect(bulkRequest('tag:', [2], () => '   ')).toBeNull();
    expect(bulkRequest('tag:', [2], () => null)).toBeNull();
  });

  it('sends nothing without a choice', () => {
    expect(bulkRequest('', [2], never)).toBeNull();
  });
});

describe('the bulk bar', () => {
  it('offers nobody and each agent, each status, then tag and merge', () => {
    const groups = bulkChoices([{ id: 'u-1', name: 'Ana' }], {
      assign: 'Assigner',
      status: 'Statut',
      nobody: 'Personne',
      tag: 'Étiqueter',
      merge: 'Fusionner',
      statuses: { active: 'Ouvert', pending: 'En attente', closed: 'Fermé', spam: 'Spam' },
    });
    expect(groups.map((g) => g.group)).toEqual(['Assigner', 'Statut', '…']);
    expect(groups.flatMap((g) => g.items.map((i) => i.value))).toEqual([
      'assign:',
      'assign:u-1',
      'status:active',
      'status:pending',
      'status:closed',
      'status:spam',
      'tag:',
      'merge:',
    ]);
    // every value reads back as a request (tag asks its name)
    for (const item of groups.flatMap((g) => g.items))
      expect(bulkRequest(item.value, [1, 2], () => 'x')).not.toBeNull();
  });

  it('lists the refused tickets with their reasons', () => {
    expect(
      refusedLines({
        updated: [1],
        refused: [
          { ticketId: 2, reason: 'closed' },
          { ticketId: 3, reason: 'forbidden' },
        ],
      }),
    ).toEqual(['#2: closed', '#3: forbidden']);
  });
});
