import type { Command } from 'commander';
import { action } from '../run.js';
import { helpT } from '../i18n/index.js';
import { importOptions, importOutput, importRunOptions } from '../importer.js';
import { currentMonth, importCalendar, monthView, parseOverrideType, setDay, validateDate } from '../../app/core/calendar.js';
import { UsageError } from '../../errors.js';
import { monthGrid } from '../../render/calendar.js';

export function register(program: Command): void {
  const t = helpT();
  const cal = program.command('calendar').description(t('cmd.calendar')).addHelpText('before', t('help.calendar'));

  cal
    .command('show [month]')
    .description(t('cmd.calendar_show'))
    .action(
      action({}, async (io, month: string | undefined) => {
        const ctx = await io.ctx();
        const ym = month ?? currentMonth(ctx);
        if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(ym)) throw new UsageError('err.bad_month', { value: ym }, 'fix.month_format');
        const v = monthView(ctx, ym);
        const notes = v.official_data ? [] : [io.t('warn.calendar_fallback', { year: ym.slice(0, 4) })];
        return {
          json: { month: v.month, official_data: v.official_data, days: v.days },
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

  importOptions(cal.command('import <file>').description(t('cmd.calendar_import')), t).action(
    action({ write: true }, async (io, file: string) => {
      const r = await importCalendar(await io.ctx(), file, await importRunOptions(io));
      const out = importOutput(io, r);
      out.notes!.push(io.t('msg.clocks_moved', { n: r.clocks_moved }));
      return out;
    }),
  );
}
