import type { Command } from 'commander';
import { helpT } from '../i18n/index.js';

// The complaint commands (built by the complaint module's issue).
export function register(program: Command): void {
  const t = helpT();
  program.command('complaint').description(t('cmd.complaint'));
}
