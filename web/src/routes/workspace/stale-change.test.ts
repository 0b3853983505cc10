import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/client.ts';
import { describeStaleChanges, staleChangesOf } from './stale-change.ts';
import { ticketNoticeMessages } from './ticket-notices-i18n.ts';
import { workspaceMessages } from './workspace-i18n.ts';

const fr = ticketNoticeMessages.fr;
const statuses = workspaceMessages.fr.statuses;

describe('a change refused because the ticket changed first (issue 16 §7)', () => {
  it('reads the changes of a stale_ticket error only', () => {
    const body = {
      code: 'stale_ticket',
      message: 'x',
      version: 9,
      changes: [{ type: 'ticket.status_changed', at: '', by: 'Agathe', byKind: 'user', data: {} }],
    };
    expect(staleChangesOf(new ApiError(409, 'stale_ticket', 'x', undefined, body))).toHaveLength(1);
    expect(staleChangesOf(new ApiError(409, 'conflict', 'x'))).toBeNull();
    expect(staleChangesOf(new Error('x'))).toBeNull();
    expect(staleChangesOf(new ApiError(409, 'stale_ticket', 'x'))).toEqual([]);
  });

  it('says who changed what, in French', () => {
    const text = describeStaleChanges(
      [
        {
          type: 'ticket.status_changed',
          at: '',
          by: 'Agathe Agent',
          byKind: 'user',
          data: { from: 'active', to: 'closed' },
        },
        { type: 'ticket.assignee_changed', at: '', by: 'Agathe Agent', byKind: 'user', data: {} },
        { type: 'ticket.tag_added', at: '', by: null, byKind: 'rule', data: {} },
        { type: 'ticket.tag_removed', at: '', by: null, byKind: 'rule', data: {} },
      ],
      fr,
      statuses,
    );
    expect(text).toBe(
      'Ce ticket a été modifié par Agathe Agent et une règle automatique pendant que vous le consultiez : statut Actif → Fermé, assignation et étiquettes. Le ticket est rechargé ; vérifiez puis appliquez à nouveau votre modification.',
    );
    expect(describeStaleChanges([], fr, statuses)).toContain('quelqu’un');
  });
});
