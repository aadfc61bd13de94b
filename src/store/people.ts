// Names of the staff, for showing people as `吴师傅（G002）` rather than a bare code.
import type { DB } from './db.js';

export function staffNames(db: DB): Map<string, string> {
  const rows = db.prepare('SELECT code, name FROM staff').raw().all() as [string, string][];
  return new Map(rows);
}
