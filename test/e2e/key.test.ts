import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { FIXTURES, makeSite, pmctl, type Site } from './helpers.js';

const DESK = { as: 'S005' };
const FAC = 'B2 配电房';
const OWNER_KEY = '1-1-101 security_door #1';
const PUB = '1栋 天台门';

/** The register is taken over early in the morning, so loans can be recorded after the fact with --at. */
function importFixture(site: Site): void {
  const r = site.run(['key', 'import', join(FIXTURES, 'keys.csv'), '--json'], { ...DESK, now: '2026-11-23 06:00' });
  if (r.code !== 0) throw new Error(r.stderr);
}

const status = (site: Site, label: string) => site.run(['key', 'show', label, '--json']).json().status as string;

describe('key register: add and import', () => {
  const site = makeSite({ roster: true });
  afterAll(() => site.cleanup());

  it('imports the register, and a re-import changes nothing', () => {
    const a = site.run(['key', 'import', join(FIXTURES, 'keys.csv'), '--json'], DESK);
    expect(a.code).toBe(0);
    expect(a.json()).toMatchObject({ rows: 11, added: 11, updated: 0 });
    const b = site.run(['key', 'import', join(FIXTURES, 'keys.csv'), '--json'], DESK);
    expect(b.json()).toMatchObject({ rows: 11, added: 0, updated: 0, unchanged: 11 });
    const k = site.run(['key', 'show', FAC, '--json']).json();
    expect(k).toMatchObject({ label: FAC, kind: 'facility', unit: null, holder_dept: 'engineering', status: 'in_cabinet', copies: 2 });
    // default holder departments: owner and public keys cs, facility engineering
    expect(site.run(['key', 'show', '1-1-101 unit_door #1', '--json']).json()).toMatchObject({ holder_dept: 'cs', unit: '1-1-101' });
    expect(site.run(['key', 'show', 'B1 水泵房', '--json']).json()).toMatchObject({ holder_dept: 'engineering' });
  });

  it('imports a GB18030 file with Chinese headings and Chinese kinds', () => {
    const r = site.run(['key', 'import', join(FIXTURES, 'keys-excel-gb18030.csv'), '--json'], DESK);
    expect(r.code).toBe(0);
    expect(r.json()).toMatchObject({ encoding: 'gb18030', rows: 4, added: 4 });
    expect(site.run(['key', 'show', '1-1-102 防盗门 #1', '--json']).json()).toMatchObject({ kind: 'security_door', unit: '1-1-102', copies: 2 });
    expect(site.run(['key', 'show', 'B2 发电机房', '--json']).json()).toMatchObject({ kind: 'facility', holder_dept: 'engineering' });
  });

  it('a bad file names every bad line and writes nothing', () => {
    const before = site.run(['key', 'list', '--json']).json().length;
    const f = site.file(
      'bad-keys.csv',
      'label,kind,unit,holder_dept,copies\n' +
        'X1,garage,,,1\n' + // line 2: unknown kind
        'X2 door,security_door,,,1\n' + // line 3: owner key without unit
        'X3 door,security_door,9-9-999,,1\n' + // line 4: unknown unit
        'X4 room,facility,,cs,1\n' + // line 5: facility not held by engineering
        'X5 ok,public_door,,,1\n' +
        'B2 配电房,facility,,engineering,5\n', // line 7: copies changed behind the approval rule
    );
    const r = site.run(['key', 'import', f], DESK);
    expect(r.code).toBe(2);
    for (const line of [2, 3, 4, 5, 7]) expect(r.stderr).toContain(`bad-keys.csv:${line}:`);
    expect(r.stderr).not.toContain('bad-keys.csv:6:');
    expect(site.run(['key', 'list', '--json']).json().length).toBe(before);
  });

  it('adds keys with spaces and Chinese in the label; refuses what the register forbids', () => {
    const a = site.run(['key', 'add', '3-2-1202 security_door #1', '--kind', 'security_door', '--unit', '3-2-1202', '--json'], DESK);
    expect(a.code).toBe(0);
    expect(a.json()).toMatchObject({ label: '3-2-1202 security_door #1', kind: 'security_door', unit: '3-2-1202', status: 'in_cabinet' });
    // the same label, typed with a double space, is the same key
    expect(site.run(['key', 'add', '3-2-1202  security_door #1', '--kind', 'security_door', '--unit', '3-2-1202'], DESK).code).toBe(2);
    expect(site.run(['key', 'show', '3-2-1202  security_door #1', '--json']).json().label).toBe('3-2-1202 security_door #1');
    expect(site.run(['key', 'add', 'B3 消防泵房', '--kind', 'facility', '--holder-dept', 'cs'], DESK).code).toBe(4);
    expect(site.run(['key', 'add', 'Z owner', '--kind', 'mailbox'], DESK).code).toBe(2);
    expect(site.run(['key', 'add', 'Z owner', '--kind', 'mailbox', '--unit', '9-9-999'], DESK).code).toBe(3);
    expect(site.run(['key', 'add', 'Z', '--kind', 'garage'], DESK).code).toBe(2);
    expect(site.run(['key', 'show', 'no such key']).code).toBe(3);
  });

  it('lists by status, unit and kind, in both languages', () => {
    const byUnit = site.run(['key', 'list', '--unit', '1-1-101', '--json']).json();
    expect(byUnit.map((k: { kind: string }) => k.kind)).toEqual(['security_door', 'unit_door', 'interior_door', 'intercom', 'mailbox']);
    expect(site.run(['key', 'list', '--kind', 'facility', '--json']).json().length).toBe(3);
    const zh = site.run(['key', 'list', '--kind', '设施设备房', '--lang', 'zh']);
    expect(zh.code).toBe(0);
    expect(zh.stdout).toContain('标签');
    expect(zh.stdout).toContain('在柜');
    expect(site.run(['key', 'list', '--status', 'nope']).code).toBe(2);
  });

  it('permissions: staff below clerk cannot keep the register; a write needs an actor', () => {
    expect(site.run(['key', 'add', 'P1', '--kind', 'public_door'], { as: 'E003' }).code).toBe(4);
    const r = site.run(['key', 'add', 'P1', '--kind', 'public_door']);
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/--as/);
  });
});

describe('key loans: the rules of [004]', () => {
  const site = makeSite({ roster: true });
  beforeAll(() => importFixture(site));
  afterAll(() => site.cleanup());

  const lend = (label: string, extra: string[], as = 'S005') => site.run(['key', 'lend', label, ...extra], { as });

  it('refuses a loan without purpose or due time (exit 4, the reason named), and a private one', () => {
    const a = lend(PUB, ['--to', 'E003', '--due', '2h']);
    expect(a.code).toBe(4);
    expect(a.stderr).toMatch(/purpose/);
    const b = lend(PUB, ['--to', 'E003', '--purpose', '屋面检查']);
    expect(b.code).toBe(4);
    expect(b.stderr).toMatch(/due time/);
    expect(lend(PUB, ['--to', 'E003', '--purpose', '私人用', '--due', '2h']).code).toBe(4);
    expect(status(site, PUB)).toBe('in_cabinet');
  });

  it('refuses past 24 h unless overnight work is stated, never past 72 h', () => {
    const r = lend(PUB, ['--to', 'E003', '--purpose', '屋面检查', '--due', '30h']);
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/24 h/);
    expect(lend(PUB, ['--to', 'E003', '--purpose', '屋面检查', '--due', '4d', '--overnight', '夜间施工']).code).toBe(4);
    expect(lend(PUB, ['--to', 'E003', '--purpose', '屋面检查', '--due', '2026-11-22 09:00']).code).toBe(4);
    const ok = lend(PUB, ['--to', 'E003', '--purpose', '屋面检查', '--due', '30h', '--overnight', '夜间防水施工', '--json']);
    expect(ok.code).toBe(0);
    expect(ok.json().loan.due_at).toBe('2026-11-24T16:00:00+08:00');
    expect(site.run(['key', 'return', PUB], DESK).code).toBe(0);
  });

  it('a facility key: staff only, approved by an engineering manager or supervisor, never by the borrower', () => {
    const outsider = lend(FAC, ['--to', '维保公司王工', '--purpose', '配电柜检修', '--due', '2h', '--approved-by', 'E002']);
    expect(outsider.code).toBe(4);
    expect(outsider.stderr).toMatch(/staff only/);
    const noApproval = lend(FAC, ['--to', 'E003', '--purpose', '配电柜检修', '--due', '2h']);
    expect(noApproval.code).toBe(4);
    expect(noApproval.stderr).toMatch(/engineering manager or supervisor/);
    expect(lend(FAC, ['--to', 'E003', '--purpose', '配电柜检修', '--due', '2h', '--approved-by', 'S003']).code).toBe(4);
    expect(lend(FAC, ['--to', 'E003', '--purpose', '配电柜检修', '--due', '2h', '--approved-by', 'E004']).code).toBe(4);
    const self = lend(FAC, ['--to', 'E002', '--purpose', '配电柜检修', '--due', '2h', '--approved-by', 'E002']);
    expect(self.code).toBe(4);
    expect(self.stderr).toMatch(/own loan/);
    expect(lend(FAC, ['--to', 'E099', '--purpose', '配电柜检修', '--due', '2h', '--approved-by', 'E002']).code).toBe(3);
    expect(status(site, FAC)).toBe('in_cabinet');
    const ok = lend(FAC, ['--to', 'E003', '--purpose', '配电柜检修', '--due', '2h', '--approved-by', 'E002', '--json']);
    expect(ok.code).toBe(0);
    expect(ok.json()).toMatchObject({
      label: FAC,
      status: 'on_loan',
      loan: { to: 'E003', purpose: '配电柜检修', due_at: '2026-11-23T12:00:00+08:00', approved_by: 'E002' },
    });
    // a handover carries the loan under its id: the id finds the key too
    expect(site.run(['key', 'show', ok.json().loan.id, '--json']).json().label).toBe(FAC);
  });

  it('an already-lent key cannot be lent again; it comes back with return', () => {
    const r = lend(FAC, ['--to', 'E004', '--purpose', '巡检', '--due', '1h', '--approved-by', 'E002']);
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/already on loan/);
    const back = site.run(['key', 'return', FAC, '--json'], { as: 'S006', now: '2026-11-23 11:30' });
    expect(back.code).toBe(0);
    expect(back.json()).toMatchObject({ status: 'in_cabinet' });
    expect(back.json().loan).toBeUndefined();
    expect(site.run(['key', 'return', FAC], DESK).code).toBe(4); // nothing to return
  });

  it("an owner's key: to the owner freely (security told), to anyone else only with recorded consent", () => {
    const noConsent = lend(OWNER_KEY, ['--to', '陈师傅', '--purpose', '装修进场', '--due', '8h']);
    expect(noConsent.code).toBe(4);
    expect(noConsent.stderr).toMatch(/owner's recorded consent/);
    expect(lend(OWNER_KEY, ['--to', 'S006', '--purpose', '入户查漏', '--due', '1h']).code).toBe(4);
    const owner = site.run(['key', 'lend', OWNER_KEY, '--to', '付辉磊', '--purpose', '业主忘带钥匙', '--due', '1h'], { as: 'S005', now: '2026-11-23 11:31' });
    expect(owner.code).toBe(0);
    expect(owner.stdout).toMatch(/security notified: B001/);
    expect(site.run(['key', 'return', OWNER_KEY], { as: 'S005', now: '2026-11-23 11:50' }).code).toBe(0);
    const withConsent = site.run(
      [
        'key',
        'lend',
        OWNER_KEY,
        '--to',
        '陈师傅',
        '--purpose',
        '装修进场',
        '--due',
        '8h',
        '--owner-consent',
        '业主电话同意 11-23 09:40',
        '--phone',
        '13912345678',
        '--json',
      ],
      { as: 'S005', now: '2026-11-23 12:00' },
    );
    expect(withConsent.code).toBe(0);
    expect(withConsent.json().loan).toMatchObject({ to: '陈师傅', owner_consent: '业主电话同意 11-23 09:40' });
    expect(site.run(['key', 'return', OWNER_KEY], { as: 'S005', now: '2026-11-23 13:00' }).code).toBe(0);
  });

  it('a key returned damaged is out of use and cannot be lent', () => {
    expect(lend('1栋 2F 公共窗', ['--to', 'J002', '--purpose', '擦窗', '--due', '2h']).code).toBe(0);
    const r = site.run(['key', 'return', '1栋 2F 公共窗', '--condition', 'damaged', '--json'], { as: 'S005', now: '2026-11-23 11:00' });
    expect(r.json().status).toBe('damaged');
    const again = lend('1栋 2F 公共窗', ['--to', 'J002', '--purpose', '擦窗', '--due', '2h'], 'S005');
    expect(again.code).toBe(4);
    expect(again.stderr).toMatch(/damaged/);
    expect(site.run(['key', 'return', '1栋 2F 公共窗', '--condition', 'broken'], DESK).code).toBe(2);
  });

  it('key damaged takes a key in the cabinet out of use; a supervisor retires it', () => {
    expect(site.run(['key', 'damaged', '1-1-101 mailbox #1', '--note', '齿断'], DESK).code).toBe(0);
    expect(lend('1-1-101 mailbox #1', ['--to', '付辉磊', '--purpose', '取信', '--due', '1h']).code).toBe(4);
    expect(site.run(['key', 'retire', '1-1-101 mailbox #1', '--reason', '已配新钥匙', '--yes'], DESK).code).toBe(4);
    const r = site.run(['key', 'retire', '1-1-101 mailbox #1', '--reason', '已配新钥匙', '--yes', '--json'], { as: 'S003' });
    expect(r.code).toBe(0);
    expect(r.json().status).toBe('retired');
  });

  it('a staff member below clerk cannot lend', () => {
    expect(lend('B1 水泵房', ['--to', 'E003', '--purpose', '巡检', '--due', '1h', '--approved-by', 'E002'], 'E004').code).toBe(4);
  });
});

describe('move-in issue, copies', () => {
  const site = makeSite({ roster: true });
  beforeAll(() => importFixture(site));
  afterAll(() => site.cleanup());

  it('issues an owner key only to the owner after an identity check, recording who signed', () => {
    const noId = site.run(['key', 'issue', OWNER_KEY, '--to-owner', '--signed-by', '付辉磊'], DESK);
    expect(noId.code).toBe(4);
    expect(noId.stderr).toMatch(/identity/);
    expect(site.run(['key', 'issue', OWNER_KEY, '--to-owner', '--id-checked', '--signed-by', '王五'], DESK).code).toBe(4);
    expect(site.run(['key', 'issue', FAC, '--to-owner', '--id-checked', '--signed-by', '付辉磊'], DESK).code).toBe(4);
    const ok = site.run(['key', 'issue', OWNER_KEY, '--to-owner', '--id-checked', '--signed-by', '付辉磊', '--json'], DESK);
    expect(ok.code).toBe(0);
    expect(ok.json().status).toBe('issued');
    const lendIssued = site.run(['key', 'lend', OWNER_KEY, '--to', '付辉磊', '--purpose', 'x', '--due', '1h'], DESK);
    expect(lendIssued.code).toBe(4);
    expect(lendIssued.stderr).toMatch(/handed to the owner/);
    const show = site.run(['key', 'show', OWNER_KEY, '--json']).json();
    expect(show.history.find((e: { type: string }) => e.type === 'issued')).toMatchObject({ by: 'S005', data: { signed_by: '付辉磊', id_checked: true } });
  });

  it('no copy of a public or facility key without the engineering manager', () => {
    const none = site.run(['key', 'copy', FAC], DESK);
    expect(none.code).toBe(4);
    expect(site.run(['key', 'copy', FAC, '--approved-by', 'E002'], DESK).code).toBe(4);
    expect(site.run(['key', 'copy', PUB, '--approved-by', 'S002'], DESK).code).toBe(4);
    expect(site.run(['key', 'show', FAC, '--json']).json().copies).toBe(2);
    const ok = site.run(['key', 'copy', FAC, '--approved-by', 'E001', '--json'], DESK);
    expect(ok.code).toBe(0);
    expect(ok.json().copies).toBe(3);
    expect(site.run(['key', 'copy', PUB, '--approved-by', 'E001', '--json'], DESK).json().copies).toBe(3);
    // an owner's key: a cs supervisor and the owner's consent
    expect(site.run(['key', 'copy', '1-1-201 security_door #1', '--approved-by', 'S003'], DESK).code).toBe(4);
    expect(site.run(['key', 'copy', '1-1-201 security_door #1', '--approved-by', 'S003', '--owner-consent', '业主书面同意'], DESK).code).toBe(0);
  });
});

describe('lost → rekeyed, overdue loans, audit', () => {
  const site = makeSite({ roster: true });
  beforeAll(() => importFixture(site));
  afterAll(() => site.cleanup());

  it('a loan past its due time is overdue (module key, what loan) and in the TTY warning line', () => {
    const r = site.run(
      ['key', 'lend', FAC, '--to', 'E003', '--purpose', '配电柜检修', '--due', '2h', '--approved-by', 'E002', '--at', '2026-11-23 07:00'],
      DESK,
    );
    expect(r.code).toBe(0);
    const items = site.run(['overdue', '--json']).json();
    expect(items).toContainEqual(expect.objectContaining({ module: 'key', id: FAC, what: 'loan', due_at: '2026-11-23T09:00:00+08:00', overdue_minutes: 60 }));
    const k = site.run(['key', 'overdue', '--check']);
    expect(k.code).toBe(6);
    expect(k.stdout).toContain(FAC);
    const list = site.run(['key', 'list', '--status', 'overdue', '--json']).json();
    expect(list).toEqual([expect.objectContaining({ label: FAC, loan: expect.objectContaining({ to: 'E003', overdue: true }) })]);
    const tty = site.run(['key', 'list'], { env: { PMCTL_ASSUME_TTY: '1' } });
    expect(tty.stderr).toMatch(/⚠ 1 overdue: 1 key loans? — pmctl overdue/);
    expect(site.run(['key', 'return', FAC], DESK).code).toBe(0);
    expect(site.run(['overdue', '--json']).json()).toEqual([]);
  });

  it('a lost key notifies supervisor and security, opens a lock change that stays overdue until rekeyed', () => {
    expect(site.run(['key', 'lend', PUB, '--to', 'B002', '--purpose', '夜间巡逻', '--due', '4h', '--at', '2026-11-23 08:00'], DESK).code).toBe(0);
    const lost = site.run(['key', 'lost', PUB, '--note', '巡逻时遗失', '--json'], DESK);
    expect(lost.code).toBe(0);
    expect(lost.json()).toMatchObject({ status: 'lost', lock_change: { notified: ['S002', 'S003', 'S004', 'B001'] } });
    const item = site.run(['overdue', '--json'], { now: '2026-11-23 15:00' }).json();
    expect(item).toEqual([expect.objectContaining({ module: 'key', id: PUB, what: 'lock_change' })]); // its loan is left to the lock change
    const back = site.run(['key', 'return', PUB], DESK);
    expect(back.code).toBe(4);
    expect(back.stderr).toMatch(/rekeyed/);
    expect(site.run(['key', 'lend', PUB, '--to', 'E003', '--purpose', 'x', '--due', '1h'], DESK).code).toBe(4);
    const rk = site.run(['key', 'rekeyed', PUB, '--json'], { as: 'S005', now: '2026-11-23 16:00' });
    expect(rk.code).toBe(0);
    expect(rk.json()).toMatchObject({ status: 'in_cabinet', lock_change: { done_at: '2026-11-23T16:00:00+08:00' } });
    expect(site.run(['overdue', '--json'], { now: '2026-11-23 16:05' }).json()).toEqual([]);
    expect(site.run(['key', 'rekeyed', PUB], { as: 'S005', now: '2026-11-23 16:05' }).code).toBe(4);
    const show = site.run(['key', 'show', PUB, '--json'], { now: '2026-11-23 16:10' }).json();
    expect(show.history.map((e: { type: string }) => e.type)).toEqual(['added', 'lent', 'lost', 'rekeyed']);
    expect(show.loans[0]).toMatchObject({ to: 'B002', closed_as: 'lost', returned_at: '2026-11-23T16:00:00+08:00' });
    const text = site.run(['key', 'show', PUB], { now: '2026-11-23 16:10' });
    expect(text.stdout).toContain('History');
    expect(text.stdout).toContain('rekeyed');
  });

  it('an audit finds a missing key, a key present but registered as lent, and an unknown label', () => {
    expect(
      site.run(['key', 'lend', 'B1 水泵房', '--to', 'E004', '--purpose', '巡检', '--due', '2h', '--approved-by', 'E002'], {
        as: 'S005',
        now: '2026-11-23 16:20',
      }).code,
    ).toBe(0);
    const found = [
      '1-1-101 security_door #1',
      '1-1-101 unit_door #1',
      '1-1-101 interior_door #1',
      '1-1-101 intercom #1', // mailbox missing
      '1-1-201 security_door #1',
      '1-1-201 mailbox #1',
      '1栋 天台门',
      '1栋 2F 公共窗',
      FAC,
      'B1 水泵房', // registered as lent
      'B9 未知房', // unknown
    ];
    const f = site.file('count.csv', '标签,数量\n' + found.map((l) => `${l},${l === FAC ? 1 : ''}`).join('\n') + '\n');
    const r = site.run(['key', 'audit', '--counted', f, '--json'], { as: 'S005', now: '2026-11-23 16:30' });
    expect(r.code).toBe(0);
    const a = r.json();
    expect(a.id).toMatch(/^KA20261123-\d{3}$/);
    expect(a.missing).toEqual([{ label: '1-1-101 mailbox #1', status: 'in_cabinet' }]);
    expect(a.present_but_out).toEqual([{ label: 'B1 水泵房', status: 'on_loan' }]);
    expect(a.unknown).toEqual(['B9 未知房']);
    expect(a.copies_mismatch).toEqual([{ label: FAC, registered: 2, counted: 1 }]);
    const table = site.run(['key', 'audit', '--counted', f], { as: 'S005', now: '2026-11-23 16:31' });
    expect(table.stdout).toMatch(/missing[\s\S]*1-1-101 mailbox #1/);
    expect(table.stdout).toContain('unknown label');
    expect(site.run(['log', '--entity', a.id, '--json']).json().length).toBe(1);
    // a bad count sheet: line-numbered, nothing recorded
    const bad = site.file('bad-count.csv', 'label,copies\nA,1\nB,many\n');
    const b = site.run(['key', 'audit', '--counted', bad], { as: 'S005', now: '2026-11-23 16:32' });
    expect(b.code).toBe(2);
    expect(b.stderr).toContain('bad-count.csv:3:');
    // without a count: the checklist
    const c = site.run(['key', 'audit', '--json'], { now: '2026-11-23 16:33' }).json();
    expect(c.register.length).toBe(11);
    expect(c.id).toBeNull();
  });

  it('every write is in the audit log under the key', () => {
    const log = site.run(['log', '--entity', PUB, '--json']).json();
    expect(log.map((e: { action: string }) => e.action).sort()).toEqual(['key.add', 'key.lend', 'key.lost', 'key.rekeyed']);
  });
});

describe('demo cabinet', () => {
  it('has loans overdue and a pending lock change', () => {
    const site = makeSite();
    try {
      const r = pmctl(['--data', site.data, 'demo', '--json'], { PMCTL_NOW: '2026-11-23T10:00:00+08:00' });
      expect(r.code).toBe(0);
      const keyItems = r.json().overdue.filter((i: { module: string }) => i.module === 'key');
      expect(keyItems.filter((i: { what: string }) => i.what === 'loan').length).toBeGreaterThanOrEqual(2);
      expect(keyItems.some((i: { what: string }) => i.what === 'lock_change')).toBe(true);
      const keys = site.run(['key', 'list', '--json']).json();
      expect(keys.length).toBeGreaterThan(100);
      for (const s of ['in_cabinet', 'on_loan', 'issued', 'damaged', 'lost']) expect(keys.some((k: { status: string }) => k.status === s)).toBe(true);
    } finally {
      site.cleanup();
    }
  });
});
