/**
 * How long the help centre tells applicants their messages are kept: read
 * from the retention policy of the mailbox the contact form writes to
 * (Demandeurs), so the notice says what the retention job does and nothing
 * else. One source for the form's notice and the "Données personnelles" page.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { cachedRead } from './read-cache.ts';

/** The slug of the mailbox the contact form files tickets in (see submit-contact). */
export const applicantMailboxSlug = 'demandeurs';

/**
 * Months after closing before the retention job anonymises an applicant's
 * ticket, or null when the Demandeurs mailbox has no policy (nothing is
 * anonymised automatically). Cached a few seconds like the other public reads.
 */
export function applicantRetentionMonths(db: Kysely<DB>): Promise<number | null> {
  return cachedRead(db, 'retention:demandeurs', async () => {
    const row = await db
      .selectFrom('retention_policies as p')
      .innerJoin('mailboxes as m', 'm.id', 'p.mailbox_id')
      .select('p.months')
      .where('m.slug', '=', applicantMailboxSlug)
      .executeTakeFirst();
    return row?.months ?? null;
  });
}

/** "3 ans", "1 an", "18 mois": whole years when the months make them. */
export function frenchDuration(months: number): string {
  if (months % 12 === 0) {
    const years = months / 12;
    return years === 1 ? '1 an' : `${years} ans`;
  }
  return `${months} mois`;
}

/**
 * The sentence of the notices about how long a message is kept. With a
 * policy it names the duration and what happens after it (anonymisation: the
 * classification stays for the statistics, the person's data goes); without
 * one it promises no duration. `subject` is the plural the sentence starts with.
 */
export function retentionSentence(months: number | null, subject = 'Ils'): string {
  if (months === null)
    return `${subject} sont conservés le temps nécessaire au traitement de votre demande ; les statistiques annuelles du support n’en gardent que des chiffres, sous une forme anonyme.`;
  return `${subject} sont conservés ${frenchDuration(months)} après la clôture de votre demande, puis anonymisés : votre nom, vos coordonnées, votre message et vos pièces jointes sont effacés, seuls restent des chiffres pour les statistiques annuelles du support.`;
}
