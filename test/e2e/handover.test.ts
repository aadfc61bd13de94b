import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { makeSite, type Site } from './helpers.js';

// ---------------------------------------------------------------------------
// TEST-ONLY SETUP HELPERS. Carried items come from other modules; these put
// rows straight into the test site's database so the handover commands have
// something to carry. Complaints are in the schema already; the loan and
// action tables are created here ONLY when their module has not (same columns
// as the contract in src/app/*/carry.ts), so the tests run before and after
// the modules are merged.
// ---------------------------------------------------------------------------
function testDb(site: Site): Database.Database {
  return new Database(join(site.data, 'pmctl.db'));
}

function testOnlyInsertComplaint(site: Site, c: { id: string; status?: string; subject: string; received: string; heard?: string; unit?: string }): void {
  const db = testDb(site);
  const ms = (s: string) => Date.parse(s.replace(' ', 'T') + ':00+08:00');
  db.prepare(
    `INSERT INTO complaints(id, kind, status, severity, category, channel, unit, name, phone, subject, received_at, heard_at, created_at, updated_at)
     VALUES (?, 'complaint', ?, 'general', 'repair', 'phone', ?, '王伟', '13800138000', ?, ?, ?, ?, ?)`,
  ).run(c.id, c.status ?? 'received', c.unit ?? '1-1-101', c.subject, ms(c.received), c.heard ? ms(c.heard) : null, ms(c.received), ms(c.received));
  db.close();
}

/** A key loan, an archive loan and a meeting action through the real commands. */
function setupLoansAndAction(site: Site, lentAt: number): { key: string; keyReturned: string; archive: string; action: string } {
  const ok = (args: string[], as: string, now: string) => {
    const r = site.run([...args, '--json'], { as, now });
    if (r.code !== 0) throw new Error(args.join(' ') + ': ' + r.stderr);
    return r.json();
  };
  ok(['key', 'add', 'B2 配电房', '--kind', 'facility', '--holder-dept', 'engineering'], 'S005', '2026-11-23 09:00');
  ok(['key', 'add', 'B1 水泵房', '--kind', 'facility', '--holder-dept', 'engineering'], 'S005', '2026-11-23 09:00');
  const key = ok(['key', 'lend', 'B2 配电房', '--to', 'E003', '--purpose', '检修', '--due', '11:00', '--approved-by', 'E002'], 'S005', '2026-11-23 10:00').loan
    .id;
  const keyReturned = ok(
    ['key', 'lend', 'B1 水泵房', '--to', 'E004', '--purpose', '巡检', '--due', '11:00', '--approved-by', 'E002'],
    'S005',
    '2026-11-23 10:00',
  ).loan.id;
  ok(['key', 'return', 'B1 水泵房'], 'S005', '2026-11-23 10:01');
  const m = ok(
    ['meeting', 'schedule', '--type', 'special', '--at', '2026-11-23 10:00', '--short-notice', '漏水处置', '--attendees', 'S005,S006'],
    'S003',
    '2026-11-23 09:00',
  );
  const action = ok(['meeting', 'action', 'add', m.id, '--owner', 'S006', '--due', '2026-11-24 10:00', '整理投诉台账'], 'S003', '2026-11-23 10:30').id;
  ok(['archive', 'open', '1-1-102', '--type', 'owner'], 'S005', '2026-11-23 09:00');
  ok(['archive', 'add', '1-1-102', '--doc', 'owner_register'], 'S005', '2026-11-23 09:00');
  const archive = ok(['archive', 'lend', '1-1-102', '--to', 'S007', '--purpose', '核对', '--due', '1d'], 'S003', '2026-11-23 10:00').id;
  void lentAt;
  return { key, keyReturned, archive, action };
}
// ---------------------------------------------------------------------------

const CHECKLIST = ['duty_log', 'keys', 'radio_phone', 'cctv', 'pending', 'patrol', 'desk'];

describe('handover: acknowledgement, giver = taker, refusal, review', () => {
  let site: Site;
  let carried: { key: string; keyReturned: string; archive: string; action: string };
  let h1 = '';
  let h2 = '';
  let h3 = '';
  beforeAll(() => {
    site = makeSite({ roster: true, now: '2026-11-23 17:40' });
    testOnlyInsertComplaint(site, { id: 'C20261123-001', subject: '楼道漏水', received: '2026-11-23 09:10' });
    testOnlyInsertComplaint(site, { id: 'C20261123-002', subject: '噪音', received: '2026-11-23 09:30', status: 'closed' });
    carried = setupLoansAndAction(site, Date.parse('2026-11-23T10:00:00+08:00'));
  });
  afterAll(() => site.cleanup());

  it('refuses giver = taker (exit 4) and writes nothing', () => {
    const r = site.run(['handover', 'start', '--to', 'S005'], { as: 'S005', now: '2026-11-23 17:50' });
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/same person/);
    expect(site.run(['handover', 'list', '--json']).json()).toEqual([]);
  });

  it('start carries every open complaint, key loan, archive loan and action item under its own id', () => {
    const r = site.run(['handover', 'start', '--shift', 'day', '--to', 'S006', '--json'], { as: 'S005', now: '2026-11-23 17:50' });
    expect(r.code).toBe(0);
    const h = r.json();
    h1 = h.id;
    expect(h1).toBe('H20261123-001');
    expect(h).toMatchObject({ shift: 'day', shift_date: '2026-11-23', from: 'S005', to: 'S006', status: 'pending', with: null });
    expect(h.checklist.map((c: any) => c.item)).toEqual(CHECKLIST);
    const ids = h.carried.map((c: any) => c.id);
    expect(ids).toEqual(expect.arrayContaining(['C20261123-001', carried.key, carried.archive, carried.action]));
    expect(ids).not.toContain('C20261123-002'); // closed
    expect(ids).not.toContain(carried.keyReturned); // returned
    expect(h.carried.find((c: any) => c.id === carried.key)).toMatchObject({ kind: 'key_loan', due_at: '2026-11-23T11:00:00+08:00' });
    expect(h.unacknowledged).toHaveLength(CHECKLIST.length + 4);
  });

  it('a second handover of the same shift while one waits is refused', () => {
    const r = site.run(['handover', 'start', '--shift', 'day', '--to', 'S007'], { as: 'S005', now: '2026-11-23 17:51' });
    expect(r.code).toBe(4);
    expect(r.stderr).toContain(h1);
  });

  it('accept is refused while any line is unacknowledged, naming them', () => {
    const r = site.run(['handover', 'accept', h1], { as: 'S006', now: '2026-11-23 17:55' });
    expect(r.code).toBe(4);
    expect(r.stderr).toContain('C20261123-001');
    expect(r.stderr).toContain('duty_log');
  });

  it('the giver ticks the checklist; × needs a remark; carried items are the taker’s', () => {
    expect(site.run(['handover', 'check', h1, 'radio_phone', 'fail'], { as: 'S005' }).code).toBe(2);
    expect(site.run(['handover', 'check', h1, 'keys', 'maybe'], { as: 'S005' }).code).toBe(2);
    const g = site.run(['handover', 'check', h1, 'C20261123-001', 'ok'], { as: 'S005', now: '2026-11-23 17:52' });
    expect(g.code).toBe(4);
    expect(g.stderr).toMatch(/taker S006/);
    expect(site.run(['handover', 'check', h1, 'duty_log', 'ok'], { as: 'S007' }).code).toBe(4); // not a party
    expect(site.run(['handover', 'check', h1, 'no_such_item', 'ok'], { as: 'S005' }).code).toBe(3);
    expect(site.run(['handover', 'check', 'H20990101-001', 'keys', 'ok'], { as: 'S005' }).code).toBe(3);
    const ok = CHECKLIST.filter((c) => c !== 'radio_phone');
    expect(site.run(['handover', 'check', h1, ...ok, 'ok'], { as: 'S005', now: '2026-11-23 17:52' }).code).toBe(0);
    const f = site.run(['handover', 'check', h1, 'radio_phone', 'fail', '--note', '2号对讲机没电', '--json'], { as: 'S005', now: '2026-11-23 17:53' });
    expect(f.code).toBe(0);
    expect(f.json().checklist.find((c: any) => c.item === 'radio_phone')).toMatchObject({ result: 'fail', note: '2号对讲机没电', checked_by: 'S005' });
    expect(site.run(['handover', 'note', h1, '3号楼电梯维保，已通知工程部'], { as: 'S005', now: '2026-11-23 17:54' }).code).toBe(0);
    expect(site.run(['handover', 'note', h1, '接班人不能写日记'], { as: 'S006' }).code).toBe(4);
  });

  it('acknowledged one by one: still refused with one carried item left, then accepted by the taker only', () => {
    const r1 = site.run(['handover', 'check', h1, 'c20261123-001', carried.key, carried.archive, 'ok'], { as: 'S006', now: '2026-11-23 17:56' });
    expect(r1.code).toBe(0);
    const a1 = site.run(['handover', 'accept', h1], { as: 'S006', now: '2026-11-23 17:57' });
    expect(a1.code).toBe(4);
    expect(a1.stderr).toContain(carried.action);
    expect(a1.stderr).not.toContain('C20261123-001');
    expect(site.run(['handover', 'check', h1, carried.action, 'ok'], { as: 'S006', now: '2026-11-23 17:58' }).code).toBe(0);
    expect(site.run(['handover', 'accept', h1], { as: 'S007', now: '2026-11-23 17:59' }).code).toBe(4); // not the taker
    const a2 = site.run(['handover', 'accept', h1, '--json'], { as: 'S006', now: '2026-11-23 18:01' });
    expect(a2.code).toBe(0);
    expect(a2.json()).toMatchObject({ status: 'accepted', accepted_at: '2026-11-23T18:01:00+08:00', unacknowledged: [] });
    // closed: no more changes
    expect(site.run(['handover', 'check', h1, 'keys', 'ok'], { as: 'S005', now: '2026-11-23 18:02' }).code).toBe(4);
    expect(site.run(['handover', 'start', '--shift', 'day', '--to', 'S007'], { as: 'S005', now: '2026-11-23 18:03' }).code).toBe(4);
  });

  it('show prints the paper form: √/×, diary, carried items, signatures with times; --format md for printing', () => {
    const t = site.run(['handover', 'show', h1, '--lang', 'zh'], { now: '2026-11-23 18:05' });
    expect(t.code).toBe(0);
    expect(t.stdout).toContain('交接班记录');
    expect(t.stdout).toMatch(/√ duty_log\s+值班记录/);
    expect(t.stdout).toMatch(/× radio_phone\s+对讲机\/电话\s+— 2号对讲机没电/);
    expect(t.stdout).toContain('3号楼电梯维保，已通知工程部');
    expect(t.stdout).toMatch(/√ C20261123-001\s+1-1-101 楼道漏水/);
    expect(t.stdout).toContain('交班人: S005 张丽  2026-11-23 17:50');
    expect(t.stdout).toContain('接班人: S006 刘芳  2026-11-23 18:01');
    expect(t.stdout).toContain('领班审阅: （未审阅）');
    const md = site.run(['handover', 'show', h1, '--format', 'md']);
    expect(md.code).toBe(0);
    expect(md.stdout).toMatch(/^## .*Shift handover record/m);
    expect(md.stdout).toMatch(/\| × \| radio_phone \| radios and phones \| 2号对讲机没电 \|/);
    expect(md.stdout).toMatch(/\| Taker \| S006 刘芳  2026-11-23 18:01 \|/);
  });

  it('--json is for scripts: codes, not words, whatever --lang says (the standard items have no label of their own)', () => {
    const zh = site.run(['handover', 'show', h1, '--json', '--lang', 'zh'], { now: '2026-11-23 18:05' });
    const en = site.run(['handover', 'show', h1, '--json', '--lang', 'en'], { now: '2026-11-23 18:05' });
    expect(zh.code).toBe(0);
    expect(zh.stdout).toBe(en.stdout);
    expect(zh.json().checklist.find((c: any) => c.item === 'duty_log')).toMatchObject({ item: 'duty_log', label: null, result: 'ok' });
    const list = site.run(['handover', 'checklist', '--json', '--lang', 'zh']);
    expect(list.stdout).toBe(site.run(['handover', 'checklist', '--json', '--lang', 'en']).stdout);
    expect(list.json()).toContainEqual({ code: 'duty_log', label: null });
    // the words are in the tables
    expect(site.run(['handover', 'checklist', '--lang', 'zh']).stdout).toContain('值班记录');
  });

  it('refuse needs a reason and the taker; it records the reason and lands on the overdue list', () => {
    const s = site.run(['handover', 'start', '--shift', 'night', '--to', 'S007', '--json'], { as: 'S006', now: '2026-11-24 07:55' });
    expect(s.code).toBe(0);
    h2 = s.json().id;
    expect(s.json()).toMatchObject({ shift: 'night', shift_date: '2026-11-23' });
    expect(site.run(['handover', 'request', h2, '业主要求上午派人修门禁', '--unit', '1-1-102'], { as: 'S006', now: '2026-11-24 07:56' }).code).toBe(0);
    expect(site.run(['handover', 'refuse', h2], { as: 'S007', now: '2026-11-24 08:00' }).code).toBe(2);
    expect(site.run(['handover', 'refuse', h2, '--reason', 'x'], { as: 'S006', now: '2026-11-24 08:00' }).code).toBe(4);
    const r = site.run(['handover', 'refuse', h2, '--reason', '车库报警原因说不清', '--json'], { as: 'S007', now: '2026-11-24 08:02' });
    expect(r.code).toBe(0);
    expect(r.json()).toMatchObject({ status: 'refused', refused_at: '2026-11-24T08:02:00+08:00', refuse_reason: '车库报警原因说不清' });
    const o = site.run(['overdue', '--json', '--module', 'handover'], { now: '2026-11-24 08:10' }).json();
    expect(o).toContainEqual(expect.objectContaining({ module: 'handover', id: h2, what: 'refused', due_at: '2026-11-24T08:02:00+08:00' }));
    expect(site.run(['overdue', '--check'], { now: '2026-11-24 08:10' }).code).toBe(6);
    expect(site.run(['handover', 'accept', h2], { as: 'S007', now: '2026-11-24 08:11' }).code).toBe(4);
  });

  it('review: supervisor only, not while a handover waits, once per day; it clears the refusal', () => {
    const s = site.run(['handover', 'start', '--shift', 'night', '--to', 'S007', '--json'], { as: 'S006', now: '2026-11-24 08:20' });
    expect(s.code).toBe(0);
    h3 = s.json().id;
    // the request written on the refused form comes along to the new one
    expect(s.json().carried).toContainEqual(expect.objectContaining({ kind: 'request', id: 'R1', label: '1-1-102 业主要求上午派人修门禁' }));
    expect(site.run(['handover', 'review', '2026-11-23'], { as: 'S003', now: '2026-11-24 08:30' }).code).toBe(4); // h3 waits
    const items = s.json().checklist.map((c: any) => c.item);
    expect(site.run(['handover', 'check', h3, ...items, 'ok'], { as: 'S006', now: '2026-11-24 08:21' }).code).toBe(0);
    const rest = s.json().carried.map((c: any) => c.id);
    expect(site.run(['handover', 'check', h3, ...rest, 'ok'], { as: 'S007', now: '2026-11-24 08:22' }).code).toBe(0);
    expect(site.run(['handover', 'accept', h3], { as: 'S007', now: '2026-11-24 08:23' }).code).toBe(0);
    const before = site.run(['overdue', '--json', '--module', 'handover'], { now: '2026-11-24 09:00' }).json();
    expect(before.map((i: any) => i.what)).toEqual(['refused']);

    expect(site.run(['handover', 'review', '2026-11-24'], { as: 'S003', now: '2026-11-24 09:00' }).code).toBe(4); // day not over
    expect(site.run(['handover', 'review', '2026-11-23'], { as: 'S005', now: '2026-11-24 09:00' }).code).toBe(4); // clerk
    const r = site.run(['handover', 'review', '2026-11-23', '--note', '拒绝接班已处理', '--json'], { as: 'S003', now: '2026-11-24 09:00' });
    expect(r.code).toBe(0);
    expect(r.json()).toMatchObject({ date: '2026-11-23', reviewed_by: 'S003', reviewed_at: '2026-11-24T09:00:00+08:00', missing_shifts: [] });
    expect(r.json().handovers.map((x: any) => [x.id, x.status])).toEqual([
      [h1, 'accepted'],
      [h2, 'refused'],
      [h3, 'accepted'],
    ]);
    expect(site.run(['handover', 'review', '2026-11-23'], { as: 'S004', now: '2026-11-24 09:05' }).code).toBe(4); // already
    expect(site.run(['overdue', '--json', '--module', 'handover'], { now: '2026-11-24 09:10' }).json()).toEqual([]);
    expect(site.run(['handover', 'show', h1]).stdout).toContain('Reviewed by: S003 李婷  2026-11-24 09:00');
  });

  it('list filters by status and writes an audit trail', () => {
    const l = site.run(['handover', 'list', '--status', 'refused', '--json']).json();
    expect(l.map((x: any) => x.id)).toEqual([h2]);
    expect(site.run(['handover', 'list', '--status', 'bogus']).code).toBe(2);
    const log = site.run(['log', '--entity', h1, '--json']).json();
    expect(log.map((e: any) => e.action)).toEqual(expect.arrayContaining(['handover.start', 'handover.check', 'handover.note', 'handover.accept']));
  });
});

describe('handover with security at 08:00 and 18:00', () => {
  let site: Site;
  beforeAll(() => {
    site = makeSite({ roster: true, now: '2026-11-23 07:50' });
    testOnlyInsertComplaint(site, { id: 'C20261122-001', subject: '白天报修水管', received: '2026-11-22 15:00' });
    testOnlyInsertComplaint(site, { id: 'C20261122-002', subject: '夜间楼上噪音', received: '2026-11-22 21:30' });
    testOnlyInsertComplaint(site, { id: 'C20261123-001', subject: '车库道闸故障', received: '2026-11-23 01:10', status: 'closed' });
    testOnlyInsertComplaint(site, { id: 'C20261121-001', subject: '旧的已结投诉', received: '2026-11-21 20:00', status: 'closed' });
  });
  afterAll(() => site.cleanup());

  it('a guard may hand over only with --with security, and one side must be security', () => {
    const r = site.run(['handover', 'start', '--to', 'S005'], { as: 'B002', now: '2026-11-23 07:55' });
    expect(r.code).toBe(4);
    expect(r.stderr).toContain('--with security');
    expect(site.run(['handover', 'start', '--with', 'security', '--to', 'S006'], { as: 'S005', now: '2026-11-23 07:55' }).code).toBe(4);
    expect(site.run(['handover', 'start', '--with', 'cleaning', '--to', 'S006'], { as: 'S005', now: '2026-11-23 07:55' }).code).toBe(2);
  });

  it('08:00: the night’s complaints and requests are listed as after hours, to be acknowledged by the desk', () => {
    const r = site.run(['handover', 'start', '--with', 'security', '--to', 'S005', '--json'], { as: 'B002', now: '2026-11-23 07:55' });
    expect(r.code).toBe(0);
    const h = r.json();
    expect(h).toMatchObject({ shift: 'night', shift_date: '2026-11-22', with: 'security', from: 'B002', to: 'S005' });
    const byId = Object.fromEntries(h.carried.map((c: any) => [c.id, c]));
    expect(byId['C20261122-002']).toMatchObject({ kind: 'complaint', after_hours: true });
    expect(byId['C20261123-001']).toMatchObject({ kind: 'complaint', after_hours: true }); // closed overnight, still reported
    expect(byId['C20261122-001']).toMatchObject({ after_hours: false }); // open from the day: carried as usual
    expect(byId['C20261121-001']).toBeUndefined();
    const q = site.run(['handover', 'request', h.id, '业主要求明早派水电工', '--unit', '1-1-102', '--json'], { as: 'B002', now: '2026-11-23 07:56' });
    expect(q.code).toBe(0);
    expect(q.json().carried.find((c: any) => c.id === 'R1')).toMatchObject({
      kind: 'request',
      label: '1-1-102 业主要求明早派水电工',
      after_hours: true,
      result: null,
    });
    expect(site.run(['handover', 'request', h.id, 'x', '--unit', '9-9-999'], { as: 'B002' }).code).toBe(3);

    const zh = site.run(['handover', 'show', h.id, '--lang', 'zh']);
    expect(zh.stdout).toContain('与保安监控室交接');
    expect(zh.stdout).toMatch(/□ C20261122-002\s+1-1-101 夜间楼上噪音 · received \[下班后\]/);
    expect(zh.stdout).toMatch(/□ R1\s+1-1-102 业主要求明早派水电工 \[下班后\]/);

    expect(site.run(['handover', 'check', h.id, ...CHECKLIST, 'ok'], { as: 'B002', now: '2026-11-23 07:58' }).code).toBe(0);
    expect(site.run(['handover', 'check', h.id, 'C20261122-001', 'C20261122-002', 'C20261123-001', 'ok'], { as: 'S005', now: '2026-11-23 08:00' }).code).toBe(
      0,
    );
    expect(site.run(['handover', 'accept', h.id], { as: 'S005', now: '2026-11-23 08:01' }).code).toBe(4); // R1 open
    expect(site.run(['handover', 'check', h.id, 'r1', 'ok'], { as: 'S005', now: '2026-11-23 08:02' }).code).toBe(0);
    expect(site.run(['handover', 'accept', h.id], { as: 'S005', now: '2026-11-23 08:03' }).code).toBe(0);
  });

  it('18:00: the desk hands its open items to the monitoring room; nothing is after hours yet', () => {
    const r = site.run(['handover', 'start', '--with', 'security', '--to', 'B003', '--json'], { as: 'S005', now: '2026-11-23 18:00' });
    expect(r.code).toBe(0);
    const h = r.json();
    expect(h).toMatchObject({ shift: 'day', shift_date: '2026-11-23', with: 'security' });
    expect(h.carried.map((c: any) => c.id).sort()).toEqual(['C20261122-001', 'C20261122-002']);
    expect(h.carried.every((c: any) => c.after_hours === false)).toBe(true);
    expect(site.run(['handover', 'check', h.id, ...CHECKLIST, 'ok'], { as: 'S005', now: '2026-11-23 18:01' }).code).toBe(0);
    expect(site.run(['handover', 'check', h.id, 'C20261122-001', 'C20261122-002', 'ok'], { as: 'B003', now: '2026-11-23 18:02' }).code).toBe(0);
    const a = site.run(['handover', 'accept', h.id, '--json'], { as: 'B003', now: '2026-11-23 18:03' });
    expect(a.code).toBe(0);
    expect(a.json().status).toBe('accepted');
  });
});

describe('handover overdue items', () => {
  let site: Site;
  beforeAll(() => {
    site = makeSite({ roster: true, now: '2026-11-23 10:00' });
  });
  afterAll(() => site.cleanup());

  const overdue = (now: string) => site.run(['overdue', '--json', '--module', 'handover'], { now }).json() as any[];

  it('a fresh site without handovers is not flooded with missed shifts', () => {
    expect(overdue('2026-11-23 10:00')).toEqual([]);
  });

  it('acceptance: due 30 minutes after the start, overdue after', () => {
    const r = site.run(['handover', 'start', '--shift', 'day', '--to', 'S006', '--at', '2026-11-23 17:55', '--json'], { as: 'S005', now: '2026-11-23 18:00' });
    expect(r.code).toBe(0);
    const id = r.json().id;
    const soon = overdue('2026-11-23 18:20').find((i) => i.what === 'acceptance');
    expect(soon).toMatchObject({ id, due_at: '2026-11-23T18:25:00+08:00' });
    expect(soon.overdue_minutes).toBeLessThan(0);
    expect(overdue('2026-11-23 18:40').find((i) => i.what === 'acceptance')).toMatchObject({ id, overdue_minutes: 15 });
    // the taker finally signs: gone
    expect(site.run(['handover', 'check', id, ...CHECKLIST, 'ok'], { as: 'S006', now: '2026-11-23 18:41' }).code).toBe(0);
    expect(site.run(['handover', 'accept', id], { as: 'S006', now: '2026-11-23 18:42' }).code).toBe(0);
    expect(overdue('2026-11-23 18:45').filter((i) => i.what === 'acceptance')).toEqual([]);
  });

  it('an --at in the future is refused', () => {
    expect(site.run(['handover', 'start', '--shift', 'night', '--to', 'S007', '--at', '2026-11-24 09:00'], { as: 'S006', now: '2026-11-24 08:00' }).code).toBe(
      2,
    );
  });

  it('no_handover: the night shift that ended with no accepted handover, 30 min after its end', () => {
    expect(overdue('2026-11-24 08:20').find((i) => i.what === 'no_handover')).toMatchObject({ id: '2026-11-23/night', due_at: '2026-11-24T08:30:00+08:00' });
    const late = overdue('2026-11-24 08:45').filter((i) => i.what === 'no_handover');
    // The night of 11-22 ended before the first handover was ever recorded: not listed.
    expect(late).toEqual([expect.objectContaining({ id: '2026-11-23/night', overdue_minutes: 15 })]);
    expect(site.run(['overdue', '--check'], { now: '2026-11-24 08:45' }).code).toBe(6);
  });

  it('review: a day with handovers not reviewed by the end of the next working day', () => {
    const at = (now: string) => overdue(now).filter((i) => i.what === 'review');
    expect(at('2026-11-24 12:00')).toEqual([]);
    expect(at('2026-11-25 00:01')).toEqual([expect.objectContaining({ id: '2026-11-23', due_at: '2026-11-24T23:59:59+08:00', overdue_minutes: 1 })]);
  });

  it('a supervisor’s review of the day acknowledges the missed shift and clears both', () => {
    const r = site.run(['handover', 'review', '2026-11-23', '--note', '夜班未交接，已批评教育', '--json'], { as: 'S004', now: '2026-11-25 09:00' });
    expect(r.code).toBe(0);
    expect(r.json().missing_shifts).toEqual(['night']);
    expect(overdue('2026-11-25 09:01').filter((i) => i.id.startsWith('2026-11-23'))).toEqual([]);
  });
});

describe('handover settings: checklist items and shifts', () => {
  let site: Site;
  beforeAll(() => {
    site = makeSite({ roster: true, now: '2026-11-23 19:50' });
  });
  afterAll(() => site.cleanup());

  it('a supervisor adds a checklist item and a desk shift 08:00–20:00; new handovers use them', () => {
    expect(site.run(['handover', 'checklist', 'add', 'fire_exit', '--label', '消防通道畅通'], { as: 'S005' }).code).toBe(4);
    const c = site.run(['handover', 'checklist', 'add', 'fire_exit', '--label', '消防通道畅通', '--json'], { as: 'S003' });
    expect(c.code).toBe(0);
    expect(c.json().map((x: any) => x.code)).toEqual([...CHECKLIST, 'fire_exit']);
    expect(site.run(['handover', 'checklist', 'remove', 'desk'], { as: 'S003' }).code).toBe(0);
    expect(site.run(['handover', 'shift', 'set', 'desk', '8:00', '20:00'], { as: 'S003' }).code).toBe(0);
    expect(site.run(['handover', 'shift', 'set', 'desk', '8:00', '25:00'], { as: 'S003' }).code).toBe(2);
    const shifts = site.run(['handover', 'shift', 'list', '--json']).json();
    expect(shifts).toContainEqual({ code: 'desk', start: '08:00', end: '20:00' });
    const h = site.run(['handover', 'start', '--shift', 'desk', '--to', 'S006', '--json'], { as: 'S005' });
    expect(h.code).toBe(0);
    expect(h.json()).toMatchObject({ shift: 'desk', shift_date: '2026-11-23' });
    const items = h.json().checklist.map((x: any) => [x.item, x.label]);
    expect(items).toContainEqual(['fire_exit', '消防通道畅通']);
    expect(items.map((x: any) => x[0])).not.toContain('desk');
    expect(site.run(['handover', 'start', '--shift', 'evening', '--to', 'S006'], { as: 'S005' }).code).toBe(2);
  });
});
