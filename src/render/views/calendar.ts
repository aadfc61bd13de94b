// The working-day calendar as every format shows it (SPEC §2): a month (the
// grid for people, the days for scripts), a year's named days and where its
// data comes from, a day set by the site, and what an official calendar
// (notice, holiday-cn JSON, ICS) read and would change. Pure: rows in, view
// data out; weekdays, day kinds and sources are worded for tables only.
import type { MonthView, SetResult } from '../../app/calendar/calendar.js';
import type { OfficialImportResult, OfficialInput, OfficialPreview, YearInfo } from '../../app/calendar/calendar-import.js';
import type { DayInfo } from '../../domain/calendar.js';
import { formatIso, formatLocal, isoWeekday } from '../../domain/time.js';
import { monthGrid } from '../calendar.js';
import type { Output, RenderOpts, Section } from '../view.js';

/** What a view needs to word a line: the catalogue and the language. */
export type Words = Pick<RenderOpts, 't' | 'lang'>;

/** One line per year: 官方（导入的国务院通知：2027.txt，sha256 …） */
export function yearLine(w: Words, y: YearInfo, tz: string, short = false): string {
  let source = '';
  if (y.source) {
    source = w.t('calsource.' + y.source);
    if (y.imported && !short)
      source +=
        ' · ' +
        w.t('msg.cal_imported_by', {
          file: y.imported.file,
          sha: y.imported.sha256.slice(0, 12),
          at: formatLocal(y.imported.at, tz),
          by: person(w, y.imported.by, y.imported.by_name),
        });
    source = w.lang === 'zh' ? `（${source}）` : ` (${source})`;
  }
  return w.t('msg.cal_year_line', { year: y.year, status: w.t('calstatus.' + y.status), source });
}

/** 周海燕（S001）, as people appear in zh; the code alone when the roster does not know it. */
function person(w: Words, code: string | null, name: string | null): string {
  if (!code) return '-';
  if (!name) return code;
  return w.lang === 'zh' ? `${name}（${code}）` : `${name} (${code})`;
}

function weekdayName(w: Words, date: string): string {
  return w.t('cal.wd' + isoWeekday(date));
}

/** `calendar show YYYY-MM`: the grid for people, the days for --csv and scripts, and the year's standing. */
export function monthOutput(o: RenderOpts, v: MonthView, y: YearInfo, tz: string): Output {
  const notes = [yearLine(o, y, tz)];
  if (!v.official_data) notes.push(o.t('warn.calendar_fallback', { year: v.month.slice(0, 4) }));
  return {
    json: { month: v.month, official_data: v.official_data, year_status: y.status, year_source: y.source, days: v.days },
    text: monthGrid(v.month, v.days, o),
    table: {
      title: '',
      columns: [
        { key: 'date', label: 'col.date' },
        { key: 'workday', label: 'col.workday', type: 'bool' },
        { key: 'reason', label: 'col.reason', type: 'state' },
        { key: 'name', label: 'col.note' },
      ],
      rows: v.days.map((d) => ({ ...d })),
    },
    notes,
  };
}

/** `calendar show YYYY`: whether the year is official (and from where), site-set or fallback, and its named days. */
export function yearOutput(w: Words, y: YearInfo, days: DayInfo[], tz: string): Output {
  const notes = [yearLine(w, y, tz)];
  if (y.status !== 'official') notes.push(w.t('warn.calendar_fallback', { year: y.year }));
  return {
    json: { ...y, imported: y.imported && { ...y.imported, at: formatIso(y.imported.at, tz) }, days },
    table: {
      title: w.t('title.cal_year', { year: y.year }),
      columns: [
        { key: 'date', label: 'col.cal_date' },
        { key: 'weekday', label: 'col.cal_weekday' },
        { key: 'reason', label: 'col.reason', type: 'state' },
        { key: 'name', label: 'col.cal_name' },
      ],
      rows: days.map((d) => ({ ...d, weekday: weekdayName(w, d.date) })),
    },
    notes,
  };
}

/** A day set (or cleared) by the site, and the running clocks it moved. */
export function daySetOutput(w: Words, r: SetResult): Output {
  return {
    json: r,
    record: {
      fields: [
        { key: 'date', label: 'col.date' },
        { key: 'type', label: 'col.type', type: 'state' },
        { key: 'note', label: 'col.note' },
        { key: 'clocks_moved', label: 'col.clocks_moved', type: 'number' },
      ],
      row: { ...r },
    },
    notes: [w.t('msg.clocks_moved', { n: r.clocks_moved })],
  };
}

/** What a notice/JSON/ICS import read and would change: days, changes, clocks. */
function previewSections(w: Words, p: OfficialPreview): Section[] {
  const days = [...p.holidays, ...p.workdays].sort((a, b) => (a.date < b.date ? -1 : 1));
  const sections: Section[] = [
    {
      title: w.t('title.cal_days_read'),
      columns: [
        { key: 'date', label: 'col.cal_date' },
        { key: 'weekday', label: 'col.cal_weekday' },
        { key: 'kind', label: 'col.cal_kind' },
        { key: 'name', label: 'col.cal_name' },
      ],
      rows: days.map((d) => ({ date: d.date, weekday: weekdayName(w, d.date), kind: w.t('calday.' + d.type), name: d.name })),
    },
  ];
  if (p.changes.length)
    sections.push({
      title: w.t('title.cal_changes'),
      columns: [
        { key: 'date', label: 'col.cal_date' },
        { key: 'weekday', label: 'col.cal_weekday' },
        { key: 'before', label: 'col.cal_before', type: 'state' },
        { key: 'after', label: 'col.cal_after', type: 'state' },
        { key: 'name', label: 'col.cal_name' },
      ],
      rows: p.changes.map((c) => ({ ...c, weekday: weekdayName(w, c.date) })),
    });
  if (p.moves.length)
    sections.push({
      title: w.t('title.cal_moves'),
      columns: [
        { key: 'complaint_id', label: 'col.cal_record' },
        { key: 'clock', label: 'col.cal_clock', type: 'state' },
        { key: 'from', label: 'col.cal_due_before', type: 'time' },
        { key: 'to', label: 'col.cal_due_after', type: 'time' },
      ],
      rows: p.moves.map((m) => ({ ...m })),
    });
  return sections;
}

function previewJson(input: OfficialInput, p: OfficialPreview, tz: string, r?: OfficialImportResult) {
  return {
    source: input.source,
    file: input.file,
    sha256: input.sha256,
    years: p.years,
    holidays: p.holidays,
    workdays: p.workdays,
    changes: p.changes,
    moves: p.moves.map((m) => ({ complaint_id: m.complaint_id, clock: m.clock, from: formatIso(m.from, tz), to: formatIso(m.to, tz) })),
    written: !!r,
    import_id: r?.import_id ?? null,
    clocks_moved: r?.clocks_moved ?? 0,
    warnings: input.warnings.map((x) => ({ line: x.line, key: x.key, ...x.params })),
  };
}

/** The lines above the outcome: what the file warned of, then what it holds. */
function readLines(w: Words, input: OfficialInput, p: OfficialPreview): string[] {
  const warnLines = input.warnings.map((x) => (x.line ? `${input.file}:${x.line}: ` : '') + w.t(x.key, x.params));
  return [
    ...warnLines,
    w.t('msg.notice_summary', {
      years: p.years.join(', '),
      holidays: p.holidays.length,
      workdays: p.workdays.length,
      changes: p.changes.length,
      moves: p.moves.length,
    }),
  ];
}

function writtenLine(w: Words, input: OfficialInput, p: OfficialPreview, r: OfficialImportResult): string {
  return w.t('msg.notice_written', { years: p.years.join(', '), file: input.file, sha: input.sha256.slice(0, 12), id: r.import_id, moved: r.clocks_moved });
}

/**
 * An official calendar read: the days it names, what changes and which clocks
 * move; then written (`r`), not written, or (`outcome: false`, shown before a
 * terminal's confirmation) without either line.
 */
export function officialOutput(w: Words, input: OfficialInput, p: OfficialPreview, tz: string, r?: OfficialImportResult, outcome = true): Output {
  const sections = previewSections(w, p);
  const outcomeLine = r ? writtenLine(w, input, p, r) : w.t('msg.notice_not_written');
  return {
    json: previewJson(input, p, tz, r),
    table: { ...sections[0], title: w.t('title.notice_read', { file: input.file, years: p.years.join(', ') }) },
    sections: sections.slice(1),
    notes: [...readLines(w, input, p), ...(outcome ? [outcomeLine] : [])],
  };
}

/** Written after a terminal's confirmation (the preview was shown already). */
export function officialWrittenOutput(w: Words, input: OfficialInput, p: OfficialPreview, tz: string, r: OfficialImportResult): Output {
  return { json: previewJson(input, p, tz, r), notes: [writtenLine(w, input, p, r)] };
}
