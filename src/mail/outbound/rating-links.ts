/**
 * The three rating links that end every reply (SPEC §4: Très bien / Correct /
 * Pas satisfait). Each carries a signed, expiring token; following it only
 * shows a confirmation page (a mail scanner records nothing).
 */
import type { RatingLevel } from '../../db/schema.ts';
import type { MailSigner } from '../../domain/signing/mail-signer.ts';

export const ratingLabels: Record<RatingLevel, string> = {
  great: 'Très bien',
  okay: 'Correct',
  not_good: 'Pas satisfait',
};

/** The links for reply message `messageId`, valid until `expiresAt`. */
export function ratingLinks(
  signer: MailSigner,
  publicUrl: URL,
  messageId: number,
  expiresAt: Date,
): { level: RatingLevel; label: string; url: string }[] {
  return (['great', 'okay', 'not_good'] as const).map((level) => ({
    level,
    label: ratingLabels[level],
    url: new URL(`/rate/${signer.ratingToken(messageId, level, expiresAt)}`, publicUrl).toString(),
  }));
}
