/** Calls of the response targets API (src/http/routes/targets/), typed with the shared contracts. */
import type {
  CreateTargetInput,
  ResponseTargetListDto,
  TargetTerms,
} from '@shared/targets-contracts.ts';
import { request } from '../../api/client.ts';

const target = (id: string) => `/api/targets/${encodeURIComponent(id)}`;

export const targetsApi = {
  list(): Promise<ResponseTargetListDto> {
    return request<ResponseTargetListDto>('GET', '/api/targets');
  },
  create(body: CreateTargetInput): Promise<{ id: string }> {
    return request<{ id: string }>('POST', '/api/targets', body);
  },
  change(id: string, terms: TargetTerms): Promise<void> {
    return request<undefined>('PUT', target(id), { terms });
  },
  remove(id: string): Promise<void> {
    return request<undefined>('DELETE', target(id));
  },
};
