import type { Command } from 'commander';
import { helpT } from '../i18n/index.js';

// The archive commands (built by the archive module's issue).
export function register(program: Command): void {
  const t = helpT();
  program.command('archive').description(t('cmd.archive'));
}
