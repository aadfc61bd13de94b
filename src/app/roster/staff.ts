// Staff roster: import, add, list, deactivate.
import { NotFound, RuleRefused, UsageError } from '../../errors.js';
import {
  checkDeactivate,
  checkGrant,
  DEPARTMENTS,
  isDeptCode,
  isRole,
  isValidPhone,
  normalizePhone,
  roleRank,
  type DutyRefusal,
  type Role,
} from '../../domain/people.js';
import { CHOICES, acceptedWords, resolveChoice, type LabelsOf } from '../../domain/choices.js';
import { STAFF_COLUMNS_DEF, badPhones, isScientific } from '../../domain/roster.js';
import { overLimit, TEXT_LIMITS } from '../../domain/limits.js';
import { type Ctx, audit, requireWriter, rosterEmpty } from '../context.js';
import { runImport, type ImportDef, type ImportOptions, type ImportResult } from '../../store/import/csvimport.js';
import { writeTx } from '../../store/db.js';
import { deactivateStaffRecord, findStaff, insertStaff, staffList, updateStaffRecord, type StaffRecord } from '../../store/people.js';

export type { StaffRecord as StaffRow };

/** A department as typed or written in a roster (the one alias table: CHOICES.department). */
export function parseDept(v: string, labelsOf: LabelsOf = () => []): string | undefined {
  const s = v.trim();
  const hit = resolveChoice(CHOICES.department, s, labelsOf);
  if (hit) return hit;
  const l = s.toLowerCase();
  return isDeptCode(l) ? l : undefined;
}

/** A role as typed or written in a roster (CHOICES.role: 客服经理 and 客服部经理 are manager). */
export function parseRole(v: string, labelsOf: LabelsOf = () => []): Role | undefined {
  const hit = resolveChoice(CHOICES.role, v.trim(), labelsOf);
  return hit && isRole(hit) ? hit : undefined;
}

function parseActive(v: string | undefined): number | undefined {
  if (v === undefined || v.trim() === '') return 1;
  const s = v.trim().toLowerCase();
  if (['1', 'true', 'yes', 'y', '是', '在职', '启用', 'active'].includes(s)) return 1;
  if (['0', 'false', 'no', 'n', '否', '离职', '停用', 'inactive'].includes(s)) return 0;
  return undefined;
}

export interface StaffInput {
  code: string;
  name: string;
  department: string;
  role: Role;
  phone: string | null;
  active: number;
}

const CODE_RE = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$/;

/** Separation of duties (domain/people.ts): refused with exit 4, naming both people's roles. */
function duty(ctx: Ctx, r: DutyRefusal | null, target: { code: string; role: Role }): void {
  if (!r || !ctx.actor) return;
  throw new RuleRefused(
    'err.duty_' + r,
    { code: ctx.actor.code, role: 'role.' + ctx.actor.role, target: target.code, target_role: 'role.' + target.role },
    'fix.duty_ask_higher',
  );
}

function upsertStaff(ctx: Ctx, s: StaffInput, now: number): 'added' | 'updated' | 'unchanged' {
  const before = findStaff(ctx.db, s.code);
  const a = ctx.actor;
  if (!before) {
    if (a) duty(ctx, checkGrant(a.role, s.role), s);
    // The founding roster (imported while the roster was empty, no actor) is
    // trusted from the start; a code created by someone waits SEASONING_DAYS to approve or witness.
    insertStaff(ctx.db, s, now, a ? now : null);
    audit(ctx, 'staff.add', 'staff:' + s.code, null, s);
    return 'added';
  }
  if (before.name === s.name && before.department === s.department && before.role === s.role && before.phone === s.phone && before.active === s.active)
    return 'unchanged';
  if (a) {
    duty(ctx, checkGrant(a.role, s.role, before.role), s);
    if (before.active && !s.active) duty(ctx, checkDeactivate(a.role, before.role), before);
  }
  const promoted = !!a && roleRank(s.role) > roleRank(before.role);
  updateStaffRecord(ctx.db, s, now, promoted);
  audit(ctx, 'staff.update', 'staff:' + s.code, before, s);
  return 'updated';
}

const STAFF_FIELDS = STAFF_COLUMNS_DEF;

function staffPermission(ctx: Ctx): void {
  requireWriter(ctx, { minRole: 'manager', action: 'action.manage_staff' });
}

export async function importStaff(ctx: Ctx, file: string, opts: ImportOptions): Promise<ImportResult> {
  staffPermission(ctx);
  const now = ctx.clock.now();
  const labelsOf = opts.labelsOf ?? (() => []);
  const def: ImportDef<StaffInput> = {
    fields: STAFF_FIELDS,
    parse(raw, rc) {
      const code = raw.code;
      if (!CODE_RE.test(code)) rc.error('code', 'err.bad_staff_code', { value: code });
      if (overLimit('name', raw.name)) rc.error('name', 'err.cell_too_long', { limit: TEXT_LIMITS.name, value: raw.name.slice(0, 20) + '…' });
      const department = parseDept(raw.department, labelsOf);
      if (!department) rc.error('department', 'err.bad_dept', { value: raw.department, accepted: acceptedWords(CHOICES.department, labelsOf).join(' ') });
      const role = parseRole(raw.role, labelsOf);
      if (!role) rc.error('role', 'err.bad_role', { value: raw.role, accepted: acceptedWords(CHOICES.role, labelsOf).join(' ') });
      const phone = phoneProblem(raw.phone);
      if (phone) rc.error('phone', phone.key, { value: phone.value });
      const active = parseActive(raw.active);
      if (active === undefined) rc.error('active', 'err.bad_active', { value: raw.active });
      if (!department || !role || active === undefined || phone) return undefined;
      return { code, name: raw.name, department, role, phone: raw.phone ? storedPhone(raw.phone) : null, active };
    },
    key: (s) => s.code,
    upsert: (s) => upsertStaff(ctx, s, now),
    finish: (r) => audit(ctx, 'staff.import', 'file:' + file, null, { ...r }),
  };
  return runImport(ctx.db, file, def, opts);
}

export function addStaff(ctx: Ctx, s: StaffInput): StaffRecord {
  return writeTx(ctx.db, () => {
    if (!rosterEmpty(ctx.db)) staffPermission(ctx);
    if (!CODE_RE.test(s.code)) throw new UsageError('err.bad_staff_code', { value: s.code }, 'fix.staff_code');
    const bad = phoneProblem(s.phone ?? '');
    if (bad) throw new UsageError(bad.key, { value: bad.value, column: 'phone' }, 'fix.phone');
    if (findStaff(ctx.db, s.code)) throw new UsageError('err.staff_exists', { code: s.code }, 'fix.staff_exists');
    upsertStaff(ctx, { ...s, phone: s.phone ? storedPhone(s.phone) : null }, ctx.clock.now());
    return getStaff(ctx, s.code);
  });
}

export function getStaff(ctx: Ctx, code: string): StaffRecord {
  const r = findStaff(ctx.db, code);
  if (!r) throw new NotFound('err.staff_not_found', { code }, 'fix.staff_list');
  return r;
}

export function listStaff(ctx: Ctx, f: { all?: boolean; dept?: string; role?: string }): StaffRecord[] {
  return staffList(ctx.db, {
    all: f.all,
    department: f.dept ? (parseDept(f.dept) ?? f.dept) : undefined,
    role: f.role ? (parseRole(f.role) ?? f.role) : undefined,
  });
}

export function deactivateStaff(ctx: Ctx, code: string): StaffRecord {
  return writeTx(ctx.db, () => {
    staffPermission(ctx);
    const before = getStaff(ctx, code);
    if (!before.active) return before;
    if (ctx.actor) duty(ctx, checkDeactivate(ctx.actor.role, before.role), before);
    deactivateStaffRecord(ctx.db, code, ctx.clock.now());
    const after = getStaff(ctx, code);
    audit(ctx, 'staff.deactivate', 'staff:' + code, before, after);
    return after;
  });
}

/** What is wrong with a phone cell (each number checked; Excel's scientific notation named), or undefined. */
export function phoneProblem(v: string): { key: string; value: string } | undefined {
  if (!v) return undefined;
  if (overLimit('phone', v)) return { key: 'err.bad_phone', value: v.slice(0, 20) };
  if (isScientific(v)) return { key: 'err.sci_notation', value: v };
  const bad = badPhones(v);
  return bad.length ? { key: 'err.bad_phone', value: bad[0] } : undefined;
}

/** A lone mobile number normalised (+86, spaces and dashes dropped); anything else stored as written. */
export function storedPhone(v: string): string {
  const s = v.trim();
  return /^(?:\+?86)?[\s-]*1[\d\s-]{10,14}$/.test(s) ? normalizePhone(s) : s;
}

export interface StaffChange {
  name?: string;
  department?: string;
  role?: Role;
  phone?: string | null;
}

/** `staff update CODE --name/--dept/--role/--phone`: one record changed, with an audit entry. */
export function updateStaff(ctx: Ctx, code: string, ch: StaffChange): StaffRecord {
  return writeTx(ctx.db, () => {
    staffPermission(ctx);
    const before = getStaff(ctx, code);
    if (ch.name !== undefined && overLimit('name', ch.name))
      throw new UsageError('err.cell_too_long', { column: 'name', limit: TEXT_LIMITS.name, value: ch.name.slice(0, 20) + '…' }, 'fix.staff_fields');
    if (ch.phone) {
      const bad = phoneProblem(ch.phone);
      if (bad) throw new UsageError(bad.key, { value: bad.value, column: 'phone' }, 'fix.phone');
    }
    const after: StaffInput = {
      code,
      name: ch.name ?? before.name,
      department: ch.department ?? before.department,
      role: ch.role ?? before.role,
      phone: ch.phone === undefined ? before.phone : ch.phone ? storedPhone(ch.phone) : null,
      active: before.active,
    };
    upsertStaff(ctx, after, ctx.clock.now());
    return getStaff(ctx, code);
  });
}
