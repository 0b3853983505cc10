/** The answers of the agent's ticket writes and of a field-value merge → API JSON (src/shared/ticket-write-contracts.ts). */
import type {
  CallTicketDto,
  FieldValueMergeDto,
  MessageWrittenDto,
  ReplyQueuedDto,
} from '../shared/ticket-write-contracts.ts';

export const presentQueuedReply = (written: { messageId: number }): ReplyQueuedDto => ({
  messageId: written.messageId,
  status: 'queued',
});

export const presentWrittenMessage = (written: { messageId: number }): MessageWrittenDto => ({
  messageId: written.messageId,
});

export const presentCallTicket = (opened: {
  ticketId: number;
  number: number;
  messageId: number;
}): CallTicketDto => ({
  ticketId: opened.ticketId,
  number: opened.number,
  messageId: opened.messageId,
});

export const presentFieldValueMerge = (merged: string, into: string): FieldValueMergeDto => ({
  merged,
  into,
});
