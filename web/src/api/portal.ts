/** Calls of the help-centre API (src/http/routes/portal/), typed with the shared contracts. */
import type {
  DeflectionStatsDto,
  KbArticleDto,
  KbArticleInput,
  KbCategoryDto,
  PortalNatureDto,
  PortalSiteDto,
  PortalSiteInput,
} from '../../../src/shared/portal-contracts.ts';
import { request } from './client.ts';

export type KnowledgeBaseDto = {
  articles: KbArticleDto[];
  categories: KbCategoryDto[];
  natures: PortalNatureDto[];
};

export const portalApi = {
  knowledgeBase: () => request<KnowledgeBaseDto>('GET', '/api/portal/articles'),
  create: (input: KbArticleInput) => request<KbArticleDto>('POST', '/api/portal/articles', input),
  save: (id: string, input: KbArticleInput) =>
    request<KbArticleDto>('PUT', `/api/portal/articles/${id}`, input),
  publish: (id: string) => request<KbArticleDto>('POST', `/api/portal/articles/${id}/publish`),
  unpublish: (id: string) => request<KbArticleDto>('POST', `/api/portal/articles/${id}/unpublish`),
  preview: (body: string) => request<{ html: string }>('POST', '/api/portal/preview', { body }),
  sites: () => request<{ sites: PortalSiteDto[] }>('GET', '/api/portal/sites'),
  saveSite: (departement: string, input: PortalSiteInput) =>
    request<PortalSiteDto>('PUT', `/api/portal/sites/${departement}`, input),
  stats: (from: string, to: string) =>
    request<DeflectionStatsDto>('GET', `/api/portal/stats?from=${from}&to=${to}`),
};

export const portalKeys = {
  knowledgeBase: ['portal', 'kb'] as const,
  sites: ['portal', 'sites'] as const,
  stats: (from: string, to: string) => ['portal', 'stats', from, to] as const,
};
