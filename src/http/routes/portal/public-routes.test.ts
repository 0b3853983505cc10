import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachBackend } from '../../../../test/backends.ts';
import { buildPortalApp, publishStarterArticles } from '../../../../test/support/portal-app.ts';
import { systemActor } from '../../../domain/audit/record-audit.ts';
import { updateSite } from '../../../portal/sites.ts';
import { flushPortalEvents } from '../../../portal/stats/portal-events.ts';

describeEachBackend('help centre public pages', (ctx) => {
  let app: FastifyInstance;
  beforeAll(async () => {
    ({ app } = await buildPortalApp(ctx.database));
  });
  afterAll(async () => {
    await app.close();
  });
  const get = (url: string) => app.inject({ method: 'GET', url });
  const events = async (kind: string) => {
    await flushPortalEvents(ctx.db);
    return ctx.db
      .selectFrom('portal_events')
      .selectAll()
      .where('kind', '=', kind as 'search')
      .execute();
  };

  it('serves a help centre per département; drafts stay private until published', async () => {
    const list = await get('/aide');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('href="/aide/44"');
    expect(list.body).toContain('href="/aide/53"');
    const before = await get('/aide/44');
    expect(before.statusCode).toBe(200);
    expect(before.body).not.toContain('J’ai oublié mon identifiant');
    expect(before.body).toContain('seront bientôt publiées');
    // What to do meanwhile: write to the support.
    expect(before.body).toContain('Aucune réponse publiée pour l’instant');
    expect(before.body).toContain('écrivez au support');
    expect((await get('/aide/44/articles/identifiants-oublies')).statusCode).toBe(404);
    await publishStarterArticles(ctx.db);
    const home = await get('/aide/44');
    expect(home.body).toContain('J’ai oublié mon identifiant ou mon mot de passe');
    expect(home.body).toContain('Ce que le support peut faire pour vous');
    expect(home.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(home.headers['content-security-policy']).toContain("script-src 'self'");
    expect((await get('/aide/99')).statusCode).toBe(404);
    expect((await get('/aide/..%2F..%2Fetc')).statusCode).toBe(404);
  });

  it('shows an article, records the view without personal data and remembers it in a cookie', async () => {
    const page = await get('/aide/35/articles/identifiants-oublies');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<strong>« Mot de passe oublié »</strong>');
    expect(page.body).toContain('Cette réponse vous a-t-elle aidé ?');
    expect(String(page.headers['set-cookie'])).toMatch(
      /aide_vus=[0-9a-f-]{36}; Path=\/aide; HttpOnly; SameSite=Lax/,
    );
    // a second article goes first in the cookie, the first one kept after it
    const first = /aide_vus=([0-9a-f-]{36})/.exec(String(page.headers['set-cookie']))?.[1];
    const second = await app.inject({
      method: 'GET',
      url: '/aide/35/articles/renouveler-ou-annuler',
      cookies: { aide_vus: `${first},not-an-id` },
    });
    const cookie = String(second.headers['set-cookie']);
    expect(cookie).toMatch(
      new RegExp(`^aide_vus=[0-9a-f-]{36}%2C${first}; Path=/aide; HttpOnly; SameSite=Lax$`),
    );
    const views = await events('article_view');
    expect(views.some((v) => v.departement === '35')).toBe(true);
    expect(Object.keys(views[0] ?? {})).not.toContain('ip');
  });

  it('searches in French (accents and plurals ignored), counts searches that found nothing, suggests titles', async () => {
    const found = await get('/aide/44/recherche?q=identifiants%20oublies');
    expect(found.body).toContain('/aide/44/articles/identifiants-oublies');
    const none = await get(
      '/aide/44/recherche?q=xylophone%20claire.martin%40example.org%200612345678',
    );
    expect(none.body).toContain('Aucune réponse trouvée');
    const searches = await events('search');
    const empty = searches.find((s) => s.results === 0);
    expect(empty?.query).toBe('xylophone #');
    const suggestions = await get('/aide/44/suggestions?q=renouv');
    expect(suggestions.json().suggestions[0]).toEqual({
      title: 'Renouveler ou annuler ma demande',
      url: '/aide/44/articles/renouveler-ou-annuler',
    });
  });

  it('escapes hostile search text and survives tsquery syntax', async () => {
    for (const q of ['<script>alert(1)</script>', "' & | ! :* ()", '%00%01', 'a'.repeat(5000)]) {
      const page = await get(`/aide/44/recherche?q=${encodeURIComponent(q)}`);
      expect(page.statusCode).toBe(200);
      expect(page.body).not.toContain('<script>alert(1)');
    }
  });

  it('"Oui" thanks; "Non" leads to the contact form (with the nature when known)', async () => {
    const vote = (body: string) =>
      app.inject({
        method: 'POST',
        url: '/aide/44/articles/identifiants-oublies/avis',
        payload: body,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
    const yes = await vote('utile=oui');
    expect(yes.statusCode).toBe(303);
    expect(yes.headers.location).toBe('/aide/44/articles/identifiants-oublies?avis=oui');
    const no = await vote('utile=non');
    expect(no.headers.location).toBe('/aide/44/contact?depuis=identifiants-oublies');
    const fromStep2 = await vote('utile=non&nature=identifiants-oublies');
    expect(fromStep2.headers.location).toBe(
      '/aide/44/contact/formulaire?nature=identifiants-oublies',
    );
    const bad = await vote('utile=%3Cscript%3E');
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('text/html');
    expect((await events('vote_yes')).length).toBe(1);
    expect((await events('vote_no')).length).toBe(2);
  });

  it('serves the widget framable by configured sites only, and the embed script', async () => {
    const site = await ctx.db
      .selectFrom('portal_sites')
      .selectAll()
      .where('departement', '=', '44')
      .executeTakeFirstOrThrow();
    await updateSite(
      ctx.db,
      '44',
      {
        name: site.name,
        colorPrimary: site.color_primary,
        colorAccent: site.color_accent,
        intro: site.intro,
        embedOrigins: ['https://demande.example.org'],
        enabled: true,
      },
      systemActor,
    );
    const widget = await get('/aide/44/widget');
    expect(widget.headers['content-security-policy']).toContain(
      "frame-ancestors 'self' https://demande.example.org",
    );
    expect(widget.headers['x-frame-options']).toBeUndefined();
    const other = await get('/aide/35/widget');
    expect(other.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    const cors = await app.inject({
      method: 'GET',
      url: '/aide/44/suggestions?q=mot',
      headers: { origin: 'https://demande.example.org' },
    });
    expect(cors.headers['access-control-allow-origin']).toBe('https://demande.example.org');
    const stranger = await app.inject({
      method: 'GET',
      url: '/aide/44/suggestions?q=mot',
      headers: { origin: 'https://evil.example.org' },
    });
    expect(stranger.headers['access-control-allow-origin']).toBeUndefined();
    const script = await get('/aide/embed.js');
    expect(script.body).toContain('/widget');
    const app2 = await get('/');
    expect(app2.headers['content-security-policy']).toContain("frame-ancestors 'none'");
  });

  it('serves static files, theme and info pages; never an attachment from the blob store', async () => {
    expect((await get('/aide/static/portal.css')).statusCode).toBe(200);
    expect((await get('/aide/static/..%2F..%2Fconfig.ts')).statusCode).toBe(404);
    expect((await get('/aide/44/theme.css')).body).toContain('--primary:#1d4f91');
    expect((await get('/aide/44/accessibilite')).body).toContain('non conforme');
    expect((await get('/aide/44/confidentialite')).body).toContain('Combien de temps');
    expect((await get(`/aide/images/${'a'.repeat(64)}`)).statusCode).toBe(404);
    expect((await get('/aide/images/..%2F..%2Fetc%2Fpasswd')).statusCode).toBe(404);
    expect((await get('/aide/nothing/here/at/all')).statusCode).toBe(404);
  });

  it('limits the pages one IP may request per minute, with a page that says why', async () => {
    const limited = await buildPortalApp(ctx.database, { pagesPerMinute: 3 });
    try {
      const page = (ip: string) =>
        limited.app.inject({ method: 'GET', url: '/aide/44', remoteAddress: ip });
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await page('10.1.2.3')).statusCode);
      expect(statuses).toEqual([200, 200, 200, 429]);
      const refused = await page('10.1.2.3');
      expect(refused.body).toContain('Trop de requêtes depuis votre connexion');
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      expect((await page('10.1.2.4')).statusCode).toBe(200);
      const api = await limited.app.inject({
        method: 'GET',
        url: '/api/auth/me',
        remoteAddress: '10.1.2.3',
      });
      expect(api.statusCode).not.toBe(429);
    } finally {
      await limited.app.close();
    }
  });
});
