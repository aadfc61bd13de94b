import { describe, expect, it } from 'vitest';
import { clockStateAtEnd, computeRates, pctText, ratio, smallSampleInterval, validComplaintRate, wilson, type RateName } from '../../src/domain/rates.js';
import { monthsBefore } from '../../src/domain/report-period.js';
import { fromLocal } from '../../src/domain/time.js';
import { sourceText } from '../../src/render/report-doc.js';

const DAY = 86_400_000;

describe('ratio rates against their targets (exact fractions)', () => {
  it.each<[RateName, number, number, number | null, boolean | null]>([
    // [rate, numerator, denominator, value, met]
    ['timeliness', 0, 0, null, null], // nothing due: no value, neither met nor missed
    ['timeliness', 4, 4, 1, true],
    ['timeliness', 3, 4, 3 / 4, false],
    ['valid_handled', 0, 1, 0, false],
    ['reply_on_time', 7, 7, 1, true],
    ['return_visit', 2, 3, 2 / 3, false],
    ['satisfaction', 19, 20, 0.95, true], // exactly the target
    ['satisfaction', 57, 60, 0.95, true],
    ['satisfaction', 18, 19, 18 / 19, false], // 94.7 %
    ['satisfaction', 1, 1, 1, true],
    ['satisfaction', 0, 0, null, null],
    ['suggestion_reply', 1, 2, 0.5, false],
  ])('%s %i/%i → %s, met %s', (name, num, den, value, met) => {
    const r = ratio(name, num, den);
    expect(r.value).toBe(value);
    expect(r.met).toBe(met);
    expect([r.numerator, r.denominator]).toEqual([num, den]);
  });

  it('targets: 100 % except satisfaction ≥ 95 % and the valid complaint rate < 1 %', () => {
    const rates = computeRates({
      timely_complaints: 0,
      timely_met: 0,
      valid_received: 0,
      valid_resolved: 0,
      reply_due: 0,
      reply_met: 0,
      visit_due: 0,
      visit_done: 0,
      visited_rated: 0,
      visited_satisfied: 0,
      suggestion_due: 0,
      suggestion_met: 0,
      valid_complaints_12m: 0,
      occupied_units: 0,
    });
    expect(Object.fromEntries(rates.map((r) => [r.name, [r.target, r.cmp, r.value]]))).toEqual({
      timeliness: [1, '>=', null],
      valid_handled: [1, '>=', null],
      reply_on_time: [1, '>=', null],
      return_visit: [1, '>=', null],
      satisfaction: [0.95, '>=', null],
      suggestion_reply: [1, '>=', null],
      valid_complaint_rate: [0.01, '<', null],
    });
  });

  it('refuses impossible counts', () => {
    expect(() => ratio('timeliness', 3, 2)).toThrow();
    expect(() => ratio('timeliness', -1, 2)).toThrow();
  });
});

// Issue 17: the rate was one period's valid complaints annualised (a week with one
// complaint read 24.7 %). It is now the valid complaints of the trailing 12 months
// per occupied unit, the same in a weekly, monthly or quarterly report.
describe('valid complaint rate: valid complaints of the trailing 12 months / occupied units, never annualised', () => {
  it.each<[number, number, number | null, boolean | null]>([
    // [valid complaints in 12 months, occupied units, value, met]
    [0, 211, 0, true],
    [2, 200, 0.01, false], // exactly 1 %: not below the target
    [2, 201, 2 / 201, true],
    [1, 211, 1 / 211, true], // one complaint in a year on 211 units: 0.47 %, not 24.7 %
    [3, 211, 3 / 211, false],
    [250, 211, 250 / 211, false], // more complaints than units is possible (a unit complains twice)
    [1, 0, null, null], // no occupied unit: no value
  ])('%i valid, %i units → %s', (valid, occupied, value, met) => {
    const r = validComplaintRate(valid, occupied);
    if (value === null) expect(r.value).toBeNull();
    else expect(r.value).toBeCloseTo(value, 12);
    expect(r.met).toBe(met);
    expect([r.numerator, r.denominator, r.ci]).toEqual([valid, occupied, null]);
  });

  it('refuses impossible counts', () => {
    expect(() => validComplaintRate(-1, 10)).toThrow();
    expect(() => validComplaintRate(1.5, 10)).toThrow();
  });
});

describe('95 % Wilson interval (rates with fewer than 20 in the denominator)', () => {
  // Reference values: Wilson score interval, z = 1.959964 (R: binom::binom.wilson / statsmodels proportion_confint method="wilson").
  it.each<[number, number, number, number]>([
    // [num, den, low, high]
    [0, 1, 0, 0.7935],
    [1, 1, 0.2065, 1],
    [2, 3, 0.2077, 0.9385],
    [1, 2, 0.0945, 0.9055],
    [2, 6, 0.0968, 0.7],
    [1, 11, 0.0162, 0.3774],
    [0, 10, 0, 0.2775],
    [10, 10, 0.7225, 1],
    [19, 20, 0.7639, 0.9911],
    [50, 100, 0.4038, 0.5962],
  ])('%i/%i → [%f, %f]', (num, den, low, high) => {
    const ci = wilson(num, den)!;
    expect(ci.low).toBeCloseTo(low, 4);
    expect(ci.high).toBeCloseTo(high, 4);
    expect(ci.low).toBeLessThanOrEqual(num / den);
    expect(ci.high).toBeGreaterThanOrEqual(num / den);
  });

  it('is null with nothing in the denominator, and refuses impossible counts', () => {
    expect(wilson(0, 0)).toBeNull();
    expect(() => wilson(3, 2)).toThrow();
    expect(() => wilson(-1, 2)).toThrow();
  });

  it.each<[number, number, boolean]>([
    // [num, den, has an interval]
    [0, 0, false],
    [2, 3, true],
    [19, 19, true],
    [19, 20, false], // 20 and more: the figure stands on its own
    [50, 100, false],
  ])('a rate of %i/%i carries an interval: %s', (num, den, has) => {
    expect(ratio('satisfaction', num, den).ci !== null).toBe(has);
    expect(smallSampleInterval(num, den) !== null).toBe(has);
  });
});

describe('the 12 months before a report end, in site time', () => {
  const TZ = 'Asia/Shanghai';
  it.each<[string, string]>([
    // [until (site time), since]
    ['2026-12-01 00:00:00', '2025-12-01 00:00:00'],
    ['2026-11-23 00:00:00', '2025-11-23 00:00:00'],
    ['2026-01-01 00:00:00', '2025-01-01 00:00:00'],
    ['2028-02-29 10:30:00', '2027-02-28 10:30:00'], // no 29 February in 2027: its last day
  ])('until %s → since %s', (until, since) => {
    const w = monthsBefore(fromLocal(until, TZ), 12, TZ);
    expect(w.since).toBe(fromLocal(since, TZ));
    expect(w.until).toBe(fromLocal(until, TZ));
  });
  it('three months back from 31 May is 28 February', () => {
    expect(monthsBefore(fromLocal('2026-05-31 00:00', TZ), 3, TZ).since).toBe(fromLocal('2026-02-28 00:00', TZ));
  });
});

describe('a source in words a supervisor can look up', () => {
  const titles: Record<string, string> = {
    'source.000': '《物业中心客户服务部岗位服务工作标准》',
    'source.002': '《物业客服管理方案》',
    'source.003': '《物业维修主管工作制度》',
    'source.003.篇4': '《物业接待来访投诉与回访管理制度》',
  };
  const t = (k: string) => titles[k] ?? k;
  it.each<[string, string]>([
    ['[002] 2.6', '《物业客服管理方案》§2.6'],
    ['[000] 3', '《物业中心客户服务部岗位服务工作标准》§3'],
    ['[003] 篇4', '《物业接待来访投诉与回访管理制度》'], // a document of its own inside the collection
    ['[003] 篇2', '《物业维修主管工作制度》§篇2'],
    ['[000]', '《物业中心客户服务部岗位服务工作标准》'],
    ['[009] 1', '[009] 1'], // unknown: as it is
    ['SLA', 'SLA'],
  ])('%s → %s', (source, text) => {
    expect(sourceText(t, source)).toBe(text);
  });
});

describe('a clock due in the period, as it stood at the period end', () => {
  const until = 1000;
  it.each<[number, number | null, number, string]>([
    // [due_at, done_at, now, state]
    [500, 400, 2000, 'met'],
    [500, 500, 2000, 'met'], // done exactly at the due time is on time
    [500, 600, 2000, 'breached'],
    [500, 1200, 2000, 'overdue'], // done only after the period end: overdue at its end
    [500, null, 2000, 'overdue'], // still running, past due
    [500, null, 800, 'overdue'], // current period: past due now
    [900, null, 800, 'pending'], // current period: not yet due
    [900, 700, 800, 'met'], // done early, before its due time
  ])('due %i, done %s, now %i → %s', (due, done, now, state) => {
    expect(clockStateAtEnd({ due_at: due, done_at: done }, now, until)).toBe(state);
  });
});

describe('percent text', () => {
  it.each<[number | null, string]>([
    [null, '—'],
    [1, '100%'],
    [0.95, '95%'],
    [2 / 3, '66.7%'],
    [0, '0%'],
    [0.0041, '0.41%'],
    [0.005, '0.5%'],
  ])('%s → %s', (v, s) => expect(pctText(v)).toBe(s));
});
