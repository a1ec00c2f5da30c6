import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';

/** How often the worker folds the WAL back into the database file. */
export const CHECKPOINT_EVERY_MS = 5_000;
/** SQLite's own default, restored when the worker cannot do the job. */
const SQLITE_AUTOCHECKPOINT_PAGES = 1000;

export interface CheckpointerOptions {
  everyMs?: number;
  nativeBinding?: string;
  /** Told once if the worker fails; SQLite's own checkpoints are back on by then. */
  onError?: (message: string) => void;
}

export interface Checkpointer {
  /** Resolves once the worker has run a last checkpoint and closed its connection. */
  stop(): Promise<void>;
  /** Resolves after the worker's next checkpoint, with SQLite's [busy, log frames, checkpointed frames]. */
  checkpointNow(): Promise<[number, number, number]>;
}

// Plain CommonJS, evaluated in the worker: the app is bundled, so there is no worker file to point at.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require('node:module').createRequire(workerData.resolveFrom)('better-sqlite3');
const db = new Database(workerData.path, { fileMustExist: true, timeout: 2000, nativeBinding: workerData.nativeBinding });
const checkpoint = () => db.pragma('wal_checkpoint(PASSIVE)', { simple: false })[0];
const timer = setInterval(() => {
  try { checkpoint(); } catch (err) { parentPort.postMessage({ error: String(err && err.message || err) }); }
}, workerData.everyMs);
parentPort.on('message', (m) => {
  if (m === 'now') {
    try { const r = checkpoint(); parentPort.postMessage({ done: [r.busy, r.log, r.checkpointed] }); }
    catch (err) { parentPort.postMessage({ error: String(err && err.message || err) }); }
  } else if (m === 'stop') {
    clearInterval(timer);
    try { checkpoint(); } finally { db.close(); parentPort.close(); }
  }
});
`;

/** Where the worker resolves better-sqlite3 from: the bundle's own file, or the repository under tsx/vitest (ESM). */
function resolveAnchor(): string {
  return typeof __filename === 'string' ? __filename : join(process.cwd(), 'package.json');
}

/**
 * Moves SQLite's WAL checkpoints off the main thread. With synchronous=NORMAL the checkpoint is where
 * the fsyncs happen, and SQLite runs it inside whichever commit crosses 1,000 WAL pages: measured at
 * about half of what storing a poll cost, and a stall of the event loop that also answers the UI.
 * A worker with its own connection checkpoints every few seconds instead (PASSIVE: it never blocks
 * the writer). If the worker cannot start or fails, SQLite's automatic checkpoints come back on, so
 * the WAL can never grow unchecked.
 */
export function startCheckpointer(db: Database.Database, options: CheckpointerOptions = {}): Checkpointer {
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: {
      path: db.name,
      everyMs: options.everyMs ?? CHECKPOINT_EVERY_MS,
      resolveFrom: resolveAnchor(),
      nativeBinding: options.nativeBinding,
    },
  });
  // A forgotten stop() must not keep the process alive.
  worker.unref();
  // Off from now on, not from the worker's first message: a busy main thread may not read that for a while.
  db.pragma('wal_autocheckpoint = 0');
  let failed = false;
  let stopping = false;
  const waiting: ((r: [number, number, number]) => void)[] = [];
  const fail = (detail: string): void => {
    if (failed || stopping) return;
    // Node's module errors carry a require stack on the following lines.
    const message = detail.split('\n')[0] ?? detail;
    failed = true;
    if (db.open) db.pragma(`wal_autocheckpoint = ${SQLITE_AUTOCHECKPOINT_PAGES}`);
    options.onError?.(`Background checkpoints stopped (${message}); SQLite checkpoints on commit again.`);
    void worker.terminate();
  };
  worker.on('message', (m: { error?: string; done?: [number, number, number] }) => {
    if (m.error) fail(m.error);
    if (m.done) waiting.shift()?.(m.done);
  });
  worker.on('error', (err) => fail(err.message));
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  void exited.then(() => fail('the worker exited'));

  return {
    async stop() {
      if (stopping) return exited;
      stopping = true;
      if (failed) return exited;
      // Held from here: a process with nothing else to do must not exit while this waits for the worker.
      worker.ref();
      worker.postMessage('stop');
      await exited;
    },
    checkpointNow() {
      return new Promise((resolve, reject) => {
        if (failed || stopping) {
          reject(new Error('the checkpoint worker is not running'));
          return;
        }
        waiting.push(resolve);
        worker.postMessage('now');
      });
    },
  };
}
