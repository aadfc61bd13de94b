import { describe, expect, it } from 'vitest';
import { checkDeactivate, checkGrant, seasoningLeft } from '../../src/domain/people.js';

describe('separation of duties (issue 14)', () => {
  it.each([
    ['manager', 'clerk', undefined, null],
    ['manager', 'supervisor', undefined, null],
    ['manager', 'manager', undefined, 'grant_not_below'],
    ['manager', 'leader', undefined, 'grant_not_below'],
    ['manager', 'clerk', 'director', 'change_not_below'],
    ['manager', 'supervisor', 'clerk', null],
    ['director', 'manager', 'manager', null], // unchanged role: nothing granted
    ['manager', 'manager', 'manager', null], // a peer's phone may change
    ['leader', 'director', undefined, null],
  ] as const)('%s gives %s (was %s) → %s', (actor, role, before, want) => expect(checkGrant(actor, role, before)).toBe(want));

  it.each([
    ['manager', 'director', 'deactivate_above'],
    ['manager', 'manager', null],
    ['director', 'clerk', null],
  ] as const)('%s deactivates %s → %s', (a, t, want) => expect(checkDeactivate(a, t)).toBe(want));

  it('7 days of seasoning; the founding roster (null) none', () => {
    const day = 86_400_000;
    expect(seasoningLeft(null, 0)).toBe(0);
    expect(seasoningLeft(0, 6 * day)).toBe(day);
    expect(seasoningLeft(0, 7 * day)).toBe(0);
  });
});
