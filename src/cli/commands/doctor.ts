import type { Command } from 'commander';
import { action } from '../run.js';
import { helpT } from '../i18n/index.js';
import { headerCheck, markCorrupt, removeLeftovers, runDoctor, type Check } from '../../app/site/doctor.js';
import { existsSync } from 'node:fs';
import { dbPath, problemError } from '../../store/db.js';
import { DataFolderError } from '../../errors.js';
import { backupWarning } from '../run.js';
import { yearLine } from '../../render/views/calendar.js';

export function register(program: Command): void {
  const t = helpT();
  program
    .command('doctor')
    .description(t('cmd.doctor'))
    .option('--fix', t('opt.doctor_fix'))
    .addHelpText('before', t('help.doctor'))
    .action(
      action(
        {},
        async (io) => {
          const removed = io.opts.fix ? removeLeftovers(io.dataDir) : [];
          for (const f of removed) io.info(io.t('msg.leftover_removed', { file: f }));
          // A damaged header is reported (and the folder marked) before SQLite is let near the file.
          const head = existsSync(dbPath(io.dataDir)) ? headerCheck(io.dataDir) : undefined;
          let checks: Check[];
          let tz = 'Asia/Shanghai';
          if (head && head.status === 'fail') checks = [head];
          else {
            try {
              const ctx = await io.ctx();
              tz = ctx.tz;
              checks = runDoctor(ctx, io.dataDir);
            } catch (e) {
              const code = String((e as { code?: string }).code ?? '');
              if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB')
                markCorrupt(io.dataDir, [{ check: 'quick_check', status: 'fail', detail: (e as Error).message }]);
              throw e;
            }
          }
          if (head?.status === 'fail' || checks.some((c) => c.check === 'quick_check'))
            markCorrupt(
              io.dataDir,
              checks.filter((c) => c.status === 'fail' && ['header', 'quick_check', 'foreign_key_check'].includes(c.check)),
            );
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
              rows: checks.map((c) => ({
                ...c,
                detail: c.calendar ? yearLine(io, c.calendar, tz, true) : c.year ? io.t('warn.next_year_unofficial', { year: c.year }) : c.detail,
              })),
            },
            notes: [
              ...(checks.some((c) => c.check === 'backup' && c.status === 'warn') ? [await backupWarning(io)] : []),
              ...checks
                .filter((c) => c.calendar && c.status === 'warn' && !checks.some((n) => n.year === c.calendar!.year))
                .map((c) => io.t('warn.calendar_fallback', { year: c.calendar!.year })),
              ...checks.filter((c) => c.calendar?.imported).map((c) => yearLine(io, c.calendar!, tz)),
              ...checks.filter((c) => c.year).map((c) => io.t('warn.next_year_unofficial', { year: c.year! })),
            ],
          });
          if (head?.status === 'fail') throw problemError(dbPath(io.dataDir), head.detail);
          const failed = checks.filter((c) => c.status === 'fail');
          if (failed.length) throw new DataFolderError('err.doctor_failed', { checks: failed.map((c) => c.check).join(', ') }, 'fix.restore_backup');
        },
        { warn: false },
      ),
    );
}
