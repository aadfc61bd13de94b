// Opening the data folder's database: pragmas on every open, schema and
// migrations by PRAGMA user_version inside an immediate transaction.
import Database from 'better-sqlite3';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
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
  if (v0 > SCHEMA_VERSION)
    throw new DataFolderError('err.schema_newer', { found: v0, known: SCHEMA_VERSION }, 'fix.upgrade_pmctl');
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

/** Open an existing data folder's database (exit 5 when there is none). */
export function openDb(dir: string, opts: OpenOptions = {}): DB {
  const file = dbPath(dir);
  if (!existsSync(file)) throw new DataFolderError('err.no_database', { dir: resolve(dir) }, 'fix.run_init');
  let db: DB;
  try {
    db = new Database(file, dbOptions({ fileMustExist: true, timeout: busyTimeoutMs() }));
  } catch (e) {
    throw new DataFolderError('err.db_open', { file, reason: (e as Error).message }, 'fix.check_folder');
  }
  try {
    applyPragmas(db, !!opts.readonly);
    migrate(db);
  } catch (e) {
    db.close();
    throw e;
  }
  return db;
}

/** Create the folder and the database file (mode 0600) if missing; returns whether it was created. */
export function createDb(dir: string): { db: DB; created: boolean } {
  const abs = resolve(dir);
  if (existsSync(abs) && !statSync(abs).isDirectory())
    throw new DataFolderError('err.not_a_folder', { dir: abs }, 'fix.check_folder');
  mkdirSync(abs, { recursive: true, mode: 0o700 });
  const file = dbPath(abs);
  let created = false;
  try {
    closeSync(openSync(file, 'wx', 0o600));
    created = true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST')
      throw new DataFolderError('err.db_open', { file, reason: (e as Error).message }, 'fix.check_folder');
  }
  const db = openDb(abs);
  return { db, created };
}

/** Run `fn` in one immediate (write-locking) transaction. */
export function writeTx<T>(db: DB, fn: () => T): T {
  return db.transaction(fn).immediate();
}
