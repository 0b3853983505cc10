import type { AuditEventRow } from '../domain/audit/search-audit.ts';
import type { AuditEventDto } from '../shared/contracts.ts';

/** An audit event as supervisors see it in the log. */
export function presentAuditEvent(event: AuditEventRow): AuditEventDto {
  return {
    id: event.id,
    at: event.at.toISOString(),
    action: event.action,
    actor: {
      id: event.actorUserId,
      email: event.actorEmail,
      name: event.actorName,
      label: event.actorLabel,
    },
    targetType: event.targetType,
    targetId: event.targetId,
    targetEmail: event.targetEmail,
    targetLabel:
      event.targetTicketNumber !== null
        ? `#${event.targetTicketNumber}`
        : (event.targetEmail ?? event.targetName),
    ip: event.ip,
    details: event.details,
  };
}
