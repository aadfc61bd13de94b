// Mainland China working-day calendar: official holidays and adjusted working
// days (调休) come in as data (from the chinese-days package, loaded by the
// store layer), site overrides on top; a year without official data falls back
// to Monday–Friday and is reported as such.
import { addDays, isoWeekday } from './time.js';
import { dayYear, type OfficialDay } from './calendar-notice.js';

export type DayReason =
  | 'weekday'
  | 'weekend'
  | 'holiday' // official statutory holiday
  | 'adjusted_workday' // official 调休上班 on a weekend
  | 'site_holiday'
  | 'site_workday';

export interface DayInfo {
  date: string;
  workday: boolean;
  reason: DayReason;
  /** holiday name / override note, e.g. 国庆节 */
  name?: string;
  /** true when the year has no official data and Monday–Friday was assumed */
  fallback: boolean;
}

export interface OfficialData {
  /** date → "English,中文,n" as shipped by chinese-days */
  holidays: Record<string, string>;
  workdays: Record<string, string>;
  /** years with official data; derived from the dates when absent */
  years?: number[];
}

/**
 * The package's data with imported official years on top: an imported year
 * (a State Council notice, holiday-cn JSON, ICS) replaces whatever the package
 * has for that year, and counts as official.
 */
export function mergeOfficial(pkg: OfficialData, imported: { years: number[]; days: OfficialDay[] }): OfficialData {
  if (!imported.years.length) return pkg;
  const ys = new Set(imported.years);
  const keep = (m: Record<string, string>) => {
    const out: Record<string, string> = {};
    for (const [date, v] of Object.entries(m)) if (!ys.has(dayYear({ date, type: 'holiday', name: holidayName(v) ?? '' }))) out[date] = v;
    return out;
  };
  const holidays = keep(pkg.holidays);
  const workdays = keep(pkg.workdays);
  for (const d of imported.days) {
    if (!ys.has(dayYear(d))) continue;
    // "English,中文" as the package writes it; an imported day has its written name only.
    (d.type === 'holiday' ? holidays : workdays)[d.date] = ',' + d.name;
    delete (d.type === 'holiday' ? workdays : holidays)[d.date];
  }
  const years = new Set(pkg.years ?? yearsOf(pkg));
  for (const y of ys) years.add(y);
  return { holidays, workdays, years: [...years].sort((a, b) => a - b) };
}

function yearsOf(o: OfficialData): number[] {
  const ys = new Set<number>();
  for (const d of Object.keys(o.holidays)) ys.add(+d.slice(0, 4));
  for (const d of Object.keys(o.workdays)) ys.add(+d.slice(0, 4));
  return [...ys];
}

export interface SiteOverride {
  type: 'holiday' | 'workday';
  note?: string | null;
}

function holidayName(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  const parts = raw.split(',');
  return parts[1] || parts[0];
}

export class WorkCalendar {
  private readonly years: Set<number>;
  private readonly infoCache = new Map<string, DayInfo>();
  private readonly addCache = new Map<string, string>();

  constructor(
    private readonly official: OfficialData,
    private readonly overrides: ReadonlyMap<string, SiteOverride> = new Map(),
  ) {
    this.years = new Set(official.years ?? yearsOf(official));
  }

  /** Years for which official holiday data is known. */
  officialYears(): number[] {
    return [...this.years].sort((a, b) => a - b);
  }

  hasOfficialData(year: number): boolean {
    return this.years.has(year);
  }

  info(date: string): DayInfo {
    let i = this.infoCache.get(date);
    if (i) return i;
    const fallback = !this.years.has(+date.slice(0, 4));
    const o = this.overrides.get(date);
    if (o) {
      i = {
        date,
        workday: o.type === 'workday',
        reason: o.type === 'workday' ? 'site_workday' : 'site_holiday',
        name: o.note ?? undefined,
        fallback,
      };
    } else if (this.official.holidays[date]) {
      i = { date, workday: false, reason: 'holiday', name: holidayName(this.official.holidays[date]), fallback };
    } else if (this.official.workdays[date]) {
      i = { date, workday: true, reason: 'adjusted_workday', name: holidayName(this.official.workdays[date]), fallback };
    } else {
      const wd = isoWeekday(date);
      i = wd >= 6 ? { date, workday: false, reason: 'weekend', fallback } : { date, workday: true, reason: 'weekday', fallback };
    }
    this.infoCache.set(date, i);
    return i;
  }

  isWorkday(date: string): boolean {
    return this.info(date).workday;
  }

  /**
   * The N-th working day after `date` (the day itself never counts), with every
   * day looked at, for explanations.
   */
  addWorkingDaysTrace(date: string, n: number): { date: string; steps: DayInfo[] } {
    if (!Number.isInteger(n) || n < 0) throw new RangeError('working days must be a whole number ≥ 0');
    const steps: DayInfo[] = [];
    let d = date;
    let counted = 0;
    // A guard against a calendar of all holidays: no real year has 60 rest days in a row.
    for (let guard = 0; counted < n && guard < 366 * 2; guard++) {
      d = addDays(d, 1);
      const i = this.info(d);
      steps.push(i);
      if (i.workday) counted++;
    }
    return { date: d, steps };
  }

  addWorkingDays(date: string, n: number): string {
    const k = date + '|' + n;
    let r = this.addCache.get(k);
    if (r === undefined) {
      r = this.addWorkingDaysTrace(date, n).date;
      this.addCache.set(k, r);
    }
    return r;
  }

  /** Next working day on or after `date`. */
  nextWorkday(date: string, includeSelf = true): string {
    let d = includeSelf ? date : addDays(date, 1);
    for (let g = 0; g < 400 && !this.isWorkday(d); g++) d = addDays(d, 1);
    return d;
  }
}
