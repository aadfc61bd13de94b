import { describe, expect, it } from 'vitest';
import { addRates, checkBundle, checkSiteCode, isStale, rankSites, totalRate, type RateSum } from '../../src/domain/rollup.js';
import { ratio, type RateName } from '../../src/domain/rates.js';
import { maskName, redactText } from '../../src/store/bundle.js';

describe('company totals', () => {
  it.each([
    // name, site counts, total num/den, value
    [
      'reply_on_time',
      [
        [1, 1],
        [1, 3],
      ],
      2,
      4,
      0.5,
    ],
    [
      'satisfaction',
      [
        [19, 20],
        [0, 0],
      ],
      19,
      20,
      0.95,
    ],
    [
      'timeliness',
      [
        [0, 0],
        [0, 0],
      ],
      0,
      0,
      null,
    ],
  ] as const)('%s sums counts, never averages', (name, sites, num, den, value) => {
    const sums = new Map<RateName, RateSum>();
    for (const [n, d] of sites) addRates(sums, [ratio(name, n, d)]);
    const t = totalRate(sums.get(name)!);
    expect([t.numerator, t.denominator, t.value]).toEqual([num, den, value]);
  });
});

describe('ranks', () => {
  it.each([
    [[0.9, 1, null, 0.9], '>=', [2, 1, null, 2]],
    [[0.02, 0.005, 0.01], '<', [3, 1, 2]],
    [[], '>=', []],
  ] as const)('%j %s → %j', (values, cmp, ranks) => {
    expect(rankSites([...values], cmp)).toEqual([...ranks]);
  });
});

describe('bundle checks', () => {
  const good = { format: 'pmctl-bundle', format_version: 1, schema_version: 5, sha256: 'ab' };
  it.each([
    [good, 'ab', 5, null],
    [{ ...good, format: 'zip' }, 'ab', 5, 'not_bundle'],
    [{ ...good, format_version: 2 }, 'ab', 5, 'newer_format'],
    [{ ...good, schema_version: 6 }, 'ab', 5, 'newer_schema'],
    [good, 'cd', 5, 'checksum'],
  ] as const)('%j against %s → %s', (m, sha, known, problem) => {
    expect(checkBundle(m, sha, known)?.problem ?? null).toBe(problem);
  });
  it.each([
    [Date.UTC(2026, 10, 30), Date.UTC(2026, 11, 1), true],
    [Date.UTC(2026, 11, 1), Date.UTC(2026, 11, 1), false],
  ])('snapshot %i, period end %i: stale %s', (at, until, stale) => expect(isStale(at, until)).toBe(stale));
  it.each([
    ['SZ01', null],
    ['bj-haidian_2', null],
    ['', 'bad_site_code'],
    ['has space', 'bad_site_code'],
    ['阳光', 'bad_site_code'],
  ])('site code %j → %s', (code, r) => expect(checkSiteCode(code)).toBe(r));
});

describe('redaction', () => {
  it.each([
    ['call 13800138000 now', 'call 138****8000 now'],
    ['身份证 110101199003071234 已核', '身份证 110101********1234 已核'],
    ['C20261123-004 stays', 'C20261123-004 stays'],
    ['tel 0755-86001234', 'tel 0755-****1234'],
    ['{"owner_name":"张三","owner_phone":"13912345678","at":1793828940000}', '{"owner_name":"张*","owner_phone":"139****5678","at":1793828940000}'],
  ])('%s', (input, out) => expect(redactText(input)).toBe(out));
  it.each([
    ['张三', '张*'],
    ['欧阳小明', '欧***'],
    ['A', '*'],
  ])('name %s → %s', (n, m) => expect(maskName(n)).toBe(m));
});
