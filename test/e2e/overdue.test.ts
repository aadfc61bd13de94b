// `pmctl overdue` across every module, on the demo site, and the one-line
// warning after a command on a TTY.
import { afterAll, describe, expect, it } from 'vitest';
import { makeSite } from './helpers.js';

describe('overdue across modules (demo site)', () => {
  const site = makeSite({ now: '2026-11-23T10:00:00+08:00' });
  afterAll(() => site.cleanup());

  it('the demo builds and lists overdue items of every module: emergency and major first, then most overdue first', () => {
    expect(site.run(['demo']).code).toBe(0);
    const items = site.run(['overdue', '--json']).json() as { module: string; id: string; what: string; due_at: string; overdue_minutes: number }[];
    expect(new Set(items.map((i) => i.module))).toEqual(
      new Set(['complaint', 'key', 'archive', 'handover', 'meeting', 'visit', 'renovation', 'request', 'patrol']),
    );
    for (const i of items) {
      expect(Object.keys(i)).toEqual(expect.arrayContaining(['module', 'id', 'what', 'due_at', 'overdue_minutes']));
      expect(i.due_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/);
    }
    const rank = (s?: string) => (s === 'emergency' ? 2 : s === 'major' ? 1 : 0);
    const ranked = items as { severity?: string; overdue_minutes: number }[];
    expect(ranked).toEqual([...ranked].sort((a, b) => rank(b.severity) - rank(a.severity) || b.overdue_minutes - a.overdue_minutes));
  });

  it('late items say by how much, items due soon how long is left (never a negative span)', () => {
    const items = site.run(['overdue', '--json']).json() as { overdue_minutes: number }[];
    const soon = items.filter((i) => i.overdue_minutes < 0).length;
    expect(soon).toBeGreaterThan(0);
    const all = { limit: String(items.length) };
    const en = site.run(['overdue', '--limit', all.limit]).stdout;
    expect(en).toContain('Late by / due in');
    expect(en.match(/│ due soon .*│ in \d+[dhm]( \d+[hm])? +│/g)?.length).toBe(soon);
    expect(en).not.toMatch(/│ -\d/);
    const zh = site.run(['overdue', '--limit', all.limit, '--lang', 'zh']).stdout;
    expect(zh.match(/│ 还剩\d+(天|小时|分)/g)?.length).toBe(soon);
  });

  it('--check exits 6 when anything is overdue; status is an alias', () => {
    expect(site.run(['overdue', '--check', '--json']).code).toBe(6);
    expect(site.run(['status', '--check', '--module', 'archive', '--json']).code).toBe(6);
    expect(site.run(['overdue', '--module', 'nothing']).code).toBe(2);
  });

  it('a table shows the most urgent items and says how many more there are', () => {
    const all = site.run(['overdue', '--json']).json().length;
    const r = site.run(['overdue', '--limit', '2']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`${all - 2} more not shown`);
  });

  // Issue 17: the demo is now a believable site with a handful of overdue items and a
  // few open complaints, so the caps below are tried on a busier day: a dozen
  // complaints taken on Friday and never dispatched.
  it('a busy day: a dozen complaints left undispatched since Friday', () => {
    for (let i = 0; i < 12; i++) {
      const r = site.run(
        [
          'complaint',
          'new',
          '--unit',
          `1-1-${i + 1}01`,
          '--name',
          '业主',
          '--phone',
          '13800138000',
          '--subject',
          `楼道灯不亮 ${i + 1}`,
          '--category',
          'facility',
          '--channel',
          'phone',
          '--as',
          'S005',
          '--json',
        ],
        { now: `2026-11-20T${String(9 + (i % 8)).padStart(2, '0')}:${String(i * 3).padStart(2, '0')}:00+08:00` },
      );
      expect(r.code, r.stderr).toBe(0);
    }
  });

  it("the report's overdue section lists the 20 most overdue and counts the rest; its JSON keeps all", () => {
    const later = { now: '2026-11-25T10:00:00+08:00' };
    const all = site.run(['report', 'monthly', '--json'], later).json().overdue as { id: string }[];
    expect(all.length).toBeGreaterThan(20);
    const text = site.run(['report', 'monthly'], later).stdout;
    expect(text).toContain(`${all.length - 20} more overdue, not listed here (pmctl overdue lists them all)`);
    const section = text.slice(text.indexOf('Overdue now'));
    // The id column (a date id such as a review day's must not match a due time's cell).
    const idCell = (id: string) => new RegExp(`│ [a-z]+ +│ ${id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} +│`);
    expect(section).toMatch(idCell(all[19].id));
    // An id can hold two items (a complaint's reply and return visit): the first one only past the 20.
    const shown = new Set(all.slice(0, 20).map((i) => i.id));
    const hidden = all.slice(20).find((i) => !shown.has(i.id));
    if (hidden) expect(section).not.toMatch(idCell(hidden.id));
    expect(site.run(['report', 'monthly', '--format', 'md'], later).stdout).toContain(`${all.length - 20} more overdue`);
  });

  it('complaint items carry their unit and subject, in the table and in JSON', () => {
    const all = site.run(['overdue', '--json']).json() as { module: string; id: string; detail?: string }[];
    const c = all.filter((i) => i.module === 'complaint');
    expect(c.length).toBeGreaterThan(0);
    const one = site.run(['complaint', 'show', c[0].id, '--json']).json();
    for (const i of c) expect(i.detail, i.id).toMatch(/\S/);
    expect(c[0].detail).toBe(`${one.unit ?? one.address} ${one.subject}`);
    const table = site.run(['overdue', '--module', 'complaint', '--limit', '1']).stdout;
    expect(table).toContain(one.subject);
  });

  it('a screen on a terminal: the 20 most urgent overdue items, the 20 most urgent open complaints; a pipe gets all', () => {
    const tty = { env: { PMCTL_ASSUME_TTY: '1' } };
    const all = site.run(['overdue', '--json']).json();
    expect(all.length).toBeGreaterThan(20);
    const piped = site.run(['overdue']).stdout;
    expect(piped).not.toContain('more not shown');
    expect(piped).toContain(`│ ${all[all.length - 1].id} `);
    const r = site.run(['overdue'], tty);
    expect(r.stdout).toContain(`${all.length - 20} more not shown`);
    expect(r.stdout).toContain(all[19].id);
    expect(r.stdout).not.toContain(`│ ${all[20].id} `);
    const open = site.run(['complaint', 'list', '--json', '--limit', '1000']).json();
    expect(open.length).toBeGreaterThan(20);
    // --json is complete; a table is one screen and says how many more.
    expect(site.run(['complaint', 'list', '--json']).json().length).toBe(open.length);
    const table = site.run(['complaint', 'list'], tty).stdout;
    expect(table).toContain(`${open.length - 20} more — --limit 0 shows all`);
    expect(site.run(['complaint', 'list']).stdout).toContain(open[open.length - 1].id);
    expect(table).toContain(open[19].id);
    expect(table).not.toContain(open[20].id);
  });

  it('after a command on a TTY, one warning line on stderr; never with --json or --quiet', () => {
    const env = { PMCTL_ASSUME_TTY: '1' };
    const r = site.run(['staff', 'list'], { env });
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^⚠ \d+ overdue: \d+ complaint clocks, .*— pmctl overdue$/);
    // The line's counts are the overdue list's: complaint clocks counted in SQL, the rest listed.
    const late = site
      .run(['overdue', '--json'])
      .json()
      .filter((i: { overdue_minutes: number }) => i.overdue_minutes > 0);
    const by = (m: string) => late.filter((i: { module: string }) => i.module === m).length;
    expect(lines[0]).toContain(`⚠ ${late.length} overdue: ${by('complaint')} complaint clocks`);
    expect(site.run(['staff', 'list', '--json'], { env }).stderr).toBe('');
    expect(site.run(['staff', 'list', '--quiet'], { env }).stderr).toBe('');
    expect(site.run(['staff', 'list']).stderr).toBe(''); // not a TTY
  });
});
