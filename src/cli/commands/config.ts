import type { Command } from 'commander';
import { join } from 'node:path';
import { action } from '../run.js';
import { helpT, LANG_FILE } from '../i18n/index.js';
import type { Output } from '../../render/view.js';
import type { SettingRow } from '../../app/core/settings.js';

function out(rows: SettingRow[]): Output {
  return {
    json: Object.fromEntries(rows.map((r) => [r.name, r.value])),
    table: {
      title: '',
      columns: [
        { key: 'name', label: 'col.setting', type: 'state' },
        { key: 'value', label: 'col.value', type: 'state' },
      ],
      rows: rows.map((r) => ({ ...r })),
    },
  };
}

export function register(program: Command): void {
  const t = helpT();
  const config = program.command('config').description(t('cmd.config'));
  config
    .command('show', { isDefault: true })
    .description(t('cmd.config_show'))
    .action(
      action({}, async (io) => {
        const { listSettings } = await import('../../app/core/settings.js');
        return out(listSettings(await io.ctx()));
      }),
    );
  config
    .command('set <name> <value>')
    .description(t('cmd.config_set'))
    .action(
      action({ write: true }, async (io, name: string, value: string) => {
        const { setSiteSetting } = await import('../../app/core/settings.js');
        const r = setSiteSetting(await io.ctx(), name, value);
        // Start-up reads the language from a small file beside the database (no database opened to choose it).
        if (r.name === 'lang' && r.value) io.writeFile(join(io.dataDir, LANG_FILE), r.value + '\n');
        io.info(io.t('msg.setting_set', { name: r.name, value: r.value ?? '' }));
        return out([r]);
      }),
    );
}
