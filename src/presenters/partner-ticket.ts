/** A partner's tickets as JSON (issue 21 §5): no ids of ours, no notes, no agents' names. */
import type { TicketStatus } from '../db/schema.ts';
import type {
  PartnerMessageDto,
  PartnerTicketStatus,
  PartnerTicketSummaryDto,
} from '../shared/partner-contracts.ts';

type SummaryRow = {
  number: number;
  subject: string;
  status: TicketStatus;
  created_at: Date;
  last_message_at: Date;
};

export function presentPartnerTicketSummary(row: SummaryRow): PartnerTicketSummaryDto {
  return {
    number: row.number,
    subject: row.subject,
    // Spam never reaches a partner (partner-tickets.ts).
    status: row.status as PartnerTicketStatus,
    createdAt: row.created_at.toISOString(),
    lastMessageAt: row.last_message_at.toISOString(),
  };
}

export function presentPartnerMessage(row: {
  id: number;
  kind: string;
  created_at: Date;
  body_text: string | null;
}): PartnerMessageDto {
  return {
    id: row.id,
    direction: row.kind === 'customer' ? 'from_partner' : 'from_desk',
    createdAt: row.created_at.toISOString(),
    bodyText: row.body_text ?? '',
  };
}
