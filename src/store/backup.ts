// The SQL of `pmctl backup`: a consistent copy and its check.
import Database from 'better-sqlite3';
import { dbOptions, type DB } from './db.js';

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
