/** Personal-data administration rows → API JSON (dates as ISO strings). */
import type { PersonFindings as FindPersonResult } from '../domain/privacy/find-person.ts';
import type { FlaggedAttachment } from '../domain/privacy/identity-documents.ts';
import type { PrivacyRequestView } from '../domain/privacy/privacy-requests.ts';
import type { RetentionPolicyView } from '../domain/privacy/retention-policies.ts';
import type { RetentionRunView } from '../domain/privacy/run-retention.ts';
import { maskSensitiveData } from '../domain/privacy/sensitive-data.ts';
import type {
  FlaggedAttachmentDto,
  PersonFindingsDto,
  PrivacyRequestDto,
  RetentionPolicyDto,
  RetentionRunDto,
} from '../shared/privacy-contracts.ts';

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

export const presentRetentionPolicy = (p: RetentionPolicyView): RetentionPolicyDto => ({
  mailboxId: p.mailboxId,
  mailboxSlug: p.mailboxSlug,
  mailboxName: p.mailboxName,
  months: p.months,
  updatedAt: iso(p.updatedAt),
});

export const presentRetentionRun = (r: RetentionRunView): RetentionRunDto => ({
  id: r.id,
  startedAt: r.startedAt.toISOString(),
  finishedAt: iso(r.finishedAt),
  dryRun: r.dryRun,
  trigger: r.trigger,
  tickets: r.tickets,
  attachments: r.attachments,
  blobsRemoved: r.blobsRemoved,
  error: r.error,
});

export const presentFindings = (f: FindPersonResult): PersonFindingsDto => ({
  contacts: f.contacts,
  tickets: f.tickets.map((t) => ({
    id: t.id,
    number: t.number,
    mailboxSlug: t.mailboxSlug,
    subject: maskSensitiveData(t.subject).text,
    status: t.status,
    createdAt: t.createdAt.toISOString(),
    closedAt: iso(t.closedAt),
    anonymisedAt: iso(t.anonymisedAt),
    reasons: t.reasons,
  })),
  truncated: f.truncated,
  elsewhere: f.elsewhere,
});

export const presentPrivacyRequest = (r: PrivacyRequestView): PrivacyRequestDto => ({
  id: r.id,
  kind: r.kind,
  requestedBy: r.requestedBy,
  performedBy: r.performedBy,
  performedAt: r.performedAt.toISOString(),
  summary: r.summary,
});

export const presentFlaggedAttachment = (a: FlaggedAttachment): FlaggedAttachmentDto => ({
  id: a.id,
  ticketNumber: a.ticketNumber,
  mailboxSlug: a.mailboxSlug,
  filename: a.filename,
  contentType: a.contentType,
  sizeBytes: a.sizeBytes,
  createdAt: a.createdAt.toISOString(),
  kind: a.kind,
});
