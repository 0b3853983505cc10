/**
 * The bulk bar's actions as the values of one select (`assign:<agent id>`,
 * `status:<status>`, `tag:`, `merge:`) and the request each one sends. Pure.
 */
import { type BulkInput, type BulkResultDto, ticketStatuses } from '@shared/workspace-contracts.ts';

export type BulkChoiceGroup = { group: string; items: { value: string; label: string }[] };

/** The select's groups: assign (nobody or an agent), a status, then tag and merge. */
export function bulkChoices(
  agents: { id: string; name: string }[],
  labels: {
    assign: string;
    status: string;
    nobody: string;
    tag: string;
    merge: string;
    statuses: Record<(typeof ticketStatuses)[number], string>;
  },
): BulkChoiceGroup[] {
  return [
    {
      group: labels.assign,
      items: [
        { value: 'assign:', label: labels.nobody },
        ...agents.map((a) => ({ value: `assign:${a.id}`, label: a.name })),
      ],
    },
    {
      group: labels.status,
      items: ticketStatuses.map((s) => ({ value: `status:${s}`, label: labels.statuses[s] })),
    },
    {
      group: '…',
      items: [
        { value: 'tag:', label: labels.tag },
        { value: 'merge:', label: labels.merge },
      ],
    },
  ];
}

const isStatus = (value: string): value is (typeof ticketStatuses)[number] =>
  (ticketStatuses as readonly string[]).includes(value);

/**
 * The request for the chosen action over the selected tickets, or null when
 * there is nothing to send. A merge goes into the oldest ticket (the smallest
 * id) and needs two tickets; a tag asks for its name (`askTag`, only then).
 */
export function bulkRequest(
  choice: string,
  ticketIds: number[],
  askTag: () => string | null | undefined,
): BulkInput | null {
  const [type, value = ''] = choice.split(':');
  if (type === 'assign')
    return { ticketIds, action: { type: 'assign', assigneeId: value || null } };
  if (type === 'status')
    return isStatus(value) ? { ticketIds, action: { type: 'status', status: value } } : null;
  if (type === 'merge') {
    const [into, ...rest] = [...ticketIds].sort((a, b) => a - b);
    if (into === undefined || rest.length === 0) return null;
    return { ticketIds: rest, action: { type: 'merge', intoTicketId: into } };
  }
  if (type === 'tag') {
    const tag = askTag()?.trim();
    return tag ? { ticketIds, action: { type: 'tag', tag } } : null;
  }
  return null;
}

/** The refused tickets of a bulk result, one `#id: reason` each. */
export function refusedLines(result: BulkResultDto): string[] {
  return result.refused.map((r) => `#${r.ticketId}: ${r.reason}`);
}
