import { describe, expect, it } from 'vitest';
import { parseTime, parseTimeAnyYear } from '../../src/domain/time.js';

const NOW = Date.parse('2026-11-23T10:00:00+08:00');
const TZ = 'Asia/Shanghai';

describe('times on the command line are between 2000 and about a year ahead (issue 14)', () => {
  it.each([
    ['1900-01-01', false],
    ['1999-12-31 23:59', false],
    ['2000-01-01 00:00', true],
    ['2026-11-23 09:00', true],
    ['2027-11-23 09:00', true],
    ['2028-01-01 00:00', false],
    ['tomorrow 17:00', true],
  ])('%s → %s', (text, ok) => {
    if (ok) expect(parseTime(text, NOW, TZ)).toBeGreaterThan(0);
    else expect(() => parseTime(text, NOW, TZ)).toThrow(/err.time_range/);
  });
  it('PMCTL_NOW itself is read without the range', () => expect(parseTimeAnyYear('1990-01-01', NOW, TZ)).toBeLessThan(NOW));
});
