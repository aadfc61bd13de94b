// Site calendar: month view, single-day overrides, CSV import. A change moves
// the due times of running working-day clocks.
import { UsageError } from '../../errors.js';
import type { DayInfo } from '../../domain/calendar.js';
import { addDays, localDate } from '../../domain/time.js';
import { writeTx } from '../../store/db.js';
import { deleteOverride, findOverride, loadCalendar, overrideExists, setOverride } from '../../store/calendar.js';
import { type Ctx, audit, requireWriter } from '../context.js';
import { recomputeRunningClocks } from '../complaint/recompute.js';
import { runImport, type ImportDef, type ImportOptions, type ImportResult } from '../../store/import/csvimport.js';
import { recordCsvImport, sha256 } from './calendar-import.js';
import { readFileSync } from 'node:fs';

export type OverrideType = 'holiday' | 'workday';

const TYPE_WORDS: Record<string, OverrideType | 'clear'> = {
  holiday: 'holiday',
  rest: 'holiday',
  休: 'holiday',
  假: 'holiday',
  节假日: 'holiday',
  休息日: 'holiday',
  放假: 'holiday',
  workday: 'workday',
  work: 'workday',
  班: 'workday',
  上班: 'workday',
  工作日: 'workday',
  调休上班: 'workday',
  clear: 'clear',
  official: 'clear',
  清除: 'clear',
};

export function parseOverrideType(v: string): OverrideType | 'clear' | undefined {
  return TYPE_WORDS[v.trim().toLowerCase()] ?? TYPE_WORDS[v.trim()];
}

export interface MonthView {
  month: string;
  days: DayInfo[];
  official_data: boolean;
}

export function monthView(ctx: Ctx, ym: string): MonthView {
  const cal = ctx.calendar();
  const first = ym + '-01';
  const days: DayInfo[] = [];
  for (let d = first; d.startsWith(ym); d = addDays(d, 1)) days.push(cal.info(d));
  return { month: ym, days, official_data: cal.hasOfficialData(+ym.slice(0, 4)) };
}

export function currentMonth(ctx: Ctx): string {
  return localDate(ctx.clock.now(), ctx.tz).slice(0, 7);
}

export interface SetResult {
  date: string;
  type: OverrideType | 'clear';
  note: string | null;
  clocks_moved: number;
}

function applyOverride(ctx: Ctx, date: string, type: OverrideType | 'clear', note: string | null): boolean {
  const before = findOverride(ctx.db, date);
  if (type === 'clear') {
    if (!before) return false;
    deleteOverride(ctx.db, date);
    audit(ctx, 'calendar.clear', 'calendar:' + date, before, null);
    return true;
  }
  if (before && before.type === type && before.note === note) return false;
  setOverride(ctx.db, { date, type, note, set_at: ctx.clock.now(), set_by: ctx.actor?.code ?? null });
  audit(ctx, 'calendar.set', 'calendar:' + date, before ?? null, { date, type, note });
  return true;
}

function recompute(ctx: Ctx): number {
  // The calendar object is cached on the context: rebuild it from the new overrides.
  const fresh = loadCalendar(ctx.db);
  ctx.calendar = () => fresh;
  return recomputeRunningClocks(ctx);
}

export function setDay(ctx: Ctx, date: string, type: OverrideType | 'clear', note: string | null): SetResult {
  return writeTx(ctx.db, () => {
    requireWriter(ctx, { minRole: 'supervisor', action: 'action.calendar' });
    const changed = applyOverride(ctx, date, type, note);
    return { date, type, note, clocks_moved: changed ? recompute(ctx) : 0 };
  });
}

export async function importCalendar(ctx: Ctx, file: string, opts: ImportOptions): Promise<ImportResult & { clocks_moved: number }> {
  requireWriter(ctx, { minRole: 'supervisor', action: 'action.calendar' });
  let moved = 0;
  let changed = 0;
  const years = new Set<number>();
  const counts = { holiday: 0, workday: 0, clear: 0 };
  const def: ImportDef<{ date: string; type: OverrideType | 'clear'; note: string | null }> = {
    fields: [
      { key: 'date', headers: ['日期'], required: true },
      { key: 'type', headers: ['类型', '类别'], required: true },
      { key: 'note', headers: ['备注', '说明', '节日'] },
    ],
    parse(raw, rc) {
      const m = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/.exec(raw.date);
      const date = m ? `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}` : '';
      if (!m || localDate(Date.parse(date + 'T12:00:00Z'), 'UTC') !== date) rc.error('date', 'err.bad_date_value', { value: raw.date });
      const type = parseOverrideType(raw.type);
      if (!type) rc.error('type', 'err.bad_day_type', { value: raw.type });
      if (!type || !m) return undefined;
      return { date, type, note: raw.note || null };
    },
    key: (r) => r.date,
    upsert(r) {
      const existed = overrideExists(ctx.db, r.date);
      years.add(+r.date.slice(0, 4));
      counts[r.type]++;
      if (!applyOverride(ctx, r.date, r.type, r.note)) return 'unchanged';
      changed++;
      return existed ? 'updated' : 'added';
    },
    finish(r) {
      if (changed) moved = recompute(ctx);
      // Provenance (schema 10): the file as read, hashed.
      const hash = sha256(readFileSync(file));
      const importId = recordCsvImport(ctx, file, hash, [...years].sort(), counts.holiday, counts.workday, moved);
      audit(ctx, 'calendar.import', 'file:' + file, null, { ...r, clocks_moved: moved, import_id: importId, sha256: hash });
    },
  };
  const r = await runImport(ctx.db, file, def, opts);
  return { ...r, clocks_moved: r.dry_run ? 0 : moved };
}

/** Years around now without official data (Monday–Friday assumed). */
export function uncoveredYears(ctx: Ctx, years: number[]): number[] {
  const cal = ctx.calendar();
  return years.filter((y) => !cal.hasOfficialData(y));
}

export function validateDate(d: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(d);
  if (!m || localDate(Date.parse(d + 'T12:00:00Z'), 'UTC') !== d) throw new UsageError('err.bad_date', { value: d }, 'fix.date_format');
  return d;
}
