// The import's fast unit sort key and date parser must agree with the
// reference ones.
import { describe, expect, it } from 'vitest';
import { parseDay } from '../../src/app/roster/units.js';
import { unitSortKey } from '../../src/domain/people.js';
// @ts-expect-error plain ES module shared with the benchmark
import { rng } from '../../bench/gen.mjs';

describe('unit sort key and dates', () => {
  /** The sort key as it was, a regex per part. */
  const refPart = (s: string) => s.replace(/\d+/g, (d) => d.replace(/^0+(?=\d)/, '').padStart(8, '0'));
  it('unitSortKey (with its fast path for digit parts) equals the regex-only key', () => {
    const parts = ['1', '01', '0', '00', '10', '101', '0101', '12345678', '123456789', 'A', 'B2', 'b1', '-1', '3栋', '东区12', '', '007'];
    for (const b of parts)
      for (const u of parts)
        for (const f of ['1', '-1', 'B2', '12', '0'])
          for (const r of ['101', '0101', '1502', 'A1']) expect(unitSortKey(b, u, f, r)).toBe([b, u, f, r].map(refPart).join('\u0001'));
  });

  /** The parser as it was, with a Date per value. */
  function refDay(v: string): string | undefined {
    const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(v.trim());
    if (!m) return undefined;
    const mo = +m[2];
    const d = +m[3];
    if (mo < 1 || mo > 12 || d < 1 || d > 31) return undefined;
    const s = `${m[1]}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
    return new Date(s + 'T00:00:00Z').getUTCDate() === d ? s : undefined;
  }

  it('parseDay agrees with the Date-based parser', () => {
    const days: string[] = [
      '2024-02-29',
      '2023-02-29',
      '1900-02-29',
      '2000-02-29',
      '2026-04-31',
      '2026-13-01',
      '2026-00-10',
      '2026-01-00',
      '2026/3/1',
      '2026.3.1',
      '2026年3月1日',
      ' 2026-03-01 ',
      '2026-3-1',
      '20260301',
      '2026-0a-01',
      'abcd-ef-gh',
    ];
    const r = rng(5);
    for (let i = 0; i < 2000; i++) {
      const y = 1890 + Math.floor(r() * 220);
      const mo = Math.floor(r() * 14);
      const d = Math.floor(r() * 33);
      days.push(`${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`, `${y}/${mo}/${d}`);
    }
    for (const v of days) expect(parseDay(v), v).toBe(refDay(v));
  });
});
