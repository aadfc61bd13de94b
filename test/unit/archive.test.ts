import { describe, expect, it } from 'vitest';
import {
  bagLabel,
  chainRefusal,
  classifyFind,
  completeness,
  filedOnOrBefore,
  lendable,
  loanRefusal,
  parseRetention,
  retentionEnd,
  siteCompleteness,
  type DestructionState,
  type StepActor,
} from '../../src/domain/archive.js';

describe('completeness', () => {
  it.each([
    ['owner', [], 8, 0],
    ['owner', ['id_copy', 'covenant'], 6, 25],
    [
      'owner',
      ['id_copy', 'move_in_notice', 'service_agreement', 'owner_register', 'covenant', 'renovation_agreement', 'fire_safety', 'handover_record'],
      0,
      100,
    ],
    ['owner', ['id_copy', 'move_in_notice', 'service_agreement', 'owner_register', 'covenant', 'renovation_agreement', 'fire_safety'], 1, 87.5],
    // v2 ([003] 篇3): a let unit needs the owner's 8 papers and the tenant's 4
    ['tenant', ['lease'], 11, 8.3],
    ['tenant', ['lease', 'tenant_id', 'agency_agreement', 'fee_settlement', 'other'], 8, 33.3],
    ['tenant', ['id_copy', 'covenant'], 10, 16.7], // the owner's papers count for a let unit too
    [
      'tenant',
      [
        'id_copy',
        'move_in_notice',
        'service_agreement',
        'owner_register',
        'covenant',
        'renovation_agreement',
        'fire_safety',
        'handover_record',
        'agency_agreement',
        'tenant_id',
        'lease',
        'fee_settlement',
      ],
      0,
      100,
    ],
  ] as const)('%s holding %j misses %i, %d%%', (type, held, missing, pct) => {
    const c = completeness(type, held);
    expect(c.missing).toHaveLength(missing);
    expect(c.complete_pct).toBe(pct);
  });

  it('keeps the checklist order in missing', () => {
    expect(completeness('tenant', ['tenant_id', 'id_copy', 'move_in_notice', 'service_agreement', 'owner_register', 'covenant']).missing).toEqual([
      'renovation_agreement',
      'fire_safety',
      'handover_record',
      'agency_agreement',
      'lease',
      'fee_settlement',
    ]);
  });

  it('site completeness weighs documents, not dossiers', () => {
    expect(
      siteCompleteness([
        { present: 8, required: 8 },
        { present: 0, required: 4 },
      ]),
    ).toBe(66.7);
    expect(siteCompleteness([])).toBe(100);
  });
});

describe('retention', () => {
  it.each([
    ['5y', { permanent: false, n: 5, unit: 'y' }],
    ['36mo', { permanent: false, n: 36, unit: 'mo' }],
    ['90d', { permanent: false, n: 90, unit: 'd' }],
    ['3年', { permanent: false, n: 3, unit: 'y' }],
    ['permanent', { permanent: true }],
    ['永久', { permanent: true }],
    ['0y', undefined],
    ['2h', undefined],
    ['soon', undefined],
  ])('parses %s', (s, r) => expect(parseRetention(s)).toEqual(r));

  it.each([
    ['2022-03-01', '3y', '2025-03-01'],
    ['2024-02-29', '1y', '2025-02-28'],
    ['2025-01-31', '1mo', '2025-02-28'],
    ['2025-12-20', '30d', '2026-01-19'],
    ['2025-06-01', 'permanent', null],
  ])('filed %s, kept %s → past retention on %s', (filed, r, end) => {
    expect(retentionEnd(filed, parseRetention(r)!)).toBe(end);
  });

  it('the filing cutoff inverts the end date', () => {
    expect(filedOnOrBefore('2026-11-23', parseRetention('3y')!)).toBe('2023-11-23');
    expect(filedOnOrBefore('2026-11-23', parseRetention('permanent')!)).toBeNull();
  });
});

describe('loans', () => {
  it.each([
    [{ borrowerIsStaff: true, approverRole: null, registrarRole: 'supervisor', registrarCs: true }, null],
    [{ borrowerIsStaff: false, approverRole: null, registrarRole: 'supervisor', registrarCs: true }, 'director_approval'],
    [{ borrowerIsStaff: false, approverRole: 'manager', registrarRole: 'supervisor', registrarCs: true }, 'director_approval'],
    [{ borrowerIsStaff: false, approverRole: 'director', registrarRole: 'supervisor', registrarCs: true }, null],
    [{ borrowerIsStaff: true, approverRole: null, registrarRole: 'clerk', registrarCs: true }, 'registrar_role'],
    [{ borrowerIsStaff: true, approverRole: null, registrarRole: 'supervisor', registrarCs: false }, 'registrar_role'],
  ] as const)('%j → %s', (c, r) => expect(loanRefusal(c as never)).toBe(r));

  it('a dossier goes out without its confidential and destroyed papers', () => {
    expect(
      lendable([
        { id: 'a', confidential: true, status: 'active' },
        { id: 'b', confidential: false, status: 'active' },
        { id: 'c', confidential: false, status: 'destroyed' },
      ]),
    ).toEqual({ lend: ['b'], kept: ['a'] });
  });
});

describe('destruction chain', () => {
  const sup: StepActor = { code: 'S003', role: 'supervisor', department: 'cs' };
  const sup2: StepActor = { code: 'S004', role: 'supervisor', department: 'cs' };
  const clerk: StepActor = { code: 'S005', role: 'clerk', department: 'cs' };
  const mgr: StepActor = { code: 'S002', role: 'manager', department: 'cs' };
  const engMgr: StepActor = { code: 'E001', role: 'manager', department: 'engineering' };
  const dir: StepActor = { code: 'S001', role: 'director', department: 'cs' };
  const none: DestructionState = { status: null, requested_by: null, reviewed_by: null, approved_by: null };
  const requested: DestructionState = { status: 'requested', requested_by: 'S003', reviewed_by: null, approved_by: null };
  const reviewed: DestructionState = { ...requested, status: 'reviewed', reviewed_by: 'S002' };
  const approved: DestructionState = { ...reviewed, status: 'approved', approved_by: 'S001' };
  const destroyed: DestructionState = { ...approved, status: 'destroyed' };

  it.each([
    ['request', none, sup, [], null],
    ['request', none, clerk, [], 'role_request'],
    ['request', none, engMgr, [], 'role_request'],
    ['review', requested, mgr, [], null],
    ['review', requested, sup2, [], 'role_review'],
    ['review', requested, engMgr, [], 'role_review'],
    ['review', none, mgr, [], 'out_of_order'],
    ['review', reviewed, mgr, [], 'out_of_order'],
    ['review', { ...requested, requested_by: 'S002' }, mgr, [], 'same_person'],
    ['approve', requested, dir, [], 'out_of_order'],
    ['approve', reviewed, mgr, [], 'role_approve'],
    ['approve', reviewed, dir, [], null],
    ['approve', { ...reviewed, reviewed_by: 'S001' }, dir, [], 'same_person'],
    ['destroy', reviewed, sup2, ['S005', 'S006'], 'out_of_order'],
    ['destroy', approved, sup2, ['S005', 'S006'], null],
    ['destroy', approved, sup2, ['S005', 'S006', 'S007'], null],
    ['destroy', approved, clerk, ['S005', 'S006'], 'role_destroy'],
    ['destroy', approved, sup2, ['S005'], 'witnesses_too_few'],
    ['destroy', approved, sup2, [], 'witnesses_too_few'],
    ['destroy', approved, sup2, ['S003', 'S005'], 'witness_is_requester'],
    ['destroy', approved, sup2, ['S005', 'S005'], 'witness_duplicate'],
    ['destroy', destroyed, sup2, ['S005', 'S006'], 'out_of_order'],
    ['reject', requested, mgr, [], null],
    ['reject', requested, sup2, [], 'role_review'],
    ['reject', reviewed, dir, [], null],
    ['reject', reviewed, mgr, [], 'role_approve'],
    ['reject', destroyed, dir, [], 'out_of_order'],
  ] as const)('%s when %j by %j with %j → %s', (step, state, actor, witnesses, r) => {
    expect(chainRefusal(step, state, actor, [...witnesses])).toBe(r);
  });
});

describe('find and labels', () => {
  it.each([
    ['13800138000', { kind: 'phone', digits: '13800138000' }],
    ['+86 138 0013 8000', { kind: 'phone', digits: '13800138000' }],
    ['8000', { kind: 'phone_part', digits: '8000' }],
    ['3-2-1502', { kind: 'text', text: '3-2-1502' }],
    ['张', { kind: 'text', text: '张' }],
  ])('%s', (s, q) => expect(classifyFind(s)).toEqual(q));

  it('the bag label shows building, unit, floor and room', () => {
    expect(bagLabel('3', '2', '15', '1502')).toBe('3栋2单元 15层 1502室');
  });
});
