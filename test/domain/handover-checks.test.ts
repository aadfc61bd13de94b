// The handover refusals (src/domain/handover.ts check*): each rule from a table.
import { describe, expect, it } from 'vitest';
import {
  type FormFacts,
  type FormLine,
  type Party,
  DEFAULT_SHIFTS,
  checkAccept,
  checkGiver,
  checkGiverOf,
  checkLineMarker,
  checkParty,
  checkPending,
  checkReview,
  checkShiftFree,
  checkShiftsLeft,
  checkTaker,
  checkTakerOf,
} from '../../src/domain/handover.js';

const S005: Party = { code: 'S005', role: 'clerk', department: 'cs' };
const S006: Party = { code: 'S006', role: 'clerk', department: 'cs' };
const S003: Party = { code: 'S003', role: 'supervisor', department: 'cs' };
const B002: Party = { code: 'B002', role: 'staff', department: 'security' };
const B001: Party = { code: 'B001', role: 'supervisor', department: 'security' };
const E003: Party = { code: 'E003', role: 'staff', department: 'engineering' };
const J002: Party = { code: 'J002', role: 'staff', department: 'cleaning' };

const form: FormFacts = { id: 'H20261123-001', from_staff: 'S005', to_staff: 'S006', status: 'pending' };
const line = (item: string, result: FormLine['result'], kind = 'checklist'): FormLine => ({ kind, item, result });

describe('checkShiftsLeft: a site keeps one shift', () => {
  it.each<[string, number, string | null]>([
    ['two left', 2, null],
    ['one left', 1, null],
    ['none left', 0, 'err.handover_last_shift'],
  ])('%s', (_n, left, expected) => {
    expect(checkShiftsLeft(DEFAULT_SHIFTS.slice(0, left))?.key ?? null).toBe(expected);
  });
});

describe('checkGiver: desk staff give; guards only the security handover', () => {
  it.each<[string, Party, boolean, string | null]>([
    ['a clerk', S005, false, null],
    ['a supervisor', S003, false, null],
    ['a guard, desk handover', B002, false, 'err.handover_start_role'],
    ['a guard, security handover', B002, true, null],
    ['cleaning staff, desk handover', J002, false, 'err.handover_start_role'],
    ['cleaning staff, security handover', J002, true, 'err.handover_start_role'],
  ])('%s', (_n, giver, security, expected) => {
    expect(checkGiver(giver, security)?.key ?? null).toBe(expected);
  });

  it('names the code and role', () => {
    expect(checkGiver(J002, false)).toEqual({ key: 'err.handover_start_role', params: { code: 'J002', role: 'staff' }, fix: 'fix.ask_role' });
  });
});

describe('checkTaker: someone else, the other side for security, desk staff otherwise', () => {
  it.each<[string, Party, Party, boolean, string | null, string | undefined]>([
    ['clerk to clerk', S005, S006, false, null, undefined],
    ['to oneself', S005, S005, false, 'err.handover_giver_is_taker', 'fix.handover_other_taker'],
    ['to oneself, security', B002, B002, true, 'err.handover_giver_is_taker', 'fix.handover_other_taker'],
    ['desk to a guard, security', S005, B002, true, null, undefined],
    ['guard to the desk, security', B002, S005, true, null, undefined],
    ['desk to desk, security', S005, S006, true, 'err.handover_security_side', 'fix.handover_security_side'],
    ['guard to guard, security', B002, B001, true, 'err.handover_security_side', 'fix.handover_security_side'],
    ['desk to engineering staff', S005, E003, false, 'err.handover_taker_role', 'fix.handover_with_security'],
    ['desk to a guard, no --with', S005, B002, false, 'err.handover_taker_role', 'fix.handover_with_security'],
    ['guard to engineering staff, security', B002, E003, true, 'err.handover_taker_role', 'fix.handover_other_taker'],
  ])('%s', (_n, giver, taker, security, key, fix) => {
    const r = checkTaker(giver, taker, security);
    expect(r?.key ?? null).toBe(key);
    expect(r?.fix).toBe(fix);
  });
});

describe('checkShiftFree: one form per shift, date and side', () => {
  it.each<[string, { id: string; status: string } | undefined, string | null]>([
    ['none yet', undefined, null],
    ['one waiting', { id: 'H1', status: 'pending' }, 'err.handover_already_pending'],
    ['one accepted', { id: 'H1', status: 'accepted' }, 'err.handover_already_accepted'],
  ])('%s', (_n, live, expected) => {
    expect(checkShiftFree(live, 'day', '2026-11-23')?.key ?? null).toBe(expected);
  });

  it('names the shift, date and form', () => {
    expect(checkShiftFree({ id: 'H1', status: 'pending' }, 'day', '2026-11-23')?.params).toEqual({ shift: 'day', date: '2026-11-23', id: 'H1' });
  });
});

describe('who marks, writes, accepts', () => {
  it.each<[string, string | null, string | null]>([
    ['pending', null, null],
    ['accepted', 'err.handover_closed', null],
    ['refused', 'err.handover_closed', null],
  ])('checkPending: %s', (status, expected) => {
    expect(checkPending({ ...form, status })?.key ?? null).toBe(expected);
  });

  it.each<[string, string, string | null, string | null, string | null]>([
    // who, checkParty, checkGiverOf, checkTakerOf
    ['the giver', 'S005', null, null, 'err.handover_not_taker'],
    ['the taker', 'S006', null, 'err.handover_not_giver', null],
    ['someone else', 'S007', 'err.handover_not_party', 'err.handover_not_giver', 'err.handover_not_taker'],
  ])('%s', (_n, code, party, giver, taker) => {
    expect(checkParty(code, form)?.key ?? null).toBe(party);
    expect(checkGiverOf(code, form)?.key ?? null).toBe(giver);
    expect(checkTakerOf(code, form)?.key ?? null).toBe(taker);
  });

  it.each<[string, string, string, string | null]>([
    ['giver marks a checklist line', 'S005', 'checklist', null],
    ['giver marks a request written after hours', 'S005', 'request', 'err.handover_carried_taker'],
    ['giver marks a carried complaint', 'S005', 'complaint', 'err.handover_carried_taker'],
    ['giver marks a carried key loan', 'S005', 'key_loan', 'err.handover_carried_taker'],
    ['giver marks a carried action item', 'S005', 'action', 'err.handover_carried_taker'],
    ['giver marks a patrol finding', 'S005', 'finding', null],
    ['taker marks a carried complaint', 'S006', 'complaint', null],
    ['taker marks a checklist line', 'S006', 'checklist', null],
  ])('checkLineMarker: %s', (_n, code, kind, expected) => {
    expect(checkLineMarker(code, { kind, item: 'X1' }, form)?.key ?? null).toBe(expected);
  });
});

describe('checkAccept: the taker signs a waiting form with every line marked', () => {
  const done = [line('keys', 'ok'), line('C1', 'fail', 'complaint')];
  it.each<[string, string, FormFacts, FormLine[], string | null]>([
    ['all marked, by the taker', 'S006', form, done, null],
    ['no lines at all', 'S006', form, [], null],
    ['by the giver', 'S005', form, done, 'err.handover_not_taker'],
    ['a line open', 'S006', form, [...done, line('cctv', null)], 'err.handover_unacknowledged'],
    ['a line open, by the giver: who first', 'S005', form, [line('cctv', null)], 'err.handover_not_taker'],
    ['already accepted', 'S006', { ...form, status: 'accepted' }, done, 'err.handover_closed'],
    ['refused, by someone else: status first', 'S007', { ...form, status: 'refused' }, done, 'err.handover_closed'],
    ['giver = taker', 'S005', { ...form, to_staff: 'S005' }, done, 'err.handover_giver_is_taker'],
  ])('%s', (_n, code, h, lines, expected) => {
    expect(checkAccept(code, h, lines)?.key ?? null).toBe(expected);
  });

  it('names the first eight open lines', () => {
    const open = Array.from({ length: 10 }, (_, i) => line(`L${i + 1}`, null));
    expect(checkAccept('S006', form, open)?.params).toEqual({ n: 10, items: 'L1, L2, L3, L4, L5, L6, L7, L8 …' });
    expect(checkAccept('S006', form, open.slice(0, 2))?.params).toEqual({ n: 2, items: 'L1, L2' });
  });
});

describe('checkReview: once a day, after its last shift, with nothing waiting', () => {
  type Review = Parameters<typeof checkReview>[0];
  const base: Review = { date: '2026-11-22', now: 2000, lastEnd: 1000, reviewed: false, reviewedBy: null, pending: [] };
  it.each<[string, Partial<Review>, string | null]>([
    ['ended, not reviewed, nothing waiting', {}, null],
    ['the last shift has not ended', { now: 999 }, 'err.handover_day_not_over'],
    ['reviewed already', { reviewed: true, reviewedBy: 'S003' }, 'err.handover_reviewed'],
    ['a form waiting', { pending: ['H1', 'H2'] }, 'err.handover_review_pending'],
    ['not ended and reviewed: time first', { now: 0, reviewed: true }, 'err.handover_day_not_over'],
  ])('%s', (_n, over, expected) => {
    expect(checkReview({ ...base, ...over })?.key ?? null).toBe(expected);
  });

  it('names who reviewed and which forms wait', () => {
    expect(checkReview({ ...base, reviewed: true, reviewedBy: 'S003' })?.params).toEqual({ date: '2026-11-22', by: 'S003' });
    expect(checkReview({ ...base, pending: ['H1', 'H2'] })?.params).toEqual({ date: '2026-11-22', ids: 'H1, H2' });
  });
});
