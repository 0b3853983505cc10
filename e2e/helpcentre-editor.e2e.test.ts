/**
 * The supervisors' help-centre editor in a real browser against a real server
 * (embedded database): a category is created, an article filed in it is saved
 * as a draft (not public), then published (on /aide/44 under its category); a
 * public nature is reworded (step 1 of the form shows the new words) and
 * moved with the keyboard; a search and an article view made in the test
 * show in the deflection figures of the reports page. axe-core on every
 * screen.
 */
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ensureDataDir } from '../src/config.ts';
import { openDatabase } from '../src/db/client.ts';
import { migrate } from '../src/db/migrate.ts';
import { createUser } from '../src/domain/users/manage-users.ts';
import { withDefaultConfiguration } from '../test/factories.ts';
import { axeViolations } from './helpers/axe.ts';
import { browserMissing, launchBrowser } from './helpers/browser.ts';
import { logIn, newPage, pageProblems } from './helpers/pages.ts';
import {
  type GuichetServer,
  makeDataDir,
  removeDataDir,
  serverOutput,
  startGuichet,
} from './helpers/server.ts';

const password = 'e2e-Editor-Lighthouse-Kettle-42!';
const supervisor = { email: 'superviseure-aide@example.org', name: 'Sophie Superviseure' };

async function seedData(dataDir: string): Promise<void> {
  await ensureDataDir(dataDir);
  const database = await openDatabase({ kind: 'pglite', dataDir: path.join(dataDir, 'pgdata') });
  try {
    await migrate(database.db);
    await withDefaultConfiguration(database.db);
    await createUser(
      database.db,
      { ...supervisor, role: 'supervisor', password },
      { userId: null, label: 'e2e' },
    );
  } finally {
    await database.close();
  }
}

describe.skipIf(browserMissing)('help-centre editor in the browser', () => {
  let browser: Browser;
  let server: GuichetServer | undefined;
  let dataDir: string | undefined;
  let page: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
    dataDir = await makeDataDir();
    await seedData(dataDir);
    server = await startGuichet({ dataDir });
    ({ page } = await newPage(browser));
    await page.goto(server.url);
    await logIn(page, supervisor.email, password);
    await page.getByRole('navigation').getByRole('link', { name: 'Centre d’aide' }).click();
    await page.getByRole('heading', { level: 1, name: 'Centre d’aide' }).waitFor();
  }, 180_000);

  afterAll(async () => {
    await server?.stop();
    if (dataDir !== undefined) await removeDataDir(dataDir);
    await browser?.close();
    expect(pageProblems).toEqual([]);
  });

  const url = () => server?.url ?? '';
  const publicPage = async (target: string) => {
    const response = await page.request.get(`${url()}${target}`);
    return { status: response.status(), body: await response.text() };
  };

  test('a category, then an article filed in it: a draft stays private, the published one is on /aide/44', async ({
    onTestFailed,
  }) => {
    onTestFailed(() => {
      if (server) console.error(serverOutput(server));
    });
    await page.getByRole('tab', { name: 'Catégories' }).click();
    const add = page.getByRole('group', { name: 'Nouvelle catégorie' });
    await add.waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await add.getByRole('textbox', { name: 'Titre de la catégorie' }).fill('Horaires du support');
    await add.getByRole('textbox', { name: /^Adresse/ }).fill('horaires');
    await add.getByRole('button', { name: 'Ajouter la catégorie' }).click();
    const created = page.getByRole('group', { name: 'Horaires du support' });
    await created.waitFor();
    await created.getByText('Aucun article').waitFor();
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole('tab', { name: 'Articles' }).click();
    await page.getByRole('button', { name: 'Nouvel article' }).click();
    await page
      .getByRole('textbox', { name: 'Titre', exact: true })
      .fill('Quand joindre le support');
    await page.getByRole('textbox', { name: /^Adresse/ }).fill('quand-joindre-le-support');
    await page.getByRole('combobox', { name: 'Catégorie' }).click();
    await page.getByRole('option', { name: 'Horaires du support' }).click();
    await page
      .getByRole('textbox', { name: 'Texte (Markdown)' })
      .fill('Le support répond **du lundi au vendredi**, par e-mail.');
    await page.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
    await page.getByRole('status').getByText('Enregistré.').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    expect((await publicPage('/aide/44/articles/quand-joindre-le-support')).status).toBe(404);

    await page.getByRole('button', { name: 'Publier', exact: true }).click();
    await page.getByRole('button', { name: 'Retirer du site' }).waitFor();
    const article = await publicPage('/aide/44/articles/quand-joindre-le-support');
    expect(article.status).toBe(200);
    expect(article.body).toContain('<strong>du lundi au vendredi</strong>');
    const home = await publicPage('/aide/44');
    expect(home.body).toMatch(
      /<h2 id="cat-horaires">Horaires du support<\/h2>\s*<ul class="articles"><li><a href="\/aide\/44\/articles\/quand-joindre-le-support">Quand joindre le support/,
    );

    // the category now holds an article: it cannot be deleted
    await page.getByRole('tab', { name: 'Catégories' }).click();
    await page.getByRole('group', { name: 'Horaires du support' }).getByText('1 article').waitFor();
    expect(
      await page.getByRole('button', { name: 'Supprimer « Horaires du support »' }).isDisabled(),
    ).toBe(true);
  });

  test('a public nature reworded shows at step 1; the order is set with the keyboard', async () => {
    await page.getByRole('tab', { name: 'Problèmes du formulaire' }).click();
    const first = page.getByRole('group', {
      name: 'J’ai oublié mon identifiant ou mon mot de passe',
    });
    await first.waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await first
      .getByRole('textbox', { name: 'Libellé affiché au public' })
      .fill('J’ai perdu mes identifiants de connexion');
    await first.getByRole('button', { name: /^Enregistrer/ }).click();
    const renamed = page.getByRole('group', { name: 'J’ai perdu mes identifiants de connexion' });
    await renamed.getByText('Enregistré.').waitFor();
    const step1 = await publicPage('/aide/44/contact');
    expect(step1.body).toContain('J’ai perdu mes identifiants de connexion');
    expect(step1.body).not.toContain('J’ai oublié mon identifiant ou mon mot de passe');

    // keyboard only: focus "Descendre" of the first nature, press Enter
    const down = page.getByRole('button', {
      name: 'Descendre « J’ai perdu mes identifiants de connexion »',
    });
    await down.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('status').getByText('Ordre enregistré.').waitFor();
    // focus follows the moved nature, so Enter again moves it once more
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label')))
      .toBe('Descendre « J’ai perdu mes identifiants de connexion »');
    const after = await publicPage('/aide/44/contact');
    const labels = [...after.body.matchAll(/<label for="nature-\d+">([^<]+)<\/label>/g)].map(
      (m) => m[1],
    );
    expect(labels[1]).toBe('J’ai perdu mes identifiants de connexion');
    expect(await axeViolations(page)).toEqual([]);
  });

  test('a search without result and an article view made here show in the deflection figures', async () => {
    const publicTab = await page.context().newPage();
    await publicTab.goto(`${url()}/aide/44`);
    await publicTab.getByRole('searchbox', { name: 'Rechercher une réponse' }).fill('zorglubette');
    await publicTab.getByRole('button', { name: 'Rechercher' }).click();
    await publicTab.getByRole('heading', { name: 'Résultats de la recherche' }).waitFor();
    await publicTab.goto(`${url()}/aide/44/articles/quand-joindre-le-support`);
    await publicTab.getByRole('heading', { name: 'Quand joindre le support' }).waitFor();
    await publicTab.close();

    const year = new Date().getFullYear();
    // events are buffered a quarter of a second before they are written
    await expect
      .poll(async () => {
        const stats = await page.request.get(
          `${url()}/api/portal/stats?from=${year}-01-01&to=${year}-12-31`,
        );
        return ((await stats.json()) as { totals: { searches: number } }).totals.searches;
      })
      .toBeGreaterThan(0);
    await page.goto(`${url()}/reports?period=${year}`);
    const section = page.getByRole('region', {
      name: 'Centre d’aide : réponses trouvées et messages évités',
    });
    await section.getByRole('cell', { name: 'zorglubette' }).waitFor();
    const total = section.getByRole('row', { name: /^Total/ });
    const cells = await total.getByRole('cell').allTextContents();
    // Articles lus, Recherches, Sans résultat, …
    expect(Number(cells[0])).toBeGreaterThanOrEqual(1);
    expect(Number(cells[1])).toBeGreaterThanOrEqual(1);
    expect(Number(cells[2])).toBeGreaterThanOrEqual(1);
    expect(await axeViolations(page)).toEqual([]);
  });

  test('the starter articles are reviewed and published in one pass, one left to review', async () => {
    await page.goto(`${url()}/help-centre`);
    await page.getByRole('tab', { name: 'Articles' }).click();
    const articles = page.getByRole('navigation', { name: 'Articles' });
    const toReview = articles.getByText('À relire', { exact: true });
    await toReview.first().waitFor();
    const count = await toReview.count();
    expect(count).toBeGreaterThan(1);
    expect(await articles.getByText('Brouillon · ?').count()).toBe(0);
    await page.getByText(`${count} articles de départ à relire`).waitFor();
    await page.getByRole('button', { name: 'Relire et publier' }).click();
    const dialog = page.getByRole('dialog', { name: 'Relire les articles de départ' });
    await dialog.waitFor();
    expect(await axeViolations(page, 'minor')).toEqual([]);
    const boxes = dialog.getByRole('checkbox');
    expect(await boxes.count()).toBe(count);
    const kept = (await dialog.locator('label').first().textContent()) ?? '';
    await boxes.first().uncheck();
    await dialog.getByRole('button', { name: `Publier les ${count - 1} articles cochés` }).click();
    await page
      .getByRole('status')
      .getByText(`${count - 1} articles publiés.`)
      .waitFor();
    await page.reload();
    await page.getByRole('tab', { name: 'Articles' }).click();
    await page.getByText('1 article de départ à relire').waitFor();
    const left = page.getByRole('navigation', { name: 'Articles' }).getByText('À relire', {
      exact: true,
    });
    expect(await left.count()).toBe(1);
    // The public help centre lists the published ones, not the one left to review.
    const home = await publicPage('/aide/44');
    expect(home.status).toBe(200);
    expect(home.body).not.toContain(kept.trim());
  });
});
