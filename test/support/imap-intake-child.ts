/**
 * A separate process running the IMAP worker on a server database until it is
 * killed (src/mail/inbound/imap-crash.test.ts kills it mid-batch). Arguments
 * come as one JSON in argv[2]: { url, mailboxId, folder, blobs, workerId, batchSize }.
 */
import { openDatabase } from '../../src/db/client.ts';
import { imapClient, syncImapOnce } from '../../src/mail/inbound/imap-sync.ts';
import { createBlobStore } from '../../src/storage/blob-store.ts';
import { signer, testImapAccount } from '../mail.ts';

const args = JSON.parse(process.argv[2] ?? '{}') as {
  url: string;
  mailboxId: string;
  folder: string;
  blobs: string;
  workerId: string;
  batchSize: number;
};
const database = await openDatabase({ kind: 'postgres', url: args.url, poolSize: 2 });
const deps = { db: database.db, blobs: createBlobStore(args.blobs), signer, maxBytes: 1_000_000 };
const account = { ...testImapAccount, folder: args.folder };
const client = imapClient(account);
await client.connect();
process.stdout.write('ready\n');
for (;;) {
  const result = await syncImapOnce(client, {
    deps,
    mailboxId: args.mailboxId,
    account,
    workerId: args.workerId,
    batchSize: args.batchSize,
  });
  if (!result.more) await new Promise((resolve) => setTimeout(resolve, 100));
}
