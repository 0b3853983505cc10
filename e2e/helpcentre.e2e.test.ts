/**
 * The public help centre in a real browser against a real server (PostgreSQL
 * backend, SMTP relay = the test sink): search → article → "Non" → the three
 * steps of the contact form with an attachment → the ticket is in the
 * Demandeurs mailbox, classified (checked through the agents' reports API) →
 * the agent's reply reaches the applicant. The same flow without JavaScript,
 * with the keyboard alone and at 320 px; axe-core on every public page.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { adminQuery, adminUrl } from '../test/pg-settings.ts';
import { type SmtpSink, startSmtpSink } from '../test/smtp-sink.ts';
import { waitFor } from '../test/wait-for.ts';
import { axeViolations } from './helpers/axe.ts';
import { browserMissing, launchBrowser } from './helpers/browser.ts';
import { pageProblems } from './helpers/pages.ts';
import { type GuichetServer, removeDataDir, serverOutput, startGuichet } from './helpers/server.ts';

const pgReachable = await adminQuery('select 1').then(
  () => true,
  () => false,
);

const adminEmail = 'admin@example.org';
const adminPassword = 'e2e-Help-Centre-Password-31!';
const samplePdf = Buffer.from(
  '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
);

describe.skipIf(browserMissing || !pgReachable)('the public help centre in the browser', () => {
  const database = `guichet_e2e_aide_${randomBytes(5).toString('hex')}`;
  let server: GuichetServer;
  let sink: SmtpSink;
  let browser: Browser;
  let db: pg.Client;
  let api: (method: string, url: string, body?: unknown) => Promise<Response>;
  let pdfPath = '';
  const checked = new Set<string>();

  /** axe on the page as it is now, every impact; each distinct page once. */
  async function expectAccessible(page: Page, name: string): Promise<void> {
    if (checked.has(name)) return;
    checked.add(name);
    expect(await axeViolations(page, 'minor'), name).toEqual([]);
  }

  beforeAll(async () => {
    sink = await startSmtpSink();
    const url = new URL(adminUrl());
    url.pathname = `/${database}`;
    server = await startGuichet({
      env: {
        DATABASE_URL: url.toString(),
        SESSION_SECRET: randomBytes(36).toString('base64url'),
        GUICHET_ADMIN_EMAIL: adminEmail,
        GUICHET_ADMIN_PASSWORD: adminPassword,
        SMTP_RELAY_URL: sink.url().toString(),
        PORTAL_MIN_SUBMIT_SECONDS: '1',
      },
    });
    db = new pg.Client({ connectionString: url.toString() });
    await db.connect();
    const mailbox = await db.query<{ id: string }>(
      "select id from mailboxes where slug = 'demandeurs'",
    );
    await db.query(
      'insert into mailbox_addresses (address, mailbox_id, is_primary) values ($1, $2, true)',
      ['demandeurs@example.org', mailbox.rows[0]?.id],
    );
    const origin = `http://localhost:${server.port}`;
    const login = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin },
      body: JSON.stringify({ email: adminEmail, password: adminPassword }),
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    api = (method, target, body) =>
      fetch(`${server.url}${target}`, {
        method,
        headers: {
          cookie,
          origin,
          'x-csrf-token': csrfToken,
          ...(body ? { 'content-type': 'application/json' } : {}),
        },
        body: body ? JSON.stringify(body) : undefined,
      });
    const kb = (await (await api('GET', '/api/portal/articles')).json()) as {
      articles: { id: string }[];
    };
    for (const article of kb.articles)
      expect((await api('POST', `/api/portal/articles/${article.id}/publish`)).status).toBe(200);
    pdfPath = path.join(await mkdtemp(path.join(tmpdir(), 'guichet-aide-')), 'attestation.pdf');
    await writeFile(pdfPath, samplePdf);
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await db?.end();
    await server?.stop();
    if (server) await removeDataDir(server.dataDir);
    await sink?.stop();
    await adminQuery(`drop database if exists "${database}" with (force)`);
    expect(pageProblems).toEqual([]);
  });

  async function context(
    options: { javaScript?: boolean; width?: number } = {},
  ): Promise<{ ctx: BrowserContext; page: Page }> {
    const ctx = await browser.newContext({
      locale: 'fr-FR',
      javaScriptEnabled: options.javaScript ?? true,
      viewport: { width: options.width ?? 1024, height: 800 },
    });
    const page = await ctx.newPage();
    page.setDefaultTimeout(20_000);
    page.on('console', (message) => {
      if (message.type() === 'error' && /Content Security Policy/i.test(message.text()))
        pageProblems.push(message.text());
    });
    page.on('pageerror', (error) => pageProblems.push(`Uncaught: ${error.message}`));
    return { ctx, page };
  }

  async function noHorizontalScroll(page: Page): Promise<void> {
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(320);
  }

  /** Fills step 3 (the attachment through the file input) and sends it; returns the ticket number. */
  async function fillAndSend(page: Page, email: string, withFile: boolean): Promise<number> {
    await page.getByLabel('Nom', { exact: false }).first().fill('Martin');
    await page.getByRole('textbox', { name: /^Prénom/ }).fill('Claire');
    await page.getByRole('textbox', { name: /^Adresse e-mail/ }).fill(email);
    await page.getByRole('textbox', { name: /^Confirmation de l’adresse e-mail/ }).fill(email);
    await page.getByRole('textbox', { name: /^Numéro unique/ }).fill('044 11 21 12345 6 78A9 B');
    await page
      .getByRole('textbox', { name: /^Message/ })
      .fill('Je ne retrouve plus mon mot de passe, le lien ne marche pas.');
    if (withFile) await page.getByLabel(/^Pièces jointes/).setInputFiles(pdfPath);
    await page.waitForTimeout(1100); // the form's minimum time (PORTAL_MIN_SUBMIT_SECONDS=1)
    await page.getByRole('button', { name: 'Envoyer mon message' }).click();
    await page.getByRole('heading', { name: 'Message envoyé' }).waitFor();
    return Number(await page.locator('p[role=status] strong').textContent());
  }

  async function ticketOf(number: number) {
    const result = await db.query<{ id: string; channel: string; created_at: Date }>(
      'select id, channel, created_at from tickets where number = $1',
      [number],
    );
    return result.rows[0];
  }

  test('search → article → "Non" → three steps with an attachment → classified ticket → the reply reaches the applicant', async ({
    onTestFailed,
  }) => {
    onTestFailed(() => console.error(serverOutput(server)));
    const { ctx, page } = await context();
    await page.goto(`${server.url}/aide`);
    await expectAccessible(page, 'list of help centres');
    await page.getByRole('link', { name: /Loire-Atlantique/ }).click();
    await page.getByRole('heading', { name: 'Comment pouvons-nous vous aider ?' }).waitFor();
    await expectAccessible(page, 'home');
    await page
      .getByRole('searchbox', { name: 'Rechercher une réponse' })
      .fill('mot de passe oublié');
    await page.getByRole('list', { name: 'Suggestions' }).waitFor(); // the enhancement script
    await expectAccessible(page, 'home with suggestions');
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await page.getByRole('heading', { name: 'Résultats de la recherche' }).waitFor();
    await expectAccessible(page, 'search results');
    await page
      .getByRole('link', { name: 'J’ai oublié mon identifiant ou mon mot de passe' })
      .click();
    await page.getByRole('group', { name: 'Cette réponse vous a-t-elle aidé ?' }).waitFor();
    await expectAccessible(page, 'article');
    await page.getByRole('button', { name: 'Non' }).click();
    await page.getByRole('group', { name: 'Quel est votre problème ?' }).waitFor();
    await expectAccessible(page, 'contact step 1');
    await page.getByLabel('J’ai oublié mon identifiant ou mon mot de passe').check();
    await page.getByRole('button', { name: 'Continuer' }).click();
    await page.getByText('Cela a-t-il résolu votre problème ?').waitFor();
    await expectAccessible(page, 'contact step 2');
    await page.getByRole('button', { name: 'Non, écrire au support' }).click();
    await page.getByRole('heading', { name: 'Écrire au support' }).waitFor();
    await expectAccessible(page, 'contact step 3');
    // A wrong field first: the error summary and the field's message.
    await page.getByRole('button', { name: 'Envoyer mon message' }).click();
    await page.getByRole('heading', { name: 'Le formulaire n’a pas pu être envoyé' }).waitFor();
    await expectAccessible(page, 'contact step 3 with errors');
    const number = await fillAndSend(page, 'claire.martin@example.org', true);
    await expectAccessible(page, 'confirmation');
    await ctx.close();

    const ticket = await ticketOf(number);
    expect(ticket?.channel).toBe('form');
    const nature = await db.query<{ id: string }>(
      "select v.id from field_values v join fields f on f.id = v.field_id join mailboxes m on m.id = f.mailbox_id where m.slug = 'demandeurs' and f.key = 'nature' and v.label = 'Oubli infos de connexion'",
    );
    const year = ticket?.created_at.getFullYear();
    const listed = (await (
      await api(
        'GET',
        `/api/reports/tickets?period=${year}&mailbox=demandeurs&departement=44&value=${nature.rows[0]?.id}`,
      )
    ).json()) as { tickets: { number: number; mailbox: string }[] };
    expect(listed.tickets.map((t) => t.number)).toContain(number);
    const formContext = await db.query<{ viewed_article_ids: string[]; numero_unique: string }>(
      'select viewed_article_ids, numero_unique from portal_ticket_context where ticket_id = $1',
      [ticket?.id],
    );
    expect(formContext.rows[0]?.viewed_article_ids.length).toBe(1);
    expect(formContext.rows[0]?.numero_unique).toBe('044112112345678A9B');
    const files = await db.query(
      'select filename, content_type from attachments where ticket_id = $1',
      [ticket?.id],
    );
    expect(files.rows).toEqual([{ filename: 'attestation.pdf', content_type: 'application/pdf' }]);

    const ack = await waitFor(
      () => sink.received.find((m) => m.to.includes('claire.martin@example.org')),
      'the acknowledgement',
    );
    expect(ack.raw.toString()).toContain(String(number));
    const reply = await api('POST', `/api/tickets/${ticket?.id}/replies`, {
      body: 'Bonjour, voici un nouveau lien de connexion.',
    });
    expect(reply.status).toBeLessThan(300);
    await waitFor(
      () =>
        sink.received.find(
          (m) =>
            m.to.includes('claire.martin@example.org') &&
            m.raw.toString().includes('nouveau lien de connexion'),
        ),
      'the agent reply in the SMTP sink',
    );
  });

  test('the same flow without JavaScript (plain form posts)', async () => {
    const { ctx, page } = await context({ javaScript: false });
    await page.goto(`${server.url}/aide/35`);
    await page.getByRole('searchbox', { name: 'Rechercher une réponse' }).fill('renouveler');
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await page.getByRole('link', { name: 'Renouveler ou annuler ma demande' }).click();
    await page.getByRole('button', { name: 'Non' }).click();
    await page.getByLabel('Je veux annuler ma demande').check();
    await page.getByRole('button', { name: 'Continuer' }).click();
    await page.getByRole('button', { name: 'Non, écrire au support' }).click();
    const number = await fillAndSend(page, 'sans.js@example.org', true);
    await ctx.close();
    const ticket = await ticketOf(number);
    expect(ticket?.channel).toBe('form');
    const classification = await db.query<{ key: string; label: string }>(
      'select f.key, v.label from ticket_field_values t join fields f on f.id = t.field_id join field_values v on v.id = t.value_id where t.ticket_id = $1 order by f.key',
      [ticket?.id],
    );
    expect(classification.rows).toEqual([
      { key: 'departement', label: '35' },
      { key: 'nature', label: 'Dde annulation dde' },
    ]);
  });

  test('with the keyboard alone', async () => {
    const { ctx, page } = await context();
    await page.goto(`${server.url}/aide/44`);
    type Target = { id: string } | { text: string } | { type: string };
    const tabTo = async (target: Target) => {
      for (let i = 0; i < 80; i++) {
        await page.keyboard.press('Tab');
        const hit = await page.evaluate((wanted) => {
          const el = document.activeElement;
          if (!el) return false;
          if ('id' in wanted) return el.id === wanted.id;
          if ('text' in wanted) return el.textContent === wanted.text;
          return el.getAttribute('type') === wanted.type;
        }, target);
        if (hit) return;
      }
      throw new Error(`Tab never reached ${JSON.stringify(target)}`);
    };
    // The skip link is the first stop and moves to the content.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Aller au contenu');
    await tabTo({ id: 'q' });
    await page.keyboard.type('doublon');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Résultats de la recherche' }).waitFor();
    await tabTo({ text: 'Ma demande a été invalidée comme doublon' });
    await page.keyboard.press('Enter');
    await page.getByRole('group', { name: 'Cette réponse vous a-t-elle aidé ?' }).waitFor();
    await tabTo({ text: 'Non' });
    await page.keyboard.press('Enter');
    await page.getByRole('group', { name: 'Quel est votre problème ?' }).waitFor();
    await tabTo({ type: 'radio' });
    // Arrow keys move within the radio group; choose "Ma demande a été invalidée comme doublon".
    for (let i = 0; i < 30; i++) {
      const label = await page.evaluate(
        () => (document.activeElement as HTMLInputElement).labels?.[0]?.textContent,
      );
      if (label === 'Ma demande a été invalidée comme doublon') break;
      await page.keyboard.press('ArrowDown');
    }
    await page.keyboard.press('Space');
    await tabTo({ text: 'Continuer' });
    await page.keyboard.press('Enter');
    await page.getByText('Cela a-t-il résolu votre problème ?').waitFor();
    await tabTo({ text: 'Non, écrire au support' });
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Écrire au support' }).waitFor();
    const typeInto = async (id: string, value: string) => {
      await tabTo({ id });
      await page.keyboard.type(value);
    };
    await typeInto('nom', 'Durand');
    await typeInto('prenom', 'Léa');
    await typeInto('email', 'clavier@example.org');
    await typeInto('email_confirmation', 'clavier@example.org');
    await typeInto('message', 'Ma demande a été invalidée, je ne comprends pas pourquoi.');
    await page.waitForTimeout(1100);
    await tabTo({ text: 'Envoyer mon message' });
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Message envoyé' }).waitFor();
    await ctx.close();
  });

  test('at 320 px wide: nothing scrolls sideways, the whole flow works', async () => {
    const { ctx, page } = await context({ width: 320 });
    await page.goto(`${server.url}/aide/44`);
    await noHorizontalScroll(page);
    await page.getByRole('link', { name: 'Contacter le support' }).first().click();
    await noHorizontalScroll(page);
    await page.getByLabel('Ma demande est toujours « en attente de validation »').check();
    await page.getByRole('button', { name: 'Continuer' }).click();
    await noHorizontalScroll(page);
    await page.getByRole('link', { name: 'Ma demande est « en attente de validation »' }).click();
    await noHorizontalScroll(page);
    await page.getByRole('button', { name: 'Non' }).click();
    await page.getByRole('heading', { name: 'Écrire au support' }).waitFor();
    await noHorizontalScroll(page);
    await fillAndSend(page, 'telephone@example.org', true);
    await noHorizontalScroll(page);
    await ctx.close();
  });

  test('axe-core finds nothing on the other public pages', async () => {
    const { ctx, page } = await context();
    for (const [name, target] of [
      ['accessibility statement', '/aide/44/accessibilite'],
      ['privacy notice', '/aide/44/confidentialite'],
      ['widget', '/aide/44/widget'],
      ['search without result', '/aide/44/recherche?q=xylophone'],
      ['not found', '/aide/44/articles/nothing-here'],
      ['step 2 without article', '/aide/44/contact/reponses?nature=autre'],
    ] as const) {
      await page.goto(`${server.url}${target}`);
      await expectAccessible(page, name);
    }
    await ctx.close();
  });
});
