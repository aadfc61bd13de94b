// Units (房屋) roster: import, list in natural order, show.
import { NotFound, UsageError, type Detail } from '../../errors.js';
import { isValidIdNumber, normalizePhone, unitSortKey } from '../../domain/people.js';
import { CHOICES, resolveChoice, type LabelsOf } from '../../domain/choices.js';
import { overLimit, TEXT_LIMITS, type TextKind } from '../../domain/limits.js';
import {
  MAX_AREA_M2,
  UNIT_COLUMNS_DEF,
  areaOf,
  badPhones,
  buildingOf,
  floorMatchesRoom,
  floorOf,
  foldWidth,
  idProblem,
  isScientific,
  phoneParts,
  roomOf,
  unitNoOf,
} from '../../domain/roster.js';
import { localDate } from '../../domain/time.js';
import {
  DuplicateInFile,
  findUnitRow,
  recordAddedUnits,
  insertUnitRow,
  openUnitStage,
  unitLabelsStarting,
  unitRows,
  updateUnitRow,
  type UnitStage,
  UNIT_VALUE_COLUMNS,
} from '../../store/roster.js';
import { writeTx } from '../../store/db.js';
import { type Ctx, audit, requireWriter } from '../context.js';
import {
  DuplicateKeys,
  runImport,
  type ImportDef,
  type ImportField,
  type ImportOptions,
  type ImportResult,
  type RowContext,
} from '../../store/import/csvimport.js';

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

export const UNIT_COLUMNS: (keyof UnitInput)[] = [...UNIT_VALUE_COLUMNS];

const OCCUPANCY: Record<string, Occupancy> = {
  owner: 'owner',
  业主自用: 'owner',
  自用: 'owner',
  自住: 'owner',
  业主自住: 'owner',
  tenant: 'tenant',
  出租: 'tenant',
  租户: 'tenant',
  租赁: 'tenant',
  vacant: 'vacant',
  空置: 'vacant',
  空房: 'vacant',
  未入住: 'vacant',
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

function bad(raw: Record<string, string>, rc: RowContext, f: string, key: string, value = raw[f] ?? ''): false {
  rc.error(f, key, { value });
  return false;
}

const FLOOR_RE = /^(-?\d{1,3}|B\d{1,2})$/i;
const AREA_RE = /^\d+(\.\d+)?$/;
const NON_ASCII = /[^\x00-\x7f]/;

export interface UnitParseEnv {
  /** site-local today (YYYY-MM-DD): a move-in date after it is refused */
  today?: string;
  labelsOf?: LabelsOf;
}

/** A text field over its limit (the same limits as the command line). */
function tooLong(raw: Record<string, string>, rc: RowContext, f: string, kind: TextKind): boolean {
  const v = raw[f];
  if (!v || !overLimit(kind, v)) return false;
  rc.error(f, 'err.cell_too_long', { limit: TEXT_LIMITS[kind], value: v.slice(0, 20) + '…' });
  return true;
}

/** A phone cell: each number valid (Excel's scientific notation said so); stored as written, a lone mobile number normalised. */
function phoneCell(raw: Record<string, string>, rc: RowContext, f: string): string | null | false {
  const v = raw[f];
  if (!v) return null;
  if (tooLong(raw, rc, f, 'phone')) return false;
  if (v.length === 11 && v.charCodeAt(0) === 49 && digits(v, 1, 11) >= 0) return v;
  if (isScientific(v)) return bad(raw, rc, f, 'err.sci_notation');
  const wrong = badPhones(v);
  if (wrong.length) {
    for (const w of wrong) bad(raw, rc, f, 'err.bad_phone', w);
    return false;
  }
  const parts = phoneParts(v);
  return parts.length === 1 && /^(?:\+?86)?[\s-]*1\d/.test(parts[0]) ? normalizePhone(foldWidth(parts[0])) : v.trim();
}

/** The row parser of a unit roster (it runs once per row of rosters of 100 000 units: cheap checks first). */
export function makeUnitParser(env: UnitParseEnv = {}): (raw: Record<string, string>, rc: RowContext) => UnitInput | undefined {
  const labelsOf: LabelsOf = env.labelsOf ?? (() => []);
  const occupancyOf = (v: string): Occupancy | undefined =>
    (OCCUPANCY_MAP.get(v) as Occupancy | undefined) ?? (resolveChoice(CHOICES.occupancy, v, labelsOf) as Occupancy | undefined);
  return (raw, rc) => {
    let ok = true;
    const building = buildingOf(raw.building);
    const unit = unitNoOf(raw.unit);
    const room = roomOf(raw.room);
    const floor = floorOf(raw.floor);
    const { occupancy, owner_name, owner_id_number, tenant_name, move_in_date } = raw;
    if (!PART_RE.test(building)) ok = bad(raw, rc, 'building', 'err.bad_unit_part');
    if (!PART_RE.test(unit)) ok = bad(raw, rc, 'unit', 'err.bad_unit_part');
    if (!PART_RE.test(room)) ok = bad(raw, rc, 'room', 'err.bad_unit_part');
    if (!FLOOR_RE.test(floor)) ok = bad(raw, rc, 'floor', 'err.bad_floor');
    else if (!floorMatchesRoom(floor, room)) {
      rc.error('floor', 'err.floor_room_mismatch', { value: raw.floor, room: raw.room, room_heading: rc.heading('room') });
      ok = false;
    }
    let area: number | null = null;
    if (raw.area_m2) {
      const a = areaOf(raw.area_m2);
      area = Number(a);
      if (!AREA_RE.test(a) || !(area > 0)) ok = bad(raw, rc, 'area_m2', 'err.bad_area');
      else if (area > MAX_AREA_M2) {
        rc.error('area_m2', 'err.area_too_large', { value: raw.area_m2, max: MAX_AREA_M2 });
        ok = false;
      }
    }
    const occ = occupancyOf(occupancy);
    if (!occ) ok = bad(raw, rc, 'occupancy', 'err.bad_occupancy');
    if (tooLong(raw, rc, 'owner_name', 'name') || tooLong(raw, rc, 'tenant_name', 'name')) ok = false;
    const ownerPhone = phoneCell(raw, rc, 'owner_phone');
    const tenantPhone = phoneCell(raw, rc, 'tenant_phone');
    if (ownerPhone === false || tenantPhone === false) ok = false;
    let id: string | null = null;
    if (owner_id_number) {
      id = NON_ASCII.test(owner_id_number) ? foldWidth(owner_id_number).toUpperCase() : owner_id_number.toUpperCase();
      const p = isValidIdNumber(id) ? undefined : idProblem(owner_id_number);
      if (p === 'scientific') ok = bad(raw, rc, 'owner_id_number', 'err.id_scientific');
      else if (p) ok = bad(raw, rc, 'owner_id_number', 'err.bad_id_number');
    }
    if (occ === 'owner' && !owner_name) ok = bad(raw, rc, 'owner_name', 'err.owner_name_required');
    let moveIn: string | null = null;
    if (move_in_date) {
      moveIn = parseDay(move_in_date) ?? null;
      if (!moveIn) ok = bad(raw, rc, 'move_in_date', 'err.bad_date_value');
      else if (env.today && moveIn > env.today) {
        rc.error('move_in_date', 'err.move_in_future', { value: move_in_date, today: env.today });
        ok = false;
      }
    }
    if (!ok || !occ) return undefined;
    // A unit lived in or owned, with no number to call: imported, with a warning.
    if (!ownerPhone && (owner_name || occ === 'owner')) rc.warn('owner_phone', 'warn.no_owner_phone', { unit: unitLabel(building, unit, room) });
    return {
      label: unitLabel(building, unit, room),
      building,
      unit,
      floor: floor.charCodeAt(0) === 98 ? floor.toUpperCase() : floor, // b3 → B3
      room,
      area_m2: area,
      occupancy: occ,
      owner_name: owner_name || null,
      owner_phone: ownerPhone || null,
      owner_id_number: id,
      tenant_name: tenant_name || null,
      tenant_phone: tenantPhone || null,
      move_in_date: moveIn,
    };
  };
}

/** The parser with no clock and no catalogue (codes and synonyms only). */
export const parseUnitRow = makeUnitParser();

const OCCUPANCY_MAP = new Map(Object.entries(OCCUPANCY));

export const UNIT_FIELDS: ImportField[] = UNIT_COLUMNS_DEF;

export async function importUnits(ctx: Ctx, file: string, opts: ImportOptions): Promise<ImportResult> {
  requireWriter(ctx, { minRole: 'clerk', action: 'action.manage_units' });
  const now = ctx.clock.now();
  const db = ctx.db;
  let stage: UnitStage | undefined;
  let merged = { added: 0, maxRowid: 0 };
  const parse = makeUnitParser({ today: localDate(now, ctx.tz), labelsOf: opts.labelsOf });
  const def: ImportDef<UnitInput> = {
    fields: UNIT_FIELDS,
    parse,
    key: (u) => u.label,
    upsert() {
      throw new Error('unit import merges from its staging table');
    },
    stage: {
      size: 500,
      open() {
        stage = openUnitStage(db);
      },
      write(rows, lines) {
        const keys = new Array<string>(rows.length);
        for (let i = 0; i < rows.length; i++) keys[i] = unitSortKey(rows[i].building, rows[i].unit, rows[i].floor, rows[i].room);
        stage!.write(rows, keys, lines);
      },
      duplicates(report, force) {
        stage!.duplicates(report, force);
      },
      merge() {
        try {
          const m = stage!.merge(now, ctx.actor?.code ?? null);
          merged = m;
          return m;
        } catch (e) {
          if (e instanceof DuplicateInFile) throw new DuplicateKeys();
          throw e;
        }
      },
      close() {
        stage?.close();
      },
    },
    finish: (r) => {
      // One audit entry for the import (who, when, the file, its sha256 and
      // the counts), with the labels it added kept beside it (audit_labels):
      // `pmctl log --entity LABEL` finds it. Changed units keep an entry each
      // (their before and after).
      const { warnings: _w, lock_ms: _l, ...rest } = r;
      void _w;
      void _l;
      const id = audit(ctx, 'unit.import', 'file:' + file, null, { ...rest });
      const n = recordAddedUnits(db, id, merged.maxRowid);
      if (n !== merged.added) throw new Error(`unit import: ${n} labels recorded for ${merged.added} added units`);
    },
  };
  return runImport(db, file, def, opts);
}

export function getUnit(ctx: Ctx, label: string): UnitRow {
  const r = findUnitRow(ctx.db, label) as UnitRow | undefined;
  if (!r) throw new NotFound('err.unit_not_found', { label }, 'fix.unit_list');
  return r;
}

export function listUnits(ctx: Ctx, f: { building?: string; occupancy?: string; limit?: number; offset?: number }): UnitRow[] {
  return unitRows(ctx.db, { ...f, occupancy: f.occupancy ? (OCCUPANCY[f.occupancy] ?? f.occupancy) : f.occupancy }) as UnitRow[];
}

/** Labels starting with `prefix`, for prompt completion. */
export function suggestUnits(ctx: Ctx, prefix: string, limit = 20): string[] {
  return unitLabelsStarting(ctx.db, prefix, limit);
}

/** The fields `unit add/update` take (the import's column names). */
export type UnitFields = Partial<
  Record<'floor' | 'area_m2' | 'occupancy' | 'owner_name' | 'owner_phone' | 'owner_id_number' | 'tenant_name' | 'tenant_phone' | 'move_in_date', string>
>;

/** One unit checked by the import's own rules; a usage error listing every problem. */
function checkOne(ctx: Ctx, raw: Record<string, string>, labelsOf: LabelsOf | undefined): UnitInput {
  const details: Detail[] = [];
  const rc: RowContext = {
    line: 0,
    error: (field, key, params) => details.push({ key, params: { column: field, ...params } }),
    warn: () => {},
    heading: (field) => field,
  };
  for (const f of ['building', 'unit', 'room', 'floor', 'occupancy'] as const) if (!raw[f]) rc.error(f, 'err.csv_required');
  const u = details.length ? undefined : makeUnitParser({ today: localDate(ctx.clock.now(), ctx.tz), labelsOf })(raw, rc);
  if (!u || details.length) {
    const first = details[0] as { key: string; params?: Record<string, string | number> };
    throw new UsageError(first.key, first.params, 'fix.unit_fields', details.slice(1));
  }
  return u;
}

/** `building-unit-room` → its parts (`3栋-1单元-1502` is read as 3-1-1502). */
function labelParts(label: string): { building: string; unit: string; room: string } {
  const p = label.trim().split('-');
  if (p.length !== 3 || p.some((x) => !x)) throw new UsageError('err.bad_unit_label', { value: label }, 'fix.unit_list');
  return { building: p[0], unit: p[1], room: p[2] };
}

/** `unit add LABEL --field value…`: one unit, validated as an import row, with an audit entry. */
export function addUnit(ctx: Ctx, label: string, f: UnitFields, labelsOf?: LabelsOf): UnitRow {
  return writeTx(ctx.db, () => {
    requireWriter(ctx, { minRole: 'clerk', action: 'action.manage_units' });
    const u = checkOne(ctx, { ...labelParts(label), area_m2: '', owner_name: '', owner_phone: '', ...f } as Record<string, string>, labelsOf);
    if (findUnitRow(ctx.db, u.label)) throw new UsageError('err.unit_exists', { label: u.label }, 'fix.unit_update');
    insertUnitRow(ctx.db, u, unitSortKey(u.building, u.unit, u.floor, u.room), ctx.clock.now());
    audit(ctx, 'unit.add', 'unit:' + u.label, null, u);
    return getUnit(ctx, u.label);
  });
}

/** `unit update LABEL --field value…`: the given fields changed (an empty value clears an optional one), with before and after audited. */
export function updateUnit(ctx: Ctx, label: string, f: UnitFields, labelsOf?: LabelsOf): UnitRow {
  return writeTx(ctx.db, () => {
    requireWriter(ctx, { minRole: 'clerk', action: 'action.manage_units' });
    if (!Object.values(f).some((v) => v !== undefined)) throw new UsageError('err.nothing_to_change', {}, 'fix.unit_fields');
    const before = getUnit(ctx, label);
    const raw: Record<string, string> = {};
    for (const k of UNIT_COLUMNS) if (k !== 'label') raw[k] = before[k] === null || before[k] === undefined ? '' : String(before[k]);
    for (const [k, v] of Object.entries(f)) if (v !== undefined) raw[k] = v;
    const u = checkOne(ctx, raw, labelsOf);
    const b: Record<string, unknown> = {};
    let same = true;
    for (const k of UNIT_COLUMNS) {
      b[k] = before[k];
      if (before[k] !== u[k]) same = false;
    }
    if (same) return before;
    updateUnitRow(ctx.db, u, unitSortKey(u.building, u.unit, u.floor, u.room), ctx.clock.now());
    audit(ctx, 'unit.update', 'unit:' + u.label, b, u);
    return getUnit(ctx, u.label);
  });
}
