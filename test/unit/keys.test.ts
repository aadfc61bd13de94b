import { describe, expect, it } from 'vitest';
import {
  type KeyFacts,
  type LendRequest,
  type StaffRef,
  checkCopy,
  checkDamaged,
  checkIssue,
  checkLend,
  checkLost,
  checkRekeyed,
  checkRetire,
  checkReturn,
  compareCount,
  defaultHolderDept,
  keyClass,
  keySortKey,
  normalizeLabel,
  parseKind,
} from '../../src/domain/keys.js';
import { HOUR } from '../../src/domain/time.js';

const E002: StaffRef = { code: 'E002', name: '吴建华', role: 'supervisor', department: 'engineering' };
const E001: StaffRef = { code: 'E001', name: '赵志强', role: 'manager', department: 'engineering' };
const E003: StaffRef = { code: 'E003', name: '孙磊', role: 'staff', department: 'engineering' };
const S003: StaffRef = { code: 'S003', name: '李婷', role: 'supervisor', department: 'cs' };
const S002: StaffRef = { code: 'S002', name: '陈建国', role: 'manager', department: 'cs' };
const S005: StaffRef = { code: 'S005', name: '张丽', role: 'clerk', department: 'cs' };

const facility: KeyFacts = { label: 'B2 配电房', kind: 'facility', status: 'in_cabinet' };
const owner: KeyFacts = { label: '1-1-101 security_door #1', kind: 'security_door', status: 'in_cabinet', owners: ['付辉磊'] };
const pub: KeyFacts = { label: '1栋 天台门', kind: 'public_door', status: 'in_cabinet' };

const T0 = Date.UTC(2026, 10, 23, 2, 0);
const lend = (over: Partial<LendRequest>): LendRequest => ({
  key: pub,
  to: { staff: E003, name: E003.name },
  purpose: '检修',
  lentAt: T0,
  dueAt: T0 + 2 * HOUR,
  approver: null,
  ...over,
});

describe('checkLend (SPEC §4 rules)', () => {
  it.each<[string, Partial<LendRequest>, string | null]>([
    ['public key to staff with purpose and due', {}, null],
    ['no purpose', { purpose: '  ' }, 'err.key_no_purpose'],
    ['private purpose', { purpose: '私人用' }, 'err.key_private'],
    ['no due time', { dueAt: null }, 'err.key_no_due'],
    ['due before the loan', { dueAt: T0 - HOUR }, 'err.key_due_past'],
    ['over 24h without a reason', { dueAt: T0 + 30 * HOUR }, 'err.key_due_over_24h'],
    ['over 24h for overnight work', { dueAt: T0 + 30 * HOUR, overnight: '夜间停电检修' }, null],
    ['over 72h even overnight', { dueAt: T0 + 80 * HOUR, overnight: 'x' }, 'err.key_due_too_long'],
    ['damaged key', { key: { ...pub, status: 'damaged' } }, 'err.key_damaged'],
    ['lost key', { key: { ...pub, status: 'lost' } }, 'err.key_lost'],
    ['issued key', { key: { ...owner, status: 'issued' } }, 'err.key_issued'],
    ['already lent', { key: { ...pub, status: 'on_loan' } }, 'err.key_on_loan'],
    ['retired key', { key: { ...pub, status: 'retired' } }, 'err.key_retired'],
    ['facility to an outside person', { key: facility, to: { staff: null, name: '维保公司王工' }, approver: E002 }, 'err.key_facility_staff_only'],
    ['facility without approval', { key: facility }, 'err.key_facility_approval'],
    ['facility approved by a cs supervisor', { key: facility, approver: S003 }, 'err.key_approver_not_eng'],
    ['facility approved by engineering staff', { key: facility, to: { staff: E002, name: E002.name }, approver: E003 }, 'err.key_approver_not_eng'],
    ['facility approved by the engineering supervisor', { key: facility, approver: E002 }, null],
    ['facility approved by the engineering manager', { key: facility, approver: E001 }, null],
    ['approver borrowing for themselves', { key: facility, to: { staff: E002, name: E002.name }, approver: E002 }, 'err.key_self_approval'],
    ['owner key to the owner', { key: owner, to: { staff: null, name: '付辉磊' } }, null],
    ['owner key to the owner, spaced name', { key: owner, to: { staff: null, name: '付 辉磊' } }, null],
    ['owner key to a decorator without consent', { key: owner, to: { staff: null, name: '陈师傅' } }, 'err.key_owner_consent'],
    ['owner key to staff without consent', { key: owner }, 'err.key_owner_consent'],
    ['owner key to a decorator with consent', { key: owner, to: { staff: null, name: '陈师傅' }, ownerConsent: '电话同意' }, null],
  ])('%s', (_name, over, expected) => {
    expect(checkLend(lend(over))?.key ?? null).toBe(expected);
  });
});

describe('checkCopy', () => {
  it.each<[string, KeyFacts, StaffRef | null, string | undefined, string | null]>([
    ['public key, engineering manager', pub, E001, undefined, null],
    ['public key, no approver', pub, null, undefined, 'err.key_copy_approval'],
    ['public key, engineering supervisor', pub, E002, undefined, 'err.key_approver_not_eng'],
    ['facility key, cs manager', facility, S002, undefined, 'err.key_approver_not_eng'],
    ['facility key, engineering manager', facility, E001, undefined, null],
    ['damaged facility key', { ...facility, status: 'damaged' }, E001, undefined, 'err.key_damaged'],
    ['owner key, cs supervisor with consent', owner, S003, 'letter 12', null],
    ['owner key, no consent', owner, S003, undefined, 'err.key_copy_owner_consent'],
    ['owner key, clerk approver', owner, S005, 'x', 'err.key_copy_owner_approver'],
  ])('%s', (_n, key, approver, consent, expected) => {
    expect(checkCopy({ key, approver, ownerConsent: consent })?.key ?? null).toBe(expected);
  });
});

describe('status transitions', () => {
  it.each([
    ['on_loan', null],
    ['issued', null],
    ['lost', 'err.key_return_lost'],
    ['in_cabinet', 'err.key_not_out'],
    ['damaged', 'err.key_not_out'],
  ] as const)('return from %s', (status, expected) => {
    expect(checkReturn('k', status)?.key ?? null).toBe(expected);
  });
  it('lost, damaged, rekeyed, retire', () => {
    expect(checkLost('k', 'on_loan')).toBeNull();
    expect(checkLost('k', 'lost')?.key).toBe('err.key_already_lost');
    expect(checkDamaged('k', 'in_cabinet')).toBeNull();
    expect(checkDamaged('k', 'on_loan')?.key).toBe('err.key_damaged_on_loan');
    expect(checkRekeyed('k', 'lost')).toBeNull();
    expect(checkRekeyed('k', 'in_cabinet')?.key).toBe('err.key_not_lost');
    expect(checkRetire('k', 'damaged')).toBeNull();
    expect(checkRetire('k', 'on_loan')?.key).toBe('err.key_retire_status');
  });
});

describe('checkIssue (move-in)', () => {
  const ok = { key: owner, toOwner: true, idChecked: true, signedBy: '付辉磊' };
  it.each<[string, Partial<typeof ok> & { ownerConsent?: string }, string | null]>([
    ['owner signs after an ID check', {}, null],
    ['no identity check', { idChecked: false }, 'err.key_issue_id'],
    ['not to the owner', { toOwner: false }, 'err.key_issue_to_owner'],
    ['someone else signs', { signedBy: '王五' }, 'err.key_issue_not_owner'],
    ['an agent signs with the owner letter', { signedBy: '王五', ownerConsent: '委托书 2026-118' }, null],
    ['a facility key', { key: facility }, 'err.key_issue_not_owner_key'],
    ['already issued', { key: { ...owner, status: 'issued' } }, 'err.key_issued'],
  ])('%s', (_n, over, expected) => {
    expect(checkIssue({ ...ok, ...over })?.key ?? null).toBe(expected);
  });
});

describe('inventory', () => {
  it('finds missing, present-but-out, unknown and copies mismatches', () => {
    const f = compareCount(
      [
        { label: 'A', status: 'in_cabinet', copies: 2 },
        { label: 'B', status: 'in_cabinet', copies: 1 },
        { label: 'C', status: 'on_loan', copies: 1 },
        { label: 'D', status: 'damaged', copies: 1 },
        { label: 'E', status: 'issued', copies: 1 },
      ],
      [{ label: 'A', copies: 1 }, { label: 'C' }, { label: 'D' }, { label: 'Z  9' }],
    );
    expect(f.expected).toBe(3);
    expect(f.counted).toBe(4);
    expect(f.missing.map((m) => m.label)).toEqual(['B']);
    expect(f.present_but_out).toEqual([{ label: 'C', status: 'on_loan' }]);
    expect(f.unknown).toEqual(['Z 9']);
    expect(f.copies_mismatch).toEqual([{ label: 'A', registered: 2, counted: 1 }]);
  });
});

describe('kinds and labels', () => {
  it.each([
    ['security_door', 'security_door'],
    ['防盗门', 'security_door'],
    ['电子对讲门', 'intercom'],
    ['公用窗', 'public_window'],
    ['设施设备房', 'facility'],
    ['Public-Door', 'public_door'],
    ['garage', undefined],
  ])('parseKind(%s)', (v, k) => expect(parseKind(v)).toBe(k));
  it('classes and default holders', () => {
    expect(keyClass('mailbox')).toBe('owner');
    expect(keyClass('public_window')).toBe('public');
    expect(defaultHolderDept('facility')).toBe('engineering');
    expect(defaultHolderDept('public_door')).toBe('cs');
    expect(defaultHolderDept('intercom')).toBe('cs');
  });
  it('normalises labels and sorts owner keys, then public, then facility', () => {
    expect(normalizeLabel('  3-2-1502   security_door\u3000#1 ')).toBe('3-2-1502 security_door #1');
    const keys = [
      keySortKey('facility', 'B2 配电房'),
      keySortKey('public_door', '10栋 天台门'),
      keySortKey('public_door', '2栋 天台门'),
      keySortKey('mailbox', '1-1-101 mailbox #1', 'u101'),
      keySortKey('security_door', '1-1-101 security_door #1', 'u101'),
    ].sort();
    expect(keys[0]).toContain('security_door');
    expect(keys[1]).toContain('mailbox');
    expect(keys[2]).toContain('2栋');
    expect(keys[3]).toContain('10栋');
    expect(keys[4]).toContain('配电房');
  });
});
