/** Calls of the webhooks API (src/http/routes/webhooks/), typed with the shared contracts. */
import type {
  WebhookChange,
  WebhookCreatedDto,
  WebhookDto,
  WebhookInput,
  WebhookListDto,
  WebhookLogDto,
  WebhookTestDto,
} from '@shared/webhook-contracts.ts';
import { request } from '../../api/client.ts';

const hook = (id: string) => `/api/webhooks/${encodeURIComponent(id)}`;

export const webhooksApi = {
  list: () => request<WebhookListDto>('GET', '/api/webhooks'),
  create: (body: WebhookInput) => request<WebhookCreatedDto>('POST', '/api/webhooks', body),
  change: (id: string, body: WebhookChange) => request<WebhookDto>('PATCH', hook(id), body),
  remove: (id: string) => request<undefined>('DELETE', hook(id)),
  test: (id: string) => request<WebhookTestDto>('POST', `${hook(id)}/test`),
  log: (id: string) => request<WebhookLogDto>('GET', `${hook(id)}/log`),
};
