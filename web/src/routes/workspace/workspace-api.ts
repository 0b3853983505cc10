/** Calls of the agent workspace's API (typed by the shared contracts). */
import type { MailboxListDto } from '@shared/contracts.ts';
import type {
  BulkInput,
  BulkResultDto,
  FilterOptionsDto,
  FolderCountsDto,
  InboxPageDto,
  PresenceDto,
  SavedReplyDto,
  SavedReplyInput,
  TicketChange,
  TicketViewDto,
} from '@shared/workspace-contracts.ts';
import { request } from '../../api/client.ts';

export type InboxParams = Record<string, string | undefined>;

/** The inbox's query string: the parameters with a value, in their order (`folder=mine&q=x`). */
export const queryString = (params: InboxParams): string => {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) search.set(key, value);
  return search.toString();
};

export const workspaceApi = {
  mailboxes: () => request<MailboxListDto>('GET', '/api/mailboxes'),
  inbox: (params: InboxParams) => request<InboxPageDto>('GET', `/api/inbox?${queryString(params)}`),
  filterOptions: () => request<FilterOptionsDto>('GET', '/api/inbox/filter-options'),
  counts: (mailbox: string | undefined) =>
    request<FolderCountsDto>('GET', `/api/inbox/counts${mailbox ? `?mailbox=${mailbox}` : ''}`),
  ticket: (id: number) => request<TicketViewDto>('GET', `/api/tickets/${id}`),
  /** The id of the ticket numbered `number` (the addresses carry numbers); 404 when none. */
  ticketByNumber: (number: number) =>
    request<{ id: number; number: number }>('GET', `/api/tickets/by-number/${number}`),
  change: (id: number, change: TicketChange) =>
    request<{ changed: string[] }>('PATCH', `/api/tickets/${id}`, change),
  classify: (id: number, values: Record<string, string | null>, version?: number) =>
    request<{ ok: true }>('PUT', `/api/tickets/${id}/fields`, { values, version }),
  reply: (id: number, body: string, status: 'active' | 'pending' | 'closed', version?: number) =>
    request<{ messageId: number }>('POST', `/api/tickets/${id}/replies`, {
      body,
      status,
      version,
    }),
  note: (id: number, body: string) => request('POST', `/api/tickets/${id}/notes`, { body }),
  call: (
    id: number,
    input: { direction: 'inbound' | 'outbound'; durationSeconds: number; summary: string },
  ) => request('POST', `/api/tickets/${id}/calls`, input),
  merge: (id: number, intoTicketId: number) =>
    request<{ ticketId: number; number: number }>('POST', `/api/tickets/${id}/merge`, {
      intoTicketId,
    }),
  split: (messageId: number) =>
    request<{ ticketId: number; number: number }>('POST', `/api/messages/${messageId}/split`, {}),
  bulk: (input: BulkInput) => request<BulkResultDto>('POST', '/api/tickets/bulk', input),
  presence: (id: number, typing: boolean) =>
    request<PresenceDto>('POST', `/api/tickets/${id}/presence`, { typing }),
  leave: (id: number) => request('DELETE', `/api/tickets/${id}/presence`),
  requireField: (fieldId: string, requiredToClose: boolean) =>
    request('PATCH', `/api/fields/${fieldId}`, { requiredToClose }),
  savedReplies: (mailbox?: string) =>
    request<{ savedReplies: SavedReplyDto[] }>(
      'GET',
      `/api/saved-replies${mailbox ? `?mailbox=${mailbox}` : ''}`,
    ),
  createSavedReply: (input: SavedReplyInput) =>
    request<SavedReplyDto>('POST', '/api/saved-replies', input),
  updateSavedReply: (id: string, input: SavedReplyInput) =>
    request<SavedReplyDto>('PUT', `/api/saved-replies/${id}`, input),
  deleteSavedReply: (id: string) => request('DELETE', `/api/saved-replies/${id}`),
};
