// The Chinese desk (SPEC §1 v2) through bin/pmctl: Chinese words for every
// kind of choice, complete --json lists, reads without an actor, the site's
// language, --out by extension, overdue order, and 80-column tables under a
// real pseudo-terminal.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BIN, makeSite, pmctl } from './helpers.js';

const NOW = '2026-12-06T14:00:00+08:00';
const zh = { PMCTL_LANG: 'zh' };

describe('the Chinese desk on the demo site', () => {
  const site = makeSite({ now: NOW });
  beforeAll(() => {
    const r = site.run(['demo', '--json']);
    if (r.code !== 0) throw new Error(r.stderr);
  });
  afterAll(() => site.cleanup());
  const run = (args: string[], as?: string, env: Record<string, string> = zh) => site.run(args, { as, env });

  it('accepts the Chinese words pmctl prints, for every kind of choice', () => {
    const c = run(
      [
        'complaint',
        'new',
        '--unit',
        '1-1-601',
        '--name',
        '汤英华',
        '--phone',
        '13800138000',
        '--subject',
        '水管漏水',
        '--category',
        '维修',
        '--channel',
        '电话',
        '--kind',
        '投诉',
        '--json',
      ],
      'S005',
    );
    expect(c.code, c.stderr).toBe(0);
    const id = c.json().id;
    expect(c.json()).toMatchObject({ category: 'repair', channel: 'phone', kind: 'complaint' });
    const d = run(['complaint', 'dispatch', id, '--dept', '工程', '--handler', 'E002', '--json'], 'S005');
    expect(d.code, d.stderr).toBe(0);
    expect(d.json().dept).toBe('engineering');
    // The timeline is a sentence in Chinese, with people by name: no `dept=engineering`.
    const show = run(['complaint', 'show', id]);
    expect(show.stdout).toContain('派往工程');
    expect(show.stdout).not.toMatch(/dept=|handler=|engineering/);
    expect(run(['complaint', 'list', '--status', '超期', '--json']).code).toBe(0);
    expect(run(['complaint', 'list', '--status', '未结', '--category', '停电', '--json']).code).toBe(0);
    expect(run(['key', 'list', '--status', '在柜', '--kind', '设施设备', '--holder-dept', '工程', '--json']).code).toBe(0);
    const k = run(['key', 'add', 'B3 水泵房', '--kind', '设施设备', '--place', 'B3', '--holder-dept', '工程', '--json'], 'S003');
    expect(k.code, k.stderr).toBe(0);
    expect(k.json()).toMatchObject({ kind: 'facility', holder_dept: 'engineering' });
    const m = run(['meeting', 'schedule', '--type', '周例会', '--at', '2026-12-06 10:00', '--dept', '客服', '--json'], 'S003');
    expect(m.code, m.stderr).toBe(0);
    expect(m.json().type).toBe('weekly');
    const a = run(['meeting', 'attend', m.json().id, 'S006', '迟到', '--json'], 'S003');
    expect(a.code, a.stderr).toBe(0);
    expect(a.json().status).toBe('late');
    expect(run(['calendar', 'set', '2027-01-04', '休', '--json'], 'S003').json().type).toBe('holiday');
    expect(run(['sla', 'set', '答复投诉人', '3wd', '--severity', '重大', '--json'], 'S002').code).toBe(0);
    expect(
      run(['overdue', '--module', '钥匙', '--json'])
        .json()
        .every((i: { module: string }) => i.module === 'key'),
    ).toBe(true);
    expect(run(['unit', 'list', '--occupancy', '出租', '--json']).code).toBe(0);
    expect(
      run(['staff', 'list', '--dept', '工程', '--role', '主管', '--json'])
        .json()
        .map((s: { code: string }) => s.code),
    ).toEqual(['E002']);
  });

  it('an unknown word lists the accepted words in the user language', () => {
    const r = run(['complaint', 'list', '--status', '天气']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('超期（overdue）');
    const en = run(['complaint', 'list', '--status', 'weather'], undefined, { PMCTL_LANG: 'en' });
    expect(en.stderr).toMatch(/open.*overdue.*closed.*all/);
  });

  it('reads a key kind printed as 设施设备 back from a CSV', () => {
    const f = site.file('keys.csv', 'label,kind,unit,holder_dept,copies,place\nB4 配电房,设施设备,,工程,1,B4\n');
    const r = run(['key', 'import', f], 'S003');
    expect(r.code, r.stderr).toBe(0);
    expect(run(['key', 'show', 'B4 配电房', '--json']).json()).toMatchObject({ kind: 'facility', holder_dept: 'engineering' });
  });

  it('--json and --csv lists are complete; a table is one screen with how many more', () => {
    const all = run(['complaint', 'list', '--status', 'all', '--json']).json();
    expect(all.length).toBeGreaterThan(20);
    const csv = run(['complaint', 'list', '--status', 'all', '--csv']).stdout.trim().split('\n');
    expect(csv.length).toBe(all.length + 1);
    // Only a table on a terminal is one screen (SPEC §1 v2); a pipe gets every row.
    const table = run(['complaint', 'list', '--status', 'all'], undefined, { ...zh, PMCTL_ASSUME_TTY: '1' });
    expect(table.stdout).toContain(`还有 ${all.length - 20} 行未显示 — 加 --limit 0 看全部`);
    expect(run(['complaint', 'list', '--status', 'all', '--limit', '0'], undefined, { ...zh, PMCTL_ASSUME_TTY: '1' }).stdout).not.toContain('未显示');
    const piped = run(['complaint', 'list', '--status', 'all']).stdout;
    expect(piped).not.toContain('未显示');
    for (const c of all) expect(piped).toContain(c.id);
  });

  it('reads need no actor: an unknown or deactivated PMCTL_USER only warns', () => {
    for (const user of ['NOBODY', 'S008']) {
      if (user === 'S008') expect(run(['staff', 'deactivate', 'S008'], 'S002').code).toBe(0);
      for (const args of [
        ['overdue', '--json'],
        ['complaint', 'list'],
        ['report', 'weekly', '--json'],
        ['unit', 'show', '1-1-601'],
      ]) {
        const r = site.run(args, { env: { ...zh, PMCTL_USER: user } });
        expect(r.code, `${user} ${args.join(' ')}: ${r.stderr}`).toBe(0);
        expect(r.stderr).toContain(user);
      }
      expect(site.run(['overdue', '--check'], { env: { ...zh, PMCTL_USER: user } }).code).toBe(6);
      // Writing still needs a real, active actor.
      expect(site.run(['complaint', 'note', 'C20261206-001', '打过电话'], { env: { ...zh, PMCTL_USER: user } }).code).not.toBe(0);
    }
  });

  it('overdue: emergency and major first, then by lateness, with a severity column', () => {
    // A live power cut, received half an hour ago and not yet dispatched (the believable demo may have none open).
    const e = run(
      [
        'complaint',
        'new',
        '--unit',
        '2-1-101',
        '--name',
        '汤英华',
        '--phone',
        '13800138000',
        '--subject',
        '整栋楼突然停电',
        '--category',
        '停电',
        '--at',
        '2026-12-06 13:30',
      ],
      'S005',
    );
    expect(e.code, e.stderr).toBe(0);
    const items = run(['overdue', '--json']).json() as { id: string; severity?: string; overdue_minutes: number }[];
    const rank = (s?: string) => (s === 'emergency' ? 2 : s === 'major' ? 1 : 0);
    for (let i = 1; i < items.length; i++) {
      const a = items[i - 1];
      const b = items[i];
      expect(
        rank(a.severity) > rank(b.severity) || (rank(a.severity) === rank(b.severity) && a.overdue_minutes >= b.overdue_minutes),
        `${a.id} before ${b.id}`,
      ).toBe(true);
    }
    expect(items[0].severity).toBe('emergency');
    // An old general item is still listed, below the urgent ones.
    const old = items.findIndex((i) => i.overdue_minutes > 30 * 24 * 60);
    expect(old).toBeGreaterThan(items.findIndex((i) => i.severity === 'emergency'));
    const t = run(['overdue']);
    expect(t.stdout).toContain('级别');
    expect(t.stdout.split('\n').find((l) => l.includes('紧急'))).toBeTruthy();
  });

  it('--out writes the format of its extension; any other extension exits 2', () => {
    const out = (f: string, args = ['complaint', 'list', '--status', 'all']) => run([...args, '--out', join(site.dir, f)]);
    for (const f of ['l.csv', 'l.json', 'l.md', 'l.html', 'l.xlsx']) expect(out(f).code, f).toBe(0);
    const csv = readFileSync(join(site.dir, 'l.csv'), 'utf8');
    expect(csv.startsWith('\uFEFF编号,状态')).toBe(true);
    expect(csv).toContain('已结案');
    expect(JSON.parse(readFileSync(join(site.dir, 'l.json'), 'utf8')).length).toBeGreaterThan(20);
    expect(readFileSync(join(site.dir, 'l.md'), 'utf8')).toContain('| 编号 |');
    expect(readFileSync(join(site.dir, 'l.html'), 'utf8')).toMatch(/<html lang="zh-CN">[\s\S]*<th>编号<\/th>/);
    const x = readFileSync(join(site.dir, 'l.xlsx'));
    expect(x.subarray(0, 2).toString()).toBe('PK');
    const r = out('l.txt');
    expect(r.code).toBe(2);
    expect(existsSync(join(site.dir, 'l.txt'))).toBe(false);
    // A record and a report too.
    expect(out('c.xlsx', ['complaint', 'show', 'C20261206-001']).code).toBe(0);
    expect(out('w.xlsx', ['report', 'weekly']).code).toBe(0);
    expect(readFileSync(join(site.dir, 'w.xlsx')).subarray(0, 2).toString()).toBe('PK');
    expect(out('u.csv', ['unit', 'show', '1-1-601']).code).toBe(0);
  });

  it('the xlsx is a real workbook: header in the user language, frozen, dates as dates', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(site.dir, 'l.xlsx'));
    const ws = wb.worksheets[0];
    expect(ws.getRow(1).getCell(1).value).toBe('编号');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const col = (ws.getRow(1).values as unknown[]).indexOf('受理时间');
    expect(ws.getRow(2).getCell(col).value).toBeInstanceOf(Date);
    expect(ws.getColumn(1).width).toBeGreaterThan(10);
  });

  // An old closed complaint of the demo: every clock of it decided, with durations.
  const oldClosed = () => (run(['complaint', 'list', '--status', 'closed', '--json', '--limit', '0']).json() as { id: string }[]).map((c) => c.id).sort()[0];

  it('zh output has no English codes for durations, roles or policies', () => {
    const show = run(['complaint', 'show', oldClosed()]);
    expect(show.stdout).toMatch(/\d+天\d+小时/);
    expect(show.stdout).not.toMatch(/\b\d+[dhm]\b|\b\d+wd\b/);
    expect(run(['sla', 'show']).stdout).toContain('个工作日');
    const refused = run(['staff', 'add', 'Z9', '--name', '测试', '--dept', '客服', '--role', '客服员'], 'S005');
    expect(refused.code).toBe(4);
    expect(refused.stderr).toContain('客服员');
    expect(refused.stderr).not.toMatch(/\bclerk\b|\bmanager\b/);
  });

  it('log shows field diffs in the user language with site-local times; --json keeps before/after', () => {
    const id = oldClosed();
    const r = run(['log', '--entity', id]);
    expect(r.stdout).toMatch(/状态：\S+ → \S+/);
    expect(r.stdout).not.toMatch(/"status"|17\d{11}/);
    const j = run(['log', '--entity', id, '--json']).json();
    expect(j[0]).toHaveProperty('before');
    expect(j[0]).toHaveProperty('after');
    expect(j[0].at).toMatch(/\+08:00$/);
  });

  it('no line wider than 80 columns under a real pseudo-terminal (CJK counts two)', () => {
    const hasScript = spawnSync('script', ['--version']).status === 0;
    if (!hasScript) return;
    const width = (s: string) =>
      [...s].reduce((w, ch) => w + (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1), 0);
    const cmds = [['overdue'], ['complaint', 'list'], ['complaint', 'show', oldClosed()], ['unit', 'list'], ['sla', 'show'], ['log', '--limit', '15']];
    // The other modules' lists fit too (SPEC §1 v2: tables fit the terminal).
    const lists = ['request', 'patrol', 'finding', 'meeting', 'handover', 'renovation', 'key', 'visit', 'staff'].map((m) => [m, 'list']);
    for (const args of [...cmds, ...lists]) {
      const cmd = `stty cols 80 rows 40; ${process.execPath} ${BIN} --data ${site.data} --no-color ${args.join(' ')}`;
      const r = spawnSync('script', ['-qfec', cmd, '/dev/null'], {
        encoding: 'utf8',
        env: { PATH: process.env.PATH, HOME: process.env.HOME, LANG: 'C', PMCTL_LANG: 'zh', PMCTL_NOW: NOW, TERM: 'xterm' },
        timeout: 60_000,
      });
      const lines = r.stdout.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '').split(/\r?\n/);
      if (cmds.includes(args)) expect(lines.length, args.join(' ')).toBeGreaterThan(3);
      for (const l of lines) expect(width(l), `${args.join(' ')}: ${l}`).toBeLessThanOrEqual(80);
    }
  });
});

describe('the site language', () => {
  const site = makeSite({ now: NOW });
  afterAll(() => site.cleanup());

  it('init --lang zh makes Chinese the default with no LANG and no PMCTL_LANG (cron)', () => {
    const noLang = { PMCTL_LANG: '', LANG: '' };
    expect(site.run(['init', '--lang', 'zh', '--site', '测试'], { env: noLang }).code).toBe(0);
    const r = site.run(['report', 'weekly'], { env: noLang });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/[\u4e00-\u9fff]/);
    expect(site.run(['overdue'], { env: noLang }).stdout).toContain('超期');
    // --lang and PMCTL_LANG still choose.
    expect(site.run(['overdue'], { env: { PMCTL_LANG: 'en' } }).stdout).toContain('Overdue');
    expect(site.run(['config', 'set', 'lang', 'en'], { env: noLang }).code).toBe(0);
    expect(site.run(['overdue'], { env: noLang }).stdout).toContain('Overdue');
    expect(site.run(['config', 'get', 'lang', '--json'], { env: noLang }).json()).toEqual({ key: 'lang', value: 'en' });
    expect(site.run(['config', 'set', 'lang', 'fr'], { env: noLang }).code).toBe(2);
    // a bare data folder option from the command line is enough to find it
    expect(pmctl(['--data', site.data, 'overdue'], { PMCTL_LANG: '', PMCTL_NOW: NOW }).stdout).toContain('Overdue');
  });
});
