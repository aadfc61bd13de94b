import type { Command } from 'commander';
import { helpT } from '../i18n/index.js';

// The report commands (built by the report module's issue).
export function register(program: Command): void {
  const t = helpT();
  program.command('report').description(t('cmd.report'));
}
