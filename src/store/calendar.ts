// Builds the working-day calendar: official data from the chinese-days package,
// official years imported from a notice/JSON/ICS on top, plus the site's
// overrides. Also the provenance of every calendar import (schema 10).
import { readFileSync } from 'node:fs';
import { packageFile } from '../paths.js';
import { WorkCalendar, mergeOfficial, type OfficialData, type SiteOverride } from '../domain/calendar.js';
import { dayYear, type OfficialDay, type OfficialSet } from '../domain/calendar-notice.js';
import type { DB } from './db.js';

let official: OfficialData | undefined;

/** chinese-days ships its whole table as JSON; reading it is faster than loading the library. */
export function officialCalendarData(): OfficialData {
  if (!official) {
    const file = packageFile('chinese-days/dist/chinese-days.json');
    if (!file) throw new Error('pmctl: the chinese-days package is missing (npm ci)');
    const raw = JSON.parse(readFileSync(file, 'utf8')) as OfficialData;
    official = { holidays: raw.holidays, workdays: raw.workdays };
  }
  return official;
}

export interface OverrideRow {
  date: string;
  type: 'holiday' | 'workday';
  note: string | null;
  set_at: number;
  set_by: string | null;
}

export function listOverrides(db: DB, from?: string, to?: string): OverrideRow[] {
  if (from && to) return db.prepare('SELECT * FROM calendar_overrides WHERE date >= ? AND date <= ? ORDER BY date').all(from, to) as OverrideRow[];
  return db.prepare('SELECT * FROM calendar_overrides ORDER BY date').all() as OverrideRow[];
}

export function findOverride(db: DB, date: string): Pick<OverrideRow, 'date' | 'type' | 'note'> | undefined {
  return db.prepare('SELECT date, type, note FROM calendar_overrides WHERE date = ?').get(date) as Pick<OverrideRow, 'date' | 'type' | 'note'> | undefined;
}

export function overrideExists(db: DB, date: string): boolean {
  return !!db.prepare('SELECT 1 FROM calendar_overrides WHERE date = ?').get(date);
}

export function deleteOverride(db: DB, date: string): void {
  db.prepare('DELETE FROM calendar_overrides WHERE date = ?').run(date);
}

export function setOverride(db: DB, o: OverrideRow): void {
  db.prepare(
    'INSERT INTO calendar_overrides(date, type, note, set_at, set_by) VALUES (?,?,?,?,?) ON CONFLICT(date) DO UPDATE SET type=excluded.type, note=excluded.note, set_at=excluded.set_at, set_by=excluded.set_by',
  ).run(o.date, o.type, o.note, o.set_at, o.set_by);
}

export function countOverrides(db: DB, year: number): number {
  return (db.prepare('SELECT COUNT(*) n FROM calendar_overrides WHERE date >= ? AND date <= ?').get(`${year}-01-01`, `${year}-12-31`) as { n: number }).n;
}

/** Official years imported into this folder, with their days. */
export function importedOfficial(db: DB): OfficialSet {
  const years = (db.prepare('SELECT year FROM calendar_official_years ORDER BY year').all() as { year: number }[]).map((r) => r.year);
  if (!years.length) return { years, days: [] };
  const days = db.prepare('SELECT date, type, name FROM calendar_official ORDER BY date').all() as OfficialDay[];
  return { years, days };
}

/** The calendar in force; `extra` adds official years not written yet (a preview). */
export function loadCalendar(db: DB, extra?: OfficialSet): WorkCalendar {
  const overrides = new Map<string, SiteOverride>();
  for (const r of listOverrides(db)) overrides.set(r.date, { type: r.type, note: r.note });
  const imp = importedOfficial(db);
  if (extra) {
    const ys = new Set(extra.years);
    imp.years = [...new Set([...imp.years, ...extra.years])];
    imp.days = [...imp.days.filter((d) => !ys.has(dayYear(d))), ...extra.days];
  }
  return new WorkCalendar(imp.years.length ? mergeOfficial(officialCalendarData(), imp) : officialCalendarData(), overrides);
}

export type CalendarSource = 'notice' | 'holiday_cn' | 'ics' | 'csv';

export interface CalendarImportRow {
  id: number;
  source: CalendarSource;
  file_name: string;
  sha256: string;
  years: string;
  holidays: number;
  workdays: number;
  clocks_moved: number;
  imported_at: number;
  imported_by: string | null;
}

export function insertCalendarImport(db: DB, r: Omit<CalendarImportRow, 'id'>): number {
  return Number(
    db
      .prepare(
        'INSERT INTO calendar_imports(source, file_name, sha256, years, holidays, workdays, clocks_moved, imported_at, imported_by) VALUES (?,?,?,?,?,?,?,?,?)',
      )
      .run(r.source, r.file_name, r.sha256, r.years, r.holidays, r.workdays, r.clocks_moved, r.imported_at, r.imported_by).lastInsertRowid,
  );
}

export function setImportClocksMoved(db: DB, id: number, n: number): void {
  db.prepare('UPDATE calendar_imports SET clocks_moved = ? WHERE id = ?').run(n, id);
}

/** Replace the official days of each year of `set` with its days; returns what the years held before. */
export function replaceOfficialYears(db: DB, set: OfficialSet, importId: number): OfficialDay[] {
  const before: OfficialDay[] = [];
  const sel = db.prepare('SELECT date, type, name FROM calendar_official WHERE year = ? ORDER BY date');
  const del = db.prepare('DELETE FROM calendar_official WHERE year = ?');
  const yr = db.prepare('INSERT INTO calendar_official_years(year, import_id) VALUES (?, ?) ON CONFLICT(year) DO UPDATE SET import_id = excluded.import_id');
  for (const y of set.years) {
    before.push(...(sel.all(y) as OfficialDay[]));
    del.run(y);
    yr.run(y, importId);
  }
  const ins = db.prepare(
    'INSERT INTO calendar_official(date, type, name, year, import_id) VALUES (?,?,?,?,?) ON CONFLICT(date) DO UPDATE SET type = excluded.type, name = excluded.name, year = excluded.year, import_id = excluded.import_id',
  );
  for (const d of set.days) if (set.years.includes(dayYear(d))) ins.run(d.date, d.type, d.name, dayYear(d), importId);
  return before;
}

/** Which import made each imported official year. */
export function officialYearImports(db: DB): Map<number, CalendarImportRow & { by_name: string | null }> {
  const rows = db
    .prepare(
      'SELECT y.year, i.*, s.name AS by_name FROM calendar_official_years y JOIN calendar_imports i ON i.id = y.import_id LEFT JOIN staff s ON s.code = i.imported_by',
    )
    .all() as (CalendarImportRow & { year: number; by_name: string | null })[];
  return new Map(rows.map(({ year, ...r }) => [year, r]));
}

export function listCalendarImports(db: DB): CalendarImportRow[] {
  return db.prepare('SELECT * FROM calendar_imports ORDER BY id').all() as CalendarImportRow[];
}
