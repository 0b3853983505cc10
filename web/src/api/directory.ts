/** Calls of the organisation directory and of the agent's own profile. */
import type {
  DirectoryImportDto,
  DirectoryOptionsDto,
  OrganisationCreateInput,
  OrganisationDetailDto,
  OrganisationListDto,
  OrganisationUpdateInput,
  ProfileDto,
  ProfileUpdateInput,
} from '@shared/directory-contracts.ts';
import { request, sendBody } from './client.ts';

const one = (id: string) => `/api/organisations/${encodeURIComponent(id)}`;

export const directoryApi = {
  list(q: string, page: number, pageSize: number): Promise<OrganisationListDto> {
    const query = new URLSearchParams({ q, page: String(page), pageSize: String(pageSize) });
    return request('GET', `/api/organisations?${query}`);
  },
  options: (): Promise<DirectoryOptionsDto> => request('GET', '/api/organisations/options'),
  get: (id: string): Promise<OrganisationDetailDto> => request('GET', one(id)),
  create: (input: OrganisationCreateInput): Promise<OrganisationDetailDto> =>
    request('POST', '/api/organisations', input),
  update: (id: string, input: OrganisationUpdateInput): Promise<OrganisationDetailDto> =>
    request('PATCH', one(id), input),
  remove: (id: string): Promise<void> => request('DELETE', one(id)),
  merge: (id: string, into: string): Promise<unknown> =>
    request('POST', `${one(id)}/merge`, { into }),
  importCsv: (file: Blob, dryRun: boolean): Promise<DirectoryImportDto> =>
    sendBody(`/api/organisations/import?dryRun=${dryRun}`, file, 'text/csv'),
};

export const profileApi = {
  get: (): Promise<ProfileDto> => request('GET', '/api/me/profile'),
  update: (input: ProfileUpdateInput): Promise<ProfileDto> =>
    request('PATCH', '/api/me/profile', input),
};
