// `pmctl demo` at scale writes the clock rows on a second thread
// (src/store/scale.ts). Forced on for a small site, it must give the
// very rows one thread writes, and leave no scratch file behind.
import { afterAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { availableParallelism } from 'node:os';
import { makeSite, pmctl, type Site } from './helpers.js';

// On one core there is no second thread (and both sites are written by one).
const TWO_CORES = availableParallelism() >= 2;

const NOW = '2026-11-23T10:00:00+08:00';
const sites: Site[] = [];
afterAll(() => sites.forEach((s) => s.cleanup()));

function build(env: Record<string, string>, threaded: boolean): string {
  const site = makeSite();
  sites.push(site);
  const r = pmctl(['--data', site.data, 'demo', '--units', '600', '--complaints', '4000', '--requests', '0', '--json'], {
    PMCTL_NOW: NOW,
    PMCTL_DEBUG: '1',
    ...env,
  });
  expect(r.code, r.stderr).toBe(0);
  const said = /pmctl debug: demo: (\d+) rows of complaint_clocks written on a second thread/.exec(r.stderr);
  expect(!!said, r.stderr).toBe(threaded);
  if (said) expect(Number(said[1])).toBe(56_000); // 4000 records × 14 clocks (three added in schema 5)
  return site.data;
}

/** Every clock row, in key order, as one string. */
function clocks(data: string): { n: number; text: string; integrity: string } {
  const db = new Database(join(data, 'pmctl.db'), { readonly: true });
  try {
    const rows = db.prepare('SELECT * FROM complaint_clocks ORDER BY complaint_id, clock').raw().all();
    return { n: rows.length, text: JSON.stringify(rows), integrity: db.pragma('integrity_check', { simple: true }) as string };
  } finally {
    db.close();
  }
}

describe('demo at scale, clock rows on a second thread', () => {
  it('the same clock rows as one thread writes, no scratch file left', () => {
    const two = build({ PMCTL_SCALE_THREAD_MIN: '0' }, TWO_CORES);
    const one = build({ PMCTL_SCALE_THREADS: '0' }, false);
    const a = clocks(two);
    const b = clocks(one);
    // 4 000 generated complaints with 11 clocks each, and the demo's own
    expect(a.n).toBeGreaterThan(44_000);
    expect(a.text).toBe(b.text);
    expect(a.integrity).toBe('ok');
    expect(readdirSync(two).filter((f) => f.includes('scale'))).toEqual([]);
  });
});
