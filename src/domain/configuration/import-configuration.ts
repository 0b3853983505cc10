import { type Insertable, type Kysely, sql, type Transaction, type Updateable } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../errors/app-error.ts';
import { type Actor, recordAudit } from '../audit/record-audit.ts';
import { configDocumentSchema, type ParsedConfigDocument } from './config-document.ts';

export type ImportSummary = {
  mailboxes: { created: number; updated: number };
  fields: { created: number; updated: number };
  values: { created: number; updated: number; keptNotInFile: number };
  settings: number;
};

type ConfigField = ParsedConfigDocument['mailboxes'][number]['fields'][number];

const CONFIG_LOCK_KEY = 7_318_442_015_230_012;
const now = () => new Date();
const archivedAt = (archived: boolean | undefined, current: Date | null) =>
  archived ? (current ?? now()) : null;

/** Validates an unknown JSON value as a configuration document, with every problem listed. */
export function parseConfigDocument(input: unknown): ParsedConfigDocument {
  const parsed = configDocumentSchema.safeParse(input);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .slice(0, 20)
      .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new AppError(
      'invalid_input',
      `Not a valid Guichet configuration: ${problems.join('; ')}`,
    );
  }
  return parsed.data;
}

async function upsertAddresses(
  trx: Transaction<DB>,
  mailboxId: string,
  addresses: ParsedConfigDocument['mailboxes'][number]['addresses'],
): Promise<void> {
  const wanted = addresses.map((a) => ({
    address: a.address.toLowerCase(),
    primary: a.primary ?? false,
  }));
  if (wanted.filter((a) => a.primary).length > 1) {
    throw new AppError('invalid_input', 'A mailbox has at most one primary address');
  }
  const taken = wanted.length
    ? await trx
        .selectFrom('mailbox_addresses')
        .select(['address', 'mailbox_id'])
        .where(
          'address',
          'in',
          wanted.map((a) => a.address),
        )
        .where('mailbox_id', '<>', mailboxId)
        .execute()
    : [];
  const [clash] = taken;
  if (clash)
    throw new AppError(
      'conflict',
      `The address ${clash.address} already belongs to another mailbox`,
    );
  await trx.deleteFrom('mailbox_addresses').where('mailbox_id', '=', mailboxId).execute();
  if (wanted.length) {
    await trx
      .insertInto('mailbox_addresses')
      .values(
        wanted.map((a) => ({ address: a.address, mailbox_id: mailboxId, is_primary: a.primary })),
      )
      .execute();
  }
}

async function upsertValues(
  trx: Transaction<DB>,
  fieldId: string,
  field: ConfigField,
  summary: ImportSummary,
) {
  const existing = await trx
    .selectFrom('field_values')
    .selectAll()
    .where('field_id', '=', fieldId)
    .execute();
  const byId = new Map(existing.map((v) => [v.id, v]));
  const byLabel = new Map(existing.map((v) => [v.label, v]));
  const seen = new Set<string>();
  const idOf = new Map<string, string>(); // label -> id, for mergedInto
  for (const [index, value] of field.values.entries()) {
    const match = (value.id ? byId.get(value.id) : undefined) ?? byLabel.get(value.label);
    const position = value.position ?? index;
    if (match) {
      if (seen.has(match.id))
        throw new AppError(
          'invalid_input',
          `Field ${field.key}: value "${value.label}" is listed twice`,
        );
      await trx
        .updateTable('field_values')
        .set({
          label: value.label,
          position,
          archived_at: archivedAt(value.archived, match.archived_at),
          needs_review: value.needsReview ?? match.needs_review,
        })
        .where('id', '=', match.id)
        .execute();
      summary.values.updated++;
      seen.add(match.id);
      idOf.set(value.label, match.id);
    } else {
      const created = await trx
        .insertInto('field_values')
        .values({
          field_id: fieldId,
          label: value.label,
          position,
          archived_at: archivedAt(value.archived, null),
          needs_review: value.needsReview ?? false,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      summary.values.created++;
      seen.add(created.id);
      idOf.set(value.label, created.id);
    }
  }
  summary.values.keptNotInFile += existing.filter((v) => !seen.has(v.id)).length;
  for (const value of field.values) {
    if (value.mergedInto === undefined) continue;
    const self = idOf.get(value.label);
    const target =
      value.mergedInto === null
        ? null
        : (idOf.get(value.mergedInto) ??
          (byId.has(value.mergedInto) ? value.mergedInto : undefined));
    if (target === undefined) {
      throw new AppError(
        'invalid_input',
        `Field ${field.key}: "${value.label}" is merged into unknown value "${value.mergedInto}"`,
      );
    }
    if (self && target !== self) {
      await trx
        .updateTable('field_values')
        .set({ merged_into_id: target })
        .where('id', '=', self)
        .execute();
    }
  }
}

/**
 * Updates the row `existing` found by its natural key, or inserts a new one;
 * returns its id and counts which it was in `counter`.
 */
async function upsertRow<T extends 'mailboxes' | 'fields'>(
  trx: Transaction<DB>,
  table: T,
  existing: { id: string } | undefined,
  update: Updateable<DB[T]>,
  insert: Insertable<DB[T]>,
  counter: { created: number; updated: number },
): Promise<string> {
  if (existing) {
    await trx
      .updateTable(table as 'mailboxes')
      .set(update as Updateable<DB['mailboxes']>)
      .where('id', '=', existing.id)
      .execute();
    counter.updated++;
    return existing.id;
  }
  const created = await trx
    .insertInto(table as 'mailboxes')
    .values(insert as Insertable<DB['mailboxes']>)
    .returning('id')
    .executeTakeFirstOrThrow();
  counter.created++;
  return created.id;
}

async function upsertFields(
  trx: Transaction<DB>,
  mailboxId: string,
  fields: ConfigField[],
  summary: ImportSummary,
) {
  for (const [index, field] of fields.entries()) {
    const existing = await trx
      .selectFrom('fields')
      .select(['id', 'archived_at'])
      .where('mailbox_id', '=', mailboxId)
      .where('key', '=', field.key)
      .executeTakeFirst();
    const row = {
      label: field.label,
      position: field.position ?? index,
      required_to_close: field.requiredToClose ?? false,
      archived_at: archivedAt(field.archived, existing?.archived_at ?? null),
    };
    const insert = { ...row, mailbox_id: mailboxId, key: field.key };
    const fieldId = await upsertRow(trx, 'fields', existing, row, insert, summary.fields);
    await upsertValues(trx, fieldId, field, summary);
  }
}

/**
 * Applies a configuration document in one transaction: mailboxes by slug,
 * fields by key, values by id then label. Nothing is deleted except mailbox
 * addresses, which are set to exactly the listed ones. On any error nothing
 * is written; the import is audited in the same transaction. With `onlyIfEmpty`, does nothing (returns null) when a mailbox
 * already exists.
 */
export async function importConfiguration(
  db: Kysely<DB>,
  input: unknown,
  actor: Actor,
  options: { onlyIfEmpty?: boolean } = {},
): Promise<ImportSummary | null> {
  const doc = parseConfigDocument(input);
  const summary: ImportSummary = {
    mailboxes: { created: 0, updated: 0 },
    fields: { created: 0, updated: 0 },
    values: { created: 0, updated: 0, keptNotInFile: 0 },
    settings: 0,
  };
  const slugs = new Set<string>();
  for (const m of doc.mailboxes) {
    if (slugs.has(m.slug)) throw new AppError('invalid_input', `Mailbox ${m.slug} is listed twice`);
    slugs.add(m.slug);
  }
  const done = await db.transaction().execute(async (trx) => {
    // Serialises configuration writers (two instances seeding a new database at once).
    await sql`select pg_advisory_xact_lock(${sql.lit(CONFIG_LOCK_KEY)})`.execute(trx);
    if (options.onlyIfEmpty) {
      const any = await trx.selectFrom('mailboxes').select('id').limit(1).executeTakeFirst();
      if (any) return false;
    }
    for (const [index, mailbox] of doc.mailboxes.entries()) {
      const existing = await trx
        .selectFrom('mailboxes')
        .select(['id', 'archived_at'])
        .where('slug', '=', mailbox.slug)
        .executeTakeFirst();
      const row = {
        name: mailbox.name,
        position: mailbox.position ?? index,
        archived_at: archivedAt(mailbox.archived, existing?.archived_at ?? null),
      };
      const insert = { ...row, slug: mailbox.slug };
      const mailboxId = await upsertRow(trx, 'mailboxes', existing, row, insert, summary.mailboxes);
      await upsertAddresses(trx, mailboxId, mailbox.addresses);
      await upsertFields(trx, mailboxId, mailbox.fields, summary);
    }
    for (const [key, value] of Object.entries(doc.settings)) {
      await trx
        .insertInto('settings')
        .values({ key, value: JSON.stringify(value) })
        .onConflict((oc) =>
          oc.column('key').doUpdateSet({ value: JSON.stringify(value), updated_at: now() }),
        )
        .execute();
      summary.settings++;
    }
    await recordAudit(trx, {
      action: 'config.imported',
      actorUserId: actor.userId,
      actorLabel: actor.label,
      ip: actor.ip,
      details: { summary },
    });
    return true;
  });
  return done ? summary : null;
}
