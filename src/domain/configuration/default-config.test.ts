import { expect, it } from 'vitest';
import { describeEachBackend } from '../../../test/backends.ts';
import { applyDefaultConfiguration } from './apply-default-config.ts';
import { exportConfiguration } from './export-configuration.ts';
import { importConfiguration } from './import-configuration.ts';

const testActor = { userId: null, label: 'test' };

describeEachBackend('default configuration', (ctx) => {
  it('creates the two mailboxes and every value of SPEC §3 on first start only', async () => {
    expect(await applyDefaultConfiguration(ctx.db)).toBe(true);
    expect(await applyDefaultConfiguration(ctx.db)).toBe(false);
    const doc = await exportConfiguration(ctx.db);
    expect(doc.mailboxes.map((m) => m.name)).toEqual(['Partenaires', 'Demandeurs']);
    const counts = Object.fromEntries(
      doc.mailboxes.flatMap((m) => m.fields.map((f) => [`${m.slug}.${f.key}`, f.values.length])),
    );
    expect(counts).toEqual({
      'partenaires.departement': 10,
      'partenaires.nature': 26,
      'partenaires.module': 18,
      'partenaires.partner_type': 6,
      'demandeurs.departement': 9,
      'demandeurs.nature': 23,
    });
    const partners = doc.mailboxes[0];
    const labels = (key: string) =>
      partners?.fields.find((f) => f.key === key)?.values.map((v) => v.label);
    expect(labels('departement')).toEqual([
      '44',
      '35',
      '49',
      '56',
      '29',
      '22',
      '85',
      '72',
      '53',
      'Autre FP',
    ]);
    expect(labels('nature')).toContain("Dde d'aide utilisation logiciel");
    expect(labels('module')).toContain('Gestion / Paramètres');
    expect(labels('partner_type')).toEqual([
      'Bailleur social',
      'Collectivités - EPCI',
      'Action Logement Services',
      'Etat',
      'ADIL 44',
      'Handirect',
    ]);
  });

  it('gives Demandeurs a three-year retention on first start only, never again once removed', async () => {
    const policies = async () =>
      ctx.db
        .selectFrom('retention_policies as p')
        .innerJoin('mailboxes as m', 'm.id', 'p.mailbox_id')
        .select(['m.slug', 'p.months'])
        .execute();
    expect(await policies()).toEqual([{ slug: 'demandeurs', months: 36 }]);
    await ctx.db.deleteFrom('retention_policies').execute();
    expect(await applyDefaultConfiguration(ctx.db)).toBe(false);
    expect(await policies()).toEqual([]);
  });

  it('round-trips export → import without change, and renames a value by id', async () => {
    const before = await exportConfiguration(ctx.db);
    const summary = await importConfiguration(ctx.db, before, testActor);
    expect(summary?.values.created).toBe(0);
    expect(await exportConfiguration(ctx.db)).toEqual(before);
    const audited = await ctx.db
      .selectFrom('audit_events')
      .select(['actor_label'])
      .where('action', '=', 'config.imported')
      .execute();
    expect(audited.map((a) => a.actor_label)).toEqual(['system', 'test']);

    const renamed = structuredClone(before);
    const value = renamed.mailboxes[1]?.fields[1]?.values[0];
    if (!value) throw new Error('fixture: the Demandeurs nature field has values');
    const id = value.id;
    value.label = 'Identifiants oubliés';
    await importConfiguration(ctx.db, renamed, testActor);
    const row = await ctx.db
      .selectFrom('field_values')
      .select(['id', 'label'])
      .where('id', '=', id ?? '')
      .executeTakeFirstOrThrow();
    expect(row.label).toBe('Identifiants oubliés');
  });

  it('rejects a broken document with every problem named, and writes nothing', async () => {
    const before = await exportConfiguration(ctx.db);
    await expect(
      importConfiguration(
        ctx.db,
        { format: 'guichet-config', version: 1, mailboxes: [{ slug: 'Bad Slug!' }] },
        testActor,
      ),
    ).rejects.toThrow(/mailboxes\.0\.slug/);
    await expect(importConfiguration(ctx.db, 'nonsense', testActor)).rejects.toThrow(
      /Not a valid Guichet configuration/,
    );
    const clash = structuredClone(before);
    clash.mailboxes[0]?.addresses.push({ address: 'support@example.org', primary: true });
    clash.mailboxes[1]?.addresses.push({ address: 'support@example.org', primary: true });
    await expect(importConfiguration(ctx.db, clash, testActor)).rejects.toThrow(
      /already belongs to another mailbox/,
    );
    expect(await exportConfiguration(ctx.db)).toEqual(before);
  });
});
