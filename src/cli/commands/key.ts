import type { Command } from 'commander';
import { helpT } from '../i18n/index.js';

// The key commands (built by the key module's issue).
export function register(program: Command): void {
  const t = helpT();
  program.command('key').description(t('cmd.key'));
}
