/** Calls of the personal-data API (src/http/routes/privacy/), typed with the shared contracts. */
import type {
  ErasureDto,
  FlaggedAttachmentDto,
  PersonFindingsDto,
  PrivacyRequestDto,
  RetentionDto,
  RetentionPreviewDto,
  RetentionRunDto,
} from '@shared/privacy-contracts.ts';
import { ApiError, csrfHeaders, decode, request } from './client.ts';

export const privacyApi = {
  retention: () => request<RetentionDto>('GET', '/api/privacy/retention'),
  setRetention: (mailboxId: string, months: number | null) =>
    request<unknown>('PUT', `/api/privacy/retention/${encodeURIComponent(mailboxId)}`, { months }),
  preview: () => request<RetentionPreviewDto>('POST', '/api/privacy/retention/preview', {}),
  run: () => request<RetentionRunDto>('POST', '/api/privacy/retention/run', {}),
  search: (query: string) =>
    request<PersonFindingsDto>('POST', '/api/privacy/people/search', { query }),
  erase: (query: string, requestedBy: string) =>
    request<ErasureDto>('POST', '/api/privacy/people/erase', {
      query,
      requestedBy,
      confirm: true,
    }),
  requests: () => request<{ requests: PrivacyRequestDto[] }>('GET', '/api/privacy/requests'),
  flagged: () =>
    request<{ attachments: FlaggedAttachmentDto[] }>('GET', '/api/privacy/attachments/flagged'),
  purge: (id: string) =>
    request<{ blobsRemoved: number }>(
      'POST',
      `/api/privacy/attachments/${encodeURIComponent(id)}/purge`,
      {},
    ),
  /** The person's zip, as a Blob the page offers as a download. */
  async exportZip(query: string, requestedBy: string): Promise<Blob> {
    let response: Response;
    try {
      response = await fetch('/api/privacy/people/export', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json', ...csrfHeaders() },
        body: JSON.stringify({ query, requestedBy }),
      });
    } catch (cause) {
      throw new ApiError(0, 'network', cause instanceof Error ? cause.message : 'Network error');
    }
    if (!response.ok) await decode<unknown>(response);
    return response.blob();
  },
};

export const privacyKeys = {
  retention: ['privacy', 'retention'] as const,
  requests: ['privacy', 'requests'] as const,
  flagged: ['privacy', 'flagged'] as const,
};
