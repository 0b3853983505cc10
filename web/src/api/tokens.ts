/** Calls of the API tokens (issue 21 §1): one's own, and every token for administrators. */
import type {
  ApiTokenDto,
  ApiTokenListDto,
  CreatedTokenDto,
  CreateTokenInput,
} from '@shared/api-token-contracts.ts';
import { request } from './client.ts';

export const tokensApi = {
  mine: (): Promise<ApiTokenListDto> => request('GET', '/api/tokens'),
  create: (input: CreateTokenInput): Promise<CreatedTokenDto> =>
    request('POST', '/api/tokens', input),
  revoke: (id: number): Promise<ApiTokenDto> => request('DELETE', `/api/tokens/${id}`),
  all: (): Promise<ApiTokenListDto> => request('GET', '/api/admin/tokens'),
  revokeAny: (id: number): Promise<ApiTokenDto> => request('DELETE', `/api/admin/tokens/${id}`),
};
