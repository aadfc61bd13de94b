import { describe, expect, it } from 'vitest';
import { clockStateAtEnd, computeRates, pctText, ratio, validComplaintRate, type RateName } from '../../src/domain/rates.js';

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
      timely_complaints: 0, timely_met: 0, valid_received: 0, valid_resolved: 0, reply_due: 0, reply_met: 0,
      visit_due: 0, visit_done: 0, visited_rated: 0, visited_satisfied: 0, suggestion_due: 0, suggestion_met: 0,
      valid_complaints: 0, occupied_units: 0, elapsed_ms: 0,
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

describe('valid complaint rate: valid / occupied units × 365 / days elapsed', () => {
  it.each<[number, number, number, number | null, boolean | null]>([
    // [valid complaints, occupied units, days elapsed, value, met]
    [0, 211, 7, 0, true],
    [2, 200, 365, 0.01, false], // exactly 1 %: not below the target
    [2, 201, 365, 2 / 201, true],
    [1, 211, 7, 365 / (211 * 7), false], // one complaint in a week is 24.7 % a year
    [3, 1000, 30, (3 * 365) / (1000 * 30), false],
    [1, 3650, 10, 0.01, false],
    [1, 3651, 10, 365 / 36510, true],
    [1, 0, 7, null, null], // no occupied unit: no value
    [0, 100, 0, null, null], // nothing elapsed yet
  ])('%i valid, %i units, %i days → %s', (valid, occupied, days, value, met) => {
    const r = validComplaintRate(valid, occupied, days * DAY);
    if (value === null) expect(r.value).toBeNull();
    else expect(r.value).toBeCloseTo(value, 12);
    expect(r.met).toBe(met);
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
