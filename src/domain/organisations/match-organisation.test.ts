import { expect, it } from 'vitest';
import { describeEachBackend } from '../../../test/backends.ts';
import { matchOrganisation, organisationsByDomain } from './match-organisation.ts';

describeEachBackend('matching a sender to the directory', (ctx) => {
  const organisation = async (name: string, domains: string[]) => {
    const row = await ctx.db
      .insertInto('organisations')
      .values({ name })
      .returning('id')
      .executeTakeFirstOrThrow();
    await ctx.db
      .insertInto('organisation_domains')
      .values(domains.map((domain) => ({ domain, organisation_id: row.id })))
      .execute();
    return row.id;
  };

  it('takes the most specific directory domain, never a look-alike or a webmail', async () => {
    const region = await organisation('Région', ['region-match.example.org']);
    const lycee = await organisation('Lycée', ['lycee.region-match.example.org']);
    const of = async (address: string | null) => (await matchOrganisation(ctx.db, address))?.id;
    expect(await of('a@region-match.example.org')).toBe(region);
    expect(await of('a@MAIL.Region-Match.example.org')).toBe(region);
    expect(await of('a@lycee.region-match.example.org')).toBe(lycee);
    expect(await of('a@cdi.lycee.region-match.example.org')).toBe(lycee);
    expect(await of('a@notregion-match.example.org')).toBeUndefined();
    expect(await of('a@region-match.example.org.evil.example.net')).toBeUndefined();
    expect(await of('a@gmail.com')).toBeUndefined();
    expect(await of('no-at-sign')).toBeUndefined();
    expect(await of(null)).toBeUndefined();
    const batch = await organisationsByDomain(ctx.db, [
      'x.region-match.example.org',
      'lycee.region-match.example.org',
      'orange.fr',
      'unknown.example.org',
    ]);
    expect([...batch].map(([d, o]) => [d, o.id, o.domain])).toEqual([
      ['x.region-match.example.org', region, 'region-match.example.org'],
      ['lycee.region-match.example.org', lycee, 'lycee.region-match.example.org'],
    ]);
  });
});
