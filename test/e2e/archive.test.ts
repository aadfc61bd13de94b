import { afterAll, describe, expect, it } from 'vitest';
import { makeSite } from './helpers.js';

const OWNER = '1-1-101'; // owner 付辉磊 13038378401
const OWNER2 = '1-1-102'; // owner 唐丽秀 15159747824
const TENANT = '1-1-602'; // tenant 向鹏涛 15077201428, owner 于鹏英

describe('archive: dossiers, completeness, find, history', () => {
  const site = makeSite({ roster: true });
  afterAll(() => site.cleanup());
  const run = (args: string[], as = 'S005', now?: string) => site.run(args, { as, now });

  it('opens one dossier per unit with its bag label, and refuses a second (exit 4) or an unknown unit (exit 3)', () => {
    const r = run(['archive', 'open', OWNER, '--type', 'owner', '--json']);
    expect(r.code).toBe(0);
    expect(r.json()).toMatchObject({ id: OWNER, unit: OWNER, type: 'owner', bag_label: '1栋1单元 1层 101室', complete_pct: 0 });
    expect(run(['archive', 'open', OWNER]).code).toBe(4);
    expect(run(['archive', 'open', '9-9-999']).code).toBe(3);
    // engineering staff do not keep the archive
    expect(run(['archive', 'open', OWNER2], 'E003').code).toBe(4);
    expect(run(['archive', 'open', TENANT, '--type', 'tenant']).code).toBe(0);
  });

  it('files documents; ID copies are confidential by default', () => {
    for (const doc of ['id_copy', 'move_in_notice', 'service_agreement', 'owner_register', 'covenant', 'fire_safety']) {
      const r = run(['archive', 'add', OWNER, '--doc', doc, '--json']);
      expect(r.code).toBe(0);
      expect(r.json()).toMatchObject({ unit: OWNER, type: doc, status: 'active', confidential: doc === 'id_copy' });
      expect(r.json().id).toMatch(/^D20261123-\d{4}$/);
    }
    for (const doc of ['agency_agreement', 'tenant_id', 'lease', 'fee_settlement'])
      expect(run(['archive', 'add', TENANT, '--doc', doc, '--ref', 'L-2026-07']).code).toBe(0);
    expect(run(['archive', 'add', OWNER, '--doc', 'passport_scan']).code).toBe(2);
    expect(run(['archive', 'add', OWNER2, '--doc', 'lease']).code).toBe(3);
  });

  it('check gives missing documents and completeness per unit and for the site (SPEC §10 shape)', () => {
    const one = run(['archive', 'check', OWNER, '--json']).json();
    expect(one.units).toEqual([{ unit: OWNER, type: 'owner', dossier: true, missing: ['renovation_agreement', 'handover_record'], complete_pct: 75 }]);
    expect(one.site_complete_pct).toBe(75);
    const all = run(['archive', 'check', '--json']).json();
    // v2: a let unit's dossier checks the owner's papers as well as the tenant's
    expect(all.units.find((u: any) => u.unit === TENANT)).toEqual({
      unit: TENANT,
      type: 'tenant',
      dossier: true,
      missing: ['id_copy', 'move_in_notice', 'service_agreement', 'owner_register', 'covenant', 'renovation_agreement', 'fire_safety', 'handover_record'],
      complete_pct: 33.3,
    });
    // occupied units without a dossier count as gaps: 168 owner units × 8 + 43 let units × 12 required
    const gap = all.units.find((u: any) => u.unit === OWNER2);
    expect(gap).toMatchObject({ dossier: false, complete_pct: 0 });
    expect(gap.missing).toHaveLength(8);
    expect(all.units).toHaveLength(211);
    expect(all.site_complete_pct).toBe(Math.round((10 / (168 * 8 + 43 * 12)) * 1000) / 10);
    expect(all).toMatchObject({ dossiers: 2, complete: 0, without_dossier: 209 });
    const zh = site.run(['archive', 'check', OWNER, '--lang', 'zh']);
    expect(zh.stdout).toContain('装修管理协议');
    expect(zh.stdout).toContain('75%');
  });

  it('find: partial Chinese name, full phone, phone fragment, unit label', () => {
    const byName = run(['archive', 'find', '鹏', '--json']).json();
    expect(byName.map((r: any) => r.unit)).toContain(TENANT);
    const t = byName.find((r: any) => r.unit === TENANT);
    expect(t).toMatchObject({ bag_label: '1栋1单元 6层 602室', type: 'tenant', documents: 4 });
    expect(t.tenant_phone).toBe('150****1428'); // masked unless --reveal
    const byPhone = run(['archive', 'find', '13038378401', '--json']).json();
    expect(byPhone).toHaveLength(1);
    expect(byPhone[0]).toMatchObject({ unit: OWNER, matched: 'owner_phone', owner_name: '付辉磊' });
    expect(
      run(['archive', 'find', '1428', '--json'])
        .json()
        .map((r: any) => r.unit),
    ).toContain(TENANT);
    const byTenantPhone = run(['archive', 'find', '150 7720 1428', '--json']).json();
    expect(byTenantPhone).toEqual([expect.objectContaining({ unit: TENANT, matched: 'tenant_phone' })]);
    expect(run(['archive', 'find', '1-1-60', '--json']).json()[0]).toMatchObject({ unit: '1-1-601' });
    // a unit with no dossier yet is found too, flagged as such
    expect(run(['archive', 'find', '唐丽秀', '--json']).json()[0]).toMatchObject({ unit: OWNER2, type: null, bag_label: null });
    expect(run(['archive', 'find', '无此人', '--json']).json()).toEqual([]);
  });

  it('update replaces a document (the old one stays, marked replaced) and changes the type; both are in the history and the log', () => {
    const before = run(['archive', 'show', TENANT, '--json']).json();
    const oldLease = before.documents.find((d: any) => d.type === 'lease').id;
    const r = run(['archive', 'update', TENANT, '--doc', 'lease', '--ref', 'L-2027-01', '--json']);
    expect(r.code).toBe(0);
    const newId = r.json().changes[0].document_id;
    expect(r.json().changes[0]).toMatchObject({ action: 'replaced', from: [oldLease], to: newId });
    const after = run(['archive', 'show', TENANT, '--json']).json();
    expect(after.documents.find((d: any) => d.id === oldLease)).toMatchObject({ status: 'active', superseded_by: newId });
    expect(after.complete_pct).toBe(33.3);
    expect(after.history.map((h: any) => h.action)).toEqual(['opened', 'added', 'added', 'added', 'added', 'replaced']);
    expect(run(['archive', 'update', TENANT]).code).toBe(2);
    // the owner moves back in: the owner's checklist applies; and back again
    expect(run(['archive', 'update', TENANT, '--type', 'owner', '--json']).json().changes).toEqual([{ action: 'type_changed', from: 'tenant', to: 'owner' }]);
    expect(run(['archive', 'check', TENANT, '--json']).json().units[0]).toMatchObject({ type: 'owner', complete_pct: 0 });
    expect(run(['archive', 'update', TENANT, '--type', 'tenant']).code).toBe(0);
    expect(
      run(['archive', 'show', TENANT, '--json'])
        .json()
        .history.map((h: any) => h.action)
        .slice(-2),
    ).toEqual(['type_changed', 'type_changed']);
    const log = run(['log', '--entity', TENANT, '--json']).json();
    expect(log.map((l: any) => l.action)).toEqual(expect.arrayContaining(['archive.open', 'archive.update']));
  });

  it('lists dossiers in bag order', () => {
    const l = run(['archive', 'list', '--json']).json();
    expect(l.map((r: any) => r.unit)).toEqual([OWNER, TENANT]);
    expect(run(['archive', 'list', '--format', 'html']).code).toBe(2);
  });
});

describe('archive: loans', () => {
  const site = makeSite({ roster: true });
  afterAll(() => site.cleanup());
  const run = (args: string[], as = 'S003', now?: string) => site.run(args, { as, now });
  let idCopy = '';
  let reno = '';
  let secret = '';

  it('sets up a dossier', () => {
    expect(run(['archive', 'open', OWNER]).code).toBe(0);
    idCopy = run(['archive', 'add', OWNER, '--doc', 'id_copy', '--json']).json().id;
    reno = run(['archive', 'add', OWNER, '--doc', 'renovation_agreement', '--json']).json().id;
    secret = run(['archive', 'add', OWNER, '--doc', 'correspondence', '--confidential', '--json']).json().id;
    expect(run(['archive', 'add', OWNER, '--doc', 'covenant']).code).toBe(0);
  });

  it('only a cs supervisor registers a loan (a clerk is refused, exit 4)', () => {
    const r = run(['archive', 'lend', OWNER, '--to', 'E003', '--purpose', '维修核对', '--due', '2d'], 'S005');
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/supervisor/);
  });

  it('never lends a confidential document: ID copies by default, --confidential for others', () => {
    for (const target of [idCopy, `${OWNER}/id_copy`, secret]) {
      const r = run(['archive', 'lend', target, '--to', 'E003', '--purpose', '核对', '--due', '2d']);
      expect(r.code).toBe(4);
      expect(r.stderr).toMatch(/confidential/);
    }
  });

  it('someone not on the staff borrows only with the director’s approval, and signs', () => {
    const base = ['archive', 'lend', reno, '--to', '王律师', '--purpose', '业主委托查阅装修协议', '--due', 'tomorrow 17:00'];
    const none = run(base);
    expect(none.code).toBe(4);
    expect(none.stderr).toMatch(/director/);
    expect(run([...base, '--approved-by', 'S002', '--signed-by', '王律师']).code).toBe(4); // a manager is not the director
    expect(run([...base, '--approved-by', 'S001']).code).toBe(2); // no signature
    const ok = run([...base, '--approved-by', 'S001', '--signed-by', '王明', '--json']);
    expect(ok.code).toBe(0);
    expect(ok.json()).toMatchObject({
      to: '王律师',
      to_staff: false,
      approved_by: 'S001',
      signed_by: '王明',
      registered_by: 'S003',
      documents: [reno],
      status: 'on_loan',
    });
    expect(ok.json().due_at).toBe('2026-11-24T17:00:00+08:00');
    // the same paper cannot go out twice
    expect(run(['archive', 'lend', reno, '--to', 'E003', '--purpose', '核对', '--due', '2d']).code).toBe(4);
    expect(run(['archive', 'return', reno, '--json']).json()).toMatchObject({ status: 'returned', returned_at: '2026-11-23T10:00:00+08:00' });
    expect(run(['archive', 'return', ok.json().id]).code).toBe(4);
  });

  it('a dossier lent to staff leaves its confidential papers in the room; past due it is an overdue item', () => {
    const r = run(['archive', 'lend', OWNER, '--to', 'E003', '--purpose', '漏水维修核对图纸', '--due', '4h', '--json']);
    expect(r.code).toBe(0);
    const loan = r.json();
    expect(loan).toMatchObject({ unit: OWNER, document_id: null, to: 'E003', to_staff: true, signed_by: '孙磊', approved_by: null });
    expect(loan.kept.sort()).toEqual([idCopy, secret].sort());
    expect(loan.documents).toHaveLength(2);
    expect(loan.documents).not.toContain(idCopy);
    const human = run(['archive', 'lend', OWNER2, '--to', 'E003', '--purpose', 'x', '--due', '2d']);
    expect(human.code).toBe(3); // no dossier
    const later = site.run(['overdue', '--json'], { now: '2026-11-23 15:00' }).json();
    expect(later).toEqual(expect.arrayContaining([expect.objectContaining({ module: 'archive', id: loan.id, what: 'loan', overdue_minutes: 60 })]));
    expect(site.run(['overdue', '--check'], { now: '2026-11-23 15:00' }).code).toBe(6);
    expect(
      run(['archive', 'loans', '--overdue', '--json'], 'S003', '2026-11-23 15:00')
        .json()
        .map((l: any) => l.id),
    ).toEqual([loan.id]);
    expect(run(['archive', 'return', OWNER, '--at', '2026-11-23 09:00'], 'S003', '2026-11-23 15:00').code).toBe(2); // before the loan
    expect(run(['archive', 'return', OWNER], 'S003', '2026-11-23 15:00').code).toBe(0);
    expect(
      site
        .run(['overdue', '--json'], { now: '2026-11-23 15:00' })
        .json()
        .filter((i: any) => i.module === 'archive'),
    ).toEqual([]);
  });
});

describe('archive: retention, holds and the destruction chain', () => {
  const site = makeSite({ roster: true });
  afterAll(() => site.cleanup());
  const run = (args: string[], as = 'S003', now?: string) => site.run(args, { as, now });
  let oldLease = '';
  let oldOther = '';
  let xd = '';

  it('lists documents past retention; retention is a site setting', () => {
    expect(run(['archive', 'open', TENANT, '--type', 'tenant']).code).toBe(0);
    oldLease = run(['archive', 'add', TENANT, '--doc', 'lease', '--ref', '旧租约', '--at', '2022-03-01 10:00', '--json']).json().id;
    expect(run(['archive', 'update', TENANT, '--doc', 'lease', '--ref', '新租约']).code).toBe(0);
    oldOther = run(['archive', 'add', TENANT, '--doc', 'correspondence', '--at', '2025-06-01 10:00', '--json']).json().id;
    const ex = run(['archive', 'expired', '--json']).json();
    expect(ex.map((d: any) => d.id)).toEqual([oldLease]); // the current lease is in force; the letter has 3y
    expect(ex[0]).toMatchObject({ retention: '3y', expired_on: '2025-03-01' });
    expect(run(['archive', 'retention', 'set', 'correspondence', '1y'], 'S005').code).toBe(4);
    expect(run(['archive', 'retention', 'set', 'correspondence', 'soon']).code).toBe(2);
    expect(run(['archive', 'retention', 'set', 'correspondence', '1y', '--json']).json()).toMatchObject({ retention: '1y', previous: '3y' });
    expect(
      run(['archive', 'expired', '--json'])
        .json()
        .map((d: any) => d.id),
    ).toEqual([oldLease, oldOther]);
    expect(run(['archive', 'retention', '--json']).json()).toEqual(expect.arrayContaining([{ type: 'correspondence', retention: '1y', site: true }]));
  });

  it('a hold blocks destruction until released', () => {
    expect(run(['archive', 'hold', oldLease, '--reason', '租金纠纷诉讼中']).code).toBe(0);
    const r = run(['archive', 'destroy-request', oldLease, oldOther, '--reason', '超过保存期']);
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/hold/);
    expect(run(['archive', 'release', oldLease]).code).toBe(0);
    expect(run(['archive', 'release', oldLease]).code).toBe(4);
  });

  it('only a cs supervisor requests; a clerk is refused', () => {
    expect(run(['archive', 'destroy-request', oldLease, '--reason', 'x'], 'S005').code).toBe(4);
    const r = run(['archive', 'destroy-request', oldLease, oldOther, '--reason', '超过保存期', '--method', '粉碎', '--json']);
    expect(r.code).toBe(0);
    xd = r.json().id;
    expect(xd).toMatch(/^XD20261123-\d{3}$/);
    expect(r.json()).toMatchObject({ status: 'requested', method: 'shred', requested_by: 'S003', units: [TENANT] });
    // a document already in a pending request cannot be requested again
    expect(run(['archive', 'destroy-request', oldLease, '--reason', 'x'], 'S004').code).toBe(4);
  });

  it('each step in order, by the right role, by a different person; anything else exits 4', () => {
    expect(run(['archive', 'destroy-approve', xd], 'S001').code).toBe(4); // not reviewed yet
    expect(run(['archive', 'destroy', xd, '--witness', 'S005', '--witness', 'S006', '--yes'], 'S004').code).toBe(4); // not approved
    expect(run(['archive', 'destroy-review', xd], 'S004').code).toBe(4); // a supervisor is not the cs manager
    expect(run(['archive', 'destroy-review', xd], 'E001').code).toBe(4); // a manager, but not of cs
    expect(run(['archive', 'destroy-review', xd, '--json'], 'S002').json()).toMatchObject({ status: 'reviewed', reviewed_by: 'S002' });
    expect(run(['archive', 'destroy-review', xd], 'S002').code).toBe(4); // twice
    expect(run(['archive', 'destroy-approve', xd], 'S002').code).toBe(4); // a manager is not the director
    expect(run(['archive', 'destroy-approve', xd, '--json'], 'S001').json()).toMatchObject({ status: 'approved', approved_by: 'S001' });
    // a hold placed after approval still stops it
    expect(run(['archive', 'hold', oldOther, '--reason', '业主申诉']).code).toBe(0);
    expect(run(['archive', 'destroy', xd, '--witness', 'S005', '--witness', 'S006', '--yes'], 'S004').code).toBe(4);
    expect(run(['archive', 'release', oldOther]).code).toBe(0);
  });

  it('two or more witnesses, none the requester; --yes when not interactive', () => {
    const one = run(['archive', 'destroy', xd, '--witness', 'S005', '--yes'], 'S004');
    expect(one.code).toBe(4);
    expect(one.stderr).toMatch(/two or more/);
    expect(run(['archive', 'destroy', xd, '--witness', 'S003', '--witness', 'S005', '--yes'], 'S004').code).toBe(4);
    expect(run(['archive', 'destroy', xd, '--witness', 'S005', '--witness', 'S005', '--yes'], 'S004').code).toBe(4);
    expect(run(['archive', 'destroy', xd, '--witness', 'S005', '--witness', 'ZZZ9', '--yes'], 'S004').code).toBe(3);
    expect(run(['archive', 'destroy', xd, '--witness', 'S005', '--witness', 'S006'], 'S004').code).toBe(2);
  });

  it('destroys, prints the certificate, and the destroyed documents keep their record', () => {
    const r = run(['archive', 'destroy', xd, '--witness', 'S005', '--witness', 'S006', '--place', '客服中心档案室', '--yes', '--json'], 'S004');
    expect(r.code).toBe(0);
    const x = r.json();
    expect(x).toMatchObject({
      status: 'destroyed',
      executed_by: 'S004',
      witnesses: ['S005', 'S006'],
      requested_by: 'S003',
      reviewed_by: 'S002',
      approved_by: 'S001',
      method: 'shred',
    });
    expect(x.destroyed_at).toBe('2026-11-23T10:00:00+08:00');
    expect(x.documents.map((d: any) => [d.id, d.status])).toEqual(
      [
        [oldLease, 'destroyed'],
        [oldOther, 'destroyed'],
      ].sort(),
    );
    const table = run(['archive', 'destruction', xd]);
    expect(table.stdout).toContain('Certificate of destruction');
    expect(table.stdout).toMatch(/Witnesses.*张丽 \(S005\), 刘芳 \(S006\)/);
    const md = run(['archive', 'destruction', xd, '--format', 'md', '--lang', 'zh']);
    expect(md.stdout).toMatch(/^# 档案销毁证明/);
    expect(md.stdout).toContain('| 监销人 | 张丽 (S005), 刘芳 (S006) |');
    expect(md.stdout).toContain('粉碎');
    const html = run(['archive', 'destruction', xd, '--format', 'html']);
    expect(html.code).toBe(0);
    expect(html.stdout).toMatch(/^<!DOCTYPE html>/);
    expect(html.stdout).toContain('@page { size: A4');
    expect(html.stdout).not.toMatch(/<link|<script|src=/);
    expect(html.stdout).toContain(oldLease);
    // nothing is deleted: the dossier still lists them, marked destroyed
    const show = run(['archive', 'show', TENANT, '--json']).json();
    expect(show.documents.find((d: any) => d.id === oldLease)).toMatchObject({
      status: 'destroyed',
      destruction_id: xd,
      destroyed_at: '2026-11-23T10:00:00+08:00',
    });
    expect(
      show.history
        .filter((h: any) => h.action === 'destroyed')
        .map((h: any) => h.document_id)
        .sort(),
    ).toEqual([oldLease, oldOther].sort());
    expect(run(['archive', 'show', TENANT, '--lang', 'zh']).stdout).toContain('已销毁（作废）');
    expect(run(['archive', 'expired', '--json']).json()).toEqual([]);
    // and it cannot be destroyed, lent or held again
    expect(run(['archive', 'destroy', xd, '--witness', 'S005', '--witness', 'S006', '--yes'], 'S004').code).toBe(4);
    expect(run(['archive', 'destroy-request', oldLease, '--reason', 'x']).code).toBe(4);
    expect(run(['archive', 'lend', oldLease, '--to', 'E003', '--purpose', 'x', '--due', '2d']).code).toBe(4);
    const log = run(['log', '--entity', xd, '--json']).json();
    expect(log.map((l: any) => l.action).sort()).toEqual([
      'archive.destroy_approve',
      'archive.destroy_destroy',
      'archive.destroy_request',
      'archive.destroy_review',
    ]);
  });

  it('a reviewer may turn a request down; the documents are kept', () => {
    const cur = run(['archive', 'show', TENANT, '--json'])
      .json()
      .documents.find((d: any) => d.type === 'fee_settlement');
    expect(cur).toBeUndefined();
    const doc = run(['archive', 'add', TENANT, '--doc', 'other', '--json']).json().id;
    const req = run(['archive', 'destroy-request', doc, '--reason', '无保存价值', '--json']).json().id;
    expect(run(['archive', 'destroy-review', req, '--reject', '仍需保存'], 'S002').code).toBe(0);
    expect(run(['archive', 'destroy-approve', req], 'S001').code).toBe(4);
    expect(
      run(['archive', 'show', TENANT, '--json'])
        .json()
        .documents.find((d: any) => d.id === doc).status,
    ).toBe('active');
  });
});

describe('archive: demo data', () => {
  const site = makeSite();
  afterAll(() => site.cleanup());

  it('the demo has dossiers with gaps, an overdue loan and a destruction in progress', () => {
    expect(site.run(['demo']).code).toBe(0);
    const check = site.run(['archive', 'check', '--json']).json();
    expect(check.dossiers).toBeGreaterThan(100);
    expect(check.units.some((u: any) => u.missing.length > 0)).toBe(true);
    expect(check.site_complete_pct).toBeGreaterThan(50);
    expect(check.site_complete_pct).toBeLessThan(100);
    const od = site
      .run(['overdue', '--json'])
      .json()
      .filter((i: any) => i.module === 'archive');
    expect(od.length).toBeGreaterThanOrEqual(1);
    const xs = site.run(['archive', 'destruction', '--json']).json();
    expect(xs.some((x: any) => ['requested', 'reviewed', 'approved'].includes(x.status))).toBe(true);
  });
});
