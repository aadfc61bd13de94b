import type { Command } from 'commander';
import { action } from '../run.js';
import { writeFileSafe } from '../../store/safe-file.js';
import { join } from 'node:path';
import { helpT, LANG_FILE } from '../i18n/index.js';
import { initSite } from '../../app/site/init.js';

export function register(program: Command): void {
  const t = helpT();
  program
    .command('init')
    .description(t('cmd.init'))
    .option('--site <name>', t('opt.site'))
    .option('--timezone <zone>', t('opt.timezone'))
    .option('--code <code>', t('opt.code'))
    .option('--lang <lang>', t('opt.init_lang'))
    .addHelpText('before', t('help.init'))
    .action(
      action({ db: 'none', write: true }, async (io) => {
        const r = initSite(io.dataDir, { site: io.opts.site, code: io.opts.code, timezone: io.opts.timezone, lang: io.opts.lang, now: (tz) => io.now(tz) });
        // The language file is what start-up reads (a copy of the setting).
        if (r.created && r.lang) writeFileSafe(join(io.dataDir, LANG_FILE), r.lang + '\n', { dataDir: io.dataDir, overwrite: true });
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
              { key: 'lang', label: 'col.lang', type: 'state' },
              { key: 'created', label: 'col.created', type: 'bool' },
            ],
            row: { ...r },
          },
        };
      }),
    );
}
