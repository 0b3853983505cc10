/** Calls of the set-up API (src/http/routes/mailboxes/setup-routes.ts, mail-admin-routes.ts), typed with the shared contracts. */
import type { MailSettingsDto, MailSettingsInput } from '@shared/mail-contracts.ts';
import type {
  ConnectionKind,
  ConnectionTestDto,
  FieldAdminListDto,
  MailboxAddressesDto,
  SetupChecklistDto,
} from '@shared/setup-contracts.ts';
import { request } from './client.ts';

const mailbox = (id: string) => `/api/mailboxes/${encodeURIComponent(id)}`;
const field = (id: string) => `/api/fields/${encodeURIComponent(id)}`;
const fieldValue = (id: string) => `/api/field-values/${encodeURIComponent(id)}`;

export const setupApi = {
  checklist(): Promise<SetupChecklistDto> {
    return request<SetupChecklistDto>('GET', '/api/setup');
  },
  addresses(id: string): Promise<MailboxAddressesDto> {
    return request<MailboxAddressesDto>('GET', `${mailbox(id)}/addresses`);
  },
  addAddress(id: string, address: string): Promise<MailboxAddressesDto> {
    return request<MailboxAddressesDto>('POST', `${mailbox(id)}/addresses`, { address });
  },
  makePrimary(id: string, address: string): Promise<MailboxAddressesDto> {
    return request<MailboxAddressesDto>('POST', `${mailbox(id)}/addresses/primary`, { address });
  },
  removeAddress(id: string, address: string): Promise<MailboxAddressesDto> {
    return request<MailboxAddressesDto>('POST', `${mailbox(id)}/addresses/remove`, { address });
  },
  mailSettings(id: string): Promise<MailSettingsDto> {
    return request<MailSettingsDto>('GET', `${mailbox(id)}/mail-settings`);
  },
  saveMailSettings(id: string, input: MailSettingsInput): Promise<MailSettingsDto> {
    return request<MailSettingsDto>('PUT', `${mailbox(id)}/mail-settings`, input);
  },
  testConnection(id: string, kind: ConnectionKind): Promise<ConnectionTestDto> {
    return request<ConnectionTestDto>('POST', `${mailbox(id)}/mail-settings/test`, { kind });
  },
  fields(mailboxId: string): Promise<FieldAdminListDto> {
    return request<FieldAdminListDto>('GET', `${mailbox(mailboxId)}/fields`);
  },
  addField(mailboxId: string, label: string, requiredToClose: boolean): Promise<FieldAdminListDto> {
    return request<FieldAdminListDto>('POST', `${mailbox(mailboxId)}/fields`, {
      label,
      requiredToClose,
    });
  },
  renameField(fieldId: string, label: string): Promise<FieldAdminListDto> {
    return request<FieldAdminListDto>('PUT', `${field(fieldId)}/label`, { label });
  },
  setRequired(fieldId: string, requiredToClose: boolean): Promise<unknown> {
    return request<unknown>('PATCH', field(fieldId), { requiredToClose });
  },
  addValue(fieldId: string, label: string): Promise<FieldAdminListDto> {
    return request<FieldAdminListDto>('POST', `${field(fieldId)}/values`, { label });
  },
  reorderValues(fieldId: string, values: string[]): Promise<FieldAdminListDto> {
    return request<FieldAdminListDto>('PUT', `${field(fieldId)}/order`, { values });
  },
  changeValue(
    valueId: string,
    change: { label?: string; retired?: boolean },
  ): Promise<FieldAdminListDto> {
    return request<FieldAdminListDto>('PATCH', fieldValue(valueId), change);
  },
  mergeValue(valueId: string, into: string): Promise<unknown> {
    return request<unknown>('POST', `${fieldValue(valueId)}/merge`, { into });
  },
};
