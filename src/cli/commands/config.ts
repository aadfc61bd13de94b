import type { Command } from 'commander';
import { action } from '../run.js';
import { helpT } from '../i18n/index.js';
import { configGet, configList, configSet } from '../../app/site/config.js';

export function register(program: Command): void {
  const t = helpT();
  const cfg = program.command('config').description(t('cmd.config')).addHelpText('before', t('help.config'));
  const fields = [
    { key: 'key', label: 'col.setting' },
    { key: 'value', label: 'col.value' },
  ];
  cfg
    .command('set <key> <value>')
    .description(t('cmd.config_set'))
    .action(
      action({ write: true }, async (io, key: string, value: string) => {
        const r = configSet(await io.ctx(), key, value);
        return { json: r, record: { fields, row: r } };
      }),
    );
  cfg
    .command('get <key>')
    .description(t('cmd.config_get'))
    .action(
      action({}, async (io, key: string) => {
        const r = configGet(await io.ctx(), key);
        return { json: r, record: { fields, row: r } };
      }),
    );
  cfg
    .command('list')
    .description(t('cmd.config_list'))
    .action(
      action({}, async (io) => {
        const rows = configList(await io.ctx());
        return { json: rows, table: { title: '', columns: fields, rows } };
      }),
    );
}
