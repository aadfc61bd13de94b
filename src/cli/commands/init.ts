import type { Command } from 'commander';
import { action } from '../run.js';
import { helpT } from '../i18n/index.js';
import { initSite } from '../../app/core/init.js';

export function register(program: Command): void {
  const t = helpT();
  program
    .command('init')
    .description(t('cmd.init'))
    .option('--site <name>', t('opt.site'))
    .option('--timezone <zone>', t('opt.timezone'))
    .option('--code <code>', t('opt.code'))
    .addHelpText('before', t('help.init'))
    .action(
      action({ db: 'none', write: true }, async (io) => {
        const r = initSite(io.dataDir, { site: io.opts.site, code: io.opts.code, timezone: io.opts.timezone, now: (tz) => io.now(tz) });
        io.info(io.t(r.created ? 'msg.init_created' : 'msg.init_exists', { dir: r.dir }));
        return {
          json: r,
          record: {
            fields: [
              { key: 'dir', label: 'col.data_dir' },
              { key: 'site', label: 'col.site' },
              { key: 'code', label: 'col.site_code' },
              { key: 'timezone', label: 'col.timezone' },
              { key: 'schema_version', label: 'col.schema_version', type: 'number' },
              { key: 'created', label: 'col.created', type: 'bool' },
            ],
            row: r as unknown as Record<string, unknown>,
          },
        };
      }),
    );
}
