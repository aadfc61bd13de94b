import type { Command } from 'commander';
import { action } from '../run.js';
import { helpT } from '../i18n/index.js';
import { UsageError } from '../../errors.js';

export function register(program: Command): void {
  const t = helpT();
  program
    .command('export')
    .description(t('cmd.export'))
    .requiredOption('--bundle <file>', t('opt.bundle'))
    .option('--redact', t('opt.redact'))
    .addHelpText('before', t('help.export'))
    .action(
      action({ write: false }, async (io) => {
        const file = String(io.opts.bundle);
        if (!file.toLowerCase().endsWith('.pmctl')) throw new UsageError('err.bundle_ext', { file }, 'fix.bundle_ext');
        const ctx = await io.ctx();
        const { exportBundle } = await import('../../app/rollup/export.js');
        const r = exportBundle(ctx, { redact: !!io.opts.redact, dataDir: io.dataDir });
        io.writeFile(file, r.bytes);
        const m = { file, ...r.manifest };
        return {
          json: { ...m, created_at: new Date(m.created_at).toISOString() },
          record: {
            fields: [
              { key: 'file', label: 'col.file' },
              { key: 'site', label: 'col.site' },
              { key: 'code', label: 'col.site_code' },
              { key: 'created_at', label: 'col.bundle_at', type: 'time' },
              { key: 'schema_version', label: 'col.schema_version', type: 'number' },
              { key: 'bytes', label: 'col.bytes', type: 'number' },
              { key: 'sha256', label: 'col.sha256' },
              { key: 'redacted', label: 'col.redacted', type: 'bool' },
            ],
            row: m,
          },
        };
      }),
    );
}
