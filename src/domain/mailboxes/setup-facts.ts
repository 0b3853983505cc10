/**
 * The facts the first-run checklist is computed from (issue 15 §1): how many
 * open values the fields have, organisations in the directory, published
 * help-centre articles, and people other than administrators who can work.
 * src/presenters/setup-checklist.ts turns them into states.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { type InstanceMail, mailHealth } from './mail-health.ts';

export type SetupFacts = {
  fieldValues: number;
  organisations: number;
  publishedArticles: number;
  /** Enabled people besides administrators, invited or active. */
  colleagues: number;
  mailboxes: Awaited<ReturnType<typeof mailHealth>>;
  instance: InstanceMail;
};

const total = async (query: Promise<{ n: string | number | bigint } | undefined>) =>
  Number((await query)?.n ?? 0);

export async function setupFacts(db: Kysely<DB>, instance: InstanceMail): Promise<SetupFacts> {
  const [fieldValues, organisations, publishedArticles, colleagues, mailboxes] = await Promise.all([
    total(
      db
        .selectFrom('field_values as v')
        .innerJoin('fields as f', 'f.id', 'v.field_id')
        .innerJoin('mailboxes as m', 'm.id', 'f.mailbox_id')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('v.archived_at', 'is', null)
        .where('f.archived_at', 'is', null)
        .where('m.archived_at', 'is', null)
        .executeTakeFirst(),
    ),
    total(
      db
        .selectFrom('organisations')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirst(),
    ),
    total(
      db
        .selectFrom('kb_articles')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('published_at', 'is not', null)
        .executeTakeFirst(),
    ),
    total(
      db
        .selectFrom('users')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('role', '!=', 'admin')
        .where('disabled_at', 'is', null)
        .executeTakeFirst(),
    ),
    mailHealth(db, instance),
  ]);
  return { fieldValues, organisations, publishedArticles, colleagues, mailboxes, instance };
}
