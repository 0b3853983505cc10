import type { FastifyInstance } from 'fastify';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachBackend } from '../../../../test/backends.ts';
import {
  buildPortalApp,
  contactFields,
  multipart,
  publishStarterArticles,
  sampleFiles,
  tokenFor,
  type UploadFile,
} from '../../../../test/support/portal-app.ts';
import { pruneFormNonces } from '../../../portal/abuse/form-token.ts';
import type { BlobStore } from '../../../storage/blob-store.ts';

async function docx(withMacros = false): Promise<Buffer> {
  const zip = new JSZip();
  zip.file(
    '[Content_Types].xml',
    withMacros
      ? '<Types><Override ContentType="application/vnd.ms-word.document.macroEnabled.main+xml"/></Types>'
      : '<Types><Override ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
  );
  zip.file('word/document.xml', '<w:document/>');
  return zip.generateAsync({ type: 'nodebuffer' });
}

describeEachBackend('help centre contact form', (ctx) => {
  let app: FastifyInstance;
  let blobs: BlobStore;
  beforeAll(async () => {
    ({ app, blobs } = await buildPortalApp(ctx.database, {
      formPerIp: { max: 1000, windowSeconds: 3600 },
      formPerEmail: { max: 1000, windowSeconds: 3600 },
    }));
    await publishStarterArticles(ctx.db);
    const mailbox = await ctx.db
      .selectFrom('mailboxes')
      .select('id')
      .where('slug', '=', 'demandeurs')
      .executeTakeFirstOrThrow();
    await ctx.db
      .insertInto('mailbox_addresses')
      .values({ address: 'demandeurs@example.org', mailbox_id: mailbox.id, is_primary: true })
      .execute();
  });
  afterAll(async () => {
    await app.close();
  });
  const post = (
    fields: Record<string, string> | [string, string][],
    files: UploadFile[] = [],
    ip = '192.0.2.1',
  ) => {
    const body = multipart(fields, files);
    return app.inject({ method: 'POST', url: '/aide/44/contact', ...body, remoteAddress: ip });
  };
  const ticketCount = async () =>
    Number(
      (
        await ctx.db
          .selectFrom('tickets')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const attachmentCount = async () =>
    Number(
      (
        await ctx.db
          .selectFrom('attachments')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('walks the three steps: natures, matching answers, then the form (a form start is recorded)', async () => {
    const step1 = await app.inject({ method: 'GET', url: '/aide/44/contact' });
    expect(step1.body).toContain('Quel est votre problème ?');
    expect(step1.body).toContain('value="doublon"');
    const step2 = await app.inject({
      method: 'GET',
      url: '/aide/44/contact/reponses?nature=doublon',
    });
    expect(step2.body).toContain('/aide/44/articles/demande-invalidee-doublon?nature=doublon');
    expect(step2.body).toContain('Cela a-t-il résolu votre problème ?');
    const bogus = await app.inject({
      method: 'GET',
      url: '/aide/44/contact/reponses?nature=%3Cscript%3E',
    });
    expect(bogus.statusCode).toBe(400);
    const no = await app.inject({
      method: 'POST',
      url: '/aide/44/contact/reponses',
      payload: 'nature=doublon&utile=non',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(no.headers.location).toBe('/aide/44/contact/formulaire?nature=doublon');
    const step3 = await app.inject({
      method: 'GET',
      url: '/aide/44/contact/formulaire?nature=doublon',
    });
    expect(step3.body).toContain('enctype="multipart/form-data"');
    expect(step3.body).toContain('Vos données');
    expect(step3.body).toMatch(/name="jeton" value="\d+\.44\.doublon\.[\w-]{16}\.[\w-]+"/);
    const starts = await ctx.db
      .selectFrom('portal_events')
      .select('nature_key')
      .where('kind', '=', 'form_start')
      .execute();
    expect(starts).toEqual([{ nature_key: 'doublon' }]);
  });

  it('creates a Demandeurs ticket classified by département and nature, with contact, message, attachments, context and acknowledgement', async () => {
    const article = await ctx.db
      .selectFrom('kb_articles')
      .select('id')
      .where('slug', '=', 'identifiants-oublies')
      .executeTakeFirstOrThrow();
    const response = await post(
      contactFields('identifiants-oublies', {
        vus: `${article.id},not-a-uuid`,
        numero_unique: '044 11-21 12345 6 78A9 B',
      }),
      [
        { name: 'attestation.pdf', type: 'application/pdf', bytes: sampleFiles.pdf },
        { name: 'photo.PNG', bytes: sampleFiles.png },
        { name: 'lettre.docx', bytes: await docx() },
      ],
    );
    expect(response.statusCode, response.body).toBe(200);
    const number = Number(/Son numéro est <strong>(\d+)<\/strong>/.exec(response.body)?.[1]);
    const ticket = await ctx.db
      .selectFrom('tickets')
      .innerJoin('mailboxes', 'mailboxes.id', 'tickets.mailbox_id')
      .innerJoin('contacts', 'contacts.id', 'tickets.contact_id')
      .select([
        'tickets.id',
        'tickets.channel',
        'mailboxes.slug',
        'contacts.email',
        'contacts.name',
        'tickets.subject',
      ])
      .where('tickets.number', '=', number)
      .executeTakeFirstOrThrow();
    expect(ticket).toMatchObject({
      channel: 'form',
      slug: 'demandeurs',
      email: 'claire.martin@example.org',
      name: 'Claire Martin',
    });
    const classification = await ctx.db
      .selectFrom('ticket_field_values')
      .innerJoin('fields', 'fields.id', 'ticket_field_values.field_id')
      .innerJoin('field_values', 'field_values.id', 'ticket_field_values.value_id')
      .select(['fields.key', 'field_values.label', 'ticket_field_values.auto_filled'])
      .where('ticket_id', '=', ticket.id)
      .orderBy('fields.key')
      .execute();
    expect(classification).toEqual([
      { key: 'departement', label: '44', auto_filled: true },
      { key: 'nature', label: 'Oubli infos de connexion', auto_filled: true },
    ]);
    const message = await ctx.db
      .selectFrom('messages')
      .selectAll()
      .where('ticket_id', '=', ticket.id)
      .executeTakeFirstOrThrow();
    expect(message.kind).toBe('customer');
    expect(message.body_text).toContain('Numéro unique : 044112112345678A9B');
    expect(message.body_text).toContain('Je ne retrouve plus mon mot de passe.');
    const files = await ctx.db
      .selectFrom('attachments')
      .select(['filename', 'content_type', 'sha256'])
      .where('ticket_id', '=', ticket.id)
      .orderBy('filename')
      .execute();
    expect(files.map((f) => [f.filename, f.content_type])).toEqual([
      ['attestation.pdf', 'application/pdf'],
      ['lettre.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
      ['photo.png', 'image/png'],
    ]);
    for (const f of files) expect(await blobs.has(f.sha256)).toBe(true);
    const context = await ctx.db
      .selectFrom('portal_ticket_context')
      .selectAll()
      .where('ticket_id', '=', ticket.id)
      .executeTakeFirstOrThrow();
    expect(context).toMatchObject({
      departement: '44',
      nature_key: 'identifiants-oublies',
      numero_unique: '044112112345678A9B',
    });
    expect(context.viewed_article_ids).toEqual([article.id]);
    // the form's numéro unique is the ticket's too (issue 20 §3), in its canonical form
    const numbers = await ctx.db
      .selectFrom('ticket_demand_numbers')
      .select(['numero', 'source'])
      .where('ticket_id', '=', ticket.id)
      .execute();
    expect(numbers).toEqual([{ numero: '044112112345678A9B', source: 'text' }]);
    const ack = await ctx.db
      .selectFrom('outbox')
      .selectAll()
      .where('ticket_id', '=', ticket.id)
      .executeTakeFirst();
    expect(ack).toMatchObject({ kind: 'ack', to_address: 'claire.martin@example.org' });
  });

  it('masks a social security number pasted in the message and says why', async () => {
    const before = await ticketCount();
    const response = await post(
      contactFields('autre', {
        email: 'nir@example.org',
        email_confirmation: 'nir@example.org',
        message: 'Mon numéro : 2 55 08 14 168 025 38, merci.',
      }),
    );
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('numéro de sécurité sociale');
    expect(await ticketCount()).toBe(before + 1);
    const stored = await ctx.db
      .selectFrom('messages')
      .select(['body_text', 'flags'])
      .where('from_address', '=', 'nir@example.org')
      .executeTakeFirstOrThrow();
    expect(stored.body_text).not.toContain('168 025');
    expect(stored.body_text).toContain('[numéro de sécurité sociale masqué]');
    expect(stored.flags).toMatchObject({ masked: ['nir'] });
  });

  it('explains every wrong field beside it and keeps what was typed (escaped)', async () => {
    const before = await ticketCount();
    const hostile = '<script>alert(1)</script><img src=x onerror=alert(2)>"\'';
    const response = await post(
      contactFields('autre', {
        nom: hostile,
        prenom: '',
        email: 'not-an-address',
        email_confirmation: hostile,
        telephone: hostile,
        numero_unique: '044 11 21',
        message: hostile,
      }),
    );
    expect(response.statusCode).toBe(400);
    expect(response.body).not.toContain('<script>alert');
    expect(response.body).not.toContain('<img src=x');
    expect(response.body).toContain('&#60;script&#62;alert(1)');
    expect(response.body).toContain('Indiquez votre prénom.');
    expect(response.body).toContain('Cette adresse e-mail ne semble pas complète');
    expect(response.body).toContain('vous en avez saisi 7');
    expect(response.body).toContain('aria-invalid="true"');
    expect(await ticketCount()).toBe(before);
  });

  it('stores script and HTML typed in every field as plain text, never as markup', async () => {
    const hostile = '<b onmouseover=alert(1)>x</b>';
    const response = await post(
      contactFields('autre', {
        nom: hostile,
        prenom: hostile,
        message: hostile,
        email: 'html@example.org',
        email_confirmation: 'html@example.org',
      }),
    );
    expect(response.statusCode).toBe(200);
    expect(response.body).not.toContain('<b onmouseover');
    const stored = await ctx.db
      .selectFrom('messages')
      .select(['body_text', 'body_html'])
      .where('from_address', '=', 'html@example.org')
      .executeTakeFirstOrThrow();
    expect(stored.body_html).toBeNull();
    expect(stored.body_text).toContain(hostile);
  });

  it('refuses an e-mail typed differently twice', async () => {
    const response = await post(
      contactFields('autre', { email_confirmation: 'claire.martin@example.com' }),
    );
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('Les deux adresses e-mail ne sont pas identiques.');
  });

  it('refuses a 10 MB message with a clear error and stores nothing', async () => {
    const before = await ticketCount();
    const response = await post(contactFields('autre', { message: 'a'.repeat(10 * 1024 * 1024) }));
    expect(response.statusCode).toBe(413);
    expect(response.body).toContain('Votre message est trop long');
    expect(await ticketCount()).toBe(before);
  });

  describe('attachments checked by content', () => {
    const refused = async (file: UploadFile) => {
      const [tickets, attachments] = [await ticketCount(), await attachmentCount()];
      const response = await post(contactFields('pieces'), [file]);
      expect(response.statusCode).toBe(400);
      expect(response.body).toContain('n’est pas un PDF');
      expect(await ticketCount()).toBe(tickets);
      expect(await attachmentCount()).toBe(attachments);
      return response;
    };
    it('refuses an executable renamed .pdf', async () => {
      await refused({
        name: 'facture.pdf',
        type: 'application/pdf',
        bytes: Buffer.concat([Buffer.from('MZ\x90\x00'), Buffer.alloc(512)]),
      });
    });
    it('refuses polyglots: a PDF carrying a ZIP, an image carrying HTML, a macro document', async () => {
      const zip = await docx();
      await refused({ name: 'a.pdf', bytes: Buffer.concat([sampleFiles.pdf, zip]) });
      await refused({
        name: 'b.jpg',
        bytes: Buffer.concat([sampleFiles.jpg, Buffer.from('<html><script>alert(1)</script>')]),
      });
      await refused({ name: 'c.docx', bytes: await docx(true) });
      await refused({ name: 'd.pdf', bytes: Buffer.from('<svg onload=alert(1)>') });
    });
    it('cleans path traversal and bidi characters from file names', async () => {
      const response = await post(
        contactFields('pieces', {
          email: 'files@example.org',
          email_confirmation: 'files@example.org',
        }),
        [
          { name: '../../../etc/passwd.pdf', bytes: sampleFiles.pdf },
          { name: 'C:\\Windows\\facture\u202Efdp.exe', bytes: sampleFiles.pdf },
          { name: '\u200B..\u0007.png', bytes: sampleFiles.png },
        ],
      );
      expect(response.statusCode, response.body).toBe(200);
      const names = await ctx.db
        .selectFrom('attachments')
        .innerJoin('messages', 'messages.id', 'attachments.message_id')
        .select('attachments.filename')
        .where('messages.from_address', '=', 'files@example.org')
        .orderBy('attachments.filename')
        .execute();
      expect(names.map((n) => n.filename)).toEqual([
        'facturefdp.pdf',
        'passwd.pdf',
        'piece-jointe.png',
      ]);
    });
    it('refuses a fourth file and a file over 5 MB', async () => {
      const before = await ticketCount();
      const four = Array.from({ length: 4 }, (_, i) => ({
        name: `p${i}.pdf`,
        bytes: sampleFiles.pdf,
      }));
      expect((await post(contactFields('pieces'), four)).statusCode).toBe(413);
      const big = await post(contactFields('pieces'), [
        { name: 'big.pdf', bytes: Buffer.concat([sampleFiles.pdf, Buffer.alloc(5 * 1024 * 1024)]) },
      ]);
      expect(big.statusCode).toBe(413);
      expect(big.body).toContain('dépasse 5 Mo');
      expect(await ticketCount()).toBe(before);
    });
  });

  it('accepts a form token once: a replay asks to reload the form, and no second ticket is made', async () => {
    const before = await ticketCount();
    const fields = contactFields('autre', {
      email: 'replay@example.org',
      email_confirmation: 'replay@example.org',
    });
    expect((await post(fields, [], '192.0.2.60')).statusCode).toBe(200);
    const again = await post(fields, [], '192.0.2.61');
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('Ce formulaire a déjà été envoyé');
    expect(again.body).toContain('rechargez la page du formulaire');
    // Two copies sent at the same moment: the unique nonce lets one through.
    const twin = contactFields('autre', {
      email: 'twin@example.org',
      email_confirmation: 'twin@example.org',
    });
    const statuses = await Promise.all([
      post(twin, [], '192.0.2.62'),
      post(twin, [], '192.0.2.63'),
    ]);
    expect(statuses.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect(await ticketCount()).toBe(before + 2);
    // A form sent back for a wrong field keeps its token: the corrected one goes through.
    const fixable = contactFields('autre', {
      email: 'fixable@example.org',
      email_confirmation: 'fixable@example.org',
      nom: '',
    });
    expect((await post(fixable, [], '192.0.2.64')).statusCode).toBe(400);
    expect((await post({ ...fixable, nom: 'Martin' }, [], '192.0.2.64')).statusCode).toBe(200);
  });

  it('prunes the nonces of expired tokens only', async () => {
    const now = new Date();
    await ctx.db
      .insertInto('portal_form_nonces')
      .values([
        { nonce: 'expired-nonce-0001', expires_at: new Date(now.getTime() - 1000) },
        { nonce: 'current-nonce-0001', expires_at: new Date(now.getTime() + 60_000) },
      ])
      .execute();
    await pruneFormNonces(ctx.db, now);
    const left = await ctx.db
      .selectFrom('portal_form_nonces')
      .select('nonce')
      .where('nonce', 'in', ['expired-nonce-0001', 'current-nonce-0001'])
      .execute();
    expect(left).toEqual([{ nonce: 'current-nonce-0001' }]);
  });

  it('refuses 1,000 fields in one POST', async () => {
    const before = await ticketCount();
    const fields: [string, string][] = Object.entries(contactFields('autre'));
    for (let i = 0; i < 1000; i++) fields.push([`f${i}`, 'x']);
    const response = await post(fields);
    expect(response.statusCode).toBe(413);
    expect(response.body).toContain('trop de champs');
    expect(await ticketCount()).toBe(before);
  });

  it('refuses the honeypot, a form posted too fast, a forged or another site’s token', async () => {
    const before = await ticketCount();
    expect(
      (await post(contactFields('autre', { site_web: 'https://spam.example.org' }))).statusCode,
    ).toBe(400);
    expect((await post(contactFields('autre', { jeton: 'forged' }))).statusCode).toBe(400);
    expect(
      (await post(contactFields('autre', { jeton: tokenFor('35', 'autre') }))).statusCode,
    ).toBe(400);
    expect(
      (await post(contactFields('autre', { jeton: tokenFor('44', 'autre', 3 * 86_400) })))
        .statusCode,
    ).toBe(400);
    expect(await ticketCount()).toBe(before);
  });

  it('answers a POST that is not multipart with a clear error page', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/aide/44/contact',
      payload: 'nom=x',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(response.statusCode).toBeGreaterThanOrEqual(400);
    expect(response.statusCode).toBeLessThan(500);
    expect(response.headers['content-type']).toContain('text/html');
  });
});

describeEachBackend('help centre abuse limits', (ctx) => {
  let app: FastifyInstance;
  beforeAll(async () => {
    ({ app } = await buildPortalApp(ctx.database, {
      formPerIp: { max: 5, windowSeconds: 3600 },
      formPerEmail: { max: 2, windowSeconds: 3600 },
      minSubmitSeconds: 3,
    }));
  });
  afterAll(async () => {
    await app.close();
  });
  const post = (fields: Record<string, string>, ip: string) =>
    app.inject({
      method: 'POST',
      url: '/aide/44/contact',
      ...multipart(fields),
      remoteAddress: ip,
    });

  it('refuses a form posted sooner than the minimum time', async () => {
    const response = await post(
      contactFields('autre', { jeton: tokenFor('44', 'autre', 1) }),
      '198.51.100.9',
    );
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('envoyé trop vite');
  });

  it('names the missing fields of an empty form sent at once, before saying it came too fast', async () => {
    const token = tokenFor('44', 'autre', 1);
    const empty = await post(
      contactFields('autre', {
        jeton: token,
        nom: '',
        prenom: '',
        email: '',
        email_confirmation: '',
        telephone: '',
        message: '',
      }),
      '198.51.100.10',
    );
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('Indiquez votre nom.');
    expect(empty.body).toContain('Indiquez votre prénom.');
    expect(empty.body).toContain('Indiquez votre adresse e-mail');
    expect(empty.body).toContain('Décrivez votre problème');
    expect(empty.body).not.toContain('trop vite');
    // The form sent back keeps the early token: once the minimum time has passed it is accepted.
    expect(empty.body).toContain(`value="${token}"`);
    // Complete but still early: then the timing is what is wrong.
    const early = await post(
      contactFields('autre', { jeton: tokenFor('44', 'autre', 0) }),
      '198.51.100.10',
    );
    expect(early.body).toContain('envoyé trop vite');
  });

  it('gives an expired form a fresh token along with its field errors', async () => {
    const expired = tokenFor('44', 'autre', 3 * 86_400);
    const response = await post(
      contactFields('autre', { jeton: expired, nom: '' }),
      '198.51.100.11',
    );
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('Indiquez votre nom.');
    expect(response.body).not.toContain(`value="${expired}"`);
  });

  it('limits a flood from one IP (counted in the database) and one e-mail address from several IPs', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++)
      statuses.push(
        (
          await post(
            contactFields('autre', {
              email: `flood${i}@example.org`,
              email_confirmation: `flood${i}@example.org`,
            }),
            '203.0.113.7',
          )
        ).statusCode,
      );
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429, 429]);
    const other = await post(
      contactFields('autre', {
        email: 'other@example.org',
        email_confirmation: 'other@example.org',
      }),
      '203.0.113.8',
    );
    expect(other.statusCode).toBe(200);
    const same = [] as number[];
    for (const ip of ['203.0.113.20', '203.0.113.21', '203.0.113.22'])
      same.push(
        (
          await post(
            contactFields('autre', {
              email: 'same@example.org',
              email_confirmation: 'same@example.org',
            }),
            ip,
          )
        ).statusCode,
      );
    expect(same).toEqual([200, 200, 429]);
    const keys = await ctx.db.selectFrom('portal_rate_limits').select('key').execute();
    expect(keys.map((k) => k.key).join(' ')).not.toMatch(/203\.0\.113|example\.org/);
  });
});
