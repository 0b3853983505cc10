/**
 * The help centre's privacy notices say what the Demandeurs retention policy
 * does, and the numéro unique the form recorded goes when the ticket is
 * anonymised (by retention or by a person's erasure).
 */
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachBackend } from '../../test/backends.ts';
import { buildPortalApp, contactFields, multipart } from '../../test/support/portal-app.ts';
import { cliActor } from '../domain/audit/record-audit.ts';
import { erasePerson } from '../domain/privacy/erase-person.ts';
import { scrubTraces } from '../domain/privacy/find-traces.ts';
import { parsePersonQuery } from '../domain/privacy/person-query.ts';
import { setRetentionPolicy } from '../domain/privacy/retention-policies.ts';
import { runRetention } from '../domain/privacy/run-retention.ts';
import { createBlobStore } from '../storage/blob-store.ts';
import { clearReadCache } from './read-cache.ts';
import { frenchDuration, retentionSentence } from './retention-notice.ts';

describe('retentionSentence', () => {
  it('names whole years, months otherwise, and no duration without a policy', () => {
    expect([1, 12, 18, 36, 1200].map(frenchDuration)).toEqual([
      '1 mois',
      '1 an',
      '18 mois',
      '3 ans',
      '100 ans',
    ]);
    expect(retentionSentence(36)).toContain('Ils sont conservés 3 ans après la clôture');
    const none = retentionSentence(null, 'Vos messages');
    expect(none).toMatch(/^Vos messages sont conservés le temps nécessaire/);
    expect(none).not.toMatch(/\d/);
  });
});

describeEachBackend('help centre retention notice', (ctx) => {
  let app: FastifyInstance;
  let demandeurs: string;
  beforeAll(async () => {
    ({ app } = await buildPortalApp(ctx.database, {
      formPerIp: { max: 1000, windowSeconds: 3600 },
      formPerEmail: { max: 1000, windowSeconds: 3600 },
    }));
    demandeurs = (
      await ctx.db
        .selectFrom('mailboxes')
        .select('id')
        .where('slug', '=', 'demandeurs')
        .executeTakeFirstOrThrow()
    ).id;
    await ctx.db
      .insertInto('mailbox_addresses')
      .values({ address: 'demandeurs@example.org', mailbox_id: demandeurs, is_primary: true })
      .execute();
  });
  afterAll(async () => {
    await app.close();
  });

  const notices = async () => {
    const form = await app.inject({
      method: 'GET',
      url: '/aide/44/contact/formulaire?nature=identifiants-oublies',
    });
    const info = await app.inject({ method: 'GET', url: '/aide/44/confidentialite' });
    expect(form.statusCode).toBe(200);
    expect(info.statusCode).toBe(200);
    return { form: form.body, info: info.body };
  };

  const setPolicy = async (months: number | null) => {
    await setRetentionPolicy(ctx.db, demandeurs, months, cliActor);
    clearReadCache(ctx.db);
  };

  it('states the default three-year policy of the Demandeurs mailbox, then whatever is set', async () => {
    const policy = await ctx.db
      .selectFrom('retention_policies')
      .select('months')
      .where('mailbox_id', '=', demandeurs)
      .executeTakeFirst();
    expect(policy?.months).toBe(36);
    const byDefault = await notices();
    expect(byDefault.form).toContain('Ils sont conservés 3 ans après la clôture de votre demande');
    expect(byDefault.info).toContain(
      'Vos messages et vos pièces jointes sont conservés 3 ans après la clôture',
    );
    for (const page of Object.values(byDefault))
      expect(page).not.toContain('trois ans après notre dernière réponse');

    await setPolicy(18);
    const changed = await notices();
    expect(changed.form).toContain('conservés 18 mois après la clôture');
    expect(changed.info).toContain('conservés 18 mois après la clôture');

    await setPolicy(null);
    const none = await notices();
    for (const page of Object.values(none)) {
      expect(page).toContain('sont conservés le temps nécessaire au traitement de votre demande');
      expect(page).not.toMatch(/conservés \d+ (ans?|mois)/);
    }
  });

  const submit = async (email: string, numero: string) => {
    const body = multipart(
      contactFields('identifiants-oublies', {
        email,
        email_confirmation: email,
        numero_unique: numero,
      }),
    );
    const response = await app.inject({ method: 'POST', url: '/aide/44/contact', ...body });
    expect(response.statusCode, response.body).toBe(200);
    const number = Number(/Son numéro est <strong>(\d+)<\/strong>/.exec(response.body)?.[1]);
    return (
      await ctx.db
        .selectFrom('tickets')
        .select('id')
        .where('number', '=', number)
        .executeTakeFirstOrThrow()
    ).id;
  };
  const contextOf = (ticketId: number) =>
    ctx.db
      .selectFrom('portal_ticket_context')
      .select(['numero_unique', 'departement', 'nature_key'])
      .where('ticket_id', '=', ticketId)
      .executeTakeFirstOrThrow();

  it('empties the numéro unique when retention or an erasure anonymises the ticket', async () => {
    const blobs = createBlobStore(
      path.join(await mkdtemp(path.join(os.tmpdir(), 'guichet-rn-')), 'b'),
    );
    const expired = await submit('expire.ret@example.org', '044111111111111A1A');
    const erased = await submit('erase.ret@example.org', '044222222222222B2B');
    const kept = await submit('kept.ret@example.org', '044333333333333C3C');
    await ctx.db
      .updateTable('tickets')
      .set({ status: 'closed', closed_at: new Date('2020-01-10T10:00:00Z') })
      .where('id', '=', expired)
      .execute();
    await setPolicy(36);
    await runRetention(ctx.db, blobs, { dryRun: false, trigger: 'cli', actor: cliActor });
    expect(await contextOf(expired)).toEqual({
      numero_unique: null,
      departement: '44',
      nature_key: 'identifiants-oublies',
    });

    await erasePerson(ctx.db, blobs, parsePersonQuery('erase.ret@example.org'), {
      requestedBy: 'la personne, courriel (test)',
      actor: cliActor,
    });
    expect((await contextOf(erased)).numero_unique).toBeNull();
    expect((await contextOf(kept)).numero_unique).toBe('044333333333333C3C');
  });

  it('scrubbing a term found inside a numéro unique empties it instead of failing its format check', async () => {
    const other = await submit('other.ret@example.org', '044444444444444D4D');
    // the erasure finds this ticket by its message first; scrubbing alone is what
    // meets a numéro unique whose ticket was not found (e.g. a term shared by chance)
    const changed = await scrubTraces(ctx.db, '44444444D4D');
    expect(changed).toContainEqual({
      table: 'portal_ticket_context',
      column: 'numero_unique',
      rows: 1,
    });
    expect((await contextOf(other)).numero_unique).toBeNull();
  });
});
