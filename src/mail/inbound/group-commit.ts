/**
 * Group commit for the SMTP listener (issue 22): each mail is prepared as it
 * arrives (raw bytes durable in the blob store, parsed, classified, all
 * sessions at once), then waits here for its database write. While one batch
 * transaction runs, the mail arriving meanwhile queues up and goes into the
 * next one: one commit (one fsync) for every mail of a batch, and a lone mail
 * is written at once. `store` resolves only after the commit that holds the
 * mail, so the listener's 250 always follows durable data.
 *
 * A failed batch transaction (BatchWriteError) is taken again one mail at a
 * time, so one faulty mail only fails its own session (451).
 */
import { BatchWriteError, storePreparedBatch } from './ingest-batch.ts';
import {
  type InboundDeps,
  type IngestOutcome,
  type PreparedMail,
  storePrepared,
} from './ingest-mail.ts';

type Waiting = {
  mail: PreparedMail;
  resolve: (outcome: IngestOutcome) => void;
  reject: (error: unknown) => void;
};

/** A writer that groups concurrent `store` calls into shared transactions of at most `maxBatch` mails. */
export function groupCommitter(deps: InboundDeps, maxBatch = 256) {
  const queue: Waiting[] = [];
  let running = false;

  async function writeOneByOne(batch: Waiting[]): Promise<void> {
    for (const w of batch) await storePrepared(deps, w.mail).then(w.resolve, w.reject);
  }

  async function drain(): Promise<void> {
    running = true;
    try {
      while (queue.length > 0) {
        const batch = queue.splice(0, maxBatch);
        try {
          const outcomes = await storePreparedBatch(
            deps,
            batch.map((w) => w.mail),
          );
          for (const [i, w] of batch.entries()) {
            const outcome = outcomes[i];
            if (outcome) w.resolve(outcome);
            else w.reject(new Error('no outcome for a mail of the batch'));
          }
        } catch (error) {
          if (error instanceof BatchWriteError) await writeOneByOne(batch);
          else for (const w of batch) w.reject(error);
        }
      }
    } finally {
      running = false;
    }
  }

  return {
    /** Resolves once `mail` is committed (or found already stored). */
    store(mail: PreparedMail): Promise<IngestOutcome> {
      return new Promise<IngestOutcome>((resolve, reject) => {
        queue.push({ mail, resolve, reject });
        if (!running) void drain();
      });
    },
  };
}
