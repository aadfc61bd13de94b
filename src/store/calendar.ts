// Builds the working-day calendar: official data from the chinese-days package
// plus the site's overrides.
import { readFileSync } from 'node:fs';
import { packageFile } from '../paths.js';
import { WorkCalendar, type OfficialData, type SiteOverride } from '../domain/calendar.js';
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
  if (from && to)
    return db.prepare('SELECT * FROM calendar_overrides WHERE date >= ? AND date <= ? ORDER BY date').all(from, to) as OverrideRow[];
  return db.prepare('SELECT * FROM calendar_overrides ORDER BY date').all() as OverrideRow[];
}

export function loadCalendar(db: DB): WorkCalendar {
  const overrides = new Map<string, SiteOverride>();
  for (const r of listOverrides(db)) overrides.set(r.date, { type: r.type, note: r.note });
  return new WorkCalendar(officialCalendarData(), overrides);
}
