// Every statement on the staff roster: the reads for the separation of duties
// (issue 14), the one lookup every module uses, names, and `pmctl staff`.
import type { Role } from '../domain/people.js';
import type { DB } from './db.js';
import { stmt } from './common.js';

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

// ---- the roster (`pmctl staff`) -----------------------------------------------------

/** A staff record whole (role_since, schema 11, included when the folder has it). */
export interface StaffRecord {
  code: string;
  name: string;
  department: string;
  role: Role;
  phone: string | null;
  active: number;
  created_at: number;
  updated_at: number;
}

/** Whether the roster has anyone (while it is empty, pmctl bootstraps without an actor). */
export function rosterHasStaff(db: DB): boolean {
  return !!db.prepare('SELECT 1 FROM staff LIMIT 1').get();
}

export function findStaff(db: DB, code: string): StaffRecord | undefined {
  return stmt(db, 'SELECT * FROM staff WHERE code = ?').get(code) as StaffRecord | undefined;
}

/** A new staff member; `roleSince` null for the founding roster (trusted from the start). */
export function insertStaff(
  db: DB,
  s: Pick<StaffRecord, 'code' | 'name' | 'department' | 'role' | 'phone' | 'active'>,
  now: number,
  roleSince: number | null,
): void {
  stmt(db, 'INSERT INTO staff(code, name, department, role, phone, active, created_at, updated_at, role_since) VALUES (?,?,?,?,?,?,?,?,?)').run(
    s.code,
    s.name,
    s.department,
    s.role,
    s.phone,
    s.active,
    now,
    now,
    roleSince,
  );
}

/** A staff record changed; `promoted` restarts its role date (role_since) at `now`. */
export function updateStaffRecord(
  db: DB,
  s: Pick<StaffRecord, 'code' | 'name' | 'department' | 'role' | 'phone' | 'active'>,
  now: number,
  promoted: boolean,
): void {
  stmt(
    db,
    'UPDATE staff SET name=?, department=?, role=?, phone=?, active=?, updated_at=?, role_since=CASE WHEN ? THEN ? ELSE role_since END WHERE code=?',
  ).run(s.name, s.department, s.role, s.phone, s.active, now, promoted ? 1 : 0, now, s.code);
}

export function deactivateStaffRecord(db: DB, code: string, now: number): void {
  stmt(db, 'UPDATE staff SET active = 0, updated_at = ? WHERE code = ?').run(now, code);
}

/** The roster by department and code: active members only unless `all`. */
export function staffList(db: DB, f: { all?: boolean; department?: string; role?: string }): StaffRecord[] {
  const where: string[] = [];
  const args: string[] = [];
  if (!f.all) where.push('active = 1');
  if (f.department !== undefined) {
    where.push('department = ?');
    args.push(f.department);
  }
  if (f.role !== undefined) {
    where.push('role = ?');
    args.push(f.role);
  }
  return db.prepare(`SELECT * FROM staff ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY department, code`).all(...args) as StaffRecord[];
}
