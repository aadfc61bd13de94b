import type { Command } from 'commander';
import { action } from '../run.js';
import { helpT } from '../i18n/index.js';
import { runDoctor } from '../../app/core/doctor.js';
import { DataFolderError } from '../../errors.js';
import { yearLine } from './calendar.js';

export function register(program: Command): void {
  const t = helpT();
  program
    .command('doctor')
    .description(t('cmd.doctor'))
    .addHelpText('before', t('help.doctor'))
    .action(
      action({}, async (io) => {
        const ctx = await io.ctx();
        const checks = runDoctor(ctx, io.dataDir);
        await io.emit({
          json: { ok: !checks.some((c) => c.status === 'fail'), checks },
          table: {
            title: '',
            columns: [
              { key: 'check', label: 'col.check' },
              { key: 'status', label: 'col.status', type: 'state' },
              { key: 'detail', label: 'col.detail' },
            ],
            // A person reads the calendar years in their language; --json keeps the English detail.
            rows: checks.map((c) => ({ ...c, detail: c.calendar ? yearLine(io, c.calendar, ctx.tz, true) : c.year ? io.t('warn.next_year_unofficial', { year: c.year }) : c.detail })),
          },
          notes: [
            ...checks
              .filter((c) => c.calendar && c.status === 'warn' && !checks.some((n) => n.year === c.calendar!.year))
              .map((c) => io.t('warn.calendar_fallback', { year: c.calendar!.year })),
            ...checks.filter((c) => c.calendar?.imported).map((c) => yearLine(io, c.calendar!, ctx.tz)),
            ...checks.filter((c) => c.year).map((c) => io.t('warn.next_year_unofficial', { year: c.year! })),
          ],
        });
        const failed = checks.filter((c) => c.status === 'fail');
        if (failed.length) throw new DataFolderError('err.doctor_failed', { checks: failed.map((c) => c.check).join(', ') }, 'fix.restore_backup');
      }, { warn: false }),
    );
}
