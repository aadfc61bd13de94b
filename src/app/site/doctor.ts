// `pmctl doctor`: integrity, schema version, calendar coverage, file modes.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { MERGE_NOTE_PREFIX, corruptMarkPath, dbPath, fileProblem } from '../../store/db.js';
import { leftoverTemps, pidAlive, removeQuietly, writeFileSafe } from '../../store/safe-file.js';
import { SCHEMA_VERSION } from '../../store/migrations.js';
import { schemaVersion } from '../../store/db.js';
import { formatIso, localDate } from '../../domain/time.js';
import type { Ctx } from '../context.js';
import { backupStatus } from './backup.js';
import { nextYearUnofficial, yearInfo, type YearInfo } from '../calendar/calendar-import.js';

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

/** The header of the database file (before SQLite opens it; see store/db.ts headerProblem). */
export function headerCheck(dir: string): Check {
  const p = fileProblem(dbPath(dir));
  return { check: 'header', status: p ? 'fail' : 'ok', detail: p ?? 'ok' };
}

/**
 * What killed runs leave in the data folder: the safe writer's temp files
 * (init, demo, backup and --out into this folder, the scale generator's
 * scratch files), a demo's build marker and an import's merge note. A
 * file of a process still running is listed but never removed.
 */
export function leftovers(dir: string): { file: string; alive: boolean }[] {
  const abs = resolve(dir);
  const out = leftoverTemps(abs).map((t) => ({ file: t.file, alive: t.alive }));
  let names: string[] = [];
  try {
    names = readdirSync(abs);
  } catch {
    /* no folder */
  }
  for (const n of names) {
    // scale scratch files of older builds, next to the database itself
    if (/^pmctl\.db\.scale-/.test(n)) out.push({ file: join(abs, n), alive: false });
    // export --bundle's scratch snapshot (store/bundle.ts)
    const ex = /^\.pmctl-export-(\d+)-/.exec(n);
    if (ex) out.push({ file: join(abs, n), alive: pidAlive(Number(ex[1])) });
    // an import's merge note (store/db.ts), left by a killed import
    if (n.startsWith(MERGE_NOTE_PREFIX)) out.push({ file: join(abs, n), alive: pidAlive(Number(n.slice(MERGE_NOTE_PREFIX.length))) });
    if (n === DEMO_MARK_NAME) {
      const pid = Number(readFirstLine(join(abs, n)));
      out.push({ file: join(abs, n), alive: pidAlive(pid) });
    }
  }
  return out;
}

const DEMO_MARK_NAME = '.pmctl-demo-building';

function readFirstLine(f: string): string {
  try {
    return readFileSync(f, 'utf8').split('\n')[0];
  } catch {
    return '';
  }
}

/** Remove the leftovers of processes that are gone; returns what was removed. */
export function removeLeftovers(dir: string): string[] {
  const gone = leftovers(dir).filter((l) => !l.alive);
  for (const l of gone) removeQuietly(l.file);
  return gone.map((l) => l.file);
}

/** doctor's verdict on the file, kept for every command: a failed check marks the database corrupt. */
export function markCorrupt(dir: string, failed: Check[]): void {
  const mark = corruptMarkPath(dir);
  if (failed.length) writeFileSafe(mark, failed.map((c) => `${c.check}: ${c.detail}`).join('\n') + '\n', { overwrite: true });
  else if (existsSync(mark)) removeQuietly(mark);
}

export function runDoctor(ctx: Ctx, dir: string): Check[] {
  const checks: Check[] = [headerCheck(dir)];
  const db = ctx.db;
  let qc: string[];
  try {
    qc = (db.pragma('quick_check') as { quick_check: string }[]).map((r) => r.quick_check);
  } catch (e) {
    qc = [(e as Error).message];
  }
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
  // [000] §2.7: important files backed up; the site says how old the last backup may be (default 7d).
  const b = backupStatus(ctx);
  checks.push({
    check: 'backup',
    status: b.stale ? 'warn' : 'ok',
    detail: `${b.last_at == null ? 'never' : formatIso(b.last_at, ctx.tz)} (${Math.floor(b.age_ms / 86_400_000)}d ago, max ${b.max_age})`,
  });
  if (next)
    checks.push({ check: 'calendar_next_year', status: 'warn', detail: `${next} has no official calendar (import the State Council notice)`, year: next });
  for (const f of [dbPath(dir), dbPath(dir) + '-wal']) {
    try {
      const mode = statSync(f).mode & 0o777;
      checks.push({ check: 'mode ' + f.split('/').pop(), status: mode & 0o077 ? 'warn' : 'ok', detail: '0' + mode.toString(8) });
    } catch {
      /* no WAL file at the moment */
    }
  }
  const left = leftovers(dir);
  checks.push({
    check: 'leftovers',
    status: left.length ? 'warn' : 'ok',
    detail: left.length ? left.map((l) => l.file.split('/').pop() + (l.alive ? ' (in use)' : '')).join(', ') : 'ok',
  });
  return checks;
}
