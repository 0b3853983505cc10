/**
 * RELIABILITY §5.2 on the PostgreSQL server: connections killed while mail
 * streams into the SMTP listener (F1). Senders retry on 4xx as MTAs do;
 * afterwards every mail is stored exactly once (I1).
 */
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, pgAvailable } from '../../../test/backends.ts';
import { inboundDeps, mailMailbox, plainMail, uniqueId } from '../../../test/mail.ts';
import { adminQuery } from '../../../test/pg-settings.ts';
import type { Database } from '../../db/client.ts';
import { type SmtpListener, startSmtpListener } from './smtp-listener.ts';

describe.skipIf(!pgAvailable())('faults during ingestion [postgres]', () => {
  let database: Database;
  let listener: SmtpListener;
  let name = '';
  beforeAll(async () => {
    database = await openTestDatabase('postgres');
    await mailMailbox(database.db);
    const row = await database.db
      .selectNoFrom((eb) => eb.fn<string>('current_database', []).as('name'))
      .executeTakeFirstOrThrow();
    name = row.name;
    listener = await startSmtpListener({
      deps: await inboundDeps(database.db),
      host: '127.0.0.1',
      port: 0,
    });
  });
  afterAll(async () => {
    await listener.close();
    await database.close();
  });

  it('loses and duplicates nothing when database connections drop mid-stream (F1)', async () => {
    const transport = nodemailer.createTransport({
      host: '127.0.0.1',
      port: listener.port,
      secure: false,
      ignoreTLS: true,
      pool: true,
      maxConnections: 4,
    });
    const ids = Array.from({ length: 60 }, () => uniqueId('fault'));
    let stop = false;
    let kills = 0;
    const killer = (async () => {
      while (!stop) {
        await adminQuery(
          `select pg_terminate_backend(pid) from pg_stat_activity where datname = '${name}' and pid <> pg_backend_pid()`,
        );
        kills += 1;
        await new Promise((resolve) => setTimeout(resolve, 40));
      }
    })();
    let refusals = 0;
    const sendWithRetry = async (id: string, i: number) => {
      for (let attempt = 0; attempt < 50; attempt++) {
        try {
          await transport.sendMail({
            envelope: { from: 'p@bailleur-44.example.org', to: ['support@example.org'] },
            raw: plainMail({
              from: `P${i} <p${i}@bailleur-44.example.org>`,
              subject: `Panne ${i}`,
              messageId: id,
            }),
          });
          return;
        } catch (error) {
          const code = (error as { responseCode?: number }).responseCode;
          if (code !== undefined && code < 500) refusals += 1;
          else if (code !== undefined) throw error;
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      }
      throw new Error(`never accepted: ${id}`);
    };
    const sending = Promise.all(ids.map((id, i) => sendWithRetry(id, i)));
    await new Promise((resolve) => setTimeout(resolve, 1500));
    stop = true;
    await killer;
    await sending;
    transport.close();
    const rows = await database.db
      .selectFrom('messages')
      .select('message_id')
      .where('message_id', 'in', ids)
      .execute();
    expect(rows).toHaveLength(ids.length);
    expect(new Set(rows.map((r) => r.message_id)).size).toBe(ids.length);
    expect(kills).toBeGreaterThan(5);
    console.info(
      `F1: ${kills} connection kills, ${refusals} temporary refusals, ${ids.length} mails stored once`,
    );
  });
});
