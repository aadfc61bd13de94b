import type { Command } from 'commander';
import { helpT } from '../i18n/index.js';

// The handover commands (built by the handover module's issue).
export function register(program: Command): void {
  const t = helpT();
  program.command('handover').description(t('cmd.handover'));
}
