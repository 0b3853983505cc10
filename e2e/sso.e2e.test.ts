/**
 * Single sign-on in a real browser (issue 21 §4): a real OpenID provider
 * (oidc-provider, test/oidc-provider.ts) runs beside Guichet. The administrator
 * adds it from the users page (label "ProConnect", new accounts as agents); in
 * another browser the login page offers "Se connecter avec ProConnect", the
 * provider's own login form signs Agnès in, and Guichet shows her inbox: her
 * account was created with the default role. A reload keeps her logged in.
 * The directory holds her SIRET: made a viewer, she is a partner of that
 * organisation and gets her own view (issue 21 §5).
 */
import { randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestProvider, type TestProvider } from '../test/oidc-provider.ts';
import { browserMissing } from './helpers/browser.ts';
import { type E2e, startE2e } from './helpers/e2e.ts';
import { expectHomePage, logIn, newPage, pageProblems } from './helpers/pages.ts';
import { repoRoot, serverOutput } from './helpers/server.ts';

const screenshotDir = path.join(repoRoot, 'test-results', 'e2e');
const admin = { email: 'admin.sso@example.org', password: 'e2e-Admin-Sso-Password-7!' };
const agnes = 'agnes.martin@partenaire.example.org';

describe.skipIf(browserMissing)('single sign-on in the browser', () => {
  let e2e: E2e<{ backend: 'pglite' }>;
  let provider: TestProvider;

  beforeAll(async () => {
    e2e = await startE2e({
      backend: 'pglite',
      publicUrlIsServer: true,
      admin,
      env: { MAIL_CREDENTIALS_KEY: randomBytes(32).toString('hex') },
    });
    provider = await startTestProvider({
      clients: [
        {
          clientId: 'guichet-e2e',
          clientSecret: 'guichet-e2e-secret-0123456789',
          redirectUris: [`${e2e.server.url}/auth/sso/proconnect/callback`],
        },
      ],
      accounts: {
        agnes: { email: agnes, givenName: 'Agnès', usualName: 'Martin', siret: '13002526500013' },
      },
    });
  }, 120_000);

  afterAll(async () => {
    if (e2e) console.log(serverOutput(e2e.server).slice(-2000));
    await provider?.close();
    await e2e?.cleanup();
    expect(pageProblems).toEqual([]);
  });

  test('ProConnect button → the provider’s login form → back logged in, account created as agent', async () => {
    // The administrator adds the provider from the users page.
    const { context: adminContext, page: adminPage } = await newPage(e2e.browser);
    await adminPage.goto(e2e.server.url);
    await logIn(adminPage, admin.email, admin.password);
    await adminPage.getByRole('banner').getByText(admin.email, { exact: true }).waitFor();
    await adminPage.goto(`${e2e.server.url}/users`);
    const section = adminPage.getByRole('region', { name: 'Connexion unique (OpenID Connect)' });
    await section.getByRole('button', { name: 'Ajouter un fournisseur' }).click();
    await section.getByLabel('Adresse de l’émetteur (issuer)').fill(provider.issuer);
    await section.getByLabel('Identifiant client (client_id)').fill('guichet-e2e');
    await section.getByLabel('Secret client').fill('guichet-e2e-secret-0123456789');
    await section.getByLabel('Rôle des nouveaux comptes', { exact: true }).click();
    await adminPage.getByRole('option', { name: 'Agent', exact: true }).last().click();
    await section.getByLabel('Domaines e-mail autorisés').fill('partenaire.example.org');
    await section.getByRole('button', { name: 'Enregistrer' }).click();
    await section.getByText(`${e2e.server.url}/auth/sso/proconnect/callback`).waitFor();
    // The directory knows Agnès's establishment by its SIRET.
    const adminApi = (method: string, url: string, body?: unknown) =>
      adminPage.evaluate(
        async ({ method, url, body }) => {
          const session = await (await fetch('/api/auth/session')).json();
          const response = await fetch(url, {
            method,
            headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
            body: body === undefined ? undefined : JSON.stringify(body),
          });
          return { status: response.status, body: await response.text() };
        },
        { method, url, body },
      );
    const organisation = await adminApi('POST', '/api/organisations', {
      name: 'Mairie de Saint-Exemple',
      siret: '13002526500013',
    });
    expect(organisation.status, organisation.body).toBe(201);

    // Agnès, in her own browser.
    const { page } = await newPage(e2e.browser);
    await page.goto(e2e.server.url);
    await page.getByRole('link', { name: 'Se connecter avec ProConnect' }).click();
    await page.locator('input[name="login"]').fill('agnes');
    await page.locator('input[name="password"]').fill('any password');
    await page.getByRole('button', { name: 'Sign-in' }).click();
    await expectHomePage(page, agnes);
    expect(new URL(page.url()).origin).toBe(e2e.server.url);
    const session = await page.evaluate(async () => {
      const response = await fetch('/api/auth/session', { credentials: 'same-origin' });
      return (await response.json()) as { user: { email: string; role: string; name: string } };
    });
    expect(session.user).toMatchObject({ email: agnes, role: 'agent', name: 'Agnès Martin' });

    await page.reload();
    await expectHomePage(page, agnes);
    await mkdir(screenshotDir, { recursive: true });
    await page.screenshot({ path: path.join(screenshotDir, 'sso.png'), fullPage: true });

    // Made a viewer, Agnès is a partner of her organisation (issue 21 §5): her own view.
    const users = JSON.parse((await adminApi('GET', '/api/users')).body) as {
      users: { id: string; email: string }[];
    };
    const agnesId = users.users.find((u) => u.email === agnes)?.id;
    const changed = await adminApi('PATCH', `/api/users/${agnesId}`, { role: 'viewer' });
    expect(changed.status, changed.body).toBe(200);
    await adminContext.close();
    await page.reload();
    await page
      .getByRole('heading', { level: 1, name: 'Dossiers de Mairie de Saint-Exemple' })
      .waitFor();
    await page.getByText('Aucun dossier pour votre organisation.').waitFor();
  }, 120_000);
});
