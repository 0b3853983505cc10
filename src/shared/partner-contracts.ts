import { z } from 'zod';

/**
 * A partner's own view (issue 21 §5): a viewer account attached to an
 * organisation of the directory (by single sign-on's SIRET, or by an
 * administrator) sees that organisation's tickets and nothing else.
 */
export type PartnerTicketStatus = 'active' | 'pending' | 'closed';

export type PartnerTicketSummaryDto = {
  number: number;
  subject: string;
  status: PartnerTicketStatus;
  createdAt: string;
  lastMessageAt: string;
};

/** GET /api/partner/tickets */
export type PartnerTicketListDto = {
  organisation: { id: string; name: string };
  tickets: PartnerTicketSummaryDto[];
};

/** A message of the thread as the partner sees it: what was written to and by them, never notes. */
export type PartnerMessageDto = {
  id: number;
  direction: 'from_partner' | 'from_desk';
  createdAt: string;
  bodyText: string;
};

/** GET /api/partner/tickets/:number */
export type PartnerTicketDto = PartnerTicketSummaryDto & { messages: PartnerMessageDto[] };

/** POST /api/partner/tickets/:number/replies */
export const partnerReplySchema = z.strictObject({ text: z.string().trim().min(1).max(20_000) });
