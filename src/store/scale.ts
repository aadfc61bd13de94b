// The statements of `pmctl demo` at scale (src/app/demo/scale.ts): the bulk
// load's pragmas, transaction and index rebuild, the reads it starts from,
// and its second thread.
//
// A second thread for `pmctl demo` at scale. A complaint has a row per clock:
// 11 million of the 18.7 million rows of a 1 000 000-complaint site. A worker
// writes them into a scratch database file next to the site's while this
// thread generates every row and writes the others; at the end they are copied
// into the site in one INSERT … SELECT (about 0.3 µs a row, where binding a
// row from JavaScript costs 1.3 µs), inside the load's own transaction, so the
// site gets all of them or none.
//
// This thread never waits on its event loop: batches go to the worker by
// postMessage, and a shared count of the batches written keeps at most
// IN_FLIGHT of them queued (memory stays bounded when the worker falls
// behind); the end and any failure come back through Atomics, and the
// failure's text through a MessagePort read with receiveMessageOnPort.
import { existsSync, unlinkSync } from 'node:fs';
import { receiveMessageOnPort } from 'node:worker_threads';
import type { DB } from './db.js';
import { stmt } from './common.js';
import type { UnitOccupants } from './complaint.js';
import { startDbWorker } from './worker.js';

/** Batches sent and not yet written, at most. */
const IN_FLIGHT = 64;
/** How long one wait for the worker may last before the load is given up. */
const WAIT_MS = 600_000;
/** Shared Int32 slots: batches written; the worker's state (0 running, 1 done, 2 failed). */
const WRITTEN = 0;
const STATE = 1;
const RUNNING = 0;
const FAILED = 2;

// Plain CommonJS, run by the worker as it is (eval).
const WORKER_SOURCE = `
const { workerData: d, parentPort } = require('node:worker_threads');
const shared = new Int32Array(d.shared);
const sql = (n) => d.head + Array(n).fill(d.one).join(',');
let db, full;
const fail = (e) => {
  d.port.postMessage(String((e && e.message) || e));
  Atomics.store(shared, 1, 2);
  Atomics.notify(shared, 1);
  Atomics.notify(shared, 0);
};
process.on('uncaughtException', fail);
try {
  const Database = require(d.lib);
  db = new Database(d.file, { nativeBinding: d.addon });
  // A scratch file, rebuilt by the next demo if the process dies: no journal.
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.pragma('foreign_keys = OFF');
  db.pragma('cache_size = -65536');
  db.exec(d.ddl);
  db.exec('BEGIN');
  full = db.prepare(sql(d.rows));
} catch (e) {
  fail(e);
}
parentPort.on('message', (m) => {
  if (Atomics.load(shared, 1) !== 0) return;
  try {
    if (m === null) {
      db.exec('COMMIT');
      db.close();
      Atomics.store(shared, 1, 1);
      Atomics.notify(shared, 1);
      parentPort.close();
      return;
    }
    (m.length === d.rows * d.cols ? full : db.prepare(sql(m.length / d.cols))).run(m);
    Atomics.add(shared, 0, 1);
    Atomics.notify(shared, 0);
  } catch (e) {
    fail(e);
  }
});
`;

export interface RowSink {
  push(...v: unknown[]): void;
  /** Writes what is left (the worker's rows: copied into the site, inside the caller's transaction). */
  flush(): void;
  /** After the transaction ends, committed or not: the scratch file goes (again: nothing happens). */
  close(): void;
  count: number;
}

/**
 * The rows of `table` written on a second thread, in batches of `rows`; or
 * undefined (one core, a database in memory, no worker): the caller writes
 * them itself. The scratch table has the site's own definition.
 */
export function threadedSink(db: DB, o: { table: string; cols: string[]; rows: number }): RowSink | undefined {
  if (process.env.PMCTL_SCALE_THREADS === '0' || db.memory || !db.name) return undefined;
  const ddl = tableDdl(db, o.table);
  if (!ddl) return undefined;
  const file = db.name + '.scale-' + o.table;
  const removeScratch = () => {
    for (const f of [file, file + '-journal']) if (existsSync(f)) unlinkSync(f);
  };
  removeScratch();
  const cols = o.cols.join(',');
  const shared = new SharedArrayBuffer(8);
  const counters = new Int32Array(shared);
  const w = startDbWorker(WORKER_SOURCE, {
    file,
    ddl,
    head: `INSERT INTO ${o.table}(${cols}) VALUES `,
    one: '(' + o.cols.map(() => '?').join(',') + ')',
    rows: o.rows,
    cols: o.cols.length,
    shared,
  });
  if (!w) return undefined;
  const { worker, port } = w;
  const failure = () => new Error('demo: the thread writing ' + o.table + ' failed: ' + String(receiveMessageOnPort(port)?.message ?? 'no message'));
  let buf: unknown[] = [];
  let sent = 0;
  let attached = false;
  const send = (rows: unknown[]): void => {
    worker.postMessage(rows);
    sent++;
    // Too far ahead of the worker: wait for it to write some.
    for (;;) {
      if (Atomics.load(counters, STATE) === FAILED) throw failure();
      const written = Atomics.load(counters, WRITTEN);
      if (sent - written <= IN_FLIGHT) return;
      if (Atomics.wait(counters, WRITTEN, written, WAIT_MS) === 'timed-out') throw failure();
    }
  };
  return {
    count: 0,
    push(...v: unknown[]) {
      for (const x of v) buf.push(x);
      this.count++;
      if (buf.length === o.cols.length * o.rows) {
        send(buf);
        buf = [];
      }
    },
    flush() {
      if (buf.length) send(buf);
      buf = [];
      worker.postMessage(null);
      while (Atomics.load(counters, STATE) === RUNNING) if (Atomics.wait(counters, STATE, RUNNING, WAIT_MS) === 'timed-out') throw failure();
      if (Atomics.load(counters, STATE) === FAILED) throw failure();
      db.prepare('ATTACH DATABASE ? AS scale_rows').run(file);
      attached = true;
      const n = db.prepare(`INSERT INTO main.${o.table}(${cols}) SELECT ${cols} FROM scale_rows.${o.table}`).run().changes;
      if (process.env.PMCTL_DEBUG === '1') process.stderr.write(`pmctl debug: demo: ${n} rows of ${o.table} written on a second thread\n`);
      if (n !== this.count) throw new Error(`demo: ${n} rows of ${o.table} copied, ${this.count} generated`);
    },
    close() {
      void worker.terminate();
      try {
        if (attached) db.exec('DETACH DATABASE scale_rows');
        attached = false;
      } catch {
        /* still in a transaction that failed: the connection is closed anyway */
      }
      removeScratch();
    },
  };
}

/** A table's definition as the site has it. */
function tableDdl(db: DB, table: string): string | undefined {
  return (db.prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?").get(table) as { sql: string } | undefined)?.sql;
}

// ---- the bulk load ------------------------------------------------------------------------

/**
 * Starts the load: a demo folder is rebuilt, never repaired, so the rollback
 * journal lives in memory while it is filled (nothing is written twice, as it
 * would be through the WAL; a crash here means running `pmctl demo` again)
 * and foreign keys are off (every inserted complaint would otherwise search
 * the child tables, and complaints.same_as, with their indexes dropped; the
 * rows are consistent by construction). In one immediate transaction, the
 * secondary indexes of `tables` are dropped (a sorted index build after the
 * load is far cheaper than a million random index inserts); their
 * definitions are returned for rebuildIndexes.
 */
export function beginBulkLoad(db: DB, tables: string[]): string[] {
  db.pragma('cache_size = -131072');
  // Index rebuilds sort millions of entries: let SQLite use a second core.
  db.pragma('threads = 2');
  // WAL cannot switch to MEMORY directly.
  db.pragma('journal_mode = DELETE');
  db.pragma('journal_mode = MEMORY');
  db.pragma('synchronous = OFF');
  db.pragma('foreign_keys = OFF');
  db.exec('BEGIN IMMEDIATE');
  const rows = db
    .prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (${tables.map(() => '?').join(',')})`)
    .all(...tables) as { name: string; sql: string }[];
  for (const r of rows) db.exec(`DROP INDEX "${r.name}"`);
  return rows.map((r) => r.sql);
}

export function rebuildIndexes(db: DB, definitions: string[]): void {
  for (const sql of definitions) db.exec(sql);
}

export function commitBulkLoad(db: DB): void {
  db.exec('COMMIT');
}

/** After the load (and its scratch files): statistics, and the folder back in WAL mode with the usual pragmas. */
export function finishBulkLoad(db: DB): void {
  db.pragma('analysis_limit = 1000');
  db.exec('ANALYZE');
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('cache_size = -2000');
}

// ---- what the load starts from ------------------------------------------------------------

export function unitCount(db: DB): number {
  return (db.prepare('SELECT COUNT(*) n FROM units').get() as { n: number }).n;
}

/** The highest numeric building of the roster (0 when none). */
export function lastNumericBuilding(db: DB): number {
  return (db.prepare("SELECT MAX(CAST(building AS INTEGER)) b FROM units WHERE building GLOB '[0-9]*'").get() as { b: number | null }).b ?? 0;
}

/** Every unit with its occupants: where the generated complainants live. */
export function unitsWithOccupants(db: DB): UnitOccupants[] {
  return db.prepare('SELECT label, occupancy, owner_name, owner_phone, tenant_name, tenant_phone FROM units').all() as UnitOccupants[];
}

export function activeStaff(db: DB): { code: string; department: string; role: string }[] {
  return db.prepare('SELECT code, department, role FROM staff WHERE active = 1').all() as { code: string; department: string; role: string }[];
}

/** The last number of an id scope (C20261123 …), 0 when none was given. */
export function lastIdOf(db: DB, scope: string): number {
  return (stmt(db, 'SELECT last FROM id_seq WHERE scope = ?').get(scope) as { last: number } | undefined)?.last ?? 0;
}

export function setLastId(db: DB, scope: string, last: number): void {
  stmt(db, 'INSERT INTO id_seq(scope, last) VALUES (?, ?) ON CONFLICT(scope) DO UPDATE SET last = excluded.last').run(scope, last);
}
