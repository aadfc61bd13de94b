// Renovation (SPEC §13) through bin/pmctl: every rule's refusal (exit 4, the
// reason on stderr, nothing written), bad input, the chain from application to
// refund, the overdue items at their times, the forms and the report rate.
// One site, steps in order (each builds on the one before).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeSite, type Site } from './helpers.js';
import { idCheckDigit } from '../../src/domain/people.js';

const ID = '11010119900307123' + idCheckDigit('11010119900307123');
const NOW = '2026-11-23T10:00:00+08:00'; // a Monday
let s: Site;
const A = 'RN20261123-001';
const B = 'RN20261123-002';

const show = (id: string, now?: string) => s.run(['renovation', 'show', id, '--json'], { now }).json();
const overdue = (now: string) => s.run(['overdue', '--module', 'renovation', '--json'], { now }).json<{ id: string; what: string; due_at: string }[]>();
function refused(args: string[], as: string, reason: RegExp, now?: string) {
  const r = s.run(args, { as, now });
  expect(r.code, r.stderr).toBe(4);
  expect(r.stderr).toMatch(reason);
}

beforeAll(() => {
  s = makeSite({ roster: true, now: NOW });
  expect(s.run(['archive', 'open', '1-1-101'], { as: 'S005' }).code).toBe(0);
});
afterAll(() => s.cleanup());

describe('renovation', () => {
  it('bad input: nothing written', () => {
    const base = ['renovation', 'apply', '1-1-101', '--contractor', '安居装饰', '--contractor-phone', '13800138000', '--scope', '厨卫改造'];
    let r = s.run([...base, '--start', '2026-12-07', '--end', '2026-12-01'], { as: 'S005' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/end date 2026-12-01 is before the start date 2026-12-07/);
    r = s.run(['renovation', 'apply', '9-9-999', ...base.slice(3), '--start', '2026-12-07', '--end', '2027-01-20'], { as: 'S005' });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/no unit 9-9-999/);
    r = s.run([...base, '--start', '2026-12-07', '--end', '2027-01-20', '--deposit', '三千'], { as: 'S005' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--deposit "三千" is not a sum of money/);
    expect(s.run(['renovation', 'list', '--json']).json()).toEqual([]);
  });

  it('apply: the §10 shape, money in yuan', () => {
    const r = s.run(
      [
        'renovation',
        'apply',
        '1-1-101',
        '--contractor',
        '安居装饰',
        '--contractor-phone',
        '13800138000',
        '--scope',
        '厨卫改造',
        '--start',
        '2026-11-24',
        '--end',
        '2027-01-20',
        '--deposit',
        '3000.50',
        '--json',
      ],
      { as: 'S005' },
    );
    expect(r.code, r.stderr).toBe(0);
    const j = r.json();
    expect(j).toMatchObject({
      id: A,
      unit: '1-1-101',
      status: 'applied',
      contractor: '安居装饰',
      start: '2026-11-24',
      end: '2027-01-20',
      deposit_yuan: 3000.5,
      extinguishers: null,
      passes: [],
      notices: [],
    });
    expect(j.contractor_phone).toBe('138****8000');
  });

  it('nothing on site before approval; roles for review and approval', () => {
    const before = show(A);
    refused(['renovation', 'pass', A, '--name', '王强', '--id-number', ID], 'S005', /has no permit yet; cannot issue a pass/);
    refused(['renovation', 'extinguishers', A, '--count', '2'], 'S005', /no permit yet; cannot record extinguishers/);
    refused(['renovation', 'inspect', A, 'ok', '--note', 'x'], 'S005', /no permit yet; cannot inspect/);
    refused(['renovation', 'review', A, 'ok', '--note', '图纸已审'], 'S005', /S005 may not review renovation plans; it needs an engineering supervisor/);
    refused(['renovation', 'approve', A], 'S002', /is applied; cannot approve/);
    expect(s.run(['renovation', 'review', A, '通过', '--note', '图纸已审'], { as: 'E002' }).code).toBe(0);
    refused(['renovation', 'approve', A], 'S005', /S005 may not grant a renovation permit; it needs a cs manager/);
    const r = s.run(['renovation', 'approve', A, '--json'], { as: 'S002' });
    expect(r.code, r.stderr).toBe(0);
    expect(r.json().status).toBe('approved');
    expect(show(A).passes).toEqual(before.passes);
    // the permit is in the dossier
    const d = s.run(['archive', 'show', '1-1-101', '--json']).json();
    expect(JSON.stringify(d)).toMatch(/renovation_file/);
  });

  it('passes: certificates for special work, valid ID numbers, masked', () => {
    refused(
      ['renovation', 'pass', A, '--name', '王强', '--id-number', ID, '--trade', '电工'],
      'S005',
      /王强 is a electrician: special work needs a certificate/,
    );
    refused(['renovation', 'pass', A, '--name', '王强', '--id-number', '110101199003071234'], 'S005', /ID number of 王强 is not valid/);
    expect(show(A).passes).toEqual([]);
    expect(s.run(['renovation', 'pass', A, '--name', '王强', '--id-number', ID, '--trade', '电工', '--certificate', 'T1101'], { as: 'S005' }).code).toBe(0);
    const j = show(A);
    expect(j.passes).toEqual([
      expect.objectContaining({ name: '王强', trade: 'electrician', id_number: '110101********' + ID.slice(-4), expires: '2027-01-20', expired: false }),
    ]);
    expect(s.run(['renovation', 'show', A, '--json', '--reveal'], { as: 'S003' }).json().passes[0].id_number).toBe(ID);
  });

  it('extinguishers: at least ⌈89.5 ÷ 50⌉ = 2', () => {
    refused(['renovation', 'extinguishers', A, '--count', '1'], 'S005', /1 extinguishers are too few: 89.5 m² needs at least 2/);
    expect(show(A).extinguishers).toBeNull();
    expect(s.run(['renovation', 'extinguishers', A, '--count', '2'], { as: 'S005' }).code).toBe(0);
    expect(show(A).extinguishers).toBe(2);
  });

  it('a serious violation stops the work; the notice is overdue after 3 days; rectified resumes', () => {
    const r = s.run(['renovation', 'inspect', A, '违章', '--serious', '--note', '拆改承重墙', '--json'], { as: 'S005' });
    expect(r.code, r.stderr).toBe(0);
    const j = r.json();
    expect(j.status).toBe('stopped');
    expect(j.notices).toEqual([
      {
        id: 'RV20261123-001',
        serious: true,
        note: '拆改承重墙',
        issued_at: NOW,
        issued_by: 'S005',
        due_at: '2026-11-26T10:00:00+08:00',
        rectified_at: null,
        rectified_by: null,
        rectify_note: null,
      },
    ]);
    refused(['renovation', 'complete', A], 'S005', /is stopped; it cannot be completed/);
    expect(overdue('2026-11-26T09:00:00+08:00').filter((i) => i.what === 'notice' && i.due_at < '2026-11-26T09')).toEqual([]);
    expect(overdue('2026-11-26T11:00:00+08:00')).toContainEqual(
      expect.objectContaining({ id: 'RV20261123-001', what: 'notice', due_at: '2026-11-26T10:00:00+08:00' }),
    );
    const f = s.run(['renovation', 'rectified', 'RV20261123-001', '--note', '已恢复', '--at', '2026-11-25 16:00'], {
      as: 'S005',
      now: '2026-11-25T17:00:00+08:00',
    });
    expect(f.code, f.stderr).toBe(0);
    expect(f.stdout).toMatch(/no open notice; work resumes/);
    expect(show(A).status).toBe('approved');
  });

  it('no acceptance while a notice is open; joint acceptance with cs; refund rules', () => {
    const t = { now: '2026-11-27T10:00:00+08:00' };
    expect(s.run(['renovation', 'inspect', A, 'violation', '--note', '阳台堆放易燃物品', '--due', '1d'], { as: 'S005', ...t }).code).toBe(0);
    expect(show(A).status).toBe('approved');
    refused(['renovation', 'refund', A], 'S002', /is approved; no refund before acceptance/, t.now);
    expect(s.run(['renovation', 'complete', A], { as: 'S005', ...t }).code).toBe(0);
    refused(['renovation', 'accept', A, 'pass', '--note', '验收合格', '--with', 'S006'], 'E002', /has 1 open notice\(s\); no acceptance/, t.now);
    // completed Friday 10:00: 3 working days → Wednesday 23:59:59
    const due = overdue('2026-12-03T00:00:01+08:00').find((i) => i.what === 'reno_acceptance');
    expect(due).toMatchObject({ id: A, due_at: '2026-12-02T23:59:59+08:00' });
    // (due soon shows 2 h ahead)
    expect(overdue('2026-12-02T21:00:00+08:00').find((i) => i.what === 'reno_acceptance' && i.id === A)).toBeUndefined();
    expect(s.run(['renovation', 'rectified', 'RV20261127-001', '--note', '已清理'], { as: 'S005', ...t }).code).toBe(0);
    refused(['renovation', 'accept', A, 'pass', '--note', '验收合格', '--with', 'S006'], 'S005', /S005 may not accept a renovation/, t.now);
    refused(['renovation', 'accept', A, 'pass', '--note', '验收合格', '--with', 'E003'], 'E002', /E003 is not customer service/, t.now);
    const r = s.run(['renovation', 'accept', A, '合格', '--note', '验收合格', '--with', 'S006', '--json'], { as: 'E002', ...t });
    expect(r.code, r.stderr).toBe(0);
    expect(r.json()).toMatchObject({ status: 'accepted', accepted_with: 'S006', accept_result: 'pass' });
    const docs = JSON.stringify(s.run(['archive', 'show', '1-1-101', '--json']).json());
    expect(docs).toMatch(/装修验收记录/);
    // deposit: 30 days after acceptance
    expect(overdue('2026-12-27T10:00:01+08:00')).toContainEqual(expect.objectContaining({ id: A, what: 'deposit', due_at: '2026-12-27T10:00:00+08:00' }));
    refused(['renovation', 'refund', A, '--deduct', '5000', '--reason', '损坏'], 'S002', /deduction 5000 yuan is more than the deposit 3000.5 yuan/, t.now);
    refused(['renovation', 'refund', A, '--deduct', '100'], 'S002', /needs a reason/, t.now);
    refused(['renovation', 'refund', A], 'S005', /S005 may not refund a deposit/, t.now);
    const bad = s.run(['renovation', 'refund', A, '--deduct', 'abc'], { as: 'S002', ...t });
    expect(bad.code).toBe(2);
    expect(show(A, t.now).status).toBe('accepted');
    const ok = s.run(['renovation', 'refund', A, '--deduct', '200', '--reason', '损坏公共墙面', '--json'], { as: 'S002', ...t });
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.json()).toMatchObject({ status: 'closed', deposit_yuan: 3000.5, deduct_yuan: 200, refund_yuan: 2800.5 });
    refused(['renovation', 'refund', A], 'S002', /already settled/, t.now);
  });

  it('a site not inspected for 7 days, a permit past its end, passes expire with it', () => {
    const r = s.run(
      [
        'renovation',
        'apply',
        '1-1-102',
        '--contractor',
        '美家装饰',
        '--contractor-phone',
        '13787654321',
        '--scope',
        '刷墙',
        '--start',
        '2026-11-23',
        '--end',
        '2026-11-25',
        '--json',
      ],
      { as: 'S005' },
    );
    expect(r.json().id).toBe(B);
    expect(s.run(['renovation', 'review', B, 'ok', '--note', '可以'], { as: 'E002' }).code).toBe(0);
    expect(s.run(['renovation', 'approve', B, '--json'], { as: 'S002' }).json().status).toBe('approved');
    // permit end: 2026-11-25 23:59:59; inspection: approved 11-23 10:00 + 7 days
    expect(overdue('2026-11-25T21:00:00+08:00').filter((i) => i.id === B)).toEqual([]);
    const at26 = overdue('2026-11-26T08:00:00+08:00').filter((i) => i.id === B);
    expect(at26).toEqual([expect.objectContaining({ what: 'permit_end', due_at: '2026-11-25T23:59:59+08:00' })]);
    const at30 = overdue('2026-11-30T10:00:01+08:00')
      .filter((i) => i.id === B)
      .map((i) => i.what)
      .sort();
    expect(at30).toEqual(['inspection', 'permit_end']);
    refused(
      ['renovation', 'pass', B, '--name', '李四', '--id-number', ID],
      'S005',
      /permit of RN20261123-002 ended on 2026-11-25; no new pass/,
      '2026-11-26T08:00:00+08:00',
    );
    // units under renovation (the units patrol reads them)
    const zh = s.run(['renovation', 'list', '--status', '施工中', '--json']).json();
    expect(zh.map((x: { unit: string }) => x.unit)).toEqual(['1-1-102']);
  });

  it('printable notice and permit (A4 HTML, three signature lines), violation rate in the report', () => {
    const out = join(s.dir, 'notice.html');
    const r = s.run(['--lang', 'zh', 'renovation', 'notice', 'RV20261123-001', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(html).toMatch(/装修违章整改通知书/);
    expect(html).toMatch(/size: A4/);
    for (const w of ['业主/住户签字', '施工负责人签字', '管理处（经办人）签字']) expect(html).toContain(w);
    const permit = join(s.dir, 'permit.html');
    expect(s.run(['renovation', 'permit', B, '--out', permit]).code).toBe(0);
    expect(existsSync(permit) && readFileSync(permit, 'utf8')).toMatch(/Renovation permit/);
    const rep = s.run(['report', 'weekly', '--week', '2026-W48', '--json'], { now: '2026-11-30T10:00:00+08:00' }).json();
    expect(rep.rates.renovation_violation_rate).toMatchObject({ value: 0.5, target: 0.1, met: false, numerator: 1, denominator: 2, comparison: '<=' });
    expect(rep.renovation.metrics).toMatchObject({ reno_active_sites: 2, reno_sites_with_violation: 1, reno_notices_issued: 2 });
  });
});
