import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { systemActor } from '../audit/record-audit.ts';
import { setRetentionPolicy } from '../privacy/retention-policies.ts';
import { defaultConfiguration, defaultRetentionMonths } from './default-config.ts';
import { applyDefaultHelpCentre } from './help-centre/apply-default-help-centre.ts';
import { importConfiguration } from './import-configuration.ts';

/**
 * Creates the default configuration on a database that has no mailbox yet
 * (first start), with its retention policies. Returns whether it did. A
 * database that already has a configuration is never touched: supervisors own
 * it from then on (a policy they removed is not set again). The help
 * centre (natures, sites, starter drafts) is loaded the same way, on its own:
 * a database created before it existed gets it at the next start.
 */
export async function applyDefaultConfiguration(db: Kysely<DB>): Promise<boolean> {
  const applied =
    (await importConfiguration(db, defaultConfiguration, systemActor, { onlyIfEmpty: true })) !==
    null;
  if (applied) await applyDefaultRetention(db);
  await applyDefaultHelpCentre(db);
  return applied;
}

/** Sets the default policy of each mailbox that has none (audited as the system). */
async function applyDefaultRetention(db: Kysely<DB>): Promise<void> {
  for (const [slug, months] of Object.entries(defaultRetentionMonths)) {
    const mailbox = await db
      .selectFrom('mailboxes as m')
      .leftJoin('retention_policies as p', 'p.mailbox_id', 'm.id')
      .select(['m.id', 'p.months'])
      .where('m.slug', '=', slug)
      .executeTakeFirst();
    if (mailbox && mailbox.months === null)
      await setRetentionPolicy(db, mailbox.id, months, systemActor);
  }
}
