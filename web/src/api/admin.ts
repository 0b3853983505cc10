/** Calls of the users, audit and account APIs (src/http/routes/users/, audit/), typed with the shared contracts. */
import type {
  AccountLinkDto,
  AuditPageDto,
  InviteUserRequest,
  RecoveryCodesDto,
  RoleName,
  SecondFactorEnrolmentDto,
  SecondFactorStatusDto,
  UserDto,
  UserListDto,
} from '@shared/contracts.ts';
import type { InvitationDto } from '@shared/setup-contracts.ts';
import { request } from './client.ts';

const user = (id: string) => `/api/users/${encodeURIComponent(id)}`;

export const adminApi = {
  users(): Promise<UserListDto> {
    return request<UserListDto>('GET', '/api/users');
  },
  /** The invitation's link comes back only when no mail will carry it. */
  invite(body: InviteUserRequest): Promise<UserDto & { invitation: InvitationDto }> {
    return request<UserDto & { invitation: InvitationDto }>('POST', '/api/users/invitations', body);
  },
  resendInvitation(id: string): Promise<InvitationDto> {
    return request<InvitationDto>('POST', `${user(id)}/invitation`);
  },
  changeRole(id: string, role: RoleName): Promise<UserDto> {
    return request<UserDto>('PATCH', user(id), { role });
  },
  setEnabled(id: string, enabled: boolean): Promise<UserDto> {
    return request<UserDto>('POST', `${user(id)}/${enabled ? 'enable' : 'disable'}`);
  },
  setMailboxes(id: string, mailboxes: 'all' | string[]): Promise<void> {
    return request<undefined>('PUT', `${user(id)}/mailboxes`, { mailboxes });
  },
  /** The audit log; `query` is a URLSearchParams string (see auditQuerySchema). */
  audit(query: string): Promise<AuditPageDto> {
    return request<AuditPageDto>('GET', `/api/audit?${query}`);
  },
  secondFactor(): Promise<SecondFactorStatusDto> {
    return request<SecondFactorStatusDto>('GET', '/api/account/second-factor');
  },
  startSecondFactor(): Promise<SecondFactorEnrolmentDto> {
    return request<SecondFactorEnrolmentDto>('POST', '/api/account/second-factor');
  },
  confirmSecondFactor(code: string): Promise<RecoveryCodesDto> {
    return request<RecoveryCodesDto>('POST', '/api/account/second-factor/confirm', { code });
  },
  disableSecondFactor(code: string): Promise<void> {
    return request<undefined>('POST', '/api/account/second-factor/disable', { code });
  },
};

export type LinkPurpose = 'invitation' | 'password_reset';

export const accountApi = {
  link(purpose: LinkPurpose, token: string): Promise<AccountLinkDto> {
    return request<AccountLinkDto>(
      'GET',
      `/api/account/links/${purpose}?token=${encodeURIComponent(token)}`,
    );
  },
  setPassword(purpose: LinkPurpose, token: string, password: string): Promise<void> {
    const path =
      purpose === 'invitation' ? '/api/account/invitation' : '/api/account/password-reset';
    return request<undefined>('POST', path, { token, password });
  },
  requestReset(email: string): Promise<void> {
    return request<undefined>('POST', '/api/account/password-reset/request', { email });
  },
};
