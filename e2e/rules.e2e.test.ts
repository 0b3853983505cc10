/**
 * Automation rules and macros in a real browser (issue 19 §3–§4), on a PostgreSQL
 * server with the SMTP listener and a test relay: a supervisor writes the rule "Type de
 * partenaire" (mail from a town's domain → the partner type filled, assigned in turn
 * among the agents present), previews it, switches it on, reloads and finds it; a mail
 * arrives through the SMTP listener and is filled and assigned by the rule; on that
 * ticket a macro is applied with the key m; after a reload the reply, the tag and the
 * status are there. Screenshot: test-results/e2e/rules.png.
 */
import { randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createUser } from '../src/domain/users/manage-users.ts';
import { plainMail, uniqueId } from '../test/mail.ts';
import { waitFor } from '../test/wait-for.ts';
import { browserMissing } from './helpers/browser.ts';
import { type E2e, postgresReachable, startE2e } from './helpers/e2e.ts';
import { logIn, newPage, pageProblems } from './helpers/pages.ts';
import { repoRoot, serverOutput } from './helpers/server.ts';

const screenshotDir = path.join(repoRoot, 'test-results', 'e2e');
const pgReachable = await postgresReachable('automation rules');
const admin = { email: 'admin.regles@example.org', password: 'e2e-Admin-Rules-Password-19!' };

async function shot(page: Page, name: string): Promise<void> {
  await mkdir(screenshotDir, { recursive: true });
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: true });
}

describe.skipIf(browserMissing || !pgReachable)('automation rules and macros', () => {
  let e2e: E2e<{ backend: 'postgres'; smtpSink: true; smtpListener: true }>;
  const agents: string[] = [];
  beforeAll(async () => {
    e2e = await startE2e({ backend: 'postgres', smtpSink: true, smtpListener: true, admin });
    const { db } = e2e.db;
    const mailbox = await db
      .selectFrom('mailboxes')
      .select('id')
      .where('slug', '=', 'partenaires')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('mailbox_addresses')
      .values({ address: 'partenaires@example.org', mailbox_id: mailbox.id, is_primary: true })
      .execute();
    // two agents at work (a live session each): the round-robin's turns
    for (const name of ['Agathe Agent', 'Bruno Agent']) {
      const user = await createUser(
        db,
        {
          email: `${name.split(' ')[0]?.toLowerCase()}@example.org`,
          name,
          role: 'agent',
          password: 'e2e-Agent-Rules-Password-19!',
        },
        { userId: null, label: 'test' },
      );
      agents.push(user.id);
      await db
        .insertInto('sessions')
        .values({
          id: randomBytes(32).toString('hex'),
          user_id: user.id,
          csrf_token: randomBytes(8).toString('hex'),
          last_seen_at: new Date(),
          expires_at: new Date(Date.now() + 86_400_000),
        })
        .execute();
    }
    const reply = await db
      .insertInto('saved_replies')
      .values({
        mailbox_id: null,
        name: 'Rappel',
        body: 'Bonjour {{contact.firstName}},\nNous vous rappelons dans la journée.',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('macros')
      .values({
        name: 'Rappel et attente',
        mailbox_id: null,
        owner_user_id: null,
        actions: JSON.stringify([
          { kind: 'reply', savedReplyId: reply.id },
          { kind: 'tag', tag: 'rappel' },
          { kind: 'status', status: 'pending' },
        ]),
      })
      .execute();
  }, 180_000);
  afterAll(async () => {
    await e2e?.cleanup();
    expect(pageProblems).toEqual([]);
  });

  test('a rule fills and assigns incoming mail; a macro by keyboard', async ({ onTestFailed }) => {
    const { page } = await newPage(e2e.browser);
    await page.setViewportSize({ width: 1440, height: 1000 });
    onTestFailed(async () => {
      await shot(page, 'rules-failure').catch(() => {});
      console.error(serverOutput(e2e.server));
    });
    await page.goto(e2e.server.url);
    await logIn(page, admin.email, admin.password);
    await page.getByRole('navigation').getByRole('link', { name: 'Règles automatiques' }).click();
    await page.getByRole('heading', { level: 1, name: 'Règles automatiques' }).waitFor();

    // the rule: a town's mail → partner type "Collectivités - EPCI", assigned in turn
    await page.getByRole('button', { name: 'Nouvelle règle' }).click();
    const form = page.getByRole('form', { name: 'Modifier la règle' });
    await form.getByLabel('Nom').fill('Type de partenaire');
    await form.getByRole('button', { name: 'Ajouter une condition' }).click();
    const domain = form.getByLabel('Domaine de l’expéditeur');
    await domain.fill('mairie-exemple.example.org');
    await domain.press('Enter');
    await form.getByLabel('Action', { exact: true }).first().click();
    await page.getByRole('option', { name: 'Renseigner un champ' }).click();
    await form.getByLabel('Champ', { exact: true }).click();
    await page.getByRole('option', { name: 'Type de partenaire (Partenaires)' }).click();
    await form.getByLabel('Valeur', { exact: true }).click();
    await page.getByRole('option', { name: 'Collectivités - EPCI' }).click();
    await form.getByRole('button', { name: 'Ajouter une action' }).click();
    await form.getByLabel('Action', { exact: true }).nth(1).click();
    await page.getByRole('option', { name: /tour de rôle/ }).click();
    await form.getByRole('checkbox', { name: 'Active' }).check();
    await form.getByRole('button', { name: 'Aperçu sur 30 jours' }).click();
    await form.getByRole('status').filter({ hasText: '30 derniers jours' }).waitFor();
    await shot(page, 'rules');
    await form.getByRole('button', { name: 'Enregistrer' }).click();
    await form.waitFor({ state: 'detached' });
    await page.reload();
    const row = page.getByRole('row').filter({ hasText: 'Type de partenaire' });
    await row.waitFor();
    expect(await row.getByRole('switch').isChecked()).toBe(true);
    expect(await row.textContent()).toContain('Domaine de l’expéditeur');

    // a town's mail through the SMTP listener: filled and assigned by the rule
    const smtp = nodemailer.createTransport({
      host: '127.0.0.1',
      port: e2e.smtpPort,
      secure: false,
      ignoreTLS: true,
    });
    const from = 'claire.martin@mairie-exemple.example.org';
    await smtp.sendMail({
      envelope: { from, to: ['partenaires@example.org'] },
      raw: plainMail({
        from: `Claire Martin <${from}>`,
        to: 'partenaires@example.org',
        subject: 'Accès au portail',
        messageId: uniqueId('rules-e2e'),
        body: 'Bonjour, je n’arrive plus à me connecter.',
      }),
    });
    smtp.close();
    const { db } = e2e.db;
    const ticket = await waitFor(async () => {
      const found = await db
        .selectFrom('tickets')
        .select(['id', 'number', 'assignee_id'])
        .where('subject', '=', 'Accès au portail')
        .executeTakeFirst();
      return found?.assignee_id ? found : undefined;
    }, 'the rule to assign the mail');
    expect(agents).toContain(ticket.assignee_id);
    const filled = await db
      .selectFrom('ticket_field_values')
      .innerJoin('field_values', 'field_values.id', 'ticket_field_values.value_id')
      .select('field_values.label')
      .where('ticket_field_values.ticket_id', '=', ticket.id)
      .execute();
    expect(filled.map((f) => f.label)).toContain('Collectivités - EPCI');

    // the macro, by keyboard, on that ticket
    await page.goto(`${e2e.server.url}/tickets/${ticket.number}`);
    await page.getByRole('heading', { level: 1, name: 'Accès au portail' }).waitFor();
    await page.keyboard.press('m');
    const picker = page.getByRole('dialog', { name: 'Appliquer une macro' });
    await picker.waitFor();
    await page.keyboard.type('Rappel');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await picker.waitFor({ state: 'detached' });
    await page.reload();
    const thread = page.getByRole('list', { name: 'Fil du ticket' });
    await thread.getByText('Nous vous rappelons dans la journée.').waitFor();
    const stored = await db
      .selectFrom('tickets')
      .select('status')
      .where('id', '=', ticket.id)
      .executeTakeFirstOrThrow();
    expect(stored.status).toBe('pending');
    const tags = await db
      .selectFrom('ticket_tags')
      .innerJoin('tags', 'tags.id', 'ticket_tags.tag_id')
      .select('tags.name')
      .where('ticket_tags.ticket_id', '=', ticket.id)
      .execute();
    expect(tags.map((t) => t.name)).toEqual(['rappel']);
    await waitFor(
      () =>
        e2e.sink.received.some((m) => m.raw.toString('latin1').includes('rappelons'))
          ? true
          : undefined,
      'the macro reply at the relay',
    );
  }, 120_000);
});
