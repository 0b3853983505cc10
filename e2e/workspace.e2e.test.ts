/**
 * The agent workspace in a real browser (issue 6), on a PostgreSQL server with
 * the SMTP listener and a test relay: a partner's mail appears live in the
 * inbox, is classified (auto-filled fields shown), answered with a saved reply
 * that reaches the relay, the partner's answer appears without reloading, the
 * ticket is closed; merge, split, search by numéro unique, a ticket's numéros uniques; the same daily flow
 * with the keyboard alone; axe on the inbox and ticket screens.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createUser } from '../src/domain/users/manage-users.ts';
import { plainMail, uniqueId } from '../test/mail.ts';
import { waitFor } from '../test/wait-for.ts';
import { axeViolations } from './helpers/axe.ts';
import { browserMissing } from './helpers/browser.ts';
import { type E2e, postgresReachable, startE2e } from './helpers/e2e.ts';
import { logIn, newPage, pageProblems } from './helpers/pages.ts';
import { repoRoot, serverOutput } from './helpers/server.ts';

const screenshotDir = path.join(repoRoot, 'test-results', 'e2e');
const pgReachable = await postgresReachable('workspace');

describe.skipIf(browserMissing || !pgReachable)('the agent workspace in the browser', () => {
  const agentEmail = 'agent.e2e@example.org';
  const agentPassword = 'e2e-Agent-Password-For-Workspace-9!';
  let e2e: E2e<{ backend: 'postgres'; smtpSink: true; smtpListener: true }>;
  let smtp: ReturnType<typeof nodemailer.createTransport>;

  const send = async (options: {
    from: string;
    subject: string;
    body: string;
    messageId?: string;
    inReplyTo?: string;
  }) => {
    const messageId = options.messageId ?? uniqueId('ws');
    const raw = plainMail({
      from: options.from,
      to: 'partenaires@example.org',
      subject: options.subject,
      messageId,
      body: options.body,
      ...(options.inReplyTo ? { inReplyTo: options.inReplyTo, references: options.inReplyTo } : {}),
    });
    const address = /<([^>]+)>/.exec(options.from)?.[1] ?? options.from;
    await smtp.sendMail({ envelope: { from: address, to: ['partenaires@example.org'] }, raw });
    return messageId;
  };
  /** The open ticket's thread (the list beside it shows previews of the same messages). */
  const thread = (page: Page) => page.getByRole('list', { name: 'Fil du ticket' });
  const shot = async (page: Page, name: string) => {
    await mkdir(screenshotDir, { recursive: true });
    await page.screenshot({
      path: path.join(screenshotDir, `workspace-${name}.png`),
      fullPage: true,
    });
  };

  beforeAll(async () => {
    e2e = await startE2e({
      backend: 'postgres',
      smtpSink: true,
      smtpListener: true,
      admin: { email: 'admin@example.org', password: 'e2e-Admin-Password-For-Workspace-9!' },
    });
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
    const typeField = await db
      .selectFrom('fields')
      .select('id')
      .where('mailbox_id', '=', mailbox.id)
      .where('key', '=', 'partner_type')
      .executeTakeFirst();
    const deptField = await db
      .selectFrom('fields')
      .select('id')
      .where('mailbox_id', '=', mailbox.id)
      .where('key', '=', 'departement')
      .executeTakeFirst();
    const firstValueOf = async (fieldId: string | undefined) =>
      fieldId
        ? ((
            await db
              .selectFrom('field_values')
              .select('id')
              .where('field_id', '=', fieldId)
              .orderBy('position')
              .executeTakeFirst()
          )?.id ?? null)
        : null;
    const org = await db
      .insertInto('organisations')
      .values({
        name: 'Bailleur 44',
        partner_type_value_id: await firstValueOf(typeField?.id),
        departement_value_id: await firstValueOf(deptField?.id),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('organisation_domains')
      .values({ domain: 'bailleur-44.example.org', organisation_id: org.id })
      .execute();
    await createUser(
      db,
      { email: agentEmail, name: 'Agathe Agent', role: 'agent', password: agentPassword },
      { userId: null, label: 'test' },
    );
    await db
      .insertInto('saved_replies')
      .values({
        mailbox_id: null,
        name: 'Accès au module',
        body: 'Bonjour {{contact.firstName}},\nVotre accès est rétabli (ticket {{ticket.number}}).',
      })
      .execute();
    smtp = nodemailer.createTransport({
      host: '127.0.0.1',
      port: e2e.smtpPort,
      secure: false,
      ignoreTLS: true,
    });
  }, 180_000);

  afterAll(async () => {
    await e2e?.cleanup();
    expect(pageProblems).toEqual([]);
  });

  test('a mail appears live, is classified, answered with a saved reply, answered back and closed', async ({
    onTestFailed,
  }) => {
    const { context, page } = await newPage(e2e.browser);
    onTestFailed(async () => {
      await shot(page, 'failure-flow').catch(() => {});
      console.error(serverOutput(e2e.server));
    });
    await page.goto(`${e2e.server.url}/inbox`);
    await logIn(page, agentEmail, agentPassword);
    await page.getByRole('heading', { name: /Boîte de réception — Non assignés/ }).waitFor();
    await page.getByText('Mises à jour en direct').waitFor();
    expect(await axeViolations(page)).toEqual([]);

    const firstId = await send({
      from: 'Claire Martin <claire@bailleur-44.example.org>',
      subject: 'Accès au module impossible',
      body: 'Bonjour, je ne peux plus accéder au module. Numéro unique 0442118000012345AB.',
    });
    const link = page.getByRole('link', { name: /Accès au module impossible/ });
    await link.waitFor(); // live: no reload
    await shot(page, 'inbox');
    await link.click();
    await page.getByRole('heading', { name: /Accès au module impossible/ }).waitFor();
    await page.getByText('rempli automatiquement').first().waitFor();
    expect(await axeViolations(page)).toEqual([]);

    const nature = page.getByRole('combobox', { name: 'Nature du problème' });
    await nature.click();
    await page.getByRole('listbox').getByRole('option').nth(1).click();
    await page.getByText(/Classement : Nature du problème modifié/).waitFor();

    await page.getByRole('combobox', { name: 'Insérer une réponse enregistrée' }).click();
    await page.getByRole('option', { name: 'Accès au module' }).click();
    const reply = page.getByRole('textbox', { name: 'Votre réponse' });
    // The editor's text: its line break is an element, not a character.
    expect(await reply.textContent()).toMatch(
      /^Bonjour Claire,\s*Votre accès est rétabli \(ticket \d+\)\./,
    );
    await page.getByRole('button', { name: 'Envoyer et mettre en attente' }).click();
    const sent = await waitFor(
      () => e2e.sink.received.find((m) => m.raw.toString().includes('Bonjour Claire')),
      'the reply at the relay',
    );
    expect(sent.to).toEqual(['claire@bailleur-44.example.org']);
    const replyId = /^Message-ID:\s*(<[^>]+>)/im.exec(sent.raw.toString())?.[1] ?? '';
    expect(replyId).not.toBe('');

    await send({
      from: 'Claire Martin <claire@bailleur-44.example.org>',
      subject: 'Re: Accès au module impossible',
      body: 'Merci, cela fonctionne de nouveau.',
      inReplyTo: replyId,
    });
    // live, same ticket (the thread: the list beside it may show the same words as a preview)
    await thread(page).getByText('Merci, cela fonctionne de nouveau.').waitFor();
    await shot(page, 'ticket');
    await page.getByRole('button', { name: /Fermer le ticket/ }).click();
    await page.getByText(/Statut : .* → Fermé/).waitFor();
    const ticket = await e2e.db.db
      .selectFrom('messages')
      .innerJoin('tickets', 'tickets.id', 'messages.ticket_id')
      .select(['tickets.status', 'tickets.number'])
      .where('messages.message_id', '=', firstId)
      .executeTakeFirstOrThrow();
    expect(ticket.status).toBe('closed');

    // search by numéro unique, from the inbox
    await page.goto(`${e2e.server.url}/inbox?folder=closed`);
    const search = page.getByRole('textbox', { name: /Rechercher/ });
    await search.fill('0442118000012345AB');
    await search.press('Enter');
    await page
      .getByRole('link', { name: new RegExp(`#${ticket.number} Accès au module impossible`) })
      .waitFor();
    await context.close();
  });

  test('merges two tickets and splits a message into a new ticket', async ({ onTestFailed }) => {
    const { context, page } = await newPage(e2e.browser);
    onTestFailed(async () => {
      await shot(page, 'failure-merge').catch(() => {});
    });
    await page.goto(`${e2e.server.url}/inbox`);
    await logIn(page, agentEmail, agentPassword);
    await send({
      from: 'Paul <paul@bailleur-44.example.org>',
      subject: 'Première demande',
      body: 'Premier message.',
    });
    await send({
      from: 'Paul <paul@bailleur-44.example.org>',
      subject: 'Seconde demande',
      body: 'Second message.',
    });
    await page.getByRole('link', { name: /Seconde demande/ }).waitFor();
    const first = await e2e.db.db
      .selectFrom('tickets')
      .select(['id', 'number'])
      .where('subject', '=', 'Première demande')
      .executeTakeFirstOrThrow();
    await page.getByRole('link', { name: /Seconde demande/ }).click();
    await page.getByRole('button', { name: 'Fusionner…' }).click();
    await page.getByRole('textbox', { name: 'Numéro du ticket cible' }).fill(String(first.number));
    await page.getByRole('button', { name: 'Fusionner', exact: true }).click();
    // The address carries the ticket's number, not its internal id.
    await page.waitForURL(`**/tickets/${first.number}`);
    await thread(page).getByText('Second message.').waitFor();
    await page.getByText(/fusionné ici/).waitFor();
    await page.getByRole('button', { name: 'Séparer en nouveau ticket' }).last().click();
    await page.getByText(/Nouveau ticket #\d+ créé/).waitFor();
    await shot(page, 'split');
    const moved = await e2e.db.db
      .selectFrom('messages')
      .select('ticket_id')
      .where('body_text', 'like', 'Second message.%')
      .executeTakeFirstOrThrow();
    expect(moved.ticket_id).not.toBe(first.id);
    await context.close();
  });

  test('the numéros uniques of a ticket: read, added by hand, the other tickets of the demand', async ({
    onTestFailed,
  }) => {
    const { context, page } = await newPage(e2e.browser);
    onTestFailed(async () => {
      await shot(page, 'failure-demand-numbers').catch(() => {});
    });
    await page.goto(`${e2e.server.url}/inbox`);
    await logIn(page, agentEmail, agentPassword);
    await send({
      from: 'Inès <ines@bailleur-44.example.org>',
      subject: 'Restauration de demande',
      body: 'Merci de restaurer la demande 035 0320 012345 AB12C.',
    });
    await send({
      from: 'Inès <ines@bailleur-44.example.org>',
      subject: 'Demande inaccessible',
      body: 'Le demandeur du 0350320012345ab12c ne peut plus se connecter.',
    });
    await page.getByRole('link', { name: /Demande inaccessible/ }).click();
    const panel = page.getByRole('region', { name: 'Numéros uniques' });
    await panel.getByText('035 0320 012345 AB12C').waitFor();
    await panel.getByRole('link', { name: /Restauration de demande/ }).waitFor();
    await panel
      .getByRole('textbox', { name: 'Ajouter un numéro unique' })
      .fill('044-1121-123456-78a9b');
    await panel.getByRole('textbox', { name: 'Ajouter un numéro unique' }).press('Enter');
    await panel.getByText('044 1121 123456 78A9B').waitFor();
    await shot(page, 'demand-numbers');
    await page.reload();
    await page
      .getByRole('region', { name: 'Numéros uniques' })
      .getByText('044 1121 123456 78A9B')
      .waitFor();
    await context.close();
  });

  test('the daily flow with the keyboard alone', async ({ onTestFailed }) => {
    const { context, page } = await newPage(e2e.browser);
    onTestFailed(async () => {
      await shot(page, 'failure-keyboard').catch(() => {});
    });
    await page.goto(`${e2e.server.url}/inbox`);
    await logIn(page, agentEmail, agentPassword);
    await page.getByRole('heading', { name: /Non assignés/ }).waitFor();
    await send({
      from: 'Zoé <zoe@bailleur-44.example.org>',
      subject: 'Clavier seulement',
      body: 'Une question au clavier.',
    });
    await page.getByRole('link', { name: /Clavier seulement/ }).waitFor();
    await page.keyboard.press('?');
    await page.getByRole('dialog', { name: 'Raccourcis clavier' }).waitFor();
    await shot(page, 'shortcuts');
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    // j and k walk the list (other tests' tickets may sort above this one): k goes back to
    // the top, then j moves down until the focus is on the new ticket; Enter opens it.
    await page.keyboard.press('k');
    const focusedSubject = () =>
      page.evaluate(() =>
        document.activeElement?.getAttribute('data-ticket') !== null
          ? (document.activeElement?.textContent ?? '')
          : '',
      );
    for (
      let step = 0;
      step < 20 && !(await focusedSubject()).includes('Clavier seulement');
      step++
    ) {
      await page.keyboard.press('j');
    }
    expect(await focusedSubject()).toContain('Clavier seulement');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: /Clavier seulement/ }).waitFor();
    await page.keyboard.press('a');
    await page.getByText('Assigné à Agathe Agent').waitFor();
    // f: the first field left empty (Département and Type de partenaire came from the directory)
    await page.keyboard.press('f');
    await page.waitForFunction(() => document.activeElement?.hasAttribute('data-field'));
    expect(
      await page.evaluate(
        () =>
          document.activeElement?.id &&
          document.querySelector(`label[for="${document.activeElement.id}"]`)?.textContent,
      ),
    ).toBe('Nature du problème');
    await page.keyboard.type('technique');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.getByText(/Classement : Nature du problème modifié/).waitFor();
    await page.keyboard.press('Escape'); // leaves the field
    await page.waitForFunction(() => document.activeElement === document.body);
    await page.keyboard.press('r');
    // Typing starts once the reply box has the focus (else the letters are shortcuts).
    await page.waitForFunction(
      () => (document.activeElement as HTMLElement | null)?.isContentEditable === true,
    );
    await page.keyboard.type('Voici la réponse, envoyée au clavier.');
    await page.keyboard.press('Control+Enter');
    await waitFor(
      () => e2e.sink.received.find((m) => m.raw.toString().includes('envoy')),
      'the keyboard reply',
    );
    await page.getByText('Envoyé.').waitFor();
    await page.keyboard.press('Escape'); // leaves the text box
    await page.keyboard.press('c');
    await page.getByText(/Statut : .* → Fermé/).waitFor();
    await page.keyboard.press('/');
    await page.keyboard.press('Escape');
    await page.keyboard.press('g');
    await page.keyboard.press('i');
    await page.getByRole('heading', { name: /Boîte de réception/ }).waitFor();
    await page.keyboard.press('/');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('q');
    await context.close();
  });
});
