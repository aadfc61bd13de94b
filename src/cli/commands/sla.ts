import type { Command } from 'commander';
import { helpT } from '../i18n/index.js';

// The sla commands (built by the sla module's issue).
export function register(program: Command): void {
  const t = helpT();
  program.command('sla').description(t('cmd.sla'));
}
