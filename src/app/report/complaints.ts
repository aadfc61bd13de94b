// The complaint side of a report, aggregated in SQL over the period's rows
// only (complaints_received for intake; for the clocks, the clocks of the
// complaints received around the period plus any other found through
// clocks_by_due), so a month on a million complaints reads that month and
// nothing else.
import type { DB } from '../../store/db.js';
import type { RateCounts } from '../../domain/rates.js';

import { CLOCKS, type ClockName } from '../../domain/clocks.js';
import { localDate } from '../../domain/time.js';
import { fingerprint, startHelper, type Helper } from '../../store/report-thread.js';
import {
  SQL,
  STATES,
  countReceived,
  delayedCount,
  hotUnits,
  readPacked,
  receivedGroups,
  type ComplaintGroup,
  type PackedRow,
  type Query,
  type State,
  type Window,
} from '../../store/report.js';

export { CLOCKS, type ClockName, type ComplaintGroup, type PackedRow, type Window };

/** How far before the period the id range starts: clocks fall due within days of receipt. */
const ID_RANGE_LEAD_DAYS = 7;

const idDay = (ms: number, tz: string) => 'C' + localDate(ms, tz).replace(/-/g, '');

/** The id range of the complaints received from a week before the period to its end. */
export function idRange(w: { since: number; until: number }, tz: string): { lo: string; hi: string } {
  return { lo: idDay(w.since - ID_RANGE_LEAD_DAYS * 86_400_000, tz), hi: idDay(w.until, tz) };
}

/**
 * Complaints received in the period from which a second thread pays (fewer:
 * its start-up costs more than it saves). PMCTL_REPORT_THREAD_MIN overrides
 * it (tests run the two-thread path on small sites with 0).
 */
const THREAD_MIN = 3000;
/**
 * The worker's share of the id range (by days), with the out-of-range query:
 * its thread needs some 25 ms to start, while this one reads the rest of the
 * report. Measured on the 100 000-unit site: 0.4 left neither side waiting
 * long (0.5 and more kept this thread waiting).
 */
const THREAD_SHARE = 0.4;

/** The clock grouping of a period, started on a second thread when that pays; complaintFacts finishes it. */
export interface PendingClocks {
  helper?: Helper;
  mine: Query[];
  theirs: Query[];
}

/** `threads` false: the one-thread plan, no worker (and no count to decide on one). */
export function startClockGroups(db: DB, w: Window, tz: string, threads = true): PendingClocks {
  const range = idRange(w, tz);
  const all = { since: w.since, until: w.until, now: w.now, ...range };
  const single: PendingClocks = {
    mine: [
      { sql: SQL.clocksInRange, params: all },
      { sql: SQL.clocksOutOfRange, params: all },
    ],
    theirs: [],
  };
  if (!threads) return single;
  const min = Number(process.env.PMCTL_REPORT_THREAD_MIN ?? THREAD_MIN);
  if (countReceived(db, w) < min) return single;
  const from = w.since - ID_RANGE_LEAD_DAYS * 86_400_000;
  const mid = idDay(from + THREAD_SHARE * (w.until - from), tz);
  if (mid <= range.lo || mid >= range.hi) return single;
  const theirs: Query[] = [
    { sql: SQL.clocksInRange, params: { ...all, hi: mid } },
    { sql: SQL.clocksOutOfRange, params: all },
  ];
  const helper = startHelper(db, theirs);
  if (!helper) return single;
  return { helper, mine: [{ sql: SQL.clocksInRange, params: { ...all, lo: mid } }], theirs };
}

/** `read()` once per window and key: a report's section and its rates share one pass over the data. */
export function once<T>(w: Window, key: string, read: () => T): T {
  if (!w.memo) return read();
  if (!w.memo.has(key)) w.memo.set(key, read());
  return w.memo.get(key) as T;
}

export interface Tally {
  received: number;
  valid: number;
  explained: number;
  closed: number;
  open: number;
}

export interface ClockGroup {
  clock: string;
  kind: string;
  valid: number | null;
  category: string;
  state: 'met' | 'breached' | 'overdue' | 'pending';
  satisfaction: string | null;
  n: number;
}

export interface ComplaintFacts {
  groups: ComplaintGroup[];
  clocks: ClockGroup[];
  timely: { n: number; ok: number };
  delayed: number;
  hotUnits: { unit: string; n: number; categories: string }[];
  occupied: number;
}

/**
 * Inside the report's read transaction. `pending` (startClockGroups, called
 * before the transaction) may have a worker reading part of the clocks; the
 * rest of the complaint figures are read meanwhile. Without it, one thread
 * reads everything.
 */
export function complaintFacts(db: DB, w: Window, tz: string, occupied: number, hotLimit = 5, pending?: PendingClocks): ComplaintFacts {
  // Without a plan made before the transaction, no worker is started inside it.
  const work = pending ?? startClockGroups(db, w, tz, false);
  const fp = work.helper ? fingerprint(db) : '';
  const facts = {
    groups: receivedGroups(db, w),
    delayed: delayedCount(db, w),
    hotUnits: hotUnits(db, w, hotLimit),
    occupied,
  };
  const packed = readPacked(db, work.mine);
  const theirs = work.helper?.take(fp) as PackedRow[] | undefined;
  return { ...facts, ...clockGroups([...packed, ...(theirs ?? readPacked(db, work.theirs))]) };
}

export type WideRow = { kind: string; valid: number | null; category: string; satisfaction: string | null; n: number } & Partial<
  Record<ClockName, State | null>
>;

/** Clock states side by side by name, packed as the SQL packs them (tests and callers with wide rows). */
export function pack(r: WideRow): PackedRow {
  let m = 0;
  CLOCKS.forEach((c, i) => {
    const state = r[c];
    if (state) m += (STATES.indexOf(state) + 1) * 8 ** i;
  });
  return { kind: r.kind, valid: r.valid, category: r.category, satisfaction: r.satisfaction, m, n: r.n };
}

const RETURN_VISIT = CLOCKS.indexOf('return_visit');

/**
 * Per-clock groups and the timeliness counts from the packed rows: three
 * bits per clock, in CLOCKS order (arithmetic, not bit operators: the packed
 * value passes 32 bits).
 */
export function clockGroups(rows: PackedRow[]): { clocks: ClockGroup[]; timely: { n: number; ok: number } } {
  const groups = new Map<string, ClockGroup>();
  const timely = { n: 0, ok: 0 };
  for (const r of rows) {
    let decided = 0;
    let met = 0;
    const base = `\u0000${r.kind}\u0000${r.valid ?? ''}\u0000${r.category}\u0000`;
    let m = r.m;
    for (let i = 0; i < CLOCKS.length && m > 0; i++) {
      const code = m % 8;
      m = (m - code) / 8;
      if (!code) continue;
      const state = STATES[code - 1];
      if (state !== 'pending') {
        decided++;
        if (state === 'met') met++;
      }
      const satisfaction = i === RETURN_VISIT ? r.satisfaction : null;
      const key = i + base + code + '\u0000' + (satisfaction ?? '');
      const g = groups.get(key);
      if (g) g.n += r.n;
      else groups.set(key, { clock: CLOCKS[i], kind: r.kind, valid: r.valid, category: r.category, state, satisfaction, n: r.n });
    }
    if (r.kind === 'complaint' && decided > 0) {
      timely.n += r.n;
      if (met === decided) timely.ok += r.n;
    }
  }
  return { clocks: [...groups.values()], timely };
}

export function sum<T>(rows: T[], f: (r: T) => number): number {
  let s = 0;
  for (const r of rows) s += f(r);
  return s;
}

/** The counts behind the rates, from the grouped rows. */
export function rateCounts(f: ComplaintFacts, validComplaints12m: number): RateCounts {
  const valid = f.groups.filter((g) => g.kind === 'complaint' && g.valid === 1);
  const clock = (name: string, pred: (g: ClockGroup) => boolean = () => true) => f.clocks.filter((g) => g.clock === name && g.state !== 'pending' && pred(g));
  const reply = clock('reply', (g) => g.kind === 'complaint');
  const visits = clock('return_visit', (g) => g.kind === 'complaint' && g.valid === 1);
  const visited = visits.filter((g) => g.state === 'met' || g.state === 'breached');
  const rated = visited.filter((g) => g.satisfaction);
  const sugg = clock('suggestion_reply', (g) => g.kind === 'suggestion');
  return {
    timely_complaints: f.timely.n,
    timely_met: f.timely.ok,
    valid_received: sum(valid, (g) => g.n),
    valid_resolved: sum(valid, (g) => (g.resolved ? g.n : 0)),
    reply_due: sum(reply, (g) => g.n),
    reply_met: sum(reply, (g) => (g.state === 'met' ? g.n : 0)),
    visit_due: sum(visits, (g) => g.n),
    visit_done: sum(visited, (g) => g.n),
    visited_rated: sum(rated, (g) => g.n),
    visited_satisfied: sum(rated, (g) => (g.satisfaction === 'satisfied' || g.satisfaction === 'basic' ? g.n : 0)),
    suggestion_due: sum(sugg, (g) => g.n),
    suggestion_met: sum(sugg, (g) => (g.state === 'met' ? g.n : 0)),
    valid_complaints_12m: validComplaints12m,
    occupied_units: f.occupied,
  };
}

/** received/valid/closed/open per value of one column. */
export function tallyBy(groups: ComplaintGroup[], key: (g: ComplaintGroup) => string): Record<string, Tally> {
  const out: Record<string, Tally> = {};
  for (const g of groups) {
    const k = key(g) || 'none';
    const t = (out[k] ??= { received: 0, valid: 0, explained: 0, closed: 0, open: 0 });
    t.received += g.n;
    if (g.valid === 1) t.valid += g.n;
    if (g.valid === 0) t.explained += g.n;
    if (g.closed) t.closed += g.n;
    else t.open += g.n;
  }
  // Largest first, then by code, so tables and JSON read the same every time.
  return Object.fromEntries(Object.entries(out).sort((a, b) => b[1].received - a[1].received || a[0].localeCompare(b[0])));
}
