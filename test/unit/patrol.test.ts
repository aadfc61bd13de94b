import { describe, expect, it } from 'vitest';
import {
  checkFix,
  checkFixedFlag,
  checkJoint,
  checkOpen,
  checkPlan,
  checkRating,
  checkRecheck,
  checkChecklist,
  findingDue,
  findingOnTime,
  monthEnd,
  nextMonth,
  owedItems,
  weekLabel,
  weekMonday,
  type OwedInput,
} from '../../src/domain/patrol.js';
import { endOfLocalDay } from '../../src/domain/time.js';

const TZ = 'Asia/Shanghai';

describe('checkJoint', () => {
  const c = { code: 'J001', department: 'cleaning' };
  const g = { code: 'L001', department: 'greening' };
  const e = { code: 'E001', department: 'engineering' };
  it.each([
    ['joint', [c, g], null],
    ['joint', [g, c, e], null],
    ['joint', [c], 'err.patrol_joint_no_greening'],
    ['joint', [g], 'err.patrol_joint_no_cleaning'],
    ['joint', [], 'err.patrol_joint_no_cleaning_greening'],
    ['joint', [e], 'err.patrol_joint_no_cleaning_greening'],
    ['units', [], null],
    ['fire', [e], null],
  ] as const)('%s with %j → %s', (kind, members, key) => {
    expect(checkJoint(kind, [...members])?.key ?? null).toBe(key);
  });
});

describe('item and patrol rules', () => {
  it.each([
    [checkOpen({ id: 'P1', status: 'open' }), null],
    [checkOpen({ id: 'P1', status: 'finished' }), 'err.patrol_finished'],
    [checkRecheck({ item: '电梯', result: 'ok', finding_id: null }), null],
    [checkRecheck({ item: '电梯', result: 'issue', finding_id: 'F1' }), 'err.patrol_item_has_finding'],
    [checkFixedFlag('issue', true), null],
    [checkFixedFlag('ok', true), 'err.patrol_fixed_needs_issue'],
    [checkFixedFlag('ok', false), null],
    [checkChecklist('units', []), 'err.patrol_no_units'],
    [checkChecklist('fire', []), 'err.patrol_no_items'],
    [checkChecklist('units', ['1-1-101']), null],
  ])('%# → %s', (r, key) => {
    expect(r?.key ?? null).toBe(key);
  });
});

describe('finding rules', () => {
  const f = { id: 'F1', status: 'open' as const, opened_at: 1000 };
  it.each([
    [checkPlan(f, 2000, 3000), null],
    [checkPlan(f, 2000, 2000), 'err.finding_due_past'],
    [checkPlan({ ...f, status: 'fixed' }, 2000, 3000), 'err.finding_fixed'],
    [checkPlan({ ...f, status: 'planned' }, 2000, 3000), null],
    [checkFix(f), null],
    [checkFix({ ...f, status: 'fixed' }), 'err.finding_fixed'],
  ])('%# → %s', (r, key) => {
    expect(r?.key ?? null).toBe(key);
  });

  it.each([
    // solution_due, planned, fix_due, fixed → on time
    [100, 50, 200, 150, true],
    [100, 50, 200, 250, false],
    [100, 150, 200, 180, false],
    [100, null, null, 90, true],
    [100, null, null, 110, false],
    [100, 50, 200, null, false],
  ])('on time: solution %i planned %s fix %s fixed %s → %s', (s, p, fd, fx, want) => {
    expect(findingOnTime({ solution_due_at: s, planned_at: p, fix_due_at: fd, fixed_at: fx })).toBe(want);
  });

  it('waits on its solution, then on its fix, then nothing', () => {
    expect(findingDue({ status: 'open', solution_due_at: 10, fix_due_at: null })).toEqual({ what: 'solution', due_at: 10 });
    expect(findingDue({ status: 'planned', solution_due_at: 10, fix_due_at: 20 })).toEqual({ what: 'fix', due_at: 20 });
    expect(findingDue({ status: 'fixed', solution_due_at: 10, fix_due_at: 20 })).toBeNull();
  });
});

describe('checkRating', () => {
  it.each([
    ['2026-11', '2026-12', 90, null],
    ['2026-12', '2026-12', 0, null],
    ['2026-12', '2026-12', 100, null],
    ['2026-12', '2026-12', 101, 'err.patrol_bad_score'],
    ['2026-12', '2026-12', -1, 'err.patrol_bad_score'],
    ['2026-12', '2026-12', 9.5, 'err.patrol_bad_score'],
    ['2027-01', '2026-12', 80, 'err.patrol_rate_future'],
  ])('%s (now %s) score %d → %s', (m, cur, score, key) => {
    expect(checkRating(m, cur, score)?.key ?? null).toBe(key);
  });
});

describe('weeks and months', () => {
  it.each([
    ['2026-12-07', '2026-12-07', '2026-W50'],
    ['2026-12-13', '2026-12-07', '2026-W50'],
    ['2027-01-01', '2026-12-28', '2026-W53'],
    ['2027-01-04', '2027-01-04', '2027-W01'],
    ['2026-01-01', '2025-12-29', '2026-W01'],
  ])('%s → Monday %s, %s', (d, mon, label) => {
    expect(weekMonday(d)).toBe(mon);
    expect(weekLabel(mon)).toBe(label);
  });
  it('month ends and the next month', () => {
    expect(monthEnd('2026-02')).toBe('2026-02-28');
    expect(monthEnd('2028-02')).toBe('2028-02-29');
    expect(monthEnd('2026-12')).toBe('2026-12-31');
    expect(nextMonth('2026-12')).toBe('2027-01');
  });
});

describe('owedItems', () => {
  const base = (o: Partial<OwedInput>): OwedInput => ({
    since: '2026-12-07',
    today: '2026-12-09',
    until: endOfLocalDay('2026-12-09', TZ) - 1,
    tz: TZ,
    lookback: { days: 31, weeks: 8, months: 12 },
    unitDays: new Set(),
    jointWeeks: new Map(),
    publicWeeks: new Map(),
    buildings: [],
    fireMonths: new Set(),
    ratings: new Set(),
    ...o,
  });

  it('days without a finished units patrol, from since, due 23:59:59 each', () => {
    const got = owedItems(base({ unitDays: new Set(['2026-12-07']) }));
    expect(got).toEqual([{ id: '2026-12-08', what: 'units_patrol', due_at: endOfLocalDay('2026-12-08', TZ) }]);
  });

  it('a week or month that began before since is not owed', () => {
    const until = endOfLocalDay('2027-01-01', TZ);
    const got = owedItems(
      base({ since: '2026-12-02', today: '2027-01-01', until, lookback: { days: 0, weeks: 8, months: 12 }, unitDays: new Set(['2027-01-01']) }),
    );
    expect(got.map((o) => o.id)).toEqual(['2026-W50', '2026-W51', '2026-W52']);
  });

  it('nothing before since, and the look-back bounds the days', () => {
    const got = owedItems(base({ since: '2026-01-01', today: '2026-12-09', lookback: { days: 3, weeks: 0, months: 0 } }));
    expect(got.filter((o) => o.what === 'units_patrol').map((o) => o.id)).toEqual(['2026-12-06', '2026-12-07', '2026-12-08']);
  });

  it('a week short of two joint walks is owed at Sunday 23:59:59, with the count', () => {
    const until = endOfLocalDay('2026-12-14', TZ);
    const one = owedItems(
      base({
        today: '2026-12-14',
        until,
        unitDays: new Set(['2026-12-07', '2026-12-08', '2026-12-09', '2026-12-10', '2026-12-11', '2026-12-12', '2026-12-13']),
        jointWeeks: new Map([['2026-12-07', 1]]),
      }),
    );
    expect(one).toEqual([{ id: '2026-W50', what: 'joint_patrol', due_at: endOfLocalDay('2026-12-13', TZ), detail: '1/2' }]);
    const two = owedItems(
      base({
        today: '2026-12-14',
        until,
        unitDays: new Set(['2026-12-07', '2026-12-08', '2026-12-09', '2026-12-10', '2026-12-11', '2026-12-12', '2026-12-13']),
        jointWeeks: new Map([['2026-12-07', 2]]),
      }),
    );
    expect(two).toEqual([]);
  });

  it('a building without its public patrol that week; the month without fire patrol and ratings', () => {
    const until = endOfLocalDay('2027-01-01', TZ);
    const got = owedItems(
      base({
        since: '2026-12-01',
        today: '2027-01-01',
        until,
        lookback: { days: 31, weeks: 0, months: 12 },
        unitDays: new Set(Array.from({ length: 31 }, (_, i) => `2026-12-${String(i + 1).padStart(2, '0')}`)),
        jointWeeks: new Map(['2026-11-30', '2026-12-07', '2026-12-14', '2026-12-21', '2026-12-28'].map((m) => [m, 2])),
        buildings: ['1', '2'],
        ratings: new Set(['2026-12/cleaning']),
      }),
    );
    expect(got.map((o) => `${o.what} ${o.id}`)).toEqual(['fire_patrol 2026-12', 'contractor_rating 2026-12/greening', 'contractor_rating 2026-12/pest']);
    const week = owedItems(
      base({
        since: '2026-12-07',
        today: '2026-12-14',
        until: endOfLocalDay('2026-12-14', TZ) - 1,
        unitDays: new Set(['2026-12-07', '2026-12-08', '2026-12-09', '2026-12-10', '2026-12-11', '2026-12-12', '2026-12-13']),
        jointWeeks: new Map([['2026-12-07', 2]]),
        buildings: ['1', '2'],
        publicWeeks: new Map([['2026-12-07', new Set(['1'])]]),
      }),
    );
    expect(week.map((o) => `${o.what} ${o.id} ${o.buildings}`)).toEqual(['public_patrol 2026-W50 2']);
    const none = owedItems(
      base({
        since: '2026-12-07',
        today: '2026-12-14',
        until: endOfLocalDay('2026-12-14', TZ) - 1,
        unitDays: new Set(['2026-12-07', '2026-12-08', '2026-12-09', '2026-12-10', '2026-12-11', '2026-12-12', '2026-12-13']),
        jointWeeks: new Map([['2026-12-07', 2]]),
        buildings: ['1', '2', '3'],
        publicWeeks: new Map(),
      }),
    );
    expect(none).toEqual([{ id: '2026-W50', what: 'public_patrol', due_at: endOfLocalDay('2026-12-13', TZ), buildings: ['1', '2', '3'], detail: '1, 2, 3' }]);
  });
});
