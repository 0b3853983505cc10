import { describe, expect, it } from 'vitest';
import {
  presentCallTicket,
  presentFieldValueMerge,
  presentQueuedReply,
  presentWrittenMessage,
} from './ticket-writes.ts';

describe('ticket write presenters', () => {
  it('a reply: its message, queued for sending', () => {
    const written = { messageId: 12, ticketId: 3 };
    expect(presentQueuedReply(written)).toEqual({
      messageId: 12,
      status: 'queued',
    });
  });

  it('a note or a call: the message only; a call ticket: its id, number and message', () => {
    const internal = { messageId: 7, outboxId: 99 };
    expect(presentWrittenMessage(internal)).toEqual({ messageId: 7 });
    expect(presentCallTicket({ ticketId: 4, number: 1004, messageId: 8 })).toEqual({
      ticketId: 4,
      number: 1004,
      messageId: 8,
    });
  });

  it('a field-value merge: which value went into which', () => {
    expect(presentFieldValueMerge('a', 'b')).toEqual({ merged: 'a', into: 'b' });
  });
});
