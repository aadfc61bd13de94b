// Site bundles (SPEC §15): a SQLite file that any SQLite tool opens, with two
// tables — `manifest` (key, value: the site, its code and time zone, the
// schema version, when the snapshot was taken, the sha256 and size of the
// embedded database, whether it was redacted, row counts) and `database`
// (one row, name 'pmctl.db', the site's database as taken by VACUUM INTO).
// Head office reads the manifest with `sqlite3 site.pmctl 'SELECT * FROM
// manifest'` and extracts the site with `… "SELECT writefile('site.db', bytes)
// FROM database"`. Embedding the snapshot lets the checksum cover exactly the
// site's bytes, and lets rollup open it in memory without a temporary file.
import Database from 'better-sqlite3';
import { sha256Hex } from './hash.js';
import { readFileSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { dbOptions, migrate, schemaVersion, type DB } from './db.js';
import { maskId, maskPhone } from '../domain/people.js';
import { BUNDLE_FORMAT, BUNDLE_FORMAT_VERSION, type BundleManifest } from '../domain/rollup.js';

/** 'PMCB' in the SQLite header's application id: `file` says what the bundle is. */
const APPLICATION_ID = 0x504d4342;

/** The snapshot's bytes, taken by VACUUM INTO (consistent while others write), through a scratch file in `scratchDir`. */
export function snapshotBytes(db: DB, scratchDir: string, redact: boolean): Buffer {
  const tmp = join(scratchDir, `.pmctl-export-${process.pid}-${Date.now()}.tmp`);
  try {
    db.prepare('VACUUM INTO ?').run(tmp);
    if (redact) redactFile(tmp);
    return readFileSync(tmp);
  } finally {
    try {
      unlinkSync(tmp);
    } catch {
      /* never created */
    }
  }
}

/** Person-name columns (of residents, borrowers, contractors); staff names stay: they are the company's own people. */
const NAME_COLUMN = /(^|_)(name|person|signed_by|contractor)$/;
const PHONE_COLUMN = /(^|_)(phone|mobile|tel)$/;
const ID_COLUMN = /(^|_)id_number$/;
const KEEP_TABLES = new Set(['staff', 'meta', 'settings', 'id_seq', 'sla_policy', 'calendar_overrides']);

/** 张** — the first character kept, the rest masked. */
export function maskName(s: string): string {
  const chars = [...s.trim()];
  return chars.length <= 1 ? '*' : chars[0] + '*'.repeat(Math.min(chars.length - 1, 3));
}

const ID_IN_TEXT = /(?<![0-9])[0-9]{17}[0-9Xx](?![0-9])/g;
const MOBILE_IN_TEXT = /(?<![0-9])1[3-9][0-9]{9}(?![0-9])/g;
// Landlines written with their area code (0755-86001234, （0755）86001234). A
// bare run of 8 digits is left alone: ids and dates hold them (C20261123-004).
const LANDLINE_IN_TEXT = /(?<![0-9])[(（]?0[0-9]{2,3}[)）]?[- ]?[0-9]{7,8}(?![0-9])/g;

/** Phones and ID numbers inside free text masked; JSON (audit before/after) walked so names under name keys go too. */
export function redactText(s: string): string {
  const t = s.trimStart();
  if (t.startsWith('{') || t.startsWith('[')) {
    try {
      return JSON.stringify(redactJson(JSON.parse(s), ''));
    } catch {
      /* not JSON: plain text */
    }
  }
  return s
    .replace(ID_IN_TEXT, (m) => maskId(m))
    .replace(MOBILE_IN_TEXT, (m) => maskPhone(m))
    .replace(LANDLINE_IN_TEXT, (m) => maskPhone(m));
}

function redactJson(v: unknown, key: string): unknown {
  if (typeof v === 'string') {
    if (NAME_COLUMN.test(key) && key !== 'site') return maskName(v);
    if (ID_COLUMN.test(key)) return maskId(v);
    if (PHONE_COLUMN.test(key)) return maskPhone(v);
    return redactText(v);
  }
  if (Array.isArray(v)) return v.map((x) => redactJson(x, key));
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, redactJson(x, k)]));
  return v;
}

/**
 * Masks names, phones and ID numbers in the copy itself: every text value of
 * every table, with secure_delete and a final VACUUM so no old value is left
 * in a free page. The copy's triggers (append-only guards) are dropped first:
 * they protect the site's own file, and the copy is for reading.
 */
function redactFile(file: string): void {
  const db = new Database(file, dbOptions({ fileMustExist: true }));
  try {
    db.pragma('secure_delete = ON');
    db.function('pm_redact', { deterministic: true }, (x: unknown) => (typeof x === 'string' ? redactText(x) : x));
    db.function('pm_name', { deterministic: true }, (x: unknown) => (typeof x === 'string' && x ? maskName(x) : x));
    db.function('pm_phone', { deterministic: true }, (x: unknown) => (typeof x === 'string' && x ? maskPhone(x) : x));
    db.function('pm_id', { deterministic: true }, (x: unknown) => (typeof x === 'string' && x ? maskId(x) : x));
    db.transaction(() => {
      for (const { name } of db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger'").all() as { name: string }[]) db.exec(`DROP TRIGGER "${name}"`);
      const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[];
      for (const { name: table } of tables) {
        const cols = db.prepare(`SELECT name, type, pk FROM pragma_table_info(?)`).all(table) as { name: string; type: string; pk: number }[];
        const sets: string[] = [];
        for (const c of cols) {
          // Keys are ids and labels, never personal data; changing them would break references.
          if (c.pk > 0 || (c.type && !/TEXT|CHAR|CLOB/i.test(c.type))) continue;
          const q = `"${c.name}"`;
          if (ID_COLUMN.test(c.name)) sets.push(`${q} = pm_id(${q})`);
          else if (PHONE_COLUMN.test(c.name)) sets.push(`${q} = pm_phone(${q})`);
          else if (NAME_COLUMN.test(c.name) && !KEEP_TABLES.has(table)) sets.push(`${q} = pm_name(${q})`);
          else sets.push(`${q} = pm_redact(${q})`);
        }
        if (sets.length) db.exec(`UPDATE "${table}" SET ${sets.join(', ')}`);
      }
    })();
    db.exec('VACUUM');
  } finally {
    db.close();
  }
}

export function sha256(b: Buffer): string {
  return sha256Hex(b);
}

/** Row counts for the manifest: what head office checks a bundle against. */
export function siteCounts(db: DB): Record<string, number> {
  const r = db
    .prepare(
      `SELECT (SELECT COUNT(*) FROM units) AS units,
        (SELECT COUNT(*) FROM units WHERE occupancy <> 'vacant') AS occupied_units,
        (SELECT COUNT(*) FROM staff WHERE active = 1) AS staff,
        (SELECT COUNT(*) FROM complaints) AS complaints,
        (SELECT COUNT(*) FROM complaints WHERE closed_at IS NULL) AS open_complaints,
        (SELECT COUNT(*) FROM keys) AS keys,
        (SELECT COUNT(*) FROM dossiers) AS dossiers`,
    )
    .get() as Record<string, number>;
  return r;
}

/** The bundle file's bytes: an in-memory SQLite database holding the manifest and the snapshot. */
export function packBundle(m: Omit<BundleManifest, 'format' | 'format_version'>, snapshot: Buffer): Buffer {
  const b = new Database(':memory:', dbOptions());
  try {
    b.pragma(`application_id = ${APPLICATION_ID}`);
    b.exec(`CREATE TABLE manifest (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE database (name TEXT PRIMARY KEY, bytes BLOB NOT NULL);`);
    const put = b.prepare('INSERT INTO manifest(key, value) VALUES (?, ?)');
    const full: BundleManifest = { format: BUNDLE_FORMAT, format_version: BUNDLE_FORMAT_VERSION, ...m };
    b.transaction(() => {
      for (const [k, v] of Object.entries(full)) put.run(k, typeof v === 'string' ? v : JSON.stringify(v));
      b.prepare("INSERT INTO database(name, bytes) VALUES ('pmctl.db', ?)").run(snapshot);
    })();
    return b.serialize();
  } finally {
    b.close();
  }
}

export interface OpenedBundle {
  manifest: Partial<BundleManifest>;
  /** sha256 of the embedded bytes as read */
  sha256: string;
  bytes: Buffer;
}

/** Reads a bundle's manifest and embedded database; throws when the file is not a SQLite bundle. */
export function readBundle(file: string): OpenedBundle {
  const b = new Database(file, dbOptions({ readonly: true, fileMustExist: true }));
  try {
    const rows = b.prepare('SELECT key, value FROM manifest').all() as { key: string; value: string }[];
    const manifest: Record<string, unknown> = {};
    for (const r of rows) {
      try {
        manifest[r.key] =
          r.key === 'sha256' || r.key === 'site' || r.key === 'code' || r.key === 'timezone' || r.key === 'format' ? r.value : JSON.parse(r.value);
      } catch {
        manifest[r.key] = r.value;
      }
    }
    const row = b.prepare("SELECT bytes FROM database WHERE name = 'pmctl.db'").get() as { bytes: Buffer } | undefined;
    const bytes = row?.bytes ?? Buffer.alloc(0);
    return { manifest: manifest as Partial<BundleManifest>, sha256: sha256(bytes), bytes };
  } finally {
    b.close();
  }
}

/** The embedded site as an in-memory database, upgraded in memory when it is older (never written back). */
export function openSnapshot(bytes: Buffer): DB {
  const db = new Database(bytes, dbOptions()) as DB;
  try {
    db.exec('PRAGMA foreign_keys = ON');
    migrate(db);
    db.pragma('query_only = ON');
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}

/** A data folder's database opened read-only for a rollup: never migrated, never written. */
export function openFolderReadonly(file: string): DB {
  const db = new Database(file, dbOptions({ readonly: true, fileMustExist: true })) as DB;
  db.exec('PRAGMA query_only = ON');
  return db;
}

export { schemaVersion };
