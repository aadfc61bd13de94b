import { describe, expect, it } from 'vitest';
import { addMonths, eventShortfall, indexFigure, planLine, scoreOf, visitTarget, wilson } from '../../src/domain/visit.js';

describe('visit targets', () => {
  it.each([
    [84, 0.25, 21],
    [83, 0.25, 21],
    [4, 0.25, 1],
    [0, 0.25, 0],
    [40, 0.1, 4],
  ])('%i occupied at %f → %i a quarter', (n, t, want) => expect(visitTarget(n, t)).toBe(want));

  it('a plan line: visited units of the area only, the rest to visit in order', () => {
    const p = planLine('S005', ['1'], ['1-1-101', '1-1-102', '1-1-201', '1-1-202'], new Set(['1-1-102', '9-9-999']), 0.25);
    expect(p).toMatchObject({ occupied: 4, visited: 1, target: 1, short: 0, to_visit: ['1-1-101', '1-1-201', '1-1-202'] });
  });
});

describe('survey scores', () => {
  it.each([
    ['5', 5],
    ['１', 1],
    [' 满意 ', 5],
    ['基本满意', 4],
    ['一般', 3],
    ['不满意', 2],
    ['Satisfied', 5],
    ['6', null],
    ['很好', null],
    ['', null],
  ])('%j → %s', (t, s) => expect(scoreOf(t)).toBe(s));

  it.each([
    [[5, 4, 2, 5, 2], 3, 0.6],
    [[], 0, null],
    [[3, 3], 0, 0],
  ])('index of %j', (scores, satisfied, index) => {
    const f = indexFigure('q', scores);
    expect([f.satisfied, f.index]).toEqual([satisfied, index]);
  });

  it.each([
    [3, 5, 0.2307, 0.8824],
    [0, 10, 0, 0.2775],
    [20, 20, 0.8389, 1],
  ])('Wilson 95 %% of %i/%i', (k, n, lo, hi) => {
    const w = wilson(k, n)!;
    expect(w.low).toBeCloseTo(lo, 3);
    expect(w.high).toBeCloseTo(hi, 3);
  });
  it('no interval without answers', () => expect(wilson(0, 0)).toBeNull());
});

describe('cadence arithmetic', () => {
  it.each([
    ['2026-11-20', 6, '2027-05-20'],
    ['2026-08-31', 6, '2027-02-28'],
    ['2024-02-29', 12, '2025-02-28'],
    ['2026-12-06', -12, '2025-12-06'],
  ])('%s + %i months = %s', (d, m, want) => expect(addMonths(d, m)).toBe(want));

  it.each([
    [{ attendance: null, visited: null, satisfaction: null }, 'not_recorded'],
    [{ attendance: 50, visited: 4, satisfaction: 90 }, 'few_visited'],
    [{ attendance: 50, visited: 5, satisfaction: 79 }, 'low_satisfaction'],
    [{ attendance: 50, visited: 5, satisfaction: 80 }, null],
    [{ attendance: 0, visited: 0, satisfaction: 100 }, null],
  ])('event %j → %s', (e, want) => expect(eventShortfall(e)).toBe(want));
});
