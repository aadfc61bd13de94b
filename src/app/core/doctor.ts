// `pmctl doctor`: integrity, schema version, calendar coverage, file modes.
import { statSync } from 'node:fs';
import { dbPath } from '../../store/db.js';
import { SCHEMA_VERSION } from '../../store/migrations.js';
import { schemaVersion } from '../../store/db.js';
import { formatIso, localDate } from '../../domain/time.js';
import type { Ctx } from '../context.js';
import { backupStatus } from './backup.js';

export type CheckStatus = 'ok' | 'warn' | 'fail';
export interface Check {
  check: string;
  status: CheckStatus;
  detail: string;
}

export function runDoctor(ctx: Ctx, dir: string): Check[] {
  const checks: Check[] = [];
  const db = ctx.db;
  const qc = (db.pragma('quick_check') as { quick_check: string }[]).map((r) => r.quick_check);
  checks.push({ check: 'quick_check', status: qc.length === 1 && qc[0] === 'ok' ? 'ok' : 'fail', detail: qc.slice(0, 5).join('; ') });
  const fk = db.pragma('foreign_key_check') as unknown[];
  checks.push({ check: 'foreign_key_check', status: fk.length ? 'fail' : 'ok', detail: fk.length ? `${fk.length}` : 'ok' });
  const v = schemaVersion(db);
  checks.push({ check: 'schema_version', status: v === SCHEMA_VERSION ? 'ok' : 'fail', detail: `${v} / ${SCHEMA_VERSION}` });
  const jm = db.pragma('journal_mode', { simple: true }) as string;
  checks.push({ check: 'journal_mode', status: jm === 'wal' ? 'ok' : 'warn', detail: jm });
  const year = +localDate(ctx.clock.now(), ctx.tz).slice(0, 4);
  const cal = ctx.calendar();
  for (const y of [year, year + 1]) {
    const has = cal.hasOfficialData(y);
    const overrides = (db.prepare("SELECT COUNT(*) n FROM calendar_overrides WHERE date LIKE ?").get(`${y}-%`) as { n: number }).n;
    checks.push({
      check: `calendar_${y}`,
      status: has ? 'ok' : 'warn',
      detail: has ? 'official' : `fallback Mon–Fri (${overrides} site overrides)`,
    });
  }
  // [000] §2.7: important files backed up; the site says how old the last backup may be (default 7d).
  const b = backupStatus(ctx);
  checks.push({
    check: 'backup',
    status: b.stale ? 'warn' : 'ok',
    detail: `${b.last_at == null ? 'never' : formatIso(b.last_at, ctx.tz)} (${Math.floor(b.age_ms / 86_400_000)}d ago, max ${b.max_age})`,
  });
  for (const f of [dbPath(dir), dbPath(dir) + '-wal']) {
    try {
      const mode = statSync(f).mode & 0o777;
      checks.push({ check: 'mode ' + f.split('/').pop(), status: mode & 0o077 ? 'warn' : 'ok', detail: '0' + mode.toString(8) });
    } catch {
      /* no WAL file at the moment */
    }
  }
  return checks;
}
