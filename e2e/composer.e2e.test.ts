/**
 * The composer in a real browser (issue 19 §1–§2), on a PostgreSQL server with
 * the SMTP listener and a test relay: an agent answers "call, then confirm by
 * e-mail with the document" — formatted text, a PDF from the file picker and
 * a pasted screenshot; a reload finds the draft; the relay receives a
 * multipart mail whose files are byte-identical. A second reply is withdrawn
 * with "Annuler l'envoi" and never reaches the relay. The ticket is forwarded
 * to the vendor, whose answer (sent into the SMTP listener) threads back as an
 * internal note.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { simpleParser } from 'mailparser';
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
const pgReachable = await postgresReachable('composer');

const pdf = Buffer.from(
  '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
);
/** A tiny valid PNG (1×1, red). */
const png = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==',
  'base64',
);

describe.skipIf(browserMissing || !pgReachable)('the composer in the browser', () => {
  const agentEmail = 'composer.e2e@example.org';
  const agentPassword = 'e2e-Agent-Password-For-Composer-9!';
  let e2e: E2e<{ backend: 'postgres'; smtpSink: true; smtpListener: true }>;
  let smtp: ReturnType<typeof nodemailer.createTransport>;

  const send = async (options: {
    from: string;
    subject: string;
    body: string;
    inReplyTo?: string;
  }) => {
    const raw = plainMail({
      from: options.from,
      to: 'partenaires@example.org',
      subject: options.subject,
      messageId: uniqueId('composer'),
      body: options.body,
      ...(options.inReplyTo ? { inReplyTo: options.inReplyTo, references: options.inReplyTo } : {}),
    });
    const address = /<([^>]+)>/.exec(options.from)?.[1] ?? options.from;
    await smtp.sendMail({ envelope: { from: address, to: ['partenaires@example.org'] }, raw });
  };
  const shot = async (page: Page, name: string) => {
    await mkdir(screenshotDir, { recursive: true });
    await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: true });
  };
  const received = (needle: string) =>
    e2e.sink.received.find((m) => m.raw.toString('utf8').includes(needle));

  beforeAll(async () => {
    e2e = await startE2e({
      backend: 'postgres',
      smtpSink: true,
      smtpListener: true,
      admin: { email: 'admin@example.org', password: 'e2e-Admin-Password-For-Composer-9!' },
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
    await createUser(
      db,
      { email: agentEmail, name: 'Agathe Agent', role: 'agent', password: agentPassword },
      { userId: null, label: 'test' },
    );
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

  test('reply with a file and a pasted image, undo send, forward and the answer back', async ({
    onTestFailed,
  }) => {
    const { context, page } = await newPage(e2e.browser);
    onTestFailed(async () => {
      await shot(page, 'composer-failure').catch(() => {});
      console.error(serverOutput(e2e.server));
    });
    await send({
      from: 'Claire Martin <claire@bailleur-44.example.org>',
      subject: 'Export des attributions en erreur',
      body: 'Bonjour, l’export plante depuis ce matin.',
    });
    const ticket = await waitFor(
      () =>
        e2e.db.db
          .selectFrom('tickets')
          .select(['id', 'number'])
          .where('subject', '=', 'Export des attributions en erreur')
          .executeTakeFirst(),
      'the ticket',
    );
    await page.goto(`${e2e.server.url}/tickets/${ticket.number}`);
    await logIn(page, agentEmail, agentPassword);
    await page.getByRole('heading', { name: /Export des attributions en erreur/ }).waitFor();

    // Formatted text, a file from the picker, a pasted screenshot.
    const editor = page.getByRole('textbox', { name: 'Votre réponse' });
    await editor.click();
    await page.keyboard.type('Bonjour Claire, suite à notre appel voici ');
    await page.keyboard.press('Control+b');
    await page.keyboard.type('le document');
    await page.keyboard.press('Control+b');
    await page.keyboard.type(' et la capture.');
    await page
      .locator('input[type="file"]')
      .setInputFiles({ name: 'procedure-export.pdf', mimeType: 'application/pdf', buffer: pdf });
    await editor.evaluate(
      (element, bytes) => {
        const data = new DataTransfer();
        data.items.add(new File([new Uint8Array(bytes)], 'image.png', { type: 'image/png' }));
        element.dispatchEvent(
          new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
        );
      },
      [...png],
    );
    await expect.poll(() => page.getByTestId('composer-file').count()).toBe(2);
    await page.getByText('Brouillon enregistré').waitFor();

    // Another device or a reload finds the draft: its text and its files.
    await page.reload();
    await page.getByText('Brouillon retrouvé').waitFor();
    await page.getByText('le document').waitFor();
    await expect.poll(() => page.getByTestId('composer-file').count()).toBe(2);

    await page.getByRole('button', { name: 'Envoyer et mettre en attente' }).click();
    await page.getByText(/Réponse envoyée dans \d+ s/).waitFor();
    const mail = await waitFor(
      () => received('suite =C3=A0 notre appel') ?? received('suite à notre appel'),
      'the reply at the relay',
    );
    const parsed = await simpleParser(mail.raw);
    expect(parsed.html).toContain('<strong>le document</strong>');
    expect(parsed.text).toContain(
      'Bonjour Claire, suite à notre appel voici le document et la capture.',
    );
    expect(parsed.attachments.map((a) => a.filename)).toEqual([
      'procedure-export.pdf',
      'image-collee-1.png',
    ]);
    expect(parsed.attachments[0]?.content.equals(pdf)).toBe(true);
    expect(parsed.attachments[1]?.content.equals(png)).toBe(true);
    await page.getByText('Envoyé.').waitFor();

    // Undo send: the reply comes back into the editor and never reaches the relay.
    await editor.click();
    await page.keyboard.type('Message à retirer avant son départ.');
    await page.getByRole('button', { name: 'Envoyer et mettre en attente' }).click();
    await page.getByRole('button', { name: 'Annuler l’envoi' }).click();
    await page.getByText('Envoi annulé : la réponse est revenue dans l’éditeur.').waitFor();
    await editor.getByText('Message à retirer avant son départ.').waitFor();
    const withdrawn = await e2e.db.db
      .selectFrom('outbox')
      .select('status')
      .where('ticket_id', '=', ticket.id)
      .where('status', '=', 'withdrawn')
      .execute();
    expect(withdrawn).toHaveLength(1);

    // Forward to the vendor; their answer comes back as an internal note.
    await page.getByRole('button', { name: 'Transférer' }).click();
    const dialog = page.getByRole('dialog', { name: 'Transférer à un tiers' });
    await dialog.getByLabel('Destinataires').fill('support@editeur.example.org');
    await page.keyboard.press('Enter');
    await dialog
      .getByRole('textbox', { name: 'Votre message (facultatif)' })
      .fill('Pouvez-vous regarder ce défaut ?');
    await dialog.getByRole('button', { name: 'Transférer' }).click();
    const forward = await waitFor(
      () => e2e.sink.received.find((m) => m.to.includes('support@editeur.example.org')),
      'the forward at the relay',
    );
    const forwarded = await simpleParser(forward.raw);
    expect(forwarded.subject).toMatch(/^Tr: Export des attributions en erreur \[#\d+-/);
    expect(
      forwarded.attachments.map((a) => a.content.equals(pdf) || a.content.equals(png)),
    ).toEqual([true, true]);
    // The withdrawn reply never left, though the outbox has sent since.
    expect(received('Message =C3=A0 retirer') ?? received('Message à retirer')).toBeUndefined();
    await send({
      from: 'Éditeur <support@editeur.example.org>',
      subject: `Re: ${forwarded.subject}`,
      body: 'Correctif prévu dans la version 4.2.',
      inReplyTo: forwarded.messageId,
    });
    const thread = page.getByRole('list', { name: 'Fil du ticket' });
    await thread
      .locator('[data-kind="note"]')
      .getByText('Correctif prévu dans la version 4.2.')
      .waitFor();
    await thread.locator('[data-kind="note"]').last().scrollIntoViewIfNeeded();
    await shot(page, 'composer');
    await context.close();
  });
});
