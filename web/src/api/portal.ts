/** Calls of the help-centre API (src/http/routes/portal/), typed with the shared contracts. */
import type {
  DeflectionStatsDto,
  KbArticleDto,
  KbArticleInput,
  KbCategoryAdminDto,
  KbCategoryDto,
  KbCategoryInput,
  PortalNatureAdminDto,
  PortalNatureCreate,
  PortalNatureDto,
  PortalNatureInput,
  PortalNaturesDto,
  PortalSiteDto,
  PortalSiteInput,
} from '@shared/portal-contracts.ts';
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
  categories: () => request<{ categories: KbCategoryAdminDto[] }>('GET', '/api/portal/categories'),
  createCategory: (input: KbCategoryInput) =>
    request<KbCategoryAdminDto>('POST', '/api/portal/categories', input),
  saveCategory: (id: string, input: KbCategoryInput) =>
    request<KbCategoryAdminDto>('PUT', `/api/portal/categories/${id}`, input),
  deleteCategory: (id: string) => request<void>('DELETE', `/api/portal/categories/${id}`),
  reorderCategories: (ids: string[]) =>
    request<{ categories: KbCategoryAdminDto[] }>('POST', '/api/portal/categories/reorder', {
      ids,
    }),
  natures: () => request<PortalNaturesDto>('GET', '/api/portal/natures'),
  createNature: (input: PortalNatureCreate) =>
    request<PortalNatureAdminDto>('POST', '/api/portal/natures', input),
  saveNature: (key: string, input: PortalNatureInput) =>
    request<PortalNatureAdminDto>('PUT', `/api/portal/natures/${key}`, input),
  reorderNatures: (keys: string[]) =>
    request<PortalNaturesDto>('POST', '/api/portal/natures/reorder', { keys }),
};

export const portalKeys = {
  knowledgeBase: ['portal', 'kb'] as const,
  sites: ['portal', 'sites'] as const,
  categories: ['portal', 'categories'] as const,
  natures: ['portal', 'natures'] as const,
  stats: (from: string, to: string) => ['portal', 'stats', from, to] as const,
};
