import type { Command } from 'commander';
import { action } from '../run.js';
import { helpT } from '../i18n/index.js';
import { UsageError } from '../../errors.js';
import { checkTarget } from '../../store/safe-file.js';

export function register(program: Command): void {
  const t = helpT();
  program
    .command('backup [file]')
    .description(t('cmd.backup'))
    .option('--max-age <duration>', t('opt.backup_max_age'))
    .addHelpText('before', t('help.backup'))
    .action(
      action({}, async (io, file: string | undefined) => {
        const { backup, setMaxBackupAge } = await import('../../app/site/backup.js');
        const ctx = await io.ctx();
        // v2: the site's setting for how old the last backup may be (doctor and the warning line say when it is older).
        if (io.opts.maxAge !== undefined && !file) {
          const r = setMaxBackupAge(ctx, String(io.opts.maxAge));
          return { json: r, record: { fields: [{ key: 'max_age', label: 'col.backup_max_age' }], row: { ...r } } };
        }
        if (!file) throw new UsageError('err.missing_options', { list: 'FILE' }, 'fix.give_options');
        const max = io.opts.maxAge !== undefined ? setMaxBackupAge(ctx, String(io.opts.maxAge)) : null;
        const overwrite = !!io.g.yes || (checkTarget(file, io.dataDir).exists && (await io.prompt.confirmOverwrite(file), true));
        const r = backup(ctx, file, { dataDir: io.dataDir, overwrite });
        return {
          json: max ? { ...r, ...max } : r,
          record: {
            fields: [
              { key: 'file', label: 'col.file' },
              { key: 'bytes', label: 'col.bytes', type: 'number' },
              { key: 'integrity', label: 'col.integrity' },
              ...(max ? [{ key: 'max_age', label: 'col.backup_max_age' }] : []),
            ],
            row: { ...r, ...(max ?? {}) },
          },
        };
      }),
    );
}
