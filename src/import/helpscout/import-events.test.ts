/**
 * The import records its ticket events through domain/tickets' batch entry
 * (issue 17): one `ticket.opened` per ticket and one `message.added` per message,
 * actor `import`; running the same import again records nothing new.
 */
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { generatedMapping, writeHelpScoutExport } from '../../../bench/helpscout-export.ts';
import { describeEachBackend } from '../../../test/backends.ts';
import { withDefaultConfiguration } from '../../../test/factories.ts';
import { ImportReport } from '../shared/import-report.ts';
import { mappingFileSchema } from '../shared/mapping-file.ts';
import { importHelpScout } from './import-helpscout.ts';

const mapping = mappingFileSchema.parse(generatedMapping);
const CONVERSATIONS = 120;
let file: string;

beforeAll(async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'guichet-hs-events-'));
  file = path.join(dir, 'export.jsonl');
  await writeHelpScoutExport(file, { conversations: CONVERSATIONS, year: 2020 });
});

describeEachBackend('import ticket events', (ctx) => {
  beforeAll(async () => {
    await withDefaultConfiguration(ctx.db);
  });
  const run = () =>
    importHelpScout({
      db: ctx.db,
      paths: [file],
      mapping,
      dryRun: false,
      report: new ImportReport(null),
      batchSize: 50,
    });
  const eventCounts = async () => {
    const { rows } = await sql<{ type: string; actor_kind: string; n: number }>`
      select type, actor_kind, count(*)::int as n from ticket_events
      group by type, actor_kind order by type`.execute(ctx.db);
    return rows;
  };

  it('records one ticket.opened per ticket and one message.added per message, once', async () => {
    const summary = await run();
    expect(summary.records).toMatchObject({ created: CONVERSATIONS, failed: 0 });
    const { rows: stored } = await sql<{ tickets: number; messages: number }>`
      select (select count(*)::int from tickets where channel = 'import') as tickets,
        (select count(*)::int from messages) as messages`.execute(ctx.db);
    const counts = stored[0];
    expect(counts?.tickets).toBe(CONVERSATIONS);
    expect(await eventCounts()).toEqual([
      { type: 'message.added', actor_kind: 'import', n: counts?.messages },
      { type: 'ticket.opened', actor_kind: 'import', n: CONVERSATIONS },
    ]);
    // Each event names its own ticket or message, with the ticket's mailbox.
    const { rows: mismatched } = await sql<{ n: number }>`
      select count(*)::int as n from ticket_events e
      left join tickets t on t.id = e.ticket_id and t.mailbox_id = e.mailbox_id
      left join messages m on m.id = (e.data->>'messageId')::bigint and m.ticket_id = e.ticket_id
      where t.id is null or (e.type = 'message.added' and m.id is null)
        or (e.type = 'ticket.opened' and (e.data->>'status' is distinct from t.status
          or e.data->>'channel' <> 'import'))`.execute(ctx.db);
    expect(mismatched[0]?.n).toBe(0);

    const again = await run();
    expect(again.records).toMatchObject({ created: 0, updated: 0, failed: 0 });
    expect(await eventCounts()).toEqual([
      { type: 'message.added', actor_kind: 'import', n: counts?.messages },
      { type: 'ticket.opened', actor_kind: 'import', n: CONVERSATIONS },
    ]);
  });
});
