// Staff reads for the separation of duties (issue 14).
import type { DB } from './db.js';

/** When the code got its role (null: founding roster or before schema 11; undefined: no such code). */
export function staffRoleSince(db: DB, code: string): number | null | undefined {
  const r = db.prepare('SELECT role_since FROM staff WHERE code = ?').get(code) as { role_since: number | null } | undefined;
  return r ? r.role_since : undefined;
}
