import type { Command } from 'commander';
import { helpT } from '../i18n/index.js';
import { overdueCommand } from '../overdue-command.js';

export function register(program: Command): void {
  const t = helpT();
  overdueCommand(program.command('overdue').alias('status').description(t('cmd.overdue')).addHelpText('before', t('help.overdue')), t);
}
