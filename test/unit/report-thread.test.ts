// The report's second thread (src/store/report-thread.ts): on a big
// period part of the clocks is read by a worker on its own connection. Its
// rows must add up to exactly what one thread reads, and rows read from
// another snapshot must never be used.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildDemo, DEMO_TZ } from '../../src/app/demo/demo.js';
import { clockGroups, complaintFacts, startClockGroups, type PackedRow, type Window } from '../../src/app/report/complaints.js';
import { FINGERPRINT_SQL, startHelper } from '../../src/store/report-thread.js';
import { fromLocal, makePeriod } from '../../src/domain/time.js';
import type { DB } from '../../src/store/db.js';
import { availableParallelism } from 'node:os';

// On one core there is no second thread: every path below is then the one-thread one.
const TWO_CORES = availableParallelism() >= 2;

const NOW = fromLocal('2026-11-23T10:00:00', DEMO_TZ);
let dir: string;
let db: DB;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pmctl-report-thread-'));
  db = await buildDemo(dir, { now: NOW });
});
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

function withEnv<T>(env: Record<string, string>, f: () => T): T {
  const old = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  try {
    return f();
  } finally {
    for (const [k, v] of Object.entries(old)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

const fp = () => (db.prepare(FINGERPRINT_SQL).get() as { fp: string }).fp;
const sorted = (g: ReturnType<typeof clockGroups>) => ({
  timely: g.timely,
  clocks: [...g.clocks].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
});

describe('the report on two threads', () => {
  const periods = [
    ['month', '2026-10-01'],
    ['month', '2026-11-01'],
    ['week', '2026-11-16'],
    ['quarter', '2026-10-01'],
  ] as const;

  it.each(periods)('%s %s: the worker takes part of the clocks, and the figures are the same as on one thread', (kind, word) => {
    const p = makePeriod(kind, word, DEMO_TZ);
    const w: Window = { since: p.since, until: p.until, now: NOW };
    const pending = withEnv({ PMCTL_REPORT_THREAD_MIN: '0' }, () => startClockGroups(db, w, DEMO_TZ));
    expect(pending.helper !== undefined).toBe(TWO_CORES);
    expect(pending.mine).toHaveLength(TWO_CORES ? 1 : 2);
    expect(pending.theirs).toHaveLength(TWO_CORES ? 2 : 0);
    const two = db.transaction(() => complaintFacts(db, w, DEMO_TZ, 100, 5, pending))();
    const one = db.transaction(() => complaintFacts(db, w, DEMO_TZ, 100, 5))(); // no plan: one thread
    expect(sorted(two)).toEqual(sorted(one));
    expect(two.groups).toEqual(one.groups);
    expect(one.clocks.length).toBeGreaterThan(0);
  });

  it('the worker reads what it was asked, on its own connection', () => {
    const p = makePeriod('month', '2026-11-01', DEMO_TZ);
    const w: Window = { since: p.since, until: p.until, now: NOW };
    const single = withEnv({ PMCTL_REPORT_THREADS: '0' }, () => startClockGroups(db, w, DEMO_TZ));
    expect(single.helper).toBeUndefined();
    const helper = startHelper(db, single.mine);
    expect(helper !== undefined).toBe(TWO_CORES);
    if (!helper) return;
    const rows = helper.take(fp()) as PackedRow[];
    const here = single.mine.flatMap((q) => db.prepare(q.sql).all(q.params) as PackedRow[]);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows).toEqual(here);
  });

  it('rows from another snapshot are refused (the caller reads them itself)', () => {
    const p = makePeriod('month', '2026-11-01', DEMO_TZ);
    const single = withEnv({ PMCTL_REPORT_THREADS: '0' }, () => startClockGroups(db, { since: p.since, until: p.until, now: NOW }, DEMO_TZ));
    const helper = startHelper(db, single.mine);
    expect(helper !== undefined).toBe(TWO_CORES);
    expect(helper?.take(fp() + '-other')).toBeUndefined();
  });

  it('no worker for an in-memory database, when turned off, or for a small period', () => {
    const p = makePeriod('month', '2026-11-01', DEMO_TZ);
    const w: Window = { since: p.since, until: p.until, now: NOW };
    expect(withEnv({ PMCTL_REPORT_THREADS: '0', PMCTL_REPORT_THREAD_MIN: '0' }, () => startClockGroups(db, w, DEMO_TZ)).helper).toBeUndefined();
    // the demo's month has far fewer complaints than the default threshold
    expect(startClockGroups(db, w, DEMO_TZ).helper).toBeUndefined();
  });
});
