// SQL of `pmctl backup` and its age check (doctor, the warning line).
import type { DB } from './db.js';

export const LAST_BACKUP_KEY = 'backup.last_at';
export const BACKUP_MAX_AGE_KEY = 'backup.max_age';

/** The time of the last `pmctl backup` (null: never), kept as a setting by backup. */
export function lastBackupAt(db: DB): number | null {
  const r = db.prepare(`SELECT value FROM settings WHERE key = 'backup.last_at'`).get() as { value: string } | undefined;
  return r ? Number(JSON.parse(r.value)) : null;
}
