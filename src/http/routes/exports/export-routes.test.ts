/**
 * Exports of tickets (issue 21 §6) on both backends: the inbox's filter as CSV
 * and XLSX, the chosen columns with the classification, only the caller's
 * mailboxes, through a session or a token; formula cells neutralised; every
 * page read once (keyset); hostile parameters a clear 400.
 */
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachBackend } from '../../../../test/backends.ts';
import { createTicket, withDefaultConfiguration } from '../../../../test/factories.ts';
import { buildTestApp, type LoggedIn, logIn, makeUser } from '../../../../test/http.ts';
import { createToken } from '../../../domain/api-tokens/manage-tokens.ts';
import { exportRows } from '../../../domain/inbox/export-rows.ts';

/** RFC 4180 with `;`, enough for the tests: quoted fields, doubled quotes, CRLF. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ';') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += 1;
    } else field += c;
  }
  return rows;
}

describeEachBackend('ticket exports', (ctx) => {
  let app: FastifyInstance;
  let agent: LoggedIn;
  let agentId = '';
  let demandeurs = '';
  let fieldLabel = '';
  let valueLabel = '';
  const hostileSubjects = [
    '=HYPERLINK("http://evil.example.org","x")',
    '+33 1 23',
    '-2+3',
    '@SUM(A1)',
  ];

  beforeAll(async () => {
    app = await buildTestApp(ctx.database);
    const mailboxes = await withDefaultConfiguration(ctx.db);
    demandeurs = mailboxes.demandeurs ?? '';
    const made = await makeUser(ctx.database, 'agent');
    agentId = made.user.id;
    await ctx.db
      .updateTable('users')
      .set({ all_mailboxes: false })
      .where('id', '=', agentId)
      .execute();
    await ctx.db
      .insertInto('user_mailboxes')
      .values({ user_id: agentId, mailbox_id: demandeurs })
      .execute();
    agent = await logIn(app, made.email);
    const field = await ctx.db
      .selectFrom('fields')
      .innerJoin('field_values', 'field_values.field_id', 'fields.id')
      .select([
        'fields.id as fieldId',
        'fields.label as fieldLabel',
        'field_values.id as valueId',
        'field_values.label as valueLabel',
      ])
      .where('fields.mailbox_id', '=', demandeurs)
      .executeTakeFirstOrThrow();
    fieldLabel = field.fieldLabel;
    valueLabel = field.valueLabel;
    const start = Date.parse('2026-03-01T09:00:00Z');
    for (let i = 0; i < 7; i += 1) {
      const id = await createTicket(ctx.db, {
        mailboxId: demandeurs,
        createdAt: new Date(start + i * 3_600_000),
        subject: hostileSubjects[i] ?? `Demande ${i}; "urgente"`,
        status: i === 6 ? 'closed' : 'active',
      });
      if (i === 0)
        await ctx.db
          .insertInto('ticket_field_values')
          .values({ ticket_id: id, field_id: field.fieldId, value_id: field.valueId })
          .execute();
    }
    await createTicket(ctx.db, {
      mailboxId: mailboxes.partenaires ?? '',
      createdAt: new Date(start),
      subject: 'Hors de portée',
    });
  });
  afterAll(async () => {
    await app.close();
  });

  const get = (url: string, headers: Record<string, string> = { cookie: agent.cookie }) =>
    app.inject({ method: 'GET', url, headers });

  it('exports the filter as CSV with the chosen columns and the classification, formulas neutralised', async () => {
    const response = await get(
      '/api/exports/tickets?folder=all&status=active&sort=oldest&columns=number&columns=subject&columns=status&columns=fields',
    );
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toMatch(
      /^attachment; filename="tickets-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    expect(response.body.startsWith('\ufeff')).toBe(true);
    const rows = parseCsv(response.body.slice(1));
    const header = rows[0] ?? [];
    expect(header.slice(0, 3)).toEqual(['Numéro', 'Sujet', 'Statut']);
    expect(header).toContain(fieldLabel);
    const data = rows.slice(1);
    expect(data).toHaveLength(6); // the closed one and the other mailbox's are not in it
    expect(data.map((r) => r[1])).toEqual([
      `'${hostileSubjects[0]}`,
      `'${hostileSubjects[1]}`,
      `'${hostileSubjects[2]}`,
      `'${hostileSubjects[3]}`,
      'Demande 4; "urgente"',
      'Demande 5; "urgente"',
    ]);
    expect(data.every((r) => r[2] === 'Actif')).toBe(true);
    expect(data[0]?.[header.indexOf(fieldLabel)]).toBe(valueLabel);
    expect(response.body).not.toContain('Hors de portée');
  });

  it('exports XLSX, and works with a tickets:read token but not a write-only one', async () => {
    const { token } = await createToken(
      ctx.db,
      { id: agentId, role: 'agent', disabled_at: null },
      { name: 'Entrepôt', scopes: ['tickets:read'], expiresInDays: 1, kind: 'service' },
      { userId: null, label: 'test' },
    );
    const response = await get(
      '/api/exports/tickets?folder=all&format=xlsx&sort=oldest&columns=subject&columns=createdAt',
      {
        authorization: `Bearer ${token}`,
      },
    );
    expect(response.statusCode, response.body.slice(0, 200)).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Tickets');
    expect(sheet?.getRow(1).values).toEqual([undefined, 'Sujet', 'Créé le']);
    expect(sheet?.rowCount).toBe(8);
    expect(sheet?.getCell('A2').value).toBe(hostileSubjects[0]);
    // 09:00 UTC on 1 March is 10:00 in Paris, as the spreadsheet shows it.
    expect((sheet?.getCell('B2').value as Date | undefined)?.toISOString()).toBe(
      '2026-03-01T10:00:00.000Z',
    );
    const writeOnly = await createToken(
      ctx.db,
      { id: agentId, role: 'agent', disabled_at: null },
      { name: 'Écriture', scopes: ['tickets:write'], expiresInDays: 1, kind: 'service' },
      { userId: null, label: 'test' },
    );
    expect(
      (await get('/api/exports/tickets', { authorization: `Bearer ${writeOnly.token}` }))
        .statusCode,
    ).toBe(403);
    const audit = await ctx.db
      .selectFrom('audit_events')
      .select(['actor_label', 'details'])
      .where('action', '=', 'tickets.exported')
      .execute();
    expect(audit.map((a) => a.actor_label)).toContain('token: Entrepôt');
  });

  it('reads every ticket once, page after page', async () => {
    const filters = { folder: 'all' as const, sort: 'created' as const };
    const ids: number[] = [];
    let pages = 0;
    for await (const page of exportRows(ctx.db, { id: agentId }, [demandeurs], filters, 2)) {
      pages += 1;
      ids.push(...page.map((row) => row.id));
    }
    expect(pages).toBe(4);
    expect(ids).toHaveLength(7);
    expect(new Set(ids).size).toBe(7);
    expect([...ids].sort((a, b) => b - a)).toEqual(ids);
  });

  it('answers hostile parameters with a clear 400', async () => {
    const many = Array.from({ length: 21 }, () => `mailbox=${demandeurs}`).join('&');
    for (const query of [
      'columns=password_hash',
      'columns=number&columns=secret',
      'format=pdf',
      'format=csv&format=xlsx',
      many,
      `q=${'x'.repeat(300)}`,
      'limit=10',
      'cursor=abc',
      'field=nope',
      'from=2026-02-30',
      'sort=random',
      'mailbox=../../etc',
    ]) {
      const response = await get(`/api/exports/tickets?${query}`);
      expect([response.statusCode, query]).toEqual([400, query]);
      expect(response.json().error.code).toBe('invalid_input');
    }
    expect((await get('/api/exports/tickets', {})).statusCode).toBe(401);
  });
});
