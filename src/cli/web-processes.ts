/**
 * `guichet serve --processes N` on a PostgreSQL server: N web processes share
 * one port through node:cluster (the primary accepts connections and hands
 * them out in turn). The primary prepares the database first and runs the
 * background jobs itself (role `all`), so they run in one process, never in
 * each web process; a web process asks it to wake the outbox after a reply.
 *
 * Messages between them (process.send):
 *   web → primary  { type: 'guichet:listening' }                 ready
 *   web → primary  { type: 'guichet:failed', code?, message }   could not start
 *   web → primary  { type: 'guichet:wake', job }                 e.g. 'outbox'
 */
import cluster, { type Worker } from 'node:cluster';
import { AppError, type ErrorCode, errorCodes, isAppError } from '../errors/app-error.ts';

export type WebProcessMessage =
  | { type: 'guichet:listening' }
  | { type: 'guichet:failed'; code?: string; message: string }
  | { type: 'guichet:wake'; job: string };

const isMessage = (value: unknown): value is WebProcessMessage =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as { type?: unknown }).type === 'string' &&
  (value as { type: string }).type.startsWith('guichet:');

/** In a web process: tells the primary (no-op in a single process). */
export function tellPrimary(message: WebProcessMessage): void {
  if (cluster.isWorker) process.send?.(message);
}

/** The failure of a web process as the primary rethrows it (an AppError keeps its code). */
export function failureMessage(error: unknown): WebProcessMessage {
  return isAppError(error)
    ? { type: 'guichet:failed', code: error.code, message: error.message }
    : { type: 'guichet:failed', message: (error as Error)?.message ?? String(error) };
}

export type WebProcesses = {
  /** The pids of the web processes running now. */
  pids(): number[];
  /** Asks every web process to stop (SIGTERM) and waits until they have. */
  stop(): Promise<void>;
};

/**
 * In the primary: forks `count` web processes (they run `guichet serve` again,
 * as cluster workers) and resolves once every one listens; rejects with the
 * first one's failure. Later, a web process that crashes is replaced; one that
 * exits cleanly (it was asked to stop) is not.
 */
export async function startWebProcesses(
  count: number,
  onWake: (job: string) => void,
): Promise<WebProcesses> {
  const workers = new Set<Worker>();
  let stopping = false;
  let ready = false;
  const stop = async () => {
    stopping = true;
    await Promise.all(
      [...workers].map(
        (worker) =>
          new Promise<void>((resolve) => {
            if (worker.isDead()) return resolve();
            worker.once('exit', () => resolve());
            worker.process.kill('SIGTERM');
          }),
      ),
    );
  };
  const fork = (): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      const worker = cluster.fork();
      workers.add(worker);
      let failure: Error | undefined;
      worker.on('message', (message: unknown) => {
        if (!isMessage(message)) return;
        if (message.type === 'guichet:wake') onWake(message.job);
        if (message.type === 'guichet:listening') resolve();
        if (message.type === 'guichet:failed')
          failure =
            message.code !== undefined && Object.hasOwn(errorCodes, message.code)
              ? new AppError(message.code as ErrorCode, message.message)
              : new Error(message.message);
      });
      worker.on('exit', (code, signal) => {
        workers.delete(worker);
        reject(failure ?? new Error(`a web process ended before it listened (${signal ?? code})`));
        if (stopping || !ready || (code === 0 && signal === null)) return;
        process.stderr.write(
          `guichet: web process ${worker.process.pid} ended (${signal ?? `exit ${code}`}); starting another\n`,
        );
        fork().catch((error: unknown) =>
          process.stderr.write(`guichet: web process not restarted: ${(error as Error).message}\n`),
        );
      });
    });
  try {
    await Promise.all(Array.from({ length: count }, fork));
  } catch (error) {
    await stop();
    throw error;
  }
  ready = true;
  return {
    pids: () => [...workers].flatMap((w) => (w.process.pid === undefined ? [] : [w.process.pid])),
    stop,
  };
}
