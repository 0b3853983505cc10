import { expect, it } from 'vitest';
import { describeEachBackend } from '../../../test/backends.ts';
import { addMessage, createTicket, withDefaultConfiguration } from '../../../test/factories.ts';
import { mailMailbox } from '../../../test/mail.ts';
import { startSmtpSink } from '../../../test/smtp-sink.ts';
import { parisWallClockToInstant } from '../../domain/tickets/business-hours.ts';
import { refreshTicketTimings } from '../../domain/tickets/ticket-timings.ts';
import { createTransportFor } from '../../mail/outbound/transport.ts';
import { REPORT_SETTINGS_KEY } from '../model/report-settings.ts';
import {
  dueSummaryMonth,
  type SummaryMessage,
  sendMonthlySummaryIfDue,
} from './monthly-summary.ts';
import { createSummarySender } from './summary-sender.ts';

const paris = (y: number, m: number, d: number, h: number) =>
  parisWallClockToInstant(y, m, d, h, 0);

describeEachBackend('monthly summary', (ctx) => {
  it('is due from 7:00 on the first working day (holidays and weekends skipped)', async () => {
    // 1 January 2021 is a holiday (Friday), then a weekend: Monday 4 January is the first working day
    expect(await dueSummaryMonth(ctx.db, paris(2021, 1, 2, 10))).toBeNull();
    expect(await dueSummaryMonth(ctx.db, paris(2021, 1, 4, 6))).toBeNull();
    expect(await dueSummaryMonth(ctx.db, paris(2021, 1, 4, 8))).toBe('2020-12');
    expect(await dueSummaryMonth(ctx.db, paris(2021, 3, 20, 8))).toBe('2021-02');
  });

  it('sends last month beside the same month a year earlier, with the PDF, once across instances', async () => {
    const { partenaires = '' } = await withDefaultConfiguration(ctx.db);
    const ids: number[] = [];
    for (const [y, count] of [
      [2019, 4],
      [2020, 5],
    ] as const) {
      for (let i = 0; i < count; i++) {
        const id = await createTicket(ctx.db, {
          mailboxId: partenaires,
          createdAt: paris(y, 12, 3 + i, 10),
        });
        await addMessage(ctx.db, id, partenaires, 'reply', paris(y, 12, 3 + i, 10 + i));
        ids.push(id);
      }
    }
    await refreshTicketTimings(ctx.db, ids);
    const sent: SummaryMessage[] = [];
    const send = async (_trx: unknown, message: SummaryMessage) => {
      sent.push(message);
    };
    const now = paris(2021, 1, 4, 9);
    expect(await sendMonthlySummaryIfDue(ctx.db, now, send)).toBeNull(); // not enabled yet
    await ctx.db
      .insertInto('settings')
      .values({
        key: REPORT_SETTINGS_KEY,
        value: JSON.stringify({
          monthlySummary: { enabled: true, recipients: ['pilotage@example.org'] },
        }),
      })
      .execute();
    const results = await Promise.all([
      sendMonthlySummaryIfDue(ctx.db, now, send),
      sendMonthlySummaryIfDue(ctx.db, now, send),
    ]);
    expect(results.filter((r) => r === '2020-12')).toHaveLength(1);
    expect(await sendMonthlySummaryIfDue(ctx.db, paris(2021, 1, 5, 9), send)).toBeNull();
    expect(sent).toHaveLength(1);
    const [message] = sent;
    expect(message?.to).toEqual(['pilotage@example.org']);
    expect(message?.subject).toBe('Synthèse mensuelle du support — décembre 2020');
    expect(message?.text).toContain('Tickets : 5 (+ 25 %) — décembre 2019 : 4');
    expect(message?.text).toContain(
      "Première réponse en moins d'1 h / 2 h / 24 h : 20 % / 40 % / 100 %",
    );
    expect(message?.attachments[0]?.content.subarray(0, 5).toString()).toBe('%PDF-');
  });
});

describeEachBackend('monthly summary over SMTP', (ctx) => {
  it('reaches a real SMTP server with its PDF; a refusal leaves the month to retry', async () => {
    const sink = await startSmtpSink();
    const transports = createTransportFor({ relayUrl: sink.url(), credentialsKey: undefined });
    try {
      await mailMailbox(ctx.db);
      await ctx.db
        .insertInto('settings')
        .values({
          key: REPORT_SETTINGS_KEY,
          value: JSON.stringify({
            monthlySummary: { enabled: true, recipients: ['pilotage@example.org'] },
          }),
        })
        .execute();
      const send = createSummarySender(transports);
      sink.refuseWith = 451;
      await expect(sendMonthlySummaryIfDue(ctx.db, paris(2021, 3, 1, 9), send)).rejects.toThrow();
      sink.refuseWith = null;
      expect(await sendMonthlySummaryIfDue(ctx.db, paris(2021, 3, 1, 10), send)).toBe('2021-02');
      expect(sink.received).toHaveLength(1);
      const raw = sink.received[0]?.raw.toString('latin1') ?? '';
      expect(sink.received[0]?.to).toEqual(['pilotage@example.org']);
      expect(raw).toMatch(/^Auto-Submitted: auto-generated/m);
      expect(raw).toMatch(/filename=synthese-2021-02\.pdf/);
      expect(raw).toMatch(/Content-Type: application\/pdf/);
    } finally {
      transports.closeAll();
      await sink.stop();
    }
  });
});
