/**
 * Group commit for the SMTP listener (issue 22): each mail is prepared as it
 * arrives (parsed, classified, all sessions at once), then waits here for its
 * write. While a batch is written, the mail arriving meanwhile queues up and
 * goes into the next one: the raw bytes and attachments of a batch are made
 * durable together (blob store `putMany`: shared fsyncs), then one transaction
 * (one commit) holds every mail of the batch; a lone mail is written at once. `store` resolves only after the commit that holds the
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

/**
 * A writer that groups concurrent `store` calls into shared transactions of at
 * most `maxBatch` mails, `inFlight` of them at once: while one batch waits on
 * its commit, the next one stores its blobs and writes its rows (on the
 * PostgreSQL server; PGlite has a single connection, 1 there).
 */
export function groupCommitter(
  deps: InboundDeps,
  options: { maxBatch?: number; inFlight?: number } = {},
) {
  const maxBatch = options.maxBatch ?? 256;
  const inFlight = Math.max(1, options.inFlight ?? 1);
  const queue: Waiting[] = [];
  let running = 0;

  async function writeOneByOne(batch: Waiting[]): Promise<void> {
    for (const w of batch) {
      // The batch stored the raws of the mails it meant to write; one it took for a
      // duplicate of a batch-mate may be written now: its raw first (a touch if stored).
      const raw = w.mail.kind === 'dropped' ? undefined : deps.blobs.put(w.mail.input.raw);
      await Promise.resolve(raw)
        .then(() => storePrepared(deps, w.mail))
        .then(w.resolve, w.reject);
    }
  }

  async function write(batch: Waiting[]): Promise<void> {
    try {
      // The mails were prepared with `deferRaw`: their raw bytes are stored with the batch's blobs.
      const outcomes = await storePreparedBatch(
        deps,
        batch.map((w) => w.mail),
        { storeRaws: true },
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

  // Message-IDs of the mails being written: a mail naming one of them (a reply
  // to it, or the same mail again) waits for that commit, as with one batch at
  // a time, so it threads onto it (or is found a duplicate).
  const writing = new Set<string>();
  const idsOf = (w: Waiting): string[] => (w.mail.kind === 'mail' ? [w.mail.mail.messageId] : []);
  const names = (w: Waiting, ids: Set<string>): boolean =>
    w.mail.kind === 'mail' &&
    [w.mail.mail.messageId, w.mail.mail.inReplyTo, ...w.mail.mail.references].some(
      (id) => id !== null && ids.has(id),
    );

  function pump(): void {
    while (running < inFlight && queue.length > 0) {
      const batch: Waiting[] = [];
      const held: Waiting[] = [];
      // A mail naming a held one is held too: it must not overtake it.
      const heldIds = new Set<string>();
      for (const w of queue) {
        if (batch.length < maxBatch && !names(w, writing) && !names(w, heldIds)) batch.push(w);
        else {
          held.push(w);
          for (const id of idsOf(w)) heldIds.add(id);
        }
      }
      if (batch.length === 0) return;
      queue.splice(0, queue.length, ...held);
      const ids = batch.flatMap(idsOf);
      for (const id of ids) writing.add(id);
      running += 1;
      void write(batch).finally(() => {
        for (const id of ids) writing.delete(id);
        running -= 1;
        pump();
      });
    }
  }

  return {
    /** Resolves once `mail` is committed (or found already stored). `mail` is prepared with `deferRaw`. */
    store(mail: PreparedMail): Promise<IngestOutcome> {
      return new Promise<IngestOutcome>((resolve, reject) => {
        queue.push({ mail, resolve, reject });
        pump();
      });
    },
  };
}
