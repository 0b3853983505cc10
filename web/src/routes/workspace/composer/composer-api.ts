/** Calls of the composer's API (issue 19 §1–§2), typed by src/shared/composer-contracts.ts. */
import type {
  AddressSuggestionDto,
  ComposerStateDto,
  ComposerUploadDto,
  ConversationDto,
  DraftInput,
} from '@shared/composer-contracts.ts';
import { request, sendBody } from '../../../api/client.ts';

export type ReplyInput = {
  bodyHtml: string;
  cc: string[];
  bcc: string[];
  attachmentIds: string[];
  status: 'active' | 'pending' | 'closed';
  version?: number;
  undo: boolean;
};

export const composerApi = {
  state: (ticketId: number) =>
    request<ComposerStateDto>('GET', `/api/tickets/${ticketId}/composer`),
  saveDraft: (ticketId: number, draft: DraftInput) =>
    request<void>('PUT', `/api/tickets/${ticketId}/draft`, draft),
  discardDraft: (ticketId: number) => request<void>('DELETE', `/api/tickets/${ticketId}/draft`),
  upload: (ticketId: number, file: Blob, name: string, pasted: boolean) =>
    sendBody<ComposerUploadDto>(
      `/api/tickets/${ticketId}/uploads?name=${encodeURIComponent(name)}&pasted=${pasted ? 1 : 0}`,
      file,
      'application/octet-stream',
    ),
  removeUpload: (ticketId: number, uploadId: string) =>
    request<void>('DELETE', `/api/tickets/${ticketId}/uploads/${uploadId}`),
  reply: (ticketId: number, input: ReplyInput) =>
    request<{ messageId: number }>('POST', `/api/tickets/${ticketId}/replies`, input),
  withdraw: (ticketId: number, messageId: number) =>
    request<{ messageId: number }>(
      'POST',
      `/api/tickets/${ticketId}/replies/${messageId}/withdraw`,
      {},
    ),
  note: (ticketId: number, body: string, mentions: string[]) =>
    request<{ messageId: number }>('POST', `/api/tickets/${ticketId}/notes`, {
      body,
      ...(mentions.length > 0 ? { mentions } : {}),
    }),
  addresses: (q: string) =>
    request<{ suggestions: AddressSuggestionDto[] }>(
      'GET',
      `/api/composer/addresses?q=${encodeURIComponent(q)}`,
    ),
  forward: (
    ticketId: number,
    input: { to: string[]; messageId?: number; bodyHtml: string; attachmentIds?: string[] },
  ) => request<{ messageId: number }>('POST', `/api/tickets/${ticketId}/forward`, input),
  startConversation: (input: {
    mailboxId: string;
    to: string;
    organisationId?: string;
    subject: string;
    bodyHtml: string;
    cc?: string[];
  }) => request<ConversationDto>('POST', '/api/conversations', input),
  move: (ticketId: number, mailboxId: string, version?: number) =>
    request<{ mailboxId: string }>('POST', `/api/tickets/${ticketId}/mailbox`, {
      mailboxId,
      version,
    }),
};
