// SQL of `pmctl backup` and its age check (doctor, the warning line).
import type { DB } from './db.js';
import { getMeta, getSetting, setSetting } from './common.js';

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
