// A second thread for the report's heaviest read: grouping a month's clock
// rows (~200 000 on a big site) by complaint is half of a monthly report's
// time (src/app/report/complaints.ts plans which queries it takes). A worker reads part of them on its own connection while this thread
// does the rest of the report, then hands its rows back (SPEC §9: report
// monthly within 3× of node -e 0).
//
// The worker's connection reads its own WAL snapshot. Both threads read the
// same fingerprint inside their transactions (the newest audit entry and
// complaint event: every write of pmctl appends to the audit log, every change
// of a complaint or its clocks to its events); when a clerk's write lands
// between the two, the fingerprints differ and this thread reads the worker's
// part itself, so the figures always come from one snapshot.
//
// Synchronous on this side (the report is built in one read transaction): the
// worker posts its rows on a MessagePort and wakes this thread through
// Atomics; receiveMessageOnPort takes the message without the event loop.
import { receiveMessageOnPort } from 'node:worker_threads';
import { busyTimeoutMs, type DB } from './db.js';
import { startDbWorker } from './worker.js';

/** What both threads read first in their transactions. */
export const FINGERPRINT_SQL = "SELECT (SELECT COALESCE(MAX(id), 0) FROM audit) || ':' || (SELECT COALESCE(MAX(id), 0) FROM complaint_events) AS fp";

/** This connection's fingerprint, read inside its transaction. */
export function fingerprint(db: DB): string {
  return (db.prepare(FINGERPRINT_SQL).get() as { fp: string }).fp;
}

export interface Query {
  sql: string;
  params: Record<string, unknown>;
}

/** How long this thread waits for the worker before reading its part itself. */
const WAIT_MS = 10_000;

// Plain CommonJS, run by the worker as it is (eval): better-sqlite3 from its
// package with the addon pmctl itself loads, the same pragmas as every open.
const WORKER_SOURCE = `
const { workerData: d } = require('node:worker_threads');
let msg = { ok: false, error: 'unfinished' };
try {
  const Database = require(d.lib);
  const db = new Database(d.file, { readonly: true, fileMustExist: true, nativeBinding: d.addon });
  db.pragma('busy_timeout = ' + d.busy);
  db.pragma('foreign_keys = ON');
  db.pragma('synchronous = NORMAL');
  db.pragma('mmap_size = 2147418112');
  msg = db.transaction(() => {
    const fp = db.prepare(d.fp).get().fp;
    const rows = [];
    for (const q of d.queries) for (const r of db.prepare(q.sql).all(q.params)) rows.push(r);
    return { ok: true, fp, rows };
  })();
  db.close();
} catch (e) {
  msg = { ok: false, error: String(e && e.message || e) };
}
try {
  d.port.postMessage(msg);
} finally {
  const flag = new Int32Array(d.flag);
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
}
`;

export interface Helper {
  /** The worker's rows if it read the same snapshot as `fp`; undefined otherwise (read them yourself). */
  take(fp: string): unknown[] | undefined;
}

/**
 * Starts the queries on a worker, or returns undefined when there is no second
 * core, no file (an in-memory database) or the worker cannot start.
 */
export function startHelper(db: DB, queries: Query[]): Helper | undefined {
  if (process.env.PMCTL_REPORT_THREADS === '0' || db.memory || !db.name) return undefined;
  const flag = new SharedArrayBuffer(4);
  // A worker that fails is only a slower report: this thread reads its part.
  const w = startDbWorker(WORKER_SOURCE, { file: db.name, busy: busyTimeoutMs(), fp: FINGERPRINT_SQL, queries, flag });
  if (!w) return undefined;
  const { worker, port } = w;
  return {
    take(fp) {
      const f = new Int32Array(flag);
      Atomics.wait(f, 0, 0, WAIT_MS);
      const got = receiveMessageOnPort(port)?.message as { ok: boolean; fp?: string; rows?: unknown[] } | undefined;
      port.close();
      void worker.terminate();
      const use = got?.ok && got.fp === fp;
      if (process.env.PMCTL_DEBUG === '1')
        process.stderr.write(
          `pmctl debug: report: ${use ? `${got!.rows!.length} rows read on a second thread` : !got ? 'no answer from the second thread' : !got.ok ? `second thread failed: ${(got as { error?: string }).error}` : 'second thread read another snapshot'}\n`,
        );
      return use ? got!.rows : undefined;
    },
  };
}
