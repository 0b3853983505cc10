/**
 * Mapping by name and by mapping file, values "à vérifier", and --dry-run
 * changing nothing. Both backends.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { describeEachBackend } from '../../../test/backends.ts';
import { withDefaultConfiguration } from '../../../test/factories.ts';
import { conversation, line } from '../../../test/support/import-conversations.ts';
import { tableCounts } from '../../../test/support/import-figures.ts';
import { importHelpScout } from '../helpscout/import-helpscout.ts';
import { ImportReport } from './import-report.ts';
import { loadMappingFile, type MappingFile, mappingFileSchema } from './mapping-file.ts';

const fields = (entries: [string, string][]) => entries.map(([name, text]) => ({ name, text }));

describeEachBackend('import mapping', (ctx) => {
  let dir: string;
  let file: string;
  beforeAll(async () => {
    await withDefaultConfiguration(ctx.db);
    dir = await mkdtemp(path.join(os.tmpdir(), 'guichet-mapping-'));
    file = path.join(dir, 'export.jsonl');
    const rows = [
      conversation(1, {
        mailboxId: undefined,
        mailbox: { id: 7, name: 'Support Partenaires' },
        customFields: fields([
          ['  departement ', '44'],
          ['Nature du probleme', 'dde D’INFOS'],
          ['Module', 'Demandes'],
          ['Type de partenaire', 'Mutuelle régionale'],
          ['Priorité', 'haute'],
        ]),
      }),
      conversation(2, {
        mailboxId: undefined,
        mailbox: { name: 'DEMANDEURS' },
        customFields: fields([['Département', '35']]),
      }),
    ];
    await writeFile(file, rows.map(line).join('\n'));
  });

  const mapping: MappingFile = mappingFileSchema.parse({
    mailboxes: { 'support partenaires': 'Partenaires' },
    fields: { module: "Module de l'application", Priorité: null },
    values: { module: { demandes: 'Demande' } },
  });
  const run = (dryRun: boolean) =>
    importHelpScout({ db: ctx.db, paths: [file], mapping, dryRun, report: new ImportReport(null) });
  const valuesOf = async (sourceId: string) =>
    (
      await ctx.db
        .selectFrom('ticket_field_values as tv')
        .innerJoin('tickets as t', 't.id', 'tv.ticket_id')
        .innerJoin('fields as f', 'f.id', 'tv.field_id')
        .innerJoin('field_values as v', 'v.id', 'tv.value_id')
        .select(['f.key', 'v.label', 'v.needs_review'])
        .where('t.source_id', '=', sourceId)
        .orderBy('f.key')
        .execute()
    ).map((r) => `${r.key}=${r.label}${r.needs_review ? ' (à vérifier)' : ''}`);

  it('a dry run lists what would be mapped and created, and changes nothing', async () => {
    const before = await tableCounts(ctx.db);
    const summary = await run(true);
    expect(summary.dryRun).toBe(true);
    expect(summary.records).toMatchObject({ read: 2, created: 2, failed: 0 });
    expect(summary.mapping.mailboxes).toEqual({
      'Support Partenaires': 'partenaires',
      DEMANDEURS: 'demandeurs',
    });
    expect(summary.mapping.newValues).toEqual([
      { field: 'Type de partenaire', label: 'Mutuelle régionale' },
    ]);
    expect(await tableCounts(ctx.db)).toEqual(before);
  });

  it('maps by name accent-, case- and space-insensitively, the mapping file overriding', async () => {
    const summary = await run(false);
    expect(summary.errors).toBe(0);
    expect(await valuesOf('1')).toEqual([
      'departement=44',
      'module=Demande',
      "nature=Dde d'infos",
      'partner_type=Mutuelle régionale (à vérifier)',
    ]);
    expect(await valuesOf('2')).toEqual(['departement=35']);
    const audit = await ctx.db
      .selectFrom('audit_events')
      .select(['action', 'actor_label', 'target_id'])
      .where('action', '=', 'import.helpscout')
      .execute();
    expect(audit).toEqual([
      { action: 'import.helpscout', actor_label: 'cli', target_id: summary.runId },
    ]);
    // An ignored field is neither mapped nor reported as unmapped; its text stays in the record.
    expect(summary.mapping.unmappedFields).toEqual({});
    const record = await ctx.db
      .selectFrom('import_records')
      .select('extra')
      .where('source_id', '=', '1')
      .executeTakeFirstOrThrow();
    expect(record.extra).toMatchObject({ customFields: { Priorité: 'haute' } });
  });
});

it('a mapping file is validated', async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'guichet-mapping-'));
  const bad = path.join(dir, 'bad.json');
  await writeFile(bad, JSON.stringify({ mailboxes: { x: 3 } }));
  await expect(loadMappingFile(bad)).rejects.toThrow(/mailboxes.x/);
  await writeFile(bad, JSON.stringify({ mailbox: {} }));
  await expect(loadMappingFile(bad)).rejects.toThrow(/Unrecognized key/);
  await writeFile(bad, '{');
  await expect(loadMappingFile(bad)).rejects.toThrow(/not valid JSON/);
  await expect(loadMappingFile(path.join(dir, 'missing.json'))).rejects.toThrow(/ENOENT/);
});
