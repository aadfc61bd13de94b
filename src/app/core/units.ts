// Units (房屋) roster: import, list in natural order, show.
import { basename } from 'node:path';
import { NotFound } from '../../errors.js';
import { isValidIdNumber, isValidPhone, normalizePhone, unitSortKey } from '../../domain/people.js';
import { type Ctx, audit, requireWriter } from '../context.js';
import { KeysSeen, runImport, type Counts, type ImportDef, type ImportOptions, type ImportResult, type RowContext } from './csvimport.js';

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
export function parseDay(v: string): string | undefined {
  // The usual 2026-03-01, without a regex.
  if (v.length === 10 && v.charCodeAt(4) === 45 && v.charCodeAt(7) === 45) {
    const y = digits(v, 0, 4);
    const mo = digits(v, 5, 7);
    const d = digits(v, 8, 10);
    if (y >= 0 && mo >= 0 && d >= 0) return mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo) ? v : undefined;
  }
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(v.trim());
  if (!m) return undefined;
  const mo = +m[2];
  const d = +m[3];
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(+m[1], mo)) return undefined;
  return `${m[1]}-${mo < 10 ? '0' : ''}${mo}-${d < 10 ? '0' : ''}${d}`;
}

/** The number written by v[from..to) in ASCII digits, else -1. */
function digits(v: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = v.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

/** Proleptic Gregorian, as Date's calendar (no Date per row: it showed in a profile of big imports). */
/** Days in the month, from the platform's calendar (day 0 of the next month). */
function daysInMonth(y: number, mo: number): number {
  return new Date(Date.UTC(y, mo, 0)).getUTCDate();
}

function bad(raw: Record<string, string>, rc: RowContext, f: string, key: string): false {
  rc.error(f, key, { value: raw[f] ?? '' });
  return false;
}

const FLOOR_RE = /^(-?\d{1,3}|B\d{1,2})$/i;
const AREA_RE = /^\d+(\.\d+)?$/;

/** Written for speed (it runs once per row of rosters of 100 000 units); same checks and messages as ever. */
export function parseUnitRow(raw: Record<string, string>, rc: RowContext): UnitInput | undefined {
  let ok = true;
  const { building, unit, floor, room, area_m2, occupancy, owner_name, owner_phone, owner_id_number, tenant_name, tenant_phone, move_in_date } = raw;
  if (!PART_RE.test(building)) ok = bad(raw, rc, 'building', 'err.bad_unit_part');
  if (!PART_RE.test(unit)) ok = bad(raw, rc, 'unit', 'err.bad_unit_part');
  if (!PART_RE.test(room)) ok = bad(raw, rc, 'room', 'err.bad_unit_part');
  if (!FLOOR_RE.test(floor)) ok = bad(raw, rc, 'floor', 'err.bad_floor');
  let area: number | null = null;
  if (area_m2) {
    area = Number(area_m2);
    if (!AREA_RE.test(area_m2) || !(area > 0) || area > 100000) ok = bad(raw, rc, 'area_m2', 'err.bad_area');
  }
  const occ = occupancyOf(occupancy);
  if (!occ) ok = bad(raw, rc, 'occupancy', 'err.bad_occupancy');
  if (owner_phone && !isValidPhone(owner_phone)) ok = bad(raw, rc, 'owner_phone', 'err.bad_phone');
  if (tenant_phone && !isValidPhone(tenant_phone)) ok = bad(raw, rc, 'tenant_phone', 'err.bad_phone');
  if (owner_id_number && !isValidIdNumber(owner_id_number)) ok = bad(raw, rc, 'owner_id_number', 'err.bad_id_number');
  if (occ === 'owner' && !owner_name) ok = bad(raw, rc, 'owner_name', 'err.owner_name_required');
  if (occ === 'tenant' && !tenant_name) ok = bad(raw, rc, 'tenant_name', 'err.tenant_name_required');
  let moveIn: string | null = null;
  if (move_in_date) {
    moveIn = parseDay(move_in_date) ?? null;
    if (!moveIn) ok = bad(raw, rc, 'move_in_date', 'err.bad_date_value');
  }
  if (!ok || !occ) return undefined;
  return {
    label: unitLabel(building, unit, room),
    building,
    unit,
    floor: floor.charCodeAt(0) === 98 ? floor.toUpperCase() : floor, // b3 → B3
    room,
    area_m2: area,
    occupancy: occ,
    owner_name: owner_name || null,
    owner_phone: owner_phone ? phoneOf(owner_phone) : null,
    owner_id_number: owner_id_number ? owner_id_number.toUpperCase() : null,
    tenant_name: tenant_name || null,
    tenant_phone: tenant_phone ? phoneOf(tenant_phone) : null,
    move_in_date: moveIn,
  };
}

/** normalizePhone, which leaves a bare 11-digit mobile number as it is: skipped for those. */
function phoneOf(v: string): string {
  if (v.length === 11 && v.charCodeAt(0) === 49 && digits(v, 1, 11) >= 0) return v;
  return normalizePhone(v);
}

const OCCUPANCY_MAP = new Map(Object.entries(OCCUPANCY));
function occupancyOf(v: string | undefined): Occupancy | undefined {
  if (v === undefined) return undefined;
  return OCCUPANCY_MAP.get(v) ?? OCCUPANCY_MAP.get(v.trim().toLowerCase()) ?? OCCUPANCY_MAP.get(v.trim());
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

/** Rows per multi-row INSERT: one statement instead of one round trip per row. */
const BATCH = 32;
const COLS = 16;
const INSERT_COLS =
  'label, building, unit, floor, room, area_m2, occupancy, owner_name, owner_phone, owner_id_number, tenant_name, tenant_phone, move_in_date, sort_key, created_at, updated_at';

export async function importUnits(ctx: Ctx, file: string, opts: ImportOptions): Promise<ImportResult> {
  requireWriter(ctx, { minRole: 'clerk', action: 'action.manage_units' });
  const now = ctx.clock.now();
  const db = ctx.db;
  const actor = ctx.actor?.code ?? null;
  const insSql = (n: number) => `INSERT INTO units(${INSERT_COLS}) VALUES ${Array(n).fill(`(${Array(COLS).fill('?').join(',')})`).join(',')}`;
  const insMany = db.prepare(insSql(BATCH));
  const insOne = db.prepare(insSql(1));
  const sel = db.prepare(`SELECT rowid, ${UNIT_COLUMNS.join(', ')} FROM units WHERE label = ?`).raw();
  const upd = db.prepare(
    `UPDATE units SET floor=?, area_m2=?, occupancy=?, owner_name=?, owner_phone=?, owner_id_number=?, tenant_name=?,
       tenant_phone=?, move_in_date=?, sort_key=?, updated_at=? WHERE label=?`,
  );
  const aud = db.prepare('INSERT INTO audit(at, actor, action, entity, before, after) VALUES (?, ?, ?, ?, ?, ?)');
  // Rows added by this import are the ones past the largest rowid when its
  // transaction began (units are never deleted): their audit entries are
  // written in one statement at the end.
  let maxRowid = 0;
  // A big import into a small table: the secondary indexes are dropped inside
  // the import's transaction and built again at its end (a sort instead of a
  // random b-tree insert per row and index). Same definitions, read back from
  // the schema; a failed or killed import rolls the drop back with the rest.
  let rebuild: { name: string; sql: string }[] = [];
  const start = ({ size }: { size: number }): void => {
    maxRowid = (db.prepare('SELECT max(rowid) AS m FROM units').get() as { m: number | null }).m ?? 0;
    const incoming = size / 64; // bytes per row of a typical roster, rounded down
    if (incoming < 1000 || maxRowid * 2 >= incoming) return; // (a re-import of the same roster keeps them)
    rebuild = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'units' AND sql IS NOT NULL").all() as typeof rebuild;
    for (const i of rebuild) db.exec(`DROP INDEX "${i.name.replace(/"/g, '""')}"`);
  };
  let added = 0;
  // The line of each unit added so far, by rowid - maxRowid - 1 (new rowids
  // count up from maxRowid): the "first seen on line N" of a duplicate.
  let addedLines = new Int32Array(1024);
  const noteAdded = (line: number): void => {
    if (added >= addedLines.length) {
      const grown = new Int32Array(addedLines.length * 2);
      grown.set(addedLines);
      addedLines = grown;
    }
    addedLines[added++] = line;
  };
  // Existing units met in the file (a second time is a duplicate too).
  const seenExisting = new KeysSeen(db);
  const params: unknown[] = [];
  const push = (u: UnitInput): void => {
    params.push(
      u.label, u.building, u.unit, u.floor, u.room, u.area_m2, u.occupancy, u.owner_name, u.owner_phone, u.owner_id_number,
      u.tenant_name, u.tenant_phone, u.move_in_date, unitSortKey(u.building, u.unit, u.floor, u.room), now, now,
    );
  };
  /** A batch of rows that are all new: one statement. Throws on a label already there. */
  const insertAll = (rows: UnitInput[], lines: number[]): void => {
    params.length = 0;
    for (const u of rows) push(u);
    // One statement, so a label already there undoes the whole batch (SQLite's ABORT).
    (rows.length === BATCH ? insMany : db.prepare(insSql(rows.length))).run(params);
    for (const l of lines) noteAdded(l);
  };
  /** Row by row: for batches that meet existing units (a re-import, an update) or a duplicate. */
  const oneByOne = (rows: UnitInput[], lines: number[], c: Counts, duplicate: (line: number, key: string, other: number) => void): void => {
    for (let k = 0; k < rows.length; k++) {
      const u = rows[k];
      const before = sel.get(u.label) as unknown[] | undefined;
      if (!before) {
        params.length = 0;
        push(u);
        insOne.run(params);
        noteAdded(lines[k]);
        c.added++;
        continue;
      }
      // [rowid, ...UNIT_COLUMNS]
      const rowid = before[0] as number;
      if (rowid > maxRowid) {
        duplicate(lines[k], u.label, addedLines[rowid - maxRowid - 1] ?? 0);
        continue;
      }
      const other = seenExisting.add(u.label, lines[k]);
      if (other !== undefined) {
        duplicate(lines[k], u.label, other);
        continue;
      }
      let same = true;
      for (let i = 0; i < UNIT_COLUMNS.length; i++) if (before[i + 1] !== u[UNIT_COLUMNS[i]]) same = false;
      if (same) {
        c.unchanged++;
        continue;
      }
      upd.run(u.floor, u.area_m2, u.occupancy, u.owner_name, u.owner_phone, u.owner_id_number, u.tenant_name, u.tenant_phone,
        u.move_in_date, unitSortKey(u.building, u.unit, u.floor, u.room), now, u.label);
      const b: Record<string, unknown> = {};
      for (let i = 0; i < UNIT_COLUMNS.length; i++) b[UNIT_COLUMNS[i]] = before[i + 1];
      aud.run(now, actor, 'unit.update', 'unit:' + u.label, JSON.stringify(b), JSON.stringify(u));
      c.updated++;
    }
  };
  // After a batch that met existing units the next ones likely will too: go
  // row by row for a while instead of failing a multi-row statement each time.
  let slowFor = 0;
  const def: ImportDef<UnitInput> = {
    fields: UNIT_FIELDS,
    parse: parseUnitRow,
    key: (u) => u.label,
    start,
    upsert() {
      throw new Error('unit import writes in batches');
    },
    batch: {
      size: BATCH,
      write(rows, lines, duplicate) {
        const c: Counts = { added: 0, updated: 0, unchanged: 0 };
        if (slowFor > 0) {
          slowFor--;
          oneByOne(rows, lines, c, duplicate);
          // All new again: back to whole batches.
          if (c.added === rows.length) slowFor = 0;
        } else {
          try {
            insertAll(rows, lines);
            c.added = rows.length;
          } catch (e) {
            if (!isUniqueViolation(e)) throw e;
            slowFor = 16;
            oneByOne(rows, lines, c, duplicate);
          }
        }
        return c;
      },
      done() {
        for (const i of rebuild) db.exec(i.sql);
        // One audit entry per added unit, written by SQLite in one pass. Its
        // `after` names the file rather than repeating the row: the unit as
        // added is the row itself (created_at = this import) until a later
        // change, whose own entry keeps the full before and after. In label
        // order, so the entries land together in the audit's entity index.
        const n = db
          .prepare(
            `INSERT INTO audit(at, actor, action, entity, before, after)
             SELECT ?, ?, 'unit.add', 'unit:' || label, NULL, ? FROM units WHERE rowid > ? ORDER BY label`,
          )
          .run(now, actor, JSON.stringify({ file: basename(file) }), maxRowid).changes;
        if (n !== added) throw new Error(`unit import: ${n} audit entries for ${added} added units`);
        seenExisting.close();
        return { added: 0, updated: 0, unchanged: 0 };
      },
    },
    finish: (r) => audit(ctx, 'unit.import', 'file:' + file, null, { ...r }),
  };
  return runImport(db, file, def, opts);
}

function isUniqueViolation(e: unknown): boolean {
  const code = (e as { code?: string }).code;
  return code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE';
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
