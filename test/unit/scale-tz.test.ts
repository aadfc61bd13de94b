// The fixed-offset fast path of src/domain/time.ts must agree with Intl/dayjs.
import { describe, expect, it } from 'vitest';
import { dayjs, formatIso, fromLocal, tzOffset } from '../../src/domain/time.js';

const ZONES = ['Asia/Shanghai', 'PRC', 'UTC', 'Etc/UTC'];

describe('time zone fast path', () => {
  it('tzOffset matches dayjs/Intl from 1985 to 2040', () => {
    for (const tz of ZONES)
      for (let ms = Date.UTC(1985, 0, 1); ms < Date.UTC(2040, 0, 1); ms += 7 * 3600_000 * 97 + 13 * 60_000)
        expect([tz, ms, tzOffset(ms, tz)]).toEqual([tz, ms, dayjs(ms).tz(tz).utcOffset()]);
  });
  it('fromLocal matches dayjs.tz, including rolled-over dates and the 1991 DST era', () => {
    const walls = [
      '2026-11-23 10:00',
      '2026-11-23 10:00:59',
      '2026-02-30 00:00:00',
      '2026-12-31 23:59:59',
      '1991-07-01 12:00',
      '1986-05-04 01:30',
      '2000-01-01T00:00',
    ];
    for (const tz of ZONES) for (const w of walls) expect([tz, w, fromLocal(w, tz)]).toEqual([tz, w, dayjs.tz(w, tz).valueOf()]);
  });
  it('formats with the site offset', () => {
    expect(formatIso(Date.UTC(2026, 10, 23, 6, 5), 'Asia/Shanghai')).toBe('2026-11-23T14:05:00+08:00');
    expect(formatIso(Date.UTC(1990, 6, 1, 6, 5), 'Asia/Shanghai')).toBe('1990-07-01T15:05:00+09:00');
  });
});
