import type { Kysely } from 'kysely';
import { systemActor } from '../../domain/audit/record-audit.ts';
import { importConfiguration } from '../../domain/configuration/import-configuration.ts';
import { setRetentionPolicy } from '../../domain/privacy/retention-policies.ts';
import { applyDefaultHelpCentre } from '../../portal/seed/apply-default-help-centre.ts';
import type { DB } from '../schema.ts';
import { defaultConfiguration, defaultRetentionMonths } from './default-config.ts';

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
