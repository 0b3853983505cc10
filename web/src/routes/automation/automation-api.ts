/** Calls of the automation rules and macros API (src/http/routes/automation/), typed with the shared contracts. */
import type {
  MacroApplyDto,
  MacroInput,
  MacroListDto,
  RuleInput,
  RuleListDto,
  RulePreviewDto,
} from '@shared/automation-contracts.ts';
import { request } from '../../api/client.ts';

const rule = (id: string) => `/api/rules/${encodeURIComponent(id)}`;
const macro = (id: string) => `/api/macros/${encodeURIComponent(id)}`;

export const automationApi = {
  rules: (): Promise<RuleListDto> => request<RuleListDto>('GET', '/api/rules'),
  createRule: (body: RuleInput) => request<{ id: string }>('POST', '/api/rules', body),
  updateRule: (id: string, body: RuleInput) => request<undefined>('PUT', rule(id), body),
  switchRule: (id: string, enabled: boolean) => request<undefined>('PATCH', rule(id), { enabled }),
  deleteRule: (id: string) => request<undefined>('DELETE', rule(id)),
  orderRules: (ids: string[]) => request<undefined>('PUT', '/api/rules/order', { ids }),
  preview: (body: RuleInput) =>
    request<RulePreviewDto>('POST', '/api/rules/preview', { rule: body }),
  macros: (): Promise<MacroListDto> => request<MacroListDto>('GET', '/api/macros'),
  createMacro: (body: MacroInput) => request<{ id: string }>('POST', '/api/macros', body),
  updateMacro: (id: string, body: MacroInput) => request<undefined>('PUT', macro(id), body),
  deleteMacro: (id: string) => request<undefined>('DELETE', macro(id)),
  applyMacro: (id: string, ticketIds: number[]) =>
    request<MacroApplyDto>('POST', `${macro(id)}/apply`, { ticketIds }),
};
