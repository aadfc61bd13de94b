// Opening the data folder's database: pragmas on every open, schema and
// migrations by PRAGMA user_version inside an immediate transaction.
import Database from 'better-sqlite3';
import { closeSync, existsSync, fstatSync, linkSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, statSync, writeFileSync } from 'node:fs';
import { faultPoint, fsyncDir, fsyncFile, pidAlive, removeQuietly, tempPathFor } from './safe-file.js';
import { dirname, join, resolve } from 'node:path';
import { DataFolderError } from '../errors.js';
import { packageFile, SCHEMA_FILE } from '../paths.js';
import { MIGRATIONS, SCHEMA_BASE, SCHEMA_VERSION } from './migrations.js';

export type DB = Database.Database;
export const DB_FILE = 'pmctl.db';

export function dbPath(dir: string): string {
  return join(resolve(dir), DB_FILE);
}

let addonPath: string | null | undefined;
/**
 * The addon file itself. The build bundles better-sqlite3's JavaScript (see
 * build.mjs), so its own lookup through the `bindings` package, which
 * searches from the caller's file, cannot be used; it would also cost a few
 * ms of the start-up budget on every command.
 */
function nativeBinding(): string | undefined {
  if (addonPath === undefined)
    addonPath = packageFile('better-sqlite3/build/Release/better_sqlite3.node') ?? packageFile('better-sqlite3/build/Debug/better_sqlite3.node');
  return addonPath ?? undefined;
}

/** better-sqlite3 options shared by every open (the addon path, see above). */
export function dbOptions(o: Database.Options = {}): Database.Options {
  const nb = nativeBinding();
  return nb ? { ...o, nativeBinding: nb } : o;
}

export function busyTimeoutMs(): number {
  const v = Number(process.env.PMCTL_BUSY_TIMEOUT_MS);
  return Number.isFinite(v) && v >= 0 ? v : 10_000;
}

function applyPragmas(db: DB, readonly: boolean): void {
  // One call for the three (each db.pragma() prepares a statement of its own).
  db.exec(`PRAGMA busy_timeout = ${busyTimeoutMs()}; PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;`);
  // Tests and the benchmark simulate a full disk with a page budget (SQLITE_FULL).
  const maxPages = Number(process.env.PMCTL_MAX_PAGE_COUNT);
  if (Number.isInteger(maxPages) && maxPages > 0) db.pragma(`max_page_count = ${maxPages}`);
  if (!readonly) {
    // journal_mode=WAL persists in the file; asking again is cheap and repairs a
    // file that was copied without it.
    const mode = db.pragma('journal_mode', { simple: true });
    if (mode !== 'wal') db.pragma('journal_mode = WAL');
  }
}

/** The schema version of the file, 0 when it is empty. */
export function schemaVersion(db: DB): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Bring a database to this build's schema (exit 5 if it is newer); whether anything was done. */
export function migrate(db: DB): boolean {
  const v0 = schemaVersion(db);
  if (v0 > SCHEMA_VERSION) throw new DataFolderError('err.schema_newer', { found: v0, known: SCHEMA_VERSION }, 'fix.upgrade_pmctl');
  if (v0 === SCHEMA_VERSION) return false;
  // Several processes may open a fresh folder at once: re-read the version under
  // the write lock so only one of them migrates.
  let migrated = false;
  db.transaction(() => {
    const v = schemaVersion(db);
    if (v >= SCHEMA_VERSION) return;
    if (v === 0) db.exec(readFileSync(SCHEMA_FILE, 'utf8'));
    const from = v === 0 ? SCHEMA_BASE : v;
    for (const m of MIGRATIONS.filter((m) => m.version > from).sort((a, b) => a.version - b.version))
      if (typeof m.sql === 'string') db.exec(m.sql);
      else m.sql(db);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
    migrated = true;
  }).immediate();
  return migrated;
}

export interface OpenOptions {
  readonly?: boolean;
}

const SQLITE_MAGIC = 'SQLite format 3\0';

/**
 * What is wrong with a database file's 100-byte header, or null. SQLite
 * itself ignores some of these bytes (reserved space, the schema version
 * pmctl keeps in user_version); a damaged one means a damaged file.
 */
export function headerProblem(h: Buffer, size: number): string | null {
  if (size === 0) return 'empty';
  if (size < 100 || h.length < 100 || h.subarray(0, 16).toString('latin1') !== SQLITE_MAGIC) return 'foreign';
  const ps = h.readUInt16BE(16);
  const pageSize = ps === 1 ? 65536 : ps;
  if (pageSize < 512 || pageSize > 65536 || (pageSize & (pageSize - 1)) !== 0) return 'header: page size ' + ps;
  if (![1, 2].includes(h[18]) || ![1, 2].includes(h[19])) return `header: file format ${h[18]}/${h[19]}`;
  if (h[21] !== 64 || h[22] !== 32 || h[23] !== 32) return 'header: payload fractions';
  if (h[20] > 32) return 'header: reserved space ' + h[20];
  const schemaFormat = h.readUInt32BE(44);
  if (schemaFormat > 4) return 'header: schema format ' + schemaFormat;
  const enc = h.readUInt32BE(56);
  if (enc > 3) return 'header: text encoding ' + enc;
  for (let i = 72; i < 92; i++) if (h[i] !== 0) return 'header: reserved byte ' + i;
  const uv = h.readInt32BE(60);
  if (uv < 0 || uv > 1000) return 'header: user_version ' + uv;
  if (size % pageSize !== 0) return `header: file size ${size} is not whole pages of ${pageSize}`;
  return null;
}

/** Read and check the header of an existing file (null when sound). */
export function fileProblem(file: string): string | null {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const size = fstatSync(fd).size;
    const h = Buffer.alloc(100);
    readSync(fd, h, 0, 100, 0);
    return headerProblem(h, size);
  } catch (e) {
    return 'unreadable: ' + ((e as NodeJS.ErrnoException).code ?? (e as Error).message);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** The refusal for a file that is not a sound pmctl database (exit 5, with the fix). */
export function problemError(file: string, problem: string): DataFolderError {
  if (problem === 'empty') return new DataFolderError('err.db_empty', { file }, 'fix.db_empty');
  if (problem === 'foreign') return new DataFolderError('err.db_foreign', { file }, 'fix.db_foreign');
  return new DataFolderError('err.db_corrupt', { reason: problem }, 'fix.restore_backup');
}

/** doctor's mark on a database it found corrupt: no command writes to it until doctor passes again. */
export const CORRUPT_MARK = '.pmctl-corrupt';
const markedCorrupt = new WeakSet<DB>();

export function corruptMarkPath(dir: string): string {
  return join(resolve(dir), CORRUPT_MARK);
}

/** Open an existing data folder's database (exit 5 when there is none or it is not one). */
export function openDb(dir: string, opts: OpenOptions = {}): DB {
  const file = dbPath(dir);
  if (!existsSync(file)) throw new DataFolderError('err.no_database', { dir: resolve(dir) }, 'fix.run_init');
  return openFile(file, { ...opts, marked: existsSync(corruptMarkPath(dir)) });
}

function openFile(file: string, opts: OpenOptions & { marked?: boolean; fresh?: boolean }): DB {
  if (!opts.fresh) {
    const problem = fileProblem(file);
    if (problem) throw problemError(file, problem);
  }
  let db: DB;
  try {
    db = new Database(file, dbOptions({ fileMustExist: true, timeout: busyTimeoutMs() }));
  } catch (e) {
    throw new DataFolderError('err.db_open', { file, reason: (e as Error).message }, 'fix.check_folder');
  }
  try {
    if (opts.marked) {
      markedCorrupt.add(db);
      db.exec(`PRAGMA busy_timeout = ${busyTimeoutMs()}; PRAGMA query_only = ON;`);
      return db;
    }
    applyPragmas(db, !!opts.readonly);
    migrate(db);
  } catch (e) {
    db.close();
    throw e;
  }
  return db;
}

/** Open a file made by buildDbFile (checked, migrated) to fill it before it goes into place. */
export function openBuiltFile(file: string): DB {
  return openFile(file, {});
}

/** Whether this connection is to a database doctor has called corrupt. */
export function isMarkedCorrupt(db: DB): boolean {
  return markedCorrupt.has(db);
}

/**
 * The data folder's database: opened when it exists; otherwise built whole
 * under a temp name in the folder (schema, migrations and `setup`, e.g. the
 * site's settings), closed, fsynced and linked into place, so a killed or
 * failed init never leaves an empty or half-made pmctl.db. When several
 * processes create one folder at once, the first link wins and the others
 * open it.
 */
export function createDb(dir: string, setup?: (db: DB) => void): { db: DB; created: boolean } {
  const abs = resolve(dir);
  if (existsSync(abs) && !statSync(abs).isDirectory()) throw new DataFolderError('err.not_a_folder', { dir: abs }, 'fix.check_folder');
  mkdirSync(abs, { recursive: true, mode: 0o700 });
  const file = dbPath(abs);
  if (existsSync(file)) return { db: openDb(abs), created: false };
  const temp = buildDbFile(abs, setup);
  let created = false;
  faultPoint('init.built');
  try {
    linkSync(temp, file);
    created = true;
    fsyncDir(abs);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw new DataFolderError('err.db_open', { file, reason: (e as Error).message }, 'fix.check_folder');
  } finally {
    removeQuietly(temp);
  }
  return { db: openDb(abs), created };
}

/** A complete database file under a temp name in `dir` (closed and fsynced); its path. */
export function buildDbFile(dir: string, setup?: (db: DB) => void, name = 'pmctl.db'): string {
  const temp = tempPathFor(join(dir, name));
  try {
    closeSync(openSync(temp, 'wx', 0o600));
    const db = openFile(temp, { fresh: true });
    try {
      if (setup) setup(db);
      db.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      db.close();
    }
    fsyncFile(temp);
  } catch (e) {
    for (const f of [temp, temp + '-wal', temp + '-shm', temp + '-journal']) removeQuietly(f);
    throw e;
  }
  return temp;
}

/**
 * Run `fn` in one immediate (write-locking) transaction. A writer that meets
 * the lock held past the busy timeout by an import's merge waits on (see
 * waitingOnMerges); held by anything else, it gives up (exit 5, retry).
 */
export function writeTx<T>(db: DB, fn: () => T): T {
  if (markedCorrupt.has(db)) throw new DataFolderError('err.db_marked_corrupt', {}, 'fix.db_marked_corrupt');
  let began = false;
  const tx = db.transaction(() => {
    began = true;
    return fn();
  });
  return waitingOnMerges(
    db,
    () => {
      began = false;
      return tx.immediate();
    },
    () => !began,
  );
}

/** `BEGIN IMMEDIATE`, waiting on an import's merge like writeTx. */
export function beginImmediate(db: DB): void {
  if (markedCorrupt.has(db)) throw new DataFolderError('err.db_marked_corrupt', {}, 'fix.db_marked_corrupt');
  waitingOnMerges(
    db,
    () => db.exec('BEGIN IMMEDIATE'),
    () => true,
  );
}

/**
 * While an import merges (issue 14 #11) it holds the write lock and leaves
 * this note (`.pmctl-merging-<pid>`) in the data folder. A merge is one
 * short transaction, but on a loaded machine a very big roster's can outlast
 * the busy timeout: a clerk's command must not fail for it (SPEC §9: writers
 * never see SQLITE_BUSY), so a writer whose wait ran out while a live
 * process's note is there waits again, up to MERGE_WAIT_MS in all. The note
 * is advisory: a killed import's is ignored (its process is gone) and
 * removed by `doctor --fix`.
 */
export const MERGE_NOTE_PREFIX = '.pmctl-merging-';
const MERGE_WAIT_MS = 15 * 60_000;

function isBusy(e: unknown): boolean {
  const c = (e as { code?: unknown })?.code;
  return typeof c === 'string' && (c === 'SQLITE_BUSY' || c.startsWith('SQLITE_BUSY_'));
}

/** The data folder's merge notes of live processes other than this one. */
export function mergesUnderway(folder: string): number[] {
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return [];
  }
  const out: number[] = [];
  for (const n of names) {
    if (!n.startsWith(MERGE_NOTE_PREFIX)) continue;
    const pid = Number(n.slice(MERGE_NOTE_PREFIX.length));
    if (pid !== process.pid && pidAlive(pid)) out.push(pid);
  }
  return out;
}

/**
 * Runs `begin` (which takes the write lock and may run past it); when it
 * fails with SQLITE_BUSY before the lock was taken (`beforeLock()`), and an
 * import is merging into this folder — or was a moment ago: its note goes
 * right after its commit — it is run again.
 */
function waitingOnMerges<T>(db: DB, begin: () => T, beforeLock: () => boolean): T {
  const folder = dirname(db.name);
  const until = Date.now() + MERGE_WAIT_MS;
  for (;;) {
    try {
      return begin();
    } catch (e) {
      if (!isBusy(e) || !beforeLock() || Date.now() > until) throw e;
      if (mergesUnderway(folder).length) continue;
      // No merge now: one more short try (one may have just committed); a
      // lock held by anything else still ends in exit 5.
      db.pragma(`busy_timeout = ${Math.min(250, busyTimeoutMs())}`);
      try {
        return begin();
      } catch (e2) {
        if (!isBusy(e2) || !beforeLock() || !mergesUnderway(folder).length) throw e2;
      } finally {
        db.pragma(`busy_timeout = ${busyTimeoutMs()}`);
      }
    }
  }
}

/** Leaves the merge note of this process in the database's folder; returns its removal. Advisory: a note that cannot be written is skipped. */
export function noteMerging(db: DB): () => void {
  const note = join(dirname(db.name), MERGE_NOTE_PREFIX + process.pid);
  try {
    writeFileSync(note, `${process.pid}\n${Date.now()}\n`, { mode: 0o600 });
  } catch {
    return () => {};
  }
  return () => removeQuietly(note);
}
