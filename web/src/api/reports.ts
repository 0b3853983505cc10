/** Calls of the reports API (src/http/routes/reports/), typed with the shared contracts. */
import type {
  PublicationDto,
  ReportDto,
  ReportFiltersDto,
  ReportTextsDto,
  ReportTicketListDto,
} from '@shared/contracts.ts';
import { request } from './client.ts';

export const reportsApi = {
  /** What the filter pickers offer: mailboxes with their fields and values, organisations. */
  filters(): Promise<ReportFiltersDto> {
    return request<ReportFiltersDto>('GET', '/api/reports/filters');
  },
  /** The report of a view; `query` is the page's query string (see report-query.ts). */
  report(query: string): Promise<ReportDto> {
    return request<ReportDto>('GET', `/api/reports?${query}`);
  },
  /** The tickets behind a table row or a chart bar. */
  tickets(query: string): Promise<ReportTicketListDto> {
    return request<ReportTicketListDto>('GET', `/api/reports/tickets?${query}`);
  },
  texts(year: number): Promise<ReportTextsDto> {
    return request<ReportTextsDto>('GET', `/api/reports/texts?year=${year}`);
  },
  /** Saves a section's text for a year; an empty body brings the default back. */
  async saveText(year: number, section: string, body: string): Promise<void> {
    await request<unknown>('PUT', `/api/reports/texts/${year}/${encodeURIComponent(section)}`, {
      body,
    });
  },
  publish(year: number): Promise<PublicationDto> {
    return request<PublicationDto>('POST', '/api/reports/publish', { year });
  },
};

export const reportKeys = {
  all: ['reports'] as const,
  filters: ['reports', 'filters'] as const,
  report: (query: string) => ['reports', 'report', query] as const,
  tickets: (query: string) => ['reports', 'tickets', query] as const,
  texts: (year: number) => ['reports', 'texts', year] as const,
};
