// Official calendars from outside the package: the State Council notice,
// holiday-cn per-year JSON and ICS. Read (pure parsers in domain), previewed
// (the running clocks that would move: the recompute path in a dry run), then
// written in one transaction with its provenance. An imported year is official.
import { sha256Hex } from '../../store/hash.js';
import { basename } from 'node:path';
import { UsageError, type Detail } from '../../errors.js';
import { parseNotice, dayYear, type NoticeProblem, type NoticeSection, type OfficialDay, type OfficialSet } from '../../domain/calendar-notice.js';
import { parseHolidayCn, parseIcs } from '../../domain/calendar-import.js';
import type { DayReason } from '../../domain/calendar.js';
import { localDate } from '../../domain/time.js';
import { writeTx } from '../../store/db.js';
import {
  countOverrides,
  insertCalendarImport,
  loadCalendar,
  officialYearImports,
  replaceOfficialYears,
  setImportClocksMoved,
  type CalendarSource,
} from '../../store/calendar.js';
import { type Ctx, audit, requireWriter } from '../context.js';
import { runningClockMoves, type ClockMove } from '../complaint/recompute.js';
import { detectEncoding } from '../../store/import/csvimport.js';

export type OfficialSource = 'notice' | 'holiday_cn' | 'ics';

export interface OfficialInput {
  source: OfficialSource;
  file: string;
  sha256: string;
  set: OfficialSet;
  /** the notice's numbered lines, for showing what was read */
  sections?: NoticeSection[];
  warnings: NoticeProblem[];
}

/** Bytes as a text: UTF-8 (with or without BOM), UTF-16 with a BOM, or GB18030. */
export async function decodeText(buf: Buffer): Promise<string> {
  if (buf[0] === 0xff && buf[1] === 0xfe) return buf.subarray(2).toString('utf16le');
  if (buf[0] === 0xfe && buf[1] === 0xff) return Buffer.from(buf.subarray(2)).swap16().toString('utf16le');
  if (detectEncoding(buf.subarray(0, 64 * 1024)) === 'utf8') return buf.toString('utf8').replace(/^\uFEFF/, '');
  const iconv = (await import('iconv-lite')).default;
  return iconv.decode(buf, 'gb18030');
}

export function sha256(buf: Buffer): string {
  return sha256Hex(buf);
}

function refuse(errors: NoticeProblem[], file: string): never {
  const details: Detail[] = errors.slice(0, 20).map((e) => ({ prefix: e.line ? `${file}:${e.line}:` : `${file}:`, key: e.key, params: e.params }));
  throw new UsageError('err.calendar_unreadable', { file, n: errors.length }, 'fix.calendar_unreadable', details);
}

/** Which official source a file is, by its extension or its first characters; undefined for a CSV. */
export function sniffSource(file: string, text: string): OfficialSource | undefined {
  const head = text.replace(/^\uFEFF/, '').trimStart();
  if (/\.json$/i.test(file) || head.startsWith('{')) return 'holiday_cn';
  if (/\.ics$/i.test(file) || /^BEGIN:VCALENDAR/i.test(head)) return 'ics';
  return undefined;
}

/** Read an official calendar file's bytes; throws exit 2 with every problem found when it cannot be read whole. */
export async function readOfficial(buf: Buffer, file: string, source: OfficialSource, opts: { year?: number } = {}): Promise<OfficialInput> {
  const text = await decodeText(buf);
  const name = file === '-' ? 'stdin' : basename(file);
  const hash = sha256(buf);
  if (source === 'notice') {
    const r = parseNotice(text, opts);
    if (!r.ok) refuse(r.errors, name);
    return { source, file: name, sha256: hash, set: r.set, sections: r.sections, warnings: r.warnings };
  }
  const r = source === 'holiday_cn' ? parseHolidayCn(text) : parseIcs(text);
  if (!r.ok) refuse(r.errors, name);
  if (opts.year) {
    if (!r.set.years.includes(opts.year)) throw new UsageError('err.calendar_year_absent', { file: name, year: opts.year }, 'fix.calendar_year');
    r.set = { years: [opts.year], days: r.set.days.filter((d) => dayYear(d) === opts.year) };
  }
  return { source, file: name, sha256: hash, set: r.set, warnings: r.warnings };
}

export interface DayChange {
  date: string;
  before: DayReason;
  after: DayReason;
  name: string | null;
}

export interface OfficialPreview {
  years: number[];
  holidays: OfficialDay[];
  workdays: OfficialDay[];
  /** days whose working status changes against the calendar in force */
  changes: DayChange[];
  moves: ClockMove[];
}

function diff(ctx: Ctx, set: OfficialSet, after = loadCalendar(ctx.db, set)): DayChange[] {
  const before = ctx.calendar();
  const out: DayChange[] = [];
  for (const y of set.years)
    for (let t = Date.UTC(y - 1, 11, 1); t <= Date.UTC(y, 11, 31); t += 86_400_000) {
      const d = new Date(t).toISOString().slice(0, 10);
      const a = before.info(d);
      const b = after.info(d);
      if (a.workday !== b.workday) out.push({ date: d, before: a.reason, after: b.reason, name: b.name ?? null });
    }
  return out;
}

/** What importing `set` would do, nothing written: the days read, the days that change, the clocks that would move. */
export function previewOfficial(ctx: Ctx, set: OfficialSet): OfficialPreview {
  const after = loadCalendar(ctx.db, set);
  const changes = diff(ctx, set, after);
  const cur = ctx.calendar;
  let moves: ClockMove[];
  try {
    ctx.calendar = () => after;
    moves = runningClockMoves(ctx, false);
  } finally {
    ctx.calendar = cur;
  }
  return {
    years: set.years,
    holidays: set.days.filter((d) => d.type === 'holiday'),
    workdays: set.days.filter((d) => d.type === 'workday'),
    changes,
    moves,
  };
}

export interface OfficialImportResult extends OfficialPreview {
  import_id: number;
  source: OfficialSource;
  file: string;
  sha256: string;
  clocks_moved: number;
}

/** Write the official years of `input` (replacing what the package or an earlier import had), record the source, move the clocks. */
export function importOfficial(ctx: Ctx, input: OfficialInput): OfficialImportResult {
  return writeTx(ctx.db, () => {
    requireWriter(ctx, { minRole: 'supervisor', action: 'action.calendar' });
    const changes = diff(ctx, input.set);
    const id = insertCalendarImport(ctx.db, {
      source: input.source,
      file_name: input.file,
      sha256: input.sha256,
      years: input.set.years.join(','),
      holidays: input.set.days.filter((d) => d.type === 'holiday').length,
      workdays: input.set.days.filter((d) => d.type === 'workday').length,
      clocks_moved: 0,
      imported_at: ctx.clock.now(),
      imported_by: ctx.actor?.code ?? null,
    });
    const before = replaceOfficialYears(ctx.db, input.set, id);
    const fresh = loadCalendar(ctx.db);
    ctx.calendar = () => fresh;
    const moves = runningClockMoves(ctx, true);
    setImportClocksMoved(ctx.db, id, moves.length);
    audit(ctx, 'calendar.import_official', `calendar:${input.set.years.join(',')}`, before.length ? { days: before } : null, {
      import_id: id,
      source: input.source,
      file: input.file,
      sha256: input.sha256,
      years: input.set.years,
      days: input.set.days,
      clocks_moved: moves.length,
    });
    return {
      import_id: id,
      source: input.source,
      file: input.file,
      sha256: input.sha256,
      years: input.set.years,
      holidays: input.set.days.filter((d) => d.type === 'holiday'),
      workdays: input.set.days.filter((d) => d.type === 'workday'),
      changes,
      moves,
      clocks_moved: moves.length,
    };
  });
}

/** Provenance of a site CSV import (inside the import's transaction). */
export function recordCsvImport(ctx: Ctx, file: string, hash: string, years: number[], holidays: number, workdays: number, moved: number): number {
  return insertCalendarImport(ctx.db, {
    source: 'csv' satisfies CalendarSource,
    file_name: basename(file),
    sha256: hash,
    years: years.join(','),
    holidays,
    workdays,
    clocks_moved: moved,
    imported_at: ctx.clock.now(),
    imported_by: ctx.actor?.code ?? null,
  });
}

export type YearStatus = 'official' | 'site' | 'fallback';

export interface YearInfo {
  year: number;
  status: YearStatus;
  /** package, notice, holiday_cn or ics for an official year */
  source: 'package' | OfficialSource | null;
  site_overrides: number;
  imported: { file: string; sha256: string; at: number; by: string | null; by_name: string | null } | null;
}

/** Per year: official (the package or an imported notice/JSON/ICS), site-set (overrides only, Mon–Fri otherwise) or fallback. */
export function yearInfo(ctx: Ctx, years: number[]): YearInfo[] {
  const cal = ctx.calendar();
  const imports = officialYearImports(ctx.db);
  return years.map((year) => {
    const imp = imports.get(year);
    const overrides = countOverrides(ctx.db, year);
    const official = cal.hasOfficialData(year);
    return {
      year,
      status: official ? 'official' : overrides ? 'site' : 'fallback',
      source: official ? ((imp?.source as OfficialSource | undefined) ?? 'package') : null,
      site_overrides: overrides,
      imported: imp ? { file: imp.file_name, sha256: imp.sha256, at: imp.imported_at, by: imp.imported_by, by_name: imp.by_name } : null,
    };
  });
}

/** From 1 December: next year, when it has no official calendar yet; else null. */
export function nextYearUnofficial(ctx: Ctx): number | null {
  const today = localDate(ctx.clock.now(), ctx.tz);
  if (today.slice(5, 7) !== '12') return null;
  const next = +today.slice(0, 4) + 1;
  return ctx.calendar().hasOfficialData(next) ? null : next;
}

/** The years among these instants that have no official calendar (Monday–Friday assumed). */
export function fallbackYears(ctx: Ctx, instants: (number | null | undefined)[]): number[] {
  const cal = ctx.calendar();
  const ys = new Set<number>();
  for (const t of instants) if (t != null) ys.add(+localDate(t, ctx.tz).slice(0, 4));
  return [...ys].filter((y) => !cal.hasOfficialData(y)).sort((a, b) => a - b);
}
