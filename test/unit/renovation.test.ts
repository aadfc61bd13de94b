// Renovation rules (SPEC §13), table-driven: each check* with the refusal it gives.
import { describe, expect, it } from 'vitest';
import {
  type RenovationFacts,
  type RenovationStatus,
  type Trade,
  checkAccept,
  checkApprove,
  checkComplete,
  checkDates,
  checkExtinguishers,
  checkInspect,
  checkPass,
  checkRectify,
  checkRefund,
  checkReview,
  extinguishersNeeded,
  fenToYuan,
  parseYuan,
  passExpired,
  statusAfterRectified,
  statusAfterViolation,
} from '../../src/domain/renovation.js';
import { violationRate } from '../../src/domain/rates.js';
import { idCheckDigit } from '../../src/domain/people.js';

const ID = '11010119900307123' + idCheckDigit('11010119900307123');
const site = (status: RenovationStatus, over: Partial<RenovationFacts> = {}): RenovationFacts => ({
  id: 'RN20261206-001',
  status,
  start: '2026-12-07',
  end: '2027-01-20',
  deposit_fen: 300000,
  open_notices: 0,
  ...over,
});
const key = (r: { key: string } | null) => r?.key ?? null;

describe('extinguishers: one per 50 m², part of 50 counting as 50', () => {
  it.each([
    [null, 1],
    [0, 1],
    [30, 1],
    [50, 1],
    [50.01, 2],
    [89.5, 2],
    [100, 2],
    [126.3, 3],
    [250, 5],
  ])('%s m² → %i', (area, n) => expect(extinguishersNeeded(area)).toBe(n));

  it.each([
    ['approved', 2, 89.5, null],
    ['stopped', 3, 89.5, null],
    ['approved', 1, 89.5, 'err.reno_extinguishers_short'],
    ['reviewed', 5, 89.5, 'err.reno_not_approved'],
    ['applied', 5, 89.5, 'err.reno_not_approved'],
    ['completed', 5, 89.5, 'err.reno_wrong_status'],
  ] as const)('%s site, %i for %s m² → %s', (status, count, area, want) => expect(key(checkExtinguishers(site(status), count, area))).toBe(want));
});

describe('money in fen', () => {
  it.each([
    ['3000', 300000],
    ['3000.5', 300050],
    ['0.01', 1],
    ['¥1,200.00', 120000],
    ['2000元', 200000],
    [' 12 ', 1200],
    ['abc', undefined],
    ['-5', undefined],
    ['1.234', undefined],
    ['', undefined],
    ['1e3', undefined],
  ])('%j → %s', (text, fen) => expect(parseYuan(text)).toBe(fen));
  it('fen → yuan', () => expect(fenToYuan(300050)).toBe(3000.5));
});

describe('application dates', () => {
  it.each([
    ['2026-12-07', '2027-01-20', null],
    ['2026-12-07', '2026-12-07', null],
    ['2026-12-07', '2026-12-06', 'err.reno_end_before_start'],
  ])('%s..%s → %s', (s, e, want) => expect(key(checkDates(s, e))).toBe(want));
});

describe('status steps', () => {
  const all: RenovationStatus[] = ['applied', 'reviewed', 'rejected', 'approved', 'stopped', 'completed', 'accepted', 'closed'];
  const table: [string, (f: RenovationFacts) => { key: string } | null, RenovationStatus[]][] = [
    ['review', checkReview, ['applied']],
    ['approve', checkApprove, ['reviewed']],
    ['inspect', checkInspect, ['approved', 'stopped']],
    ['complete', checkComplete, ['approved']],
    ['accept', checkAccept, ['completed']],
  ];
  for (const [step, check, ok] of table) it.each(all)(`${step} from %s`, (s) => expect(check(site(s)) === null).toBe(ok.includes(s)));

  it('a stopped site cannot complete', () => expect(key(checkComplete(site('stopped')))).toBe('err.reno_stopped'));
  it('no acceptance while a notice is open', () => expect(key(checkAccept(site('completed', { open_notices: 1 })))).toBe('err.reno_notice_open'));
});

describe('passes', () => {
  it.each([
    ['approved', 'general', undefined, '2026-12-08', ID, null],
    ['approved', 'electrician', 'T1', '2026-12-08', ID, null],
    ['approved', 'electrician', undefined, '2026-12-08', ID, 'err.reno_certificate_required'],
    ['approved', 'welder', '  ', '2026-12-08', ID, 'err.reno_certificate_required'],
    ['approved', 'general', undefined, '2026-12-08', '110101199003071234', 'err.reno_bad_id_number'],
    ['approved', 'general', undefined, '2027-01-20', ID, null],
    ['approved', 'general', undefined, '2027-01-21', ID, 'err.reno_pass_after_end'],
    ['reviewed', 'general', undefined, '2026-12-08', ID, 'err.reno_not_approved'],
    ['stopped', 'general', undefined, '2026-12-08', ID, null],
    ['closed', 'general', undefined, '2026-12-08', ID, 'err.reno_wrong_status'],
  ] as const)('%s, %s, cert %j on %s → %s', (status, trade, cert, today, id, want) =>
    expect(key(checkPass(site(status), { name: '王强', idNumber: id, trade: trade as Trade, certificate: cert, today }))).toBe(want),
  );

  it.each([
    ['2027-01-20', '2027-01-20', false],
    ['2027-01-20', '2027-01-21', true],
  ])('a pass for a permit ending %s on %s expired: %s', (end, today, want) => expect(passExpired(end, today)).toBe(want));
});

describe('violations stop and resume', () => {
  it.each([
    ['approved', true, 'stopped'],
    ['approved', false, 'approved'],
    ['stopped', true, 'stopped'],
    ['stopped', false, 'stopped'],
  ] as const)('%s + serious %s → %s', (s, serious, want) => expect(statusAfterViolation(s, serious)).toBe(want));
  it.each([
    ['stopped', 0, 'approved'],
    ['stopped', 1, 'stopped'],
    ['approved', 0, 'approved'],
    ['completed', 0, 'completed'],
  ] as const)('%s with %i open → %s', (s, open, want) => expect(statusAfterRectified(s, open)).toBe(want));
  it.each([
    [null, null],
    [1, 'err.reno_notice_done'],
  ])('rectify a notice rectified at %s → %s', (at, want) => expect(key(checkRectify({ id: 'RV1', rectified_at: at }))).toBe(want));
});

describe('refund', () => {
  it.each([
    ['accepted', 0, undefined, null],
    ['accepted', 20000, '损坏墙面', null],
    ['accepted', 300000, '全部扣除', null],
    ['accepted', 300001, 'x', 'err.reno_deduct_over_deposit'],
    ['accepted', 100, '', 'err.reno_deduct_reason'],
    ['completed', 0, undefined, 'err.reno_refund_before_acceptance'],
    ['approved', 0, undefined, 'err.reno_refund_before_acceptance'],
    ['closed', 0, undefined, 'err.reno_refunded'],
  ] as const)('%s, deduct %i fen (%j) → %s', (status, fen, reason, want) => expect(key(checkRefund(site(status), fen, reason))).toBe(want));
});

describe('renovation_violation_rate', () => {
  it.each([
    [0, 0, undefined, null, null],
    [1, 10, undefined, 0.1, true],
    [2, 10, undefined, 0.2, false],
    [1, 20, 0.05, 0.05, true],
    [2, 20, 0.05, 0.1, false],
  ])('%i/%i target %s → %s met %s', (num, den, target, value, met) => {
    const r = violationRate(num, den, target);
    expect(r.value).toBe(value);
    expect(r.met).toBe(met);
    expect(r.cmp).toBe('<=');
  });
});
