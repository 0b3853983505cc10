/**
 * Maps the names of an export (mailboxes, custom fields, option texts) to
 * Guichet's ids: the mapping file first, then by name, accent-, case- and
 * space-insensitively. An option text that matches no value becomes a new value
 * flagged "à vérifier" (`needs_review`), never dropped; in a dry run it is only
 * listed. Loaded once per run: the configuration is small.
 */
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { FieldValueRef, ResolvedTicket, TicketDraft } from './import-model.ts';
import type { MappingFile } from './mapping-file.ts';
import { normaliseName } from './text.ts';

type Field = { id: string; mailboxId: string; key: string; label: string };

const normaliseKeys = <T>(record: Record<string, T>): Map<string, T> =>
  new Map(Object.entries(record).map(([key, value]) => [normaliseName(key), value]));

/**
 * `normaliseName` remembered: an export repeats the same few names and option
 * texts on every record. Bounded, so a file of unique texts cannot grow it.
 */
function memoisedNormaliseName(limit = 10_000): (text: string) => string {
  const cache = new Map<string, string>();
  return (text) => {
    let normalised = cache.get(text);
    if (normalised === undefined) {
      normalised = normaliseName(text);
      if (cache.size >= limit) cache.clear();
      cache.set(text, normalised);
    }
    return normalised;
  };
}

export type MappingStats = {
  /** Origin mailbox (id or name) → Guichet mailbox slug, as used. */
  mailboxes: Record<string, string>;
  /** Origin field name → Guichet field label, as used. */
  fields: Record<string, string>;
  /** Origin field names that map to no Guichet field, with how many records had them. */
  unmappedFields: Record<string, number>;
  /** Values created (or, in a dry run, to create) flagged "à vérifier". */
  newValues: { field: string; label: string }[];
};

export class MappingResolver {
  readonly stats: MappingStats = { mailboxes: {}, fields: {}, unmappedFields: {}, newValues: [] };
  private readonly valueIds = new Map<string, Map<string, string>>();
  private readonly norm = memoisedNormaliseName();
  private readonly mailboxOverrides: Map<string, string>;
  private readonly fieldOverrides: Map<string, string | null>;
  private readonly valueOverrides: Map<string, Map<string, string>>;
  private readonly fieldsOf = new Map<string, Map<string, Field | null>>();

  private constructor(
    private readonly db: Kysely<DB>,
    mapping: MappingFile,
    private readonly dryRun: boolean,
    private readonly mailboxes: { id: string; slug: string; name: string }[],
    private readonly fields: Field[],
    values: { id: string; field_id: string; label: string }[],
  ) {
    for (const value of values)
      this.valuesOf(value.field_id).set(normaliseName(value.label), value.id);
    this.mailboxOverrides = normaliseKeys(mapping.mailboxes);
    this.fieldOverrides = normaliseKeys(mapping.fields);
    this.valueOverrides = new Map(
      [...normaliseKeys(mapping.values)].map(([field, texts]) => [field, normaliseKeys(texts)]),
    );
  }

  /** Reads the mailboxes, fields and values once. */
  static async load(
    db: Kysely<DB>,
    mapping: MappingFile,
    dryRun: boolean,
  ): Promise<MappingResolver> {
    const mailboxes = await db.selectFrom('mailboxes').select(['id', 'slug', 'name']).execute();
    const fields = await db
      .selectFrom('fields')
      .select(['id', 'mailbox_id as mailboxId', 'key', 'label'])
      .execute();
    const values = await db
      .selectFrom('field_values')
      .select(['id', 'field_id', 'label'])
      .execute();
    return new MappingResolver(db, mapping, dryRun, mailboxes, fields, values);
  }

  private valuesOf(fieldId: string): Map<string, string> {
    let map = this.valueIds.get(fieldId);
    if (!map) {
      map = new Map();
      this.valueIds.set(fieldId, map);
    }
    return map;
  }

  private findMailbox(target: string) {
    const wanted = this.norm(target);
    return this.mailboxes.find((m) => m.slug === wanted || this.norm(m.name) === wanted);
  }

  /** The Guichet mailbox of an origin mailbox (by id or name), or an error to report. */
  mailboxFor(ref: TicketDraft['mailbox']): { id: string } | { error: string } {
    for (const key of [ref.id, ref.name]) {
      if (!key) continue;
      const target = this.mailboxOverrides.get(this.norm(key)) ?? key;
      const mailbox = this.findMailbox(target);
      if (mailbox) {
        this.stats.mailboxes[key] = mailbox.slug;
        return { id: mailbox.id };
      }
    }
    const shown = [ref.name && `"${ref.name}"`, ref.id && `id ${ref.id}`]
      .filter(Boolean)
      .join(', ');
    return {
      error: `unknown mailbox ${shown || '(none given)'}: map it in the mapping file ("mailboxes")`,
    };
  }

  /**
   * The Guichet field an origin custom field maps to in a mailbox; null when none,
   * 'ignored' when the mapping file says so (null target).
   */
  fieldFor(mailboxId: string, name: string): Field | null | 'ignored' {
    const key = this.norm(name);
    const override = this.fieldOverrides.get(key);
    if (override === null) return 'ignored';
    const wanted = override === undefined ? key : this.norm(override);
    let known = this.fieldsOf.get(mailboxId);
    if (!known) {
      known = new Map();
      this.fieldsOf.set(mailboxId, known);
    }
    let field = known.get(wanted);
    if (field === undefined) {
      field =
        this.fields.find(
          (f) => f.mailboxId === mailboxId && (this.norm(f.label) === wanted || f.key === wanted),
        ) ?? null;
      if (known.size < 10_000) known.set(wanted, field);
    }
    return field;
  }

  /** The value id of an option text, created "à vérifier" when unknown. */
  async valueFor(field: Field, text: string): Promise<string> {
    const perField =
      this.valueOverrides.get(this.norm(field.label)) ?? this.valueOverrides.get(field.key);
    const target = perField?.get(this.norm(text));
    const label = (target ?? text).slice(0, 300);
    const values = this.valuesOf(field.id);
    const known = values.get(this.norm(label));
    if (known) return known;
    this.stats.newValues.push({ field: field.label, label });
    let id = `dry-run:${field.id}:${label}`;
    if (!this.dryRun) {
      // Its own statement, outside the batch's transaction: a value is configuration,
      // and a batch that rolls back must not leave this cache pointing at nothing.
      const { rows } = await sql<{ id: string }>`
        insert into field_values (field_id, label, position, needs_review)
        values (${field.id}, ${label},
          (select coalesce(max(position) + 1, 0) from field_values where field_id = ${field.id}), true)
        on conflict (field_id, label) do update set label = excluded.label
        returning id`.execute(this.db);
      id = rows[0]?.id ?? id;
    }
    values.set(this.norm(label), id);
    return id;
  }

  /** Maps a draft's mailbox and fields; an error when its mailbox is unknown. */
  async resolve(
    draft: TicketDraft,
  ): Promise<{ ticket: ResolvedTicket; warnings: string[] } | { error: string }> {
    const mailbox = this.mailboxFor(draft.mailbox);
    if ('error' in mailbox) return mailbox;
    const fieldValues: FieldValueRef[] = [];
    const unmapped: Record<string, string> = {};
    for (const { name, text } of draft.fields) {
      const field = this.fieldFor(mailbox.id, name);
      if (field === null || field === 'ignored') {
        // Kept in the import record either way: nothing of the export is lost.
        unmapped[name] = text;
        if (field === null) {
          this.stats.unmappedFields[name] = (this.stats.unmappedFields[name] ?? 0) + 1;
        }
        continue;
      }
      this.stats.fields[name] = field.label;
      const valueId = await this.valueFor(field, text);
      const existing = fieldValues.findIndex((v) => v.fieldId === field.id);
      if (existing >= 0) fieldValues.splice(existing, 1);
      fieldValues.push({ fieldId: field.id, valueId });
    }
    const extra = Object.keys(unmapped).length
      ? { ...draft.extra, customFields: unmapped }
      : draft.extra;
    return { ticket: { ...draft, extra, mailboxId: mailbox.id, fieldValues }, warnings: [] };
  }
}
