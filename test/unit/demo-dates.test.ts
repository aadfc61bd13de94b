// `pmctl demo` is the newcomer's first command: it must build on whatever day
// it is run. The seeders date everything relative to "now", and the random gaps
// they leave depend on how many draws the day's calendar took, so a demo that
// works today may fail tomorrow. Build it on many days, hours and holidays.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildDemo, DEMO_TZ } from '../../src/app/demo/demo.js';
import { fromLocal } from '../../src/domain/time.js';

const DAY = 86_400_000;
// A spread of days through two years (every 41 days, so every weekday turns up),
// plus the hour that broke the demo once (its third owner had no renovation agreement on file) and the holidays around Spring Festival and National Day.
const start = fromLocal('2026-01-01T00:00:00', DEMO_TZ);
const HOURS = ['00:05', '08:59', '09:30', '13:00', '17:59', '23:55'];
const CASES: string[] = [];
for (let i = 0; i < 730; i += 41) {
  const d = new Date(start + i * DAY + 8 * 3_600_000).toISOString().slice(0, 10);
  CASES.push(`${d}T${HOURS[(i / 41) % HOURS.length]}:00`);
}
CASES.push('2026-11-23T01:45:00', '2026-02-17T10:00:00', '2026-10-01T10:00:00', '2026-10-11T09:00:00', '2027-02-06T10:00:00');

describe('pmctl demo builds on any day', () => {
  it.each(CASES)('on %s', async (local) => {
    const dir = mkdtempSync(join(tmpdir(), 'pmctl-demo-day-'));
    try {
      const db = await buildDemo(dir, { now: fromLocal(local, DEMO_TZ) });
      const n = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
      expect(n('SELECT COUNT(*) AS n FROM complaints')).toBeGreaterThan(50);
      expect(n('SELECT COUNT(*) AS n FROM archive_loans WHERE returned_at IS NULL')).toBeGreaterThanOrEqual(2);
      db.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
