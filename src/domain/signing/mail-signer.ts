/**
 * Signatures for everything Guichet puts in e-mails that comes back to it:
 * the ticket token of subjects, our Message-IDs and the rating links. Senders
 * and headers are attacker-controlled (RELIABILITY §0.3): a token or ID counts
 * only when its HMAC matches.
 *
 * Formats matched:
 * - subject token   `[#1042-3fa9c1d2]` (ticket number, 8 hex of HMAC); `[#1042]` is unsigned
 * - Message-ID      `<g.1042.77.5f0c2a9e1b7d@support.example.org>` (ticket, message, 12 hex)
 * - rating token    `<message id>.<level>.<expiry seconds>.<HMAC base64url>`
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { RatingLevel } from '../../db/schema.ts';

export type MailSigner = {
  /** `[#n-sig]` for the subject of outgoing mail. */
  ticketToken(ticketNumber: number): string;
  /** Whether `signature` is the valid signature of `ticketNumber`'s token. */
  verifyTicketToken(ticketNumber: number, signature: string): boolean;
  /** Our Message-ID for outgoing message `messageKey` of a ticket, at `domain`. */
  messageId(ticketNumber: number, messageKey: string, domain: string): string;
  /** Whether a Message-ID is one of ours with a valid signature. */
  isOwnMessageId(messageId: string): boolean;
  ratingToken(messageId: number, level: RatingLevel, expiresAt: Date): string;
  verifyRatingToken(token: string, now?: Date): RatingClaim | null;
  /** The link token of an account token row (invitation, password reset): HMAC of its nonce. */
  accountToken(nonce: string): string;
};

export type RatingClaim = { messageId: number; level: RatingLevel; expiresAt: Date };

const levels: readonly RatingLevel[] = ['great', 'okay', 'not_good'];

const safeEqual = (a: string, b: string): boolean => {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
};

/** A subject token: `[#1042-3fa9c1d2]` or unsigned `[#1042]`. */
export const subjectTokenPattern = /\[#(\d{1,12})(?:-([0-9a-f]{8}))?\]/;
const ownMessageIdPattern = /^<g\.(\d{1,12})\.([0-9a-z]{1,40})\.([0-9a-f]{12})@[^<>\s]+>$/;

/**
 * Creates the signer from the instance secret (SESSION_SECRET). Each use gets
 * its own derived key, so a signature of one kind never validates another.
 */
export function createMailSigner(secret: string): MailSigner {
  const mac = (purpose: string, data: string) =>
    createHmac('sha256', secret).update(`${purpose}\0${data}`).digest();
  const ticketSig = (n: number) => mac('ticket', String(n)).toString('hex').slice(0, 8);
  const idSig = (n: string, key: string) =>
    mac('msgid', `${n}.${key}`).toString('hex').slice(0, 12);
  const ratingSig = (payload: string) => mac('rating', payload).toString('base64url').slice(0, 22);
  return {
    ticketToken: (n) => `[#${n}-${ticketSig(n)}]`,
    verifyTicketToken: (n, signature) => safeEqual(ticketSig(n), signature),
    messageId: (n, key, domain) => `<g.${n}.${key}.${idSig(String(n), key)}@${domain}>`,
    isOwnMessageId(messageId) {
      const match = ownMessageIdPattern.exec(messageId);
      if (!match?.[1] || !match[2] || !match[3]) return false;
      return safeEqual(idSig(match[1], match[2]), match[3]);
    },
    ratingToken(messageId, level, expiresAt) {
      const payload = `${messageId}.${level}.${Math.floor(expiresAt.getTime() / 1000)}`;
      return `${payload}.${ratingSig(payload)}`;
    },
    verifyRatingToken(token, now = new Date()) {
      const match = /^(\d{1,15})\.(great|okay|not_good)\.(\d{1,12})\.([A-Za-z0-9_-]{22})$/.exec(
        token,
      );
      if (!match?.[1] || !match[2] || !match[3] || !match[4]) return null;
      const payload = `${match[1]}.${match[2]}.${match[3]}`;
      if (!safeEqual(ratingSig(payload), match[4])) return null;
      const expiresAt = new Date(Number(match[3]) * 1000);
      if (expiresAt.getTime() <= now.getTime()) return null;
      const level = levels.find((l) => l === match[2]);
      if (!level) return null;
      return { messageId: Number(match[1]), level, expiresAt };
    },
    accountToken: (nonce) => mac('account', nonce).toString('base64url'),
  };
}
