// `pmctl doctor`: integrity, schema version, calendar coverage, file modes.
import { statSync } from 'node:fs';
import { dbPath } from '../../store/db.js';
import { SCHEMA_VERSION } from '../../store/migrations.js';
import { schemaVersion } from '../../store/db.js';
import { localDate } from '../../domain/time.js';
import type { Ctx } from '../context.js';
import { nextYearUnofficial, yearInfo, type YearInfo } from './calendar-import.js';

export type CheckStatus = 'ok' | 'warn' | 'fail';
export interface Check {
  check: string;
  status: CheckStatus;
  detail: string;
  /** for calendar_YYYY: the year's status and source */
  calendar?: YearInfo;
  /** for calendar_next_year: the year without an official calendar */
  year?: number;
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
  // From 1 December next year's notice is due: a year without it is a warning then.
  const next = nextYearUnofficial(ctx);
  for (const y of yearInfo(ctx, [year, year + 1])) {
    const detail =
      y.status === 'official'
        ? `official (${y.source}${y.imported ? ` ${y.imported.file} sha256 ${y.imported.sha256.slice(0, 12)}` : ''})`
        : y.status === 'site'
          ? `site-set: ${y.site_overrides} site overrides, Mon–Fri otherwise`
          : 'fallback Mon–Fri (0 site overrides)';
    checks.push({ check: `calendar_${y.year}`, status: y.status === 'official' ? 'ok' : 'warn', detail, calendar: y });
  }
  if (next) checks.push({ check: 'calendar_next_year', status: 'warn', detail: `${next} has no official calendar (import the State Council notice)`, year: next });
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
