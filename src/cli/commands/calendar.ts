import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { action, type Io } from '../run.js';
import { helpT } from '../i18n/index.js';
import { importOptions, importOutput, importRunOptions } from '../importer.js';
import { currentMonth, importCalendar, monthView, parseOverrideType, setDay, validateDate } from '../../app/calendar/calendar.js';
import type { OfficialInput, OfficialPreview, OfficialImportResult, YearInfo } from '../../app/calendar/calendar-import.js';
import { UsageError } from '../../errors.js';
import { monthGrid } from '../../render/calendar.js';
import { addDays, formatLocal, isoWeekday } from '../../domain/time.js';
import type { Output, Section } from '../../render/view.js';

const calImport = () => import('../../app/calendar/calendar-import.js');

/** A file's bytes, or standard input for `-`. */
function readInput(file: string): Buffer {
  try {
    return readFileSync(file === '-' ? 0 : file);
  } catch {
    throw new UsageError('err.file_unreadable', { file }, 'fix.check_path');
  }
}

function parseYear(v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  if (!/^\d{4}$/.test(v)) throw new UsageError('err.bad_year', { value: v }, 'fix.year_or_month');
  return +v;
}

/** One line per year: 官方（导入的国务院通知：2027.txt，sha256 …） */
export function yearLine(io: Io, y: YearInfo, tz: string, short = false): string {
  let source = '';
  if (y.source) {
    source = io.t('calsource.' + y.source);
    if (y.imported && !short)
      source += ' · ' + io.t('msg.cal_imported_by', { file: y.imported.file, sha: y.imported.sha256.slice(0, 12), at: formatLocal(y.imported.at, tz), by: person(io, y.imported.by, y.imported.by_name) });
    source = io.lang === 'zh' ? `（${source}）` : ` (${source})`;
  }
  return io.t('msg.cal_year_line', { year: y.year, status: io.t('calstatus.' + y.status), source });
}

/** 周海燕（S001）, as people appear in zh; the code alone when the roster does not know it. */
function person(io: Io, code: string | null, name: string | null): string {
  if (!code) return '-';
  if (!name) return code;
  return io.lang === 'zh' ? `${name}（${code}）` : `${name} (${code})`;
}

function weekdayName(io: Io, date: string): string {
  return io.t('cal.wd' + isoWeekday(date));
}

/** What a notice/JSON/ICS import read and would change: days, changes, clocks. */
function previewSections(io: Io, p: OfficialPreview): Section[] {
  const days = [...p.holidays, ...p.workdays].sort((a, b) => (a.date < b.date ? -1 : 1));
  const sections: Section[] = [
    {
      title: io.t('title.cal_days_read'),
      columns: [
        { key: 'date', label: 'col.cal_date' },
        { key: 'weekday', label: 'col.cal_weekday' },
        { key: 'kind', label: 'col.cal_kind' },
        { key: 'name', label: 'col.cal_name' },
      ],
      rows: days.map((d) => ({ date: d.date, weekday: weekdayName(io, d.date), kind: io.t('calday.' + d.type), name: d.name })),
    },
  ];
  if (p.changes.length)
    sections.push({
      title: io.t('title.cal_changes'),
      columns: [
        { key: 'date', label: 'col.cal_date' },
        { key: 'weekday', label: 'col.cal_weekday' },
        { key: 'before', label: 'col.cal_before', type: 'state' },
        { key: 'after', label: 'col.cal_after', type: 'state' },
        { key: 'name', label: 'col.cal_name' },
      ],
      rows: p.changes.map((c) => ({ ...c, weekday: weekdayName(io, c.date) })),
    });
  if (p.moves.length)
    sections.push({
      title: io.t('title.cal_moves'),
      columns: [
        { key: 'complaint_id', label: 'col.cal_record' },
        { key: 'clock', label: 'col.cal_clock', type: 'state' },
        { key: 'from', label: 'col.cal_due_before', type: 'time' },
        { key: 'to', label: 'col.cal_due_after', type: 'time' },
      ],
      rows: p.moves as unknown as Record<string, unknown>[],
    });
  return sections;
}

function previewJson(input: OfficialInput, p: OfficialPreview, tz: string, iso: (ms: number, tz: string) => string, r?: OfficialImportResult) {
  return {
    source: input.source,
    file: input.file,
    sha256: input.sha256,
    years: p.years,
    holidays: p.holidays,
    workdays: p.workdays,
    changes: p.changes,
    moves: p.moves.map((m) => ({ complaint_id: m.complaint_id, clock: m.clock, from: iso(m.from, tz), to: iso(m.to, tz) })),
    written: !!r,
    import_id: r?.import_id ?? null,
    clocks_moved: r?.clocks_moved ?? 0,
    warnings: input.warnings.map((w) => ({ line: w.line, key: w.key, ...w.params })),
  };
}

/**
 * Preview an official calendar, then write it with --yes (or after confirming
 * on a terminal); without either, or with --dry-run, nothing is written.
 */
async function importOfficialFlow(io: Io, input: OfficialInput, opts: { dryRun: boolean; confirmNeeded: boolean }): Promise<Output> {
  const ctx = await io.ctx();
  const ci = await calImport();
  const { formatIso } = await import('../../domain/time.js');
  const p = ci.previewOfficial(ctx, input.set);
  const years = p.years.join(', ');
  const warnLines = input.warnings.map((w) => (w.line ? `${input.file}:${w.line}: ` : '') + io.t(w.key, w.params));
  const summary = io.t('msg.notice_summary', { years, holidays: p.holidays.length, workdays: p.workdays.length, changes: p.changes.length, moves: p.moves.length });
  const out = (r?: OfficialImportResult): Output => ({
    json: previewJson(input, p, ctx.tz, formatIso, r),
    table: { ...previewSections(io, p)[0], title: io.t('title.notice_read', { file: input.file, years }) },
    sections: previewSections(io, p).slice(1),
    notes: [
      ...warnLines,
      summary,
      r ? io.t('msg.notice_written', { years, file: input.file, sha: input.sha256.slice(0, 12), id: r.import_id, moved: r.clocks_moved }) : io.t('msg.notice_not_written'),
    ],
  });
  if (opts.dryRun) return out();
  if (opts.confirmNeeded && !io.g.yes) {
    if (!io.interactive) return out();
    const shown = out();
    shown.notes = [...warnLines, summary];
    await io.emit(shown);
    await io.prompt.confirm(false, 'prompt.notice_confirm', { years });
    const r = ci.importOfficial(ctx, input);
    return { json: previewJson(input, p, ctx.tz, formatIso, r), notes: [io.t('msg.notice_written', { years, file: input.file, sha: input.sha256.slice(0, 12), id: r.import_id, moved: r.clocks_moved })] };
  }
  return out(ci.importOfficial(ctx, input));
}

export function register(program: Command): void {
  const t = helpT();
  const cal = program.command('calendar').description(t('cmd.calendar')).addHelpText('before', t('help.calendar'));

  cal
    .command('show [period]')
    .description(t('cmd.calendar_show'))
    .action(
      action({}, async (io, period: string | undefined) => {
        const ctx = await io.ctx();
        if (period && /^\d{4}$/.test(period)) return yearView(io, +period);
        const ym = period ?? currentMonth(ctx);
        if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(ym)) throw new UsageError('err.bad_month', { value: ym }, 'fix.year_or_month');
        const v = monthView(ctx, ym);
        const [y] = (await calImport()).yearInfo(ctx, [+ym.slice(0, 4)]);
        const notes = [yearLine(io, y, ctx.tz)];
        if (!v.official_data) notes.push(io.t('warn.calendar_fallback', { year: ym.slice(0, 4) }));
        return {
          json: { month: v.month, official_data: v.official_data, year_status: y.status, year_source: y.source, days: v.days },
          text: monthGrid(v.month, v.days, io.renderOpts()),
          table: {
            title: '',
            columns: [
              { key: 'date', label: 'col.date' },
              { key: 'workday', label: 'col.workday', type: 'bool' },
              { key: 'reason', label: 'col.reason', type: 'state' },
              { key: 'name', label: 'col.note' },
            ],
            rows: v.days as unknown as Record<string, unknown>[],
          },
          notes,
        };
      }),
    );

  cal
    .command('set <date> <type>')
    .description(t('cmd.calendar_set'))
    .option('--note <text>', t('opt.note'))
    .action(
      action({ write: true }, async (io, date: string, type: string) => {
        const ty = parseOverrideType(io.choice('dayType', type));
        if (!ty) throw new UsageError('err.bad_day_type', { value: type }, 'fix.day_type');
        const r = setDay(await io.ctx(), validateDate(date), ty, io.opts.note ?? null);
        return {
          json: r,
          record: {
            fields: [
              { key: 'date', label: 'col.date' },
              { key: 'type', label: 'col.type', type: 'state' },
              { key: 'note', label: 'col.note' },
              { key: 'clocks_moved', label: 'col.clocks_moved', type: 'number' },
            ],
            row: r as unknown as Record<string, unknown>,
          },
          notes: [io.t('msg.clocks_moved', { n: r.clocks_moved })],
        };
      }),
    );

  importOptions(cal.command('import <file>').description(t('cmd.calendar_import')), t)
    .option('--year <yyyy>', t('opt.notice_year'))
    .action(
      action({ write: true }, async (io, file: string) => {
        // holiday-cn JSON and ICS are official calendars; anything else is the site's CSV of overrides.
        const ci = await calImport();
        if (file !== '-' && !/\.csv$/i.test(file)) {
          const buf = readInput(file);
          const source = ci.sniffSource(file, buf.subarray(0, 512).toString('utf8'));
          if (source) {
            const input = await ci.readOfficial(buf, file, source, { year: parseYear(io.opts.year) });
            return importOfficialFlow(io, input, { dryRun: !!io.opts.dryRun, confirmNeeded: false });
          }
        }
        const r = await importCalendar(await io.ctx(), file, await importRunOptions(io));
        const out = importOutput(io, r);
        out.notes!.push(io.t('msg.clocks_moved', { n: r.clocks_moved }));
        return out;
      }),
    );

  cal
    .command('import-notice <file>')
    .description(t('cmd.calendar_import_notice'))
    .addHelpText('before', t('help.calendar_import_notice'))
    .option('--year <yyyy>', t('opt.notice_year'))
    .option('--dry-run', t('opt.calendar_dry_run'))
    .action(
      action({ write: true }, async (io, file: string) => {
        const ci = await calImport();
        const input = await ci.readOfficial(readInput(file), file, 'notice', { year: parseYear(io.opts.year) });
        return importOfficialFlow(io, input, { dryRun: !!io.opts.dryRun, confirmNeeded: true });
      }),
    );
}

/** `calendar show YYYY`: whether the year is official (and from where), site-set or fallback, and its named days. */
async function yearView(io: Io, year: number): Promise<Output> {
  const ctx = await io.ctx();
  const [y] = (await calImport()).yearInfo(ctx, [year]);
  const cal = ctx.calendar();
  const days = [];
  for (let d = `${year}-01-01`; d.startsWith(String(year)); d = addDays(d, 1)) {
    const i = cal.info(d);
    if (i.reason !== 'weekday' && i.reason !== 'weekend') days.push(i);
  }
  const notes = [yearLine(io, y, ctx.tz)];
  if (y.status !== 'official') notes.push(io.t('warn.calendar_fallback', { year }));
  return {
    json: { ...y, imported: y.imported && { ...y.imported, at: (await import('../../domain/time.js')).formatIso(y.imported.at, ctx.tz) }, days },
    table: {
      title: io.t('title.cal_year', { year }),
      columns: [
        { key: 'date', label: 'col.cal_date' },
        { key: 'weekday', label: 'col.cal_weekday' },
        { key: 'reason', label: 'col.reason', type: 'state' },
        { key: 'name', label: 'col.cal_name' },
      ],
      rows: days.map((d) => ({ ...d, weekday: weekdayName(io, d.date) })),
    },
    notes,
  };
}
