import type { Command } from 'commander';
import { action } from '../run.js';
import { helpT } from '../i18n/index.js';
import { backup } from '../../app/core/backup.js';
import { checkTarget } from '../../store/safe-file.js';

export function register(program: Command): void {
  const t = helpT();
  program
    .command('backup <file>')
    .description(t('cmd.backup'))
    .addHelpText('before', t('help.backup'))
    .action(
      action({}, async (io, file: string) => {
        const ctx = await io.ctx();
        const overwrite = !!io.g.yes || (checkTarget(file, io.dataDir).exists && (await io.prompt.confirmOverwrite(file), true));
        const r = backup(ctx, file, { dataDir: io.dataDir, overwrite });
        return {
          json: r,
          record: {
            fields: [
              { key: 'file', label: 'col.file' },
              { key: 'bytes', label: 'col.bytes', type: 'number' },
              { key: 'integrity', label: 'col.integrity' },
            ],
            row: r as unknown as Record<string, unknown>,
          },
        };
      }),
    );
}
