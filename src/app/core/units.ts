// Units (房屋) roster: import, list in natural order, show.
import { NotFound } from '../../errors.js';
import { isValidIdNumber, isValidPhone, normalizePhone, unitSortKey } from '../../domain/people.js';
import { type Ctx, audit, requireWriter } from '../context.js';
import { runImport, type ImportDef, type ImportOptions, type ImportResult, type RowContext } from './csvimport.js';

export type Occupancy = 'owner' | 'tenant' | 'vacant';

export interface UnitInput {
  label: string;
  building: string;
  unit: string;
  floor: string;
  room: string;
  area_m2: number | null;
  occupancy: Occupancy;
  owner_name: string | null;
  owner_phone: string | null;
  owner_id_number: string | null;
  tenant_name: string | null;
  tenant_phone: string | null;
  move_in_date: string | null;
}

export interface UnitRow extends UnitInput {
  sort_key: string;
  created_at: number;
  updated_at: number;
}

export const UNIT_COLUMNS: (keyof UnitInput)[] = [
  'label', 'building', 'unit', 'floor', 'room', 'area_m2', 'occupancy', 'owner_name', 'owner_phone',
  'owner_id_number', 'tenant_name', 'tenant_phone', 'move_in_date',
];

const OCCUPANCY: Record<string, Occupancy> = {
  owner: 'owner', 业主自用: 'owner', 自用: 'owner', 自住: 'owner', 业主自住: 'owner',
  tenant: 'tenant', 出租: 'tenant', 租户: 'tenant', 租赁: 'tenant',
  vacant: 'vacant', 空置: 'vacant', 空房: 'vacant', 未入住: 'vacant',
};

export function unitLabel(building: string, unit: string, room: string): string {
  return `${building}-${unit}-${room}`;
}

const PART_RE = /^[^\s-]{1,16}$/;

/** 2026-03-01, 2026/3/1 or 2026.3.1 (as Excel writes dates) → 2026-03-01 */
function parseDay(v: string): string | undefined {
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(v.trim());
  if (!m) return undefined;
  const mo = +m[2];
  const d = +m[3];
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return undefined;
  const s = `${m[1]}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  const dt = new Date(s + 'T00:00:00Z');
  return dt.getUTCDate() === d ? s : undefined;
}

export function parseUnitRow(raw: Record<string, string>, rc: RowContext): UnitInput | undefined {
  let ok = true;
  const bad = (f: string, key: string, p: Record<string, string> = {}): void => {
    ok = false;
    rc.error(f, key, { value: raw[f] ?? '', ...p });
  };
  for (const f of ['building', 'unit', 'room'] as const) if (!PART_RE.test(raw[f])) bad(f, 'err.bad_unit_part');
  if (!/^(-?\d{1,3}|B\d{1,2})$/i.test(raw.floor)) bad('floor', 'err.bad_floor');
  let area: number | null = null;
  if (raw.area_m2) {
    area = Number(raw.area_m2);
    if (!/^\d+(\.\d+)?$/.test(raw.area_m2) || !(area > 0) || area > 100000) bad('area_m2', 'err.bad_area');
  }
  const occ = OCCUPANCY[raw.occupancy?.trim().toLowerCase()] ?? OCCUPANCY[raw.occupancy?.trim()];
  if (!occ) bad('occupancy', 'err.bad_occupancy');
  for (const f of ['owner_phone', 'tenant_phone'] as const) if (raw[f] && !isValidPhone(raw[f])) bad(f, 'err.bad_phone');
  if (raw.owner_id_number && !isValidIdNumber(raw.owner_id_number)) bad('owner_id_number', 'err.bad_id_number');
  if (occ === 'owner' && !raw.owner_name) bad('owner_name', 'err.owner_name_required');
  if (occ === 'tenant' && !raw.tenant_name) bad('tenant_name', 'err.tenant_name_required');
  let moveIn: string | null = null;
  if (raw.move_in_date) {
    moveIn = parseDay(raw.move_in_date) ?? null;
    if (!moveIn) bad('move_in_date', 'err.bad_date_value');
  }
  if (!ok || !occ) return undefined;
  const phone = (v: string | undefined) => (v ? normalizePhone(v) : null);
  return {
    label: unitLabel(raw.building, raw.unit, raw.room),
    building: raw.building,
    unit: raw.unit,
    floor: raw.floor.toUpperCase(),
    room: raw.room,
    area_m2: area,
    occupancy: occ,
    owner_name: raw.owner_name || null,
    owner_phone: phone(raw.owner_phone),
    owner_id_number: raw.owner_id_number ? raw.owner_id_number.toUpperCase() : null,
    tenant_name: raw.tenant_name || null,
    tenant_phone: phone(raw.tenant_phone),
    move_in_date: moveIn,
  };
}

export const UNIT_FIELDS = [
  { key: 'building', headers: ['楼栋', '栋号', '楼号', '栋', '幢'], required: true },
  { key: 'unit', headers: ['单元', '单元号'], required: true },
  { key: 'floor', headers: ['楼层', '层'], required: true },
  { key: 'room', headers: ['房号', '房间号', '室'], required: true },
  { key: 'area_m2', headers: ['面积', '建筑面积', '面积m2', '面积㎡', '面积(m2)', '面积(㎡)', 'area'], required: true, allowEmpty: true },
  { key: 'occupancy', headers: ['入住状态', '使用状态', '使用情况', '状态'], required: true },
  { key: 'owner_name', headers: ['业主姓名', '业主', '业主名称'], required: true, allowEmpty: true },
  { key: 'owner_phone', headers: ['业主电话', '业主手机', '联系电话'], required: true, allowEmpty: true },
  { key: 'owner_id_number', headers: ['业主身份证号', '身份证号', '身份证号码', '证件号码'] },
  { key: 'tenant_name', headers: ['租户姓名', '承租人', '租户'] },
  { key: 'tenant_phone', headers: ['租户电话', '承租人电话'] },
  { key: 'move_in_date', headers: ['入住日期', '入伙日期', '入住时间'] },
];

export async function importUnits(ctx: Ctx, file: string, opts: ImportOptions): Promise<ImportResult> {
  requireWriter(ctx, { minRole: 'clerk', action: 'action.manage_units' });
  const now = ctx.clock.now();
  const db = ctx.db;
  const sel = db.prepare('SELECT * FROM units WHERE label = ?');
  const ins = db.prepare(
    `INSERT INTO units(label, building, unit, floor, room, area_m2, occupancy, owner_name, owner_phone, owner_id_number,
       tenant_name, tenant_phone, move_in_date, sort_key, created_at, updated_at)
     VALUES (@label, @building, @unit, @floor, @room, @area_m2, @occupancy, @owner_name, @owner_phone, @owner_id_number,
       @tenant_name, @tenant_phone, @move_in_date, @sort_key, @now, @now)`,
  );
  const upd = db.prepare(
    `UPDATE units SET floor=@floor, area_m2=@area_m2, occupancy=@occupancy, owner_name=@owner_name, owner_phone=@owner_phone,
       owner_id_number=@owner_id_number, tenant_name=@tenant_name, tenant_phone=@tenant_phone, move_in_date=@move_in_date,
       sort_key=@sort_key, updated_at=@now WHERE label=@label`,
  );
  const aud = db.prepare('INSERT INTO audit(at, actor, action, entity, before, after) VALUES (?, ?, ?, ?, ?, ?)');
  const actor = ctx.actor?.code ?? null;
  const def: ImportDef<UnitInput> = {
    fields: UNIT_FIELDS,
    parse: parseUnitRow,
    key: (u) => u.label,
    upsert(u) {
      const sort_key = unitSortKey(u.building, u.unit, u.floor, u.room);
      const before = sel.get(u.label) as UnitRow | undefined;
      if (!before) {
        ins.run({ ...u, sort_key, now });
        aud.run(now, actor, 'unit.add', 'unit:' + u.label, null, JSON.stringify(u));
        return 'added';
      }
      if (UNIT_COLUMNS.every((c) => before[c] === u[c])) return 'unchanged';
      upd.run({ ...u, sort_key, now });
      const b: Partial<UnitInput> = {};
      for (const c of UNIT_COLUMNS) b[c] = before[c] as never;
      aud.run(now, actor, 'unit.update', 'unit:' + u.label, JSON.stringify(b), JSON.stringify(u));
      return 'updated';
    },
    finish: (r) => audit(ctx, 'unit.import', 'file:' + file, null, { ...r }),
  };
  return runImport(db, file, def, opts);
}

export function getUnit(ctx: Ctx, label: string): UnitRow {
  const r = ctx.db.prepare('SELECT * FROM units WHERE label = ?').get(label) as UnitRow | undefined;
  if (!r) throw new NotFound('err.unit_not_found', { label }, 'fix.unit_list');
  return r;
}

export function unitExists(ctx: Ctx, label: string): boolean {
  return !!ctx.db.prepare('SELECT 1 FROM units WHERE label = ?').get(label);
}

export function listUnits(ctx: Ctx, f: { building?: string; occupancy?: string; limit?: number; offset?: number }): UnitRow[] {
  const where: string[] = [];
  const args: (string | number)[] = [];
  if (f.building) {
    where.push('building = ?');
    args.push(f.building);
  }
  if (f.occupancy) {
    where.push('occupancy = ?');
    args.push(OCCUPANCY[f.occupancy] ?? f.occupancy);
  }
  const lim = f.limit ? ` LIMIT ${Math.max(0, Math.floor(f.limit))} OFFSET ${Math.max(0, Math.floor(f.offset ?? 0))}` : '';
  return ctx.db
    .prepare(`SELECT * FROM units ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY sort_key${lim}`)
    .all(...args) as UnitRow[];
}

/** Labels starting with `prefix`, for prompt completion. */
export function suggestUnits(ctx: Ctx, prefix: string, limit = 20): string[] {
  return (
    ctx.db.prepare("SELECT label FROM units WHERE label LIKE ? ESCAPE '\\' ORDER BY sort_key LIMIT ?").all(
      prefix.replace(/[\\%_]/g, (c) => '\\' + c) + '%',
      limit,
    ) as { label: string }[]
  ).map((r) => r.label);
}
