// The SQL of `pmctl backup`: a consistent copy and its check, and the last
// backup's time against the site's setting (doctor, the warning line).
import Database from 'better-sqlite3';
import { dbOptions, type DB } from './db.js';
import { getMeta, getSetting, setSetting } from './common.js';

/** Copy the database into `file` (absent or empty) as one consistent snapshot. */
export function vacuumInto(db: DB, file: string): void {
  db.prepare('VACUUM INTO ?').run(file);
}

/** quick_check of a database file opened read-only ('ok' when sound). */
export function quickCheckFile(file: string): string {
  const copy = new Database(file, dbOptions({ readonly: true, fileMustExist: true }));
  try {
    return (copy.pragma('quick_check') as { quick_check: string }[]).map((r) => r.quick_check).join('; ');
  } finally {
    copy.close();
  }
}

const LAST_BACKUP_KEY = 'backup.last_at';
const BACKUP_MAX_AGE_KEY = 'backup.max_age';

/** The time of the last `pmctl backup` (null: never), kept as a setting by backup (schema 5 copied older ones from the audit log). */
export function lastBackupAt(db: DB): number | null {
  const v = getSetting<number | string | null>(db, LAST_BACKUP_KEY, null);
  return v == null ? null : Number(v);
}

export function recordBackup(db: DB, at: number, by: string | null): void {
  setSetting(db, LAST_BACKUP_KEY, at, at, by);
}

export function backupMaxAge(db: DB, fallback: string): string {
  return getSetting<string>(db, BACKUP_MAX_AGE_KEY, fallback);
}

export function setBackupMaxAge(db: DB, value: string, at: number, by: string | null): void {
  setSetting(db, BACKUP_MAX_AGE_KEY, value, at, by);
}

/** When the data folder was made (meta created_at), null when not recorded. */
export function folderCreatedAt(db: DB): number | null {
  const v = getMeta(db, 'created_at');
  return v == null ? null : Number(v);
}
