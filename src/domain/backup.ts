// [000] §2.7 (important files backed up): how old the last `pmctl backup` may
// be before doctor and the terminal's warning line say so. Pure.
import { UsageError } from '../errors.js';
import { formatDuration, parseDuration, type Duration } from './duration.js';

/** Site setting `backup.max_age` when none is set. */
export const DEFAULT_BACKUP_MAX_AGE = '7d';

/** A backup age: elapsed time only (m, h, d), not working days. */
export function backupMaxAgeMs(s: string): number {
  const d: Duration = parseDuration(s);
  const per: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000 };
  const ms = per[d.unit];
  if (!ms) throw new UsageError('err.backup_age_wd', { value: s }, 'fix.backup_age');
  return d.n * ms;
}

export interface BackupAge {
  /** null: never backed up */
  last_at: number | null;
  /** since the last backup, or since the folder was created when there is none */
  age_ms: number;
  max_age: string;
  stale: boolean;
}

export function backupAge(lastAt: number | null, createdAt: number | null, now: number, maxAge: string): BackupAge {
  const from = lastAt ?? createdAt ?? now;
  const age = Math.max(0, now - from);
  return { last_at: lastAt, age_ms: age, max_age: maxAge, stale: age > backupMaxAgeMs(maxAge) };
}

/** The canonical text of a max age (`7d`), refusing working days. */
export function normBackupMaxAge(s: string): string {
  backupMaxAgeMs(s);
  return formatDuration(parseDuration(s));
}
