import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { action, type Io } from '../run.js';
import { helpT, type T } from '../i18n/index.js';
import { importOptions, importOutput, importRunOptions } from '../importer.js';
import { currentMonth, importCalendar, monthView, parseOverrideType, setDay, validateDate } from '../../app/calendar/calendar.js';
import type { OfficialInput, OfficialPreview, OfficialImportResult, YearInfo } from '../../app/calendar/calendar-import.js';
import { UsageError } from '../../errors.js';
import { addDays } from '../../domain/time.js';
import type { Output } from '../../render/view.js';

const calImport = () => import('../../app/calendar/calendar-import.js');
const view = () => import('../../render/views/calendar.js');

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

/**
 * Preview an official calendar, then write it with --yes (or after confirming
 * on a terminal); without either, or with --dry-run, nothing is written.
 */
async function importOfficialFlow(io: Io, input: OfficialInput, opts: { dryRun: boolean; confirmNeeded: boolean }): Promise<Output> {
  const ctx = await io.ctx();
  const ci = await calImport();
  const v = await view();
  const p = ci.previewOfficial(ctx, input.set);
  if (opts.dryRun) return v.officialOutput(io, input, p, ctx.tz);
  if (opts.confirmNeeded && !io.g.yes) {
    if (!io.interactive) return v.officialOutput(io, input, p, ctx.tz);
    await io.emit(v.officialOutput(io, input, p, ctx.tz, undefined, false));
    await io.prompt.confirm(false, 'prompt.notice_confirm', { years: p.years.join(', ') });
    return v.officialWrittenOutput(io, input, p, ctx.tz, ci.importOfficial(ctx, input));
  }
  return v.officialOutput(io, input, p, ctx.tz, ci.importOfficial(ctx, input));
}

export function register(program: Command): void {
  const t = helpT();
  const cal = program.command('calendar').description(t('cmd.calendar')).addHelpText('before', t('help.calendar'));
  registerDays(cal, t);
  registerImports(cal, t);
}

/** show, set: the calendar in force and the site's own days. */
function registerDays(cal: Command, t: T): void {
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
        return (await view()).monthOutput(io.renderOpts(), v, y, ctx.tz);
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
        return (await view()).daySetOutput(io, r);
      }),
    );
}

/** import (the site's CSV, holiday-cn JSON or ICS), import-notice (the State Council notice). */
function registerImports(cal: Command, t: T): void {
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

/** `calendar show YYYY`: the year's named days (not plain weekdays and weekends). */
async function yearView(io: Io, year: number): Promise<Output> {
  const ctx = await io.ctx();
  const [y] = (await calImport()).yearInfo(ctx, [year]);
  const cal = ctx.calendar();
  const days = [];
  for (let d = `${year}-01-01`; d.startsWith(String(year)); d = addDays(d, 1)) {
    const i = cal.info(d);
    if (i.reason !== 'weekday' && i.reason !== 'weekend') days.push(i);
  }
  return (await view()).yearOutput(io, y, days, ctx.tz);
}
