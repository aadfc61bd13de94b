import type { Command } from 'commander';
import { action } from '../run.js';
import { helpT } from '../i18n/index.js';
import { runDoctor } from '../../app/core/doctor.js';
import { DataFolderError } from '../../errors.js';
import { backupWarning } from '../run.js';

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
            rows: checks as unknown as Record<string, unknown>[],
          },
          notes: [
            ...checks.filter((c) => c.check.startsWith('calendar_') && c.status === 'warn').map((c) => io.t('warn.calendar_fallback', { year: c.check.slice(9) })),
            ...(checks.some((c) => c.check === 'backup' && c.status === 'warn') ? [await backupWarning(io)] : []),
          ],
        });
        const failed = checks.filter((c) => c.status === 'fail');
        if (failed.length) throw new DataFolderError('err.doctor_failed', { checks: failed.map((c) => c.check).join(', ') }, 'fix.restore_backup');
      }, { warn: false }),
    );
}
