/**
 * `guichet privacy …` in a real process. The CLI adds argument handling and
 * output to the domain functions, which are tested on both backends
 * (src/domain/privacy/*.test.ts): each process costs seconds, so this runs on
 * one backend, test/cli.ts's cliBackend().
 */
import { mkdtemp, readFile } from 'node:fs/promises';
import path from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliBackend, cliSandbox, type Env, migratedInstance, run, show } from '../../test/cli.ts';
import { createTicket, withDefaultConfiguration } from '../../test/factories.ts';
import { givePersonalData, person } from '../../test/personal-data.ts';
import type { DatabaseConfig } from '../config.ts';
import { openDatabase } from '../db/client.ts';
import { migrate } from '../db/migrate.ts';
import { createBlobStore } from '../storage/blob-store.ts';

const sandbox = cliSandbox();
const who = person('cli');

/** An expired Demandeurs ticket (12-month policy) and the person's open Partenaires ticket. */
async function seed(config: DatabaseConfig, dataDir: string): Promise<void> {
  const database = await openDatabase(config);
  try {
    await migrate(database.db);
    const { demandeurs = '', partenaires = '' } = await withDefaultConfiguration(database.db);
    await createTicket(database.db, {
      mailboxId: demandeurs,
      createdAt: new Date('2020-05-05T10:00:00Z'),
      status: 'closed',
    });
    const ticket = await createTicket(database.db, {
      mailboxId: partenaires,
      createdAt: new Date(),
    });
    await givePersonalData(database.db, createBlobStore(path.join(dataDir, 'blobs')), ticket, who);
    await database.db
      .insertInto('retention_policies')
      .values({ mailbox_id: demandeurs, months: 12, updated_by: null })
      // the default configuration already sets one (36 months)
      .onConflict((oc) => oc.column('mailbox_id').doUpdateSet({ months: 12 }))
      .execute();
  } finally {
    await database.close();
  }
}

describe(`guichet privacy [${cliBackend()}]`, () => {
  let dir: string;
  let env: Env;
  let drop: () => Promise<void> = async () => {};
  const guichet = (args: string[]) => run(['privacy', ...args], env);

  beforeAll(async () => {
    dir = await mkdtemp(path.join(sandbox(), 'instance-'));
    const dataDir = path.join(dir, 'data');
    const instance = await migratedInstance(dataDir);
    ({ env, drop } = instance);
    await seed(instance.database, dataDir);
  }, 300_000);
  afterAll(() => drop());

  it('previews and runs the retention', async () => {
    const bad = await guichet(['retention']);
    expect(bad.code, show(bad)).toBe(2);
    const dry = await guichet(['retention', '--dry-run']);
    expect(dry.code, show(dry)).toBe(0);
    expect(dry.stdout).toMatch(/^1 ticket\(s\) would be anonymised/);
    const done = await guichet(['retention', '--run']);
    expect(done.stdout, show(done)).toMatch(/^1 ticket\(s\) anonymised/);
    const again = await guichet(['retention', '--run']);
    expect(again.stdout, show(again)).toMatch(/^0 ticket\(s\) anonymised/);
  }, 300_000);

  it('finds, exports and erases a person; refuses odd input', async () => {
    const found = await guichet(['find', who.email]);
    expect(found.code, show(found)).toBe(0);
    expect(found.stdout).toContain('1 contact(s), 1 ticket(s).');
    expect((await guichet(['find', 'ab'])).code).toBe(2);
    const out = path.join(dir, 'person.zip');
    const exported = await guichet([
      'export',
      who.email,
      '--requested-by',
      'la personne',
      '--out',
      out,
    ]);
    expect(exported.code, show(exported)).toBe(0);
    const zip = await JSZip.loadAsync(await readFile(out));
    expect(zip.file('person.json')).not.toBeNull();
    const unconfirmed = await guichet(['erase', who.email, '--requested-by', 'la personne']);
    expect(unconfirmed.code, show(unconfirmed)).toBe(2);
    const erased = await guichet(['erase', who.email, '--requested-by', 'la personne', '--yes']);
    expect(erased.code, show(erased)).toBe(0);
    expect(erased.stdout).toMatch(/^Erased: 1 ticket\(s\), 1 contact\(s\)/);
    expect(erased.stdout).not.toContain('Still found');
    const after = await guichet(['find', who.email]);
    expect(after.stdout).toContain('0 contact(s), 0 ticket(s).');
  }, 300_000);
});
