// The complaint side of a report, aggregated in SQL over the period's rows
// only (complaints_received for intake; for the clocks, the clocks of the
// complaints received around the period plus any other found through
// clocks_by_due), so a month on a million complaints reads that month and
// nothing else.
import type { DB } from '../../store/db.js';
import type { RateCounts } from '../../domain/rates.js';

import { CLOCKS, type ClockName } from '../../domain/clocks.js';
import { localDate } from '../../domain/time.js';
import { FINGERPRINT_SQL, startHelper, type Helper, type Query } from './second-thread.js';

export { CLOCKS, type ClockName };

const CLOCK_LIST = CLOCKS.map((c) => `'${c}'`).join(',');

const STATES = ['met', 'breached', 'overdue', 'pending'] as const;
type State = (typeof STATES)[number];

/**
 * The state at the period's end of a clock due in it — the SQL twin of
 * clockStateAtEnd (src/domain/rates.ts): done only if done before :until;
 * overdue once past due at min(now, until). `v` writes each state's value.
 */
function clockStateSql(v: (s: State) => string): string {
  return `CASE
  WHEN k.done_at IS NOT NULL AND k.done_at < :until THEN CASE WHEN k.done_at <= k.due_at THEN ${v('met')} ELSE ${v('breached')} END
  WHEN k.due_at < :now THEN ${v('overdue')}
  ELSE ${v('pending')} END`;
}
export const CLOCK_STATE_SQL = clockStateSql((s) => `'${s}'`);
/** The same state as a code 1–4 (STATES), to pack a complaint's clocks into one integer. */
export const CLOCK_STATE_CODE_SQL = clockStateSql((s) => String(STATES.indexOf(s) + 1));

/** Three bits per clock, at 3 × its place in CLOCKS (NULL for a clock pmctl does not know). */
const CLOCK_SHIFT_SQL = `CASE k.clock ${CLOCKS.map((c, i) => `WHEN '${c}' THEN ${3 * i}`).join(' ')} END`;

/**
 * Each complaint's clocks due in [since, until) (not skipped), packed side by
 * side into one integer (SUM of state << shift: one row per clock and
 * complaint, so no two overlap), joined to its complaint once, then grouped.
 * Timeliness needs them side by side anyway: a complaint is timely when every
 * clock of it decided in the period was met.
 *
 * Grouping a month's ~90 000 clock rows by complaint through clocks_by_due
 * costs a sort; the clocks table itself is already in complaint order, and a
 * complaint's id starts with its received date (C20261123-004), so two queries
 * split the complaints exactly by id: those in [:lo, :hi) (received shortly
 * before or in the period: nearly all) read as one primary-key range, no sort;
 * any other complaint with a clock due in the period (a late return visit, a
 * reopened complaint, an id of another form) is found through clocks_by_due,
 * reading the index only, then read by its key. Each complaint is in exactly
 * one of them, so their groups add up. (The unary + on due_at keeps the
 * planner from reading the in-range part through clocks_by_due.)
 */
function clockGroupsSql(which: string): string {
  return `SELECT c.kind AS kind, c.valid AS valid, c.category AS category, c.satisfaction AS satisfaction, x.m AS m, COUNT(*) AS n
  FROM (SELECT k.complaint_id AS id, SUM((${CLOCK_STATE_CODE_SQL}) << (${CLOCK_SHIFT_SQL})) AS m
    FROM complaint_clocks k
    WHERE ${which} AND +k.due_at >= :since AND +k.due_at < :until AND k.skipped = 0
    GROUP BY k.complaint_id HAVING m IS NOT NULL) x
  JOIN complaints c ON c.id = x.id
  GROUP BY 1, 2, 3, 4, 5`;
}
const CLOCKS_IN_RANGE = clockGroupsSql('k.complaint_id >= :lo AND k.complaint_id < :hi');
const CLOCKS_OUT_OF_RANGE = clockGroupsSql(`k.complaint_id IN (SELECT complaint_id FROM complaint_clocks INDEXED BY clocks_by_due
      WHERE clock IN (${CLOCK_LIST}) AND due_at >= :since AND due_at < :until AND (complaint_id < :lo OR complaint_id >= :hi))`);

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
  if ((db.prepare(SQL.count).get({ since: w.since, until: w.until }) as { n: number }).n < min) return single;
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

export interface Window {
  since: number;
  until: number;
  now: number;
  /**
   * Figures already read for this window by one report (a module's section
   * and its rates come from the same reads): see `once`.
   */
  memo?: Map<string, unknown>;
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

export interface ComplaintGroup {
  kind: string;
  category: string;
  severity: string;
  channel: string;
  dept: string;
  valid: number | null;
  closed: number;
  resolved: number;
  /** schema 5: closed after explanation as valid but unresolvable (valid, not resolved) */
  unresolvable?: number;
  n: number;
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

export const SQL = {
  received: `SELECT kind, category, severity, channel, COALESCE(dept, '') AS dept, valid,
      (closed_at IS NOT NULL AND closed_at < :until) AS closed,
      (resolved_at IS NOT NULL AND resolved_at < :until) AS resolved,
      (outcome = 'explained' AND valid = 1 AND closed_at < :until) AS unresolvable,
      COUNT(*) AS n
    FROM complaints WHERE received_at >= :since AND received_at < :until
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9`,
  clocksInRange: CLOCKS_IN_RANGE,
  clocksOutOfRange: CLOCKS_OUT_OF_RANGE,
  delayed: `SELECT COUNT(*) AS n FROM complaints c
    WHERE c.received_at >= :since AND c.received_at < :until
      AND EXISTS (SELECT 1 FROM complaint_events e WHERE e.complaint_id = c.id AND e.type = 'delayed' AND e.at < :until)`,
  // The hot units first, then the categories of those few: a DISTINCT list per
  // unit of the period would build a temporary tree for each of thousands.
  hotUnits: `SELECT unit, COUNT(*) AS n
    FROM complaints WHERE received_at >= :since AND received_at < :until AND kind = 'complaint' AND unit IS NOT NULL
    GROUP BY unit HAVING COUNT(*) >= 2 ORDER BY n DESC, unit LIMIT :limit`,
  unitCategories: `SELECT group_concat(DISTINCT category) AS categories
    FROM complaints WHERE unit = :unit AND received_at >= :since AND received_at < :until AND kind = 'complaint'`,
  // Index-only: the trend counts every record received (complaints and suggestions).
  count: `SELECT COUNT(*) AS n FROM complaints WHERE received_at >= :since AND received_at < :until`,
  causes: `SELECT category, cause, COUNT(*) AS n FROM complaints
    WHERE received_at >= :since AND received_at < :until AND kind = 'complaint' AND cause IS NOT NULL AND trim(cause) <> ''
    GROUP BY category, cause ORDER BY n DESC, cause`,
  repeatUnits: `SELECT category, COUNT(*) AS n FROM (
      SELECT category, unit FROM complaints
      WHERE received_at >= :since AND received_at < :until AND kind = 'complaint' AND unit IS NOT NULL
      GROUP BY category, unit HAVING COUNT(*) >= 2)
    GROUP BY category`,
  byCategory: `SELECT category, COUNT(*) AS n FROM complaints
    WHERE received_at >= :since AND received_at < :until AND kind = 'complaint' GROUP BY category`,
};

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
  const p = { since: w.since, until: w.until };
  // Without a plan made before the transaction, no worker is started inside it.
  const work = pending ?? startClockGroups(db, w, tz, false);
  const fp = work.helper ? (db.prepare(FINGERPRINT_SQL).get() as { fp: string }).fp : '';
  const read = (qs: Query[]) => qs.flatMap((q) => db.prepare(q.sql).all(q.params) as PackedRow[]);
  const facts = {
    groups: db.prepare(SQL.received).all(p) as ComplaintGroup[],
    delayed: (db.prepare(SQL.delayed).get(p) as { n: number }).n,
    hotUnits: hotUnits(db, p, hotLimit),
    occupied,
  };
  const packed = read(work.mine);
  const theirs = work.helper?.take(fp) as PackedRow[] | undefined;
  return { ...facts, ...clockGroups([...packed, ...(theirs ?? read(work.theirs))]) };
}

function hotUnits(db: DB, p: { since: number; until: number }, limit: number): ComplaintFacts['hotUnits'] {
  const cats = db.prepare(SQL.unitCategories);
  return (db.prepare(SQL.hotUnits).all({ ...p, limit }) as { unit: string; n: number }[]).map((u) => ({
    ...u,
    categories: (cats.get({ ...p, unit: u.unit }) as { categories: string }).categories,
  }));
}

export type WideRow = { kind: string; valid: number | null; category: string; satisfaction: string | null; n: number } & Partial<Record<ClockName, State | null>>;
export type PackedRow = { kind: string; valid: number | null; category: string; satisfaction: string | null; m: number; n: number };

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
  const clock = (name: string, pred: (g: ClockGroup) => boolean = () => true) =>
    f.clocks.filter((g) => g.clock === name && g.state !== 'pending' && pred(g));
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
