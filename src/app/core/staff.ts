// Staff roster: import, add, list, deactivate.
import { NotFound, RuleRefused, UsageError } from '../../errors.js';
import { checkDeactivate, checkGrant, DEPARTMENTS, isDeptCode, isRole, isValidPhone, normalizePhone, roleRank, type DutyRefusal, type Role } from '../../domain/people.js';
import { type Ctx, audit, requireWriter, rosterEmpty } from '../context.js';
import { runImport, type ImportDef, type ImportOptions, type ImportResult } from './csvimport.js';
import { writeTx } from '../../store/db.js';

export interface StaffRow {
  code: string;
  name: string;
  department: string;
  role: Role;
  phone: string | null;
  active: number;
  created_at: number;
  updated_at: number;
}

/** Chinese department names as they appear in rosters. */
const DEPT_ZH: Record<string, string> = {
  客服: 'cs', 客服部: 'cs', 客户服务部: 'cs', 客服中心: 'cs',
  工程: 'engineering', 工程部: 'engineering', 维修: 'engineering',
  保安: 'security', 保安部: 'security', 秩序: 'security', 秩序部: 'security', 安保: 'security',
  保洁: 'cleaning', 保洁部: 'cleaning', 环境: 'cleaning',
  绿化: 'greening', 绿化部: 'greening',
  行政: 'admin', 行政部: 'admin', 综合: 'admin',
  财务: 'finance', 财务部: 'finance',
};

const ROLE_ZH: Record<string, Role> = {
  员工: 'staff', 职员: 'staff', 保安员: 'staff', 保洁员: 'staff', 维修工: 'staff',
  客服员: 'clerk', 物业管理员: 'clerk', 前台: 'clerk', 管理员: 'clerk',
  客服主管: 'supervisor', 领班: 'supervisor', 客服主任: 'supervisor', 主管: 'supervisor',
  部门经理: 'manager', 经理: 'manager', 客服部主管: 'manager', 工程部经理: 'manager',
  服务中心主任: 'director', 管理处主任: 'director', 主任: 'director',
  公司领导: 'leader', 总经理: 'leader', 领导: 'leader',
};

export function parseDept(v: string): string | undefined {
  const s = v.trim();
  if (DEPT_ZH[s]) return DEPT_ZH[s];
  const l = s.toLowerCase();
  if ((DEPARTMENTS as readonly string[]).includes(l) || isDeptCode(l)) return l;
  return undefined;
}

export function parseRole(v: string): Role | undefined {
  const s = v.trim();
  if (ROLE_ZH[s]) return ROLE_ZH[s];
  const l = s.toLowerCase();
  return isRole(l) ? l : undefined;
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
  throw new RuleRefused('err.duty_' + r, { code: ctx.actor.code, role: 'role.' + ctx.actor.role, target: target.code, target_role: 'role.' + target.role }, 'fix.duty_ask_higher');
}

function upsertStaff(ctx: Ctx, s: StaffInput, now: number): 'added' | 'updated' | 'unchanged' {
  const before = ctx.db.prepare('SELECT * FROM staff WHERE code = ?').get(s.code) as StaffRow | undefined;
  const a = ctx.actor;
  if (!before) {
    if (a) duty(ctx, checkGrant(a.role, s.role), s);
    // The founding roster (imported while the roster was empty, no actor) is
    // trusted from the start; a code created by someone waits SEASONING_DAYS to approve or witness.
    ctx.db
      .prepare('INSERT INTO staff(code, name, department, role, phone, active, created_at, updated_at, role_since) VALUES (?,?,?,?,?,?,?,?,?)')
      .run(s.code, s.name, s.department, s.role, s.phone, s.active, now, now, a ? now : null);
    audit(ctx, 'staff.add', 'staff:' + s.code, null, s);
    return 'added';
  }
  if (before.name === s.name && before.department === s.department && before.role === s.role && before.phone === s.phone && before.active === s.active)
    return 'unchanged';
  if (a) {
    duty(ctx, checkGrant(a.role, s.role, before.role), s);
    if (before.active && !s.active) duty(ctx, checkDeactivate(a.role, before.role), before);
  }
  const promoted = a && roleRank(s.role) > roleRank(before.role);
  ctx.db
    .prepare('UPDATE staff SET name=?, department=?, role=?, phone=?, active=?, updated_at=?, role_since=CASE WHEN ? THEN ? ELSE role_since END WHERE code=?')
    .run(s.name, s.department, s.role, s.phone, s.active, now, promoted ? 1 : 0, now, s.code);
  audit(ctx, 'staff.update', 'staff:' + s.code, before, s);
  return 'updated';
}

const STAFF_FIELDS = [
  { key: 'code', headers: ['工号', '编号', '员工编号', '代码'], required: true },
  { key: 'name', headers: ['姓名', '名字'], required: true },
  { key: 'department', headers: ['部门', 'dept'], required: true },
  { key: 'role', headers: ['角色', '岗位', '职务'], required: true },
  { key: 'phone', headers: ['电话', '手机', '联系电话', '手机号'], required: true, allowEmpty: true },
  { key: 'active', headers: ['在职', '状态', '启用'] },
];

function staffPermission(ctx: Ctx): void {
  requireWriter(ctx, { minRole: 'manager', action: 'action.manage_staff' });
}

export async function importStaff(ctx: Ctx, file: string, opts: ImportOptions): Promise<ImportResult> {
  staffPermission(ctx);
  const now = ctx.clock.now();
  const def: ImportDef<StaffInput> = {
    fields: STAFF_FIELDS,
    parse(raw, rc) {
      const code = raw.code;
      if (!CODE_RE.test(code)) rc.error('code', 'err.bad_staff_code', { value: code });
      const department = (raw.department ? ctx.choice?.('department', raw.department) : undefined) ?? parseDept(raw.department);
      if (!department) rc.error('department', 'err.bad_dept', { value: raw.department });
      const role = ((raw.role ? ctx.choice?.('role', raw.role) : undefined) as Role | undefined) ?? parseRole(raw.role);
      if (!role) rc.error('role', 'err.bad_role', { value: raw.role });
      const phone = raw.phone ? normalizePhone(raw.phone) : null;
      if (raw.phone && !isValidPhone(raw.phone)) rc.error('phone', 'err.bad_phone', { value: raw.phone });
      const active = parseActive(raw.active);
      if (active === undefined) rc.error('active', 'err.bad_active', { value: raw.active });
      if (!department || !role || active === undefined) return undefined;
      return { code, name: raw.name, department, role, phone, active };
    },
    key: (s) => s.code,
    upsert: (s) => upsertStaff(ctx, s, now),
    finish: (r) => audit(ctx, 'staff.import', 'file:' + file, null, { ...r }),
  };
  return runImport(ctx.db, file, def, opts);
}

export function addStaff(ctx: Ctx, s: StaffInput): StaffRow {
  return writeTx(ctx.db, () => {
    if (!rosterEmpty(ctx.db)) staffPermission(ctx);
    if (!CODE_RE.test(s.code)) throw new UsageError('err.bad_staff_code', { value: s.code }, 'fix.staff_code');
    if (s.phone && !isValidPhone(s.phone)) throw new UsageError('err.bad_phone', { value: s.phone, column: 'phone' }, 'fix.phone');
    const exists = ctx.db.prepare('SELECT 1 FROM staff WHERE code = ?').get(s.code);
    if (exists) throw new UsageError('err.staff_exists', { code: s.code }, 'fix.staff_exists');
    upsertStaff(ctx, { ...s, phone: s.phone ? normalizePhone(s.phone) : null }, ctx.clock.now());
    return getStaff(ctx, s.code);
  });
}

export function getStaff(ctx: Ctx, code: string): StaffRow {
  const r = ctx.db.prepare('SELECT * FROM staff WHERE code = ?').get(code) as StaffRow | undefined;
  if (!r) throw new NotFound('err.staff_not_found', { code }, 'fix.staff_list');
  return r;
}

export function listStaff(ctx: Ctx, f: { all?: boolean; dept?: string; role?: string }): StaffRow[] {
  const where: string[] = [];
  const args: string[] = [];
  if (!f.all) where.push('active = 1');
  if (f.dept) {
    where.push('department = ?');
    args.push(parseDept(f.dept) ?? f.dept);
  }
  if (f.role) {
    where.push('role = ?');
    args.push(parseRole(f.role) ?? f.role);
  }
  return ctx.db
    .prepare(`SELECT * FROM staff ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY department, code`)
    .all(...args) as StaffRow[];
}

export function deactivateStaff(ctx: Ctx, code: string): StaffRow {
  return writeTx(ctx.db, () => {
    staffPermission(ctx);
    const before = getStaff(ctx, code);
    if (!before.active) return before;
    if (ctx.actor) duty(ctx, checkDeactivate(ctx.actor.role, before.role), before);
    ctx.db.prepare('UPDATE staff SET active = 0, updated_at = ? WHERE code = ?').run(ctx.clock.now(), code);
    const after = getStaff(ctx, code);
    audit(ctx, 'staff.deactivate', 'staff:' + code, before, after);
    return after;
  });
}
