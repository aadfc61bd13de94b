import type { Command } from 'commander';
import { action } from '../run.js';
import { helpT } from '../i18n/index.js';
import { backup } from '../../app/core/backup.js';

export function register(program: Command): void {
  const t = helpT();
  program
    .command('backup <file>')
    .description(t('cmd.backup'))
    .addHelpText('before', t('help.backup'))
    .action(
      action({}, async (io, file: string) => {
        const r = backup(await io.ctx(), file);
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
