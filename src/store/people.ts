// Staff reads for the separation of duties (issue 14).
import type { DB } from './db.js';

/** When the code got its role (null: founding roster or before schema 11; undefined: no such code). */
export function staffRoleSince(db: DB, code: string): number | null | undefined {
  const r = db.prepare('SELECT role_since FROM staff WHERE code = ?').get(code) as { role_since: number | null } | undefined;
  return r ? r.role_since : undefined;
}

export interface StaffRow {
  code: string;
  name: string;
  role: string;
  department: string;
  active: number;
}

/** One staff member by code, active or not (undefined: no such code). */
export function staffByCode(db: DB, code: string): StaffRow | undefined {
  return db.prepare('SELECT code, name, role, department, active FROM staff WHERE code = ?').get(code) as StaffRow | undefined;
}

// Names of the staff, for showing people as `吴师傅（G002）` rather than a bare code.

export function staffNames(db: DB): Map<string, string> {
  const rows = db.prepare('SELECT code, name FROM staff').raw().all() as [string, string][];
  return new Map(rows);
}

/** Active staff for "who is acting?": customer-service clerks first, then the rest of cs, then by role and code. */
export function actorChoices(db: DB): { code: string; name: string; role: string; department: string }[] {
  return db
    .prepare(
      `SELECT code, name, role, department FROM staff WHERE active = 1
       ORDER BY (department = 'cs') DESC, (role = 'clerk') DESC,
         CASE role WHEN 'clerk' THEN 0 WHEN 'supervisor' THEN 1 WHEN 'staff' THEN 2 WHEN 'manager' THEN 3 WHEN 'director' THEN 4 ELSE 5 END, code`,
    )
    .all() as { code: string; name: string; role: string; department: string }[];
}
