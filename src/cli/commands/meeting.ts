import type { Command } from 'commander';
import { helpT } from '../i18n/index.js';

// The meeting commands (built by the meeting module's issue).
export function register(program: Command): void {
  const t = helpT();
  program.command('meeting').description(t('cmd.meeting'));
}
