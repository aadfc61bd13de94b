// Reports end to end: a known week and month of complaint records, every rate
// and count checked exactly, files written with --out, the CSV read back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { FIXTURES, makeSite, type Site } from './helpers.js';

const T = (s: string) => Date.parse(s.replace(' ', 'T') + ':00+08:00');
const DAY = 86_400_000;

// The fixture site's occupied units, counted from the CSV itself.
const OCCUPIED = (parse(readFileSync(join(FIXTURES, 'units.csv')), { columns: true }) as { occupancy: string }[]).filter(
  (u) => u.occupancy !== 'vacant',
).length;

interface Seed {
  id: string;
  kind?: 'complaint' | 'suggestion';
  category: string;
  channel?: string;
  unit?: string;
  received: string;
  valid?: 0 | 1 | null;
  dept?: string;
  resolved?: string;
  closed?: string;
  satisfaction?: string;
  cause?: string;
  status?: string;
  clocks?: [clock: string, due: string, done: string | null, skipped?: boolean][];
  events?: [type: string, at: string][];
}

/**
 * TEST-ONLY: writes complaint rows straight into the site's pmctl.db with
 * better-sqlite3, in the shape of the complaint contract (schema.sql). Written
 * before the complaint commands existed; kept because it pins the report's SQL
 * to exact contract rows, including states the commands reach only slowly
 * (a previous quarter, visits due across week boundaries). The same report on
 * records made with the real commands: report-complaints.test.ts.
 */
function insertComplaintRowsDirectly(site: Site, rows: Seed[]): void {
  const db = new Database(join(site.data, 'pmctl.db'));
  const c = db.prepare(`INSERT INTO complaints (id, kind, status, outcome, severity, category, channel, unit, name, phone, subject, valid,
      satisfaction, cause, dept, received_at, resolved_at, closed_at, created_at, updated_at)
    VALUES (@id, @kind, @status, @outcome, 'general', @category, @channel, @unit, '测试', '13800138000', 'subject', @valid,
      @satisfaction, @cause, @dept, @received_at, @resolved_at, @closed_at, @received_at, @received_at)`);
  const k = db.prepare('INSERT INTO complaint_clocks (complaint_id, clock, started_at, due_at, done_at, skipped) VALUES (?, ?, ?, ?, ?, ?)');
  const e = db.prepare('INSERT INTO complaint_events (complaint_id, type, at, by, recorded_at) VALUES (?, ?, ?, ?, ?)');
  db.transaction(() => {
    for (const r of rows) {
      const received = T(r.received);
      c.run({
        id: r.id,
        kind: r.kind ?? 'complaint',
        status: r.status ?? (r.closed ? 'closed' : r.resolved ? 'resolved' : 'received'),
        outcome: r.closed ? (r.valid === 0 ? 'explained' : 'resolved') : null,
        category: r.category,
        channel: r.channel ?? 'phone',
        unit: r.unit ?? null,
        valid: r.valid ?? null,
        satisfaction: r.satisfaction ?? null,
        cause: r.cause ?? null,
        dept: r.dept ?? null,
        received_at: received,
        resolved_at: r.resolved ? T(r.resolved) : null,
        closed_at: r.closed ? T(r.closed) : null,
      });
      for (const [clock, due, done, skipped] of r.clocks ?? []) k.run(r.id, clock, received, T(due), done ? T(done) : null, skipped ? 1 : 0);
      for (const [type, at] of r.events ?? []) e.run(r.id, type, T(at), 'S005', T(at));
    }
  })();
  db.close();
}

// Week 2026-W47 is Mon 11-16 … Sun 11-22; "now" is Monday 11-23 10:00.
const RECORDS: Seed[] = [
  // W47, valid, everything on time: timely.
  {
    id: 'C1',
    category: 'noise',
    unit: '1-1-101',
    received: '2026-11-16 09:00',
    valid: 1,
    dept: 'engineering',
    resolved: '2026-11-17 10:00',
    closed: '2026-11-18 12:00',
    satisfaction: 'satisfied',
    cause: '夜间装修施工',
    clocks: [
      ['dispatch', '2026-11-16 21:00', '2026-11-16 10:00'],
      ['reply', '2026-11-18 23:59', '2026-11-17 11:00'],
      ['resolve', '2026-11-17 10:00', '2026-11-17 10:00'],
      ['return_visit', '2026-11-19 23:59', '2026-11-18 12:00'],
    ],
  },
  // W47, valid, resolved late after a delay, never replied; its return visit falls due on 11-23.
  {
    id: 'C2',
    category: 'repair',
    channel: 'visit',
    unit: '1-1-101',
    received: '2026-11-17 14:00',
    valid: 1,
    dept: 'engineering',
    resolved: '2026-11-19 09:00',
    cause: '配件缺货',
    clocks: [
      ['dispatch', '2026-11-18 02:00', '2026-11-17 15:00'],
      ['resolve', '2026-11-18 15:00', '2026-11-19 09:00'],
      ['reply', '2026-11-19 23:59', null],
      ['return_visit', '2026-11-23 23:59', null],
    ],
    events: [['delayed', '2026-11-18 10:00']],
  },
  // W47, explained as unreasonable: dispatch skipped, reply due next week.
  {
    id: 'C3',
    category: 'noise',
    channel: 'online',
    unit: '2-1-301',
    received: '2026-11-20 20:00',
    valid: 0,
    closed: '2026-11-21 10:00',
    clocks: [
      ['dispatch', '2026-11-21 08:00', null, true],
      ['reply', '2026-11-24 23:59', '2026-11-21 10:00'],
    ],
  },
  // W47, not yet decided, dispatch overdue.
  { id: 'C4', category: 'parking', unit: '2-1-301', received: '2026-11-21 09:00', clocks: [['dispatch', '2026-11-21 21:00', null]] },
  // W47 suggestions: one replied in time, one late.
  {
    id: 'C5',
    kind: 'suggestion',
    category: 'greening',
    channel: 'written',
    unit: '3-1-101',
    received: '2026-11-16 11:00',
    closed: '2026-11-18 10:00',
    clocks: [['suggestion_reply', '2026-11-19 11:00', '2026-11-18 10:00']],
  },
  { id: 'C6', kind: 'suggestion', category: 'other', received: '2026-11-18 08:00', clocks: [['suggestion_reply', '2026-11-21 08:00', '2026-11-21 09:00']] },
  // W46, valid, resolved; their return visits fall due in W47.
  {
    id: 'C7',
    category: 'noise',
    unit: '1-1-101',
    received: '2026-11-09 09:00',
    valid: 1,
    dept: 'security',
    resolved: '2026-11-13 10:00',
    satisfaction: 'basic',
    cause: '夜间装修施工',
    clocks: [
      ['dispatch', '2026-11-09 21:00', '2026-11-09 10:00'],
      ['return_visit', '2026-11-17 23:59', '2026-11-16 10:00'],
    ],
  },
  {
    id: 'C8',
    category: 'repair',
    unit: '3-2-501',
    received: '2026-11-10 09:00',
    valid: 1,
    dept: 'engineering',
    resolved: '2026-11-12 10:00',
    satisfaction: 'unsatisfied',
    clocks: [['return_visit', '2026-11-16 23:59', '2026-11-17 09:00']],
  },
  {
    id: 'C9',
    category: 'cleaning',
    unit: '1-1-102',
    received: '2026-11-11 09:00',
    valid: 1,
    dept: 'cleaning',
    resolved: '2026-11-13 16:00',
    clocks: [['return_visit', '2026-11-17 23:59', null]],
  },
  // This morning: its dispatch is not due yet.
  { id: 'C10', category: 'fees', received: '2026-11-23 08:00', clocks: [['dispatch', '2026-11-23 20:00', null]] },
  // Previous quarter.
  { id: 'C11', category: 'noise', unit: '1-1-101', received: '2026-09-15 09:00', valid: 1 },
];

describe('report on a known week and month', () => {
  let site: Site;
  const NOW = '2026-11-23T10:00:00+08:00';
  beforeAll(() => {
    site = makeSite({ roster: true, now: NOW });
    insertComplaintRowsDirectly(site, RECORDS);
  });
  afterAll(() => site.cleanup());
  const report = (args: string[], now = NOW) => {
    const r = site.run(['report', ...args, '--json'], { now });
    expect(r.code, r.stderr).toBe(0);
    return r.json();
  };
  const rate = (value: number | null, met: boolean | null, numerator: number, denominator: number) => ({ value, met, numerator, denominator });

  it('weekly 2026-W47: every rate, exactly', () => {
    const j = report(['weekly', '--week', '2026-W47']);
    expect(j.period).toMatchObject({ since: '2026-11-16T00:00:00+08:00', until: '2026-11-23T00:00:00+08:00', label: '2026-W47' });
    expect(j.as_of).toBe('2026-11-23T00:00:00+08:00');
    expect(j.rates).toMatchObject({
      // C1 and C7 all met; C2 (resolve breached, reply overdue), C4 (dispatch overdue), C8 (visit late), C9 (visit overdue) not.
      timeliness: { ...rate(2 / 6, false, 2, 6), target: 1 },
      // C1 and C2 are the valid complaints received; both resolved.
      valid_handled: rate(1, true, 2, 2),
      // reply due: C1 met, C2 overdue (C3's falls due next week).
      reply_on_time: rate(1 / 2, false, 1, 2),
      // visits due: C1, C7 met, C8 late but done, C9 not done.
      return_visit: rate(3 / 4, false, 3, 4),
      // visited: satisfied (C1), basic (C7), unsatisfied (C8).
      satisfaction: { ...rate(2 / 3, false, 2, 3), target: 0.95 },
      suggestion_reply: rate(1 / 2, false, 1, 2),
      // Issue 17: no longer one week annualised (2 × 365/7 per unit, 49 %): the valid
      // complaints of the 12 months ending at the week's end (C1, C2, C5, C6, C7 of
      // November and C11 of September) per occupied unit.
      valid_complaint_rate: { ...rate(6 / OCCUPIED, false, 6, OCCUPIED), target: 0.01 },
    });
    // Every rate carries num and den (SPEC §10 names kept), and under 20 a 95 % Wilson interval.
    expect(j.rates.satisfaction).toMatchObject({ num: 2, den: 3 });
    expect(j.rates.satisfaction.ci95[0]).toBeCloseTo(0.2077, 3);
    expect(j.rates.satisfaction.ci95[1]).toBeCloseTo(0.9385, 3);
    expect(j.rates.valid_complaint_rate).toMatchObject({
      num: 6,
      den: OCCUPIED,
      ci95: null,
      counted_since: '2025-11-23T00:00:00+08:00',
      counted_until: '2026-11-23T00:00:00+08:00',
    });
    expect(j.clocks).toMatchObject({
      dispatch: { met: 2, breached: 0, overdue: 1, pending: 0 },
      reply: { met: 1, breached: 0, overdue: 1, pending: 0 },
      resolve: { met: 1, breached: 1, overdue: 0, pending: 0 },
      return_visit: { met: 2, breached: 1, overdue: 1, pending: 0 },
      suggestion_reply: { met: 1, breached: 1, overdue: 0, pending: 0 },
      intake: { met: 0, breached: 0, overdue: 0, pending: 0 },
    });
    expect(j.complaints).toMatchObject({
      received: 6,
      complaints: 4,
      suggestions: 2,
      valid: 2,
      explained: 1,
      undecided: 1,
      closed: 3,
      open: 3,
      delayed: 1,
      by_category: {
        noise: { received: 2, valid: 1, explained: 1, closed: 2, open: 0 },
        repair: { received: 1, valid: 1, explained: 0, closed: 0, open: 1 },
        parking: { received: 1, valid: 0, explained: 0, closed: 0, open: 1 },
      },
      by_kind: { complaint: { received: 4 }, suggestion: { received: 2 } },
      by_channel: { phone: { received: 3 }, visit: { received: 1 }, online: { received: 1 }, written: { received: 1 } },
      by_dept: { engineering: { received: 2 }, none: { received: 4 } },
    });
    expect(Object.keys(j.complaints.by_category)).toEqual(['noise', 'parking', 'repair']);
    expect(j.hot_spots.units).toEqual([
      { unit: '1-1-101', count: 2, categories: ['noise', 'repair'] },
      { unit: '2-1-301', count: 2, categories: ['noise', 'parking'] },
    ]);
    expect(j.hot_spots.categories[0]).toEqual({ category: 'noise', count: 2, share: 0.5 });
    expect(j.trend).toHaveLength(8);
    expect(j.trend.map((p: { label: string; received: number }) => [p.label, p.received]).slice(-3)).toEqual([
      ['2026-W45', 0],
      ['2026-W46', 3],
      ['2026-W47', 6],
    ]);
  });

  it('a week where nothing was due: those rates have value null and are neither met nor missed', () => {
    const j = report(['weekly', '--week', '2026-W46']);
    expect(j.rates).toMatchObject({
      timeliness: rate(1, true, 1, 1), // C7's dispatch
      valid_handled: rate(1, true, 3, 3),
      reply_on_time: rate(null, null, 0, 0),
      return_visit: rate(null, null, 0, 0),
      satisfaction: rate(null, null, 0, 0),
      suggestion_reply: rate(null, null, 0, 0),
    });
    const empty = report(['weekly', '--week', '2026-W40']);
    expect(empty.complaints).toMatchObject({ received: 0, closed: 0, open: 0, by_category: {} });
    // The 12 months ending 2026-10-05 hold C11 (September): 1 of OCCUPIED, under 1 %.
    expect(empty.rates.valid_complaint_rate).toMatchObject(rate(1 / OCCUPIED, true, 1, OCCUPIED));
    expect(empty.rates.timeliness).toMatchObject(rate(null, null, 0, 0));
  });

  it('monthly 2026-11 so far: as of now, a clock not yet due is left out', () => {
    const j = report(['monthly']);
    expect(j.period).toMatchObject({ since: '2026-11-01T00:00:00+08:00', until: '2026-12-01T00:00:00+08:00', label: '2026-11' });
    expect(j.as_of).toBe(NOW);
    expect(j.clocks).toMatchObject({
      dispatch: { met: 3, breached: 0, overdue: 1, pending: 1 },
      reply: { met: 2, breached: 0, overdue: 1, pending: 0 },
      return_visit: { met: 2, breached: 1, overdue: 1, pending: 1 },
    });
    const elapsed = T('2026-11-23 10:00') - T('2026-11-01 00:00');
    expect(j.rates).toMatchObject({
      // C3's reply falls due tomorrow but was done on 11-21: decided, met, counted.
      timeliness: rate(3 / 7, false, 3, 7),
      valid_handled: rate(1, true, 5, 5),
      reply_on_time: rate(2 / 3, false, 2, 3),
      return_visit: rate(3 / 4, false, 3, 4),
      satisfaction: rate(2 / 3, false, 2, 3),
      suggestion_reply: rate(1 / 2, false, 1, 2),
      // The 12 months ending at the month's end, not the month so far annualised.
      valid_complaint_rate: rate(6 / OCCUPIED, false, 6, OCCUPIED),
    });
    expect(j.complaints).toMatchObject({ received: 10, complaints: 8, suggestions: 2, valid: 5 });
    expect(Object.entries(j.complaints.by_category).map(([k, v]) => [k, (v as { received: number }).received])).toEqual([
      ['noise', 3],
      ['repair', 2],
      ['cleaning', 1],
      ['fees', 1],
      ['parking', 1],
    ]);
    expect(j.hot_spots.units[0]).toEqual({ unit: '1-1-101', count: 3, categories: ['noise', 'repair'] });
    expect(j.trend).toHaveLength(12);
    expect(j.trend.slice(-3).map((p: { received: number }) => p.received)).toEqual([1, 0, 10]);
    // Re-running the finished month later gives the same numbers.
    const later = report(['monthly', '--month', '2026-10'], '2027-01-15T09:00:00+08:00');
    expect(later.complaints.received).toBe(0);
  });

  it('a range is half-open and agrees with the week it spans', () => {
    const j = report(['range', '--since', '2026-11-16', '--until', '2026-11-23']);
    const w = report(['weekly', '--week', 'last']);
    expect(j.rates).toEqual(w.rates);
    expect(j.clocks).toEqual(w.clocks);
    expect(j.period.since).toBe('2026-11-16T00:00:00+08:00');
  });

  it('quarterly: the complaint analysis of [001] with counts, trend, recorded causes', () => {
    const j = report(['quarterly']);
    expect(j.analysis.complaints).toBe(8);
    expect(j.analysis.previous_quarter).toBe(1);
    expect(j.analysis.top[0]).toEqual({
      category: 'noise',
      received: 3,
      share: 3 / 8,
      by_month: [
        { label: '2026-10', received: 0 },
        { label: '2026-11', received: 3 },
        { label: '2026-12', received: 0 },
      ],
      previous_quarter: 1,
      valid: 2,
      explained: 1,
      resolve_late: 0,
      unsatisfied: 0,
      repeat_units: 1,
      causes: [{ cause: '夜间装修施工', count: 2 }],
    });
    expect(j.analysis.top[1]).toMatchObject({ category: 'repair', resolve_late: 1, unsatisfied: 1, causes: [{ cause: '配件缺货', count: 1 }] });
    const md = site.run(['report', 'quarterly', '--format', 'md', '--lang', 'zh']);
    expect(md.code).toBe(0);
    expect(md.stdout).toContain('## 季度投诉分析');
    expect(md.stdout).toContain('| 夜间装修施工 | 2 |');
    expect(md.stdout).toContain('**整改要点 / 改善计划:**');
  });

  it('--out writes Markdown and HTML (format from the extension), never prompts, exit 0', () => {
    const mdFile = join(site.dir, 'w47.md');
    const r = site.run(['report', 'weekly', '--week', '2026-W47', '--out', mdFile, '--no-input']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('');
    const md = readFileSync(mdFile, 'utf8');
    expect(md).toMatch(/^# Customer service weekly report · Test site/);
    // Issue 17: the basis carries the 95 % interval under 20, and the source names the standard by title, not `[002] 2.6`.
    expect(md).toContain('| Complaint handling on time | 33.3% | 100% | ✗ missed | 2/6 (95% CI 9.7%–70%) | Customer Service Management Plan §2.6 |');
    expect(md).toContain('| Return-visit satisfaction | 66.7% | ≥ 95% | ✗ missed | 2/3 (95% CI 20.8%–93.9%) | Customer Service Dept. Work Standard §7 |');
    expect(md).toContain('the same 12 months in a weekly, monthly or quarterly report, never annualised');
    expect(md).toContain('## Review and sign-off');
    expect(md).toContain('2026-W47 │████████████████████████████████████████ 6 ◀');
    expect(statSync(mdFile).mode & 0o777).toBe(0o600);

    const htmlFile = join(site.dir, 'w47.html');
    expect(site.run(['report', 'weekly', '--week', '2026-W47', '--out', htmlFile, '--lang', 'zh']).code).toBe(0);
    const html = readFileSync(htmlFile, 'utf8');
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).toContain('<h1>客服中心周报 · Test site</h1>');
    expect(html).toContain('<td>投诉处理及时率</td><td class="r">33.3%</td>');
    expect(html).toContain('《物业客服管理方案》§2.6');
    expect(html).toContain('2/6（95%区间 9.7%–70%）');
    // Prints on A4 with page numbers; sections kept with their headings; a 审阅/签字 block.
    expect(html).toMatch(/@page \{ size: A4;[^}]*@bottom-center \{ content: counter\(page\) " \/ " counter\(pages\)/);
    expect(html).toContain('<section class="keep">\n<h2>工作标准指标</h2>');
    expect(html).toMatch(/<section class="signoff"><h2>审阅\/签字<\/h2><table class="sign"><tr><th>编制人：<\/th><th>审阅人：<\/th><th>日期：<\/th>/);
    expect(html).toContain('<svg');
    expect(html.match(/<rect /g)).toHaveLength(8);
    expect(html).not.toMatch(/<(link|script)\b/);
  });

  it("CSV is the rates table for people: a BOM, percent text, the reader's language (issue 17: no longer a machine table of 0.3333333333333333)", () => {
    const file = join(site.dir, 'w47.csv');
    expect(site.run(['report', 'weekly', '--week', '2026-W47', '--out', file]).code).toBe(0);
    const buf = readFileSync(file);
    expect([...buf.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parse(buf, { columns: true, bom: true }) as Record<string, string>[];
    expect(Object.keys(rows[0])).toEqual(['Rate', 'Value', 'Target', 'Result', 'Numerator', 'Denominator', '95% interval', 'Source']);
    expect(rows[0]).toEqual({
      Rate: 'Complaint handling on time',
      Value: '33.3%',
      Target: '100%',
      Result: 'missed',
      Numerator: '2',
      Denominator: '6',
      '95% interval': '9.7%–70%',
      Source: 'Customer Service Management Plan §2.6',
    });
    expect(rows.map((r) => r.Rate)).toContain('Valid complaint rate (last 12 months)');
    expect(buf.toString('utf8')).not.toMatch(/0\.\d{6}/);
    // Stdout CSV is the same table (without the BOM).
    const out = site.run(['report', 'weekly', '--week', '2026-W47', '--csv']);
    expect(parse(out.stdout, { columns: true })).toEqual(rows);
    // In Chinese: headings and values.
    const zh = parse(site.run(['report', 'weekly', '--week', '2026-W47', '--csv', '--lang', 'zh']).stdout, { columns: true }) as Record<string, string>[];
    expect(zh[0]).toMatchObject({ 指标: '投诉处理及时率', 实际: '33.3%', 结果: '未达标', 分子: '2', 分母: '6', 依据: '《物业客服管理方案》§2.6' });
  });

  it(".xlsx: a real workbook, one sheet per table, headings in the reader's language", async () => {
    const file = join(site.dir, 'w47.xlsx');
    const r = site.run(['report', 'weekly', '--week', '2026-W47', '--out', file, '--lang', 'zh']);
    expect(r.code, r.stderr).toBe(0);
    const buf = readFileSync(file);
    expect(buf.subarray(0, 2).toString()).toBe('PK');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const { default: ExcelJS } = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    const names = wb.worksheets.map((w) => w.name);
    expect(names[0]).toBe('工作标准指标');
    expect(names).toContain('投诉按类别');
    expect(new Set(names).size).toBe(names.length);
    const ws = wb.getWorksheet('工作标准指标')!;
    expect(ws.getRow(1).values).toEqual([undefined, '指标', '实际', '目标', '结果', '计算', '依据']);
    expect(ws.getCell('A2').value).toBe('投诉处理及时率');
    // Percentages are numbers formatted as percent.
    expect(ws.getCell('B2').value).toBeCloseTo(0.333, 3);
    expect(ws.getCell('B2').numFmt).toBe('0.0%');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  });

  it('the terminal table shows the rates and the trend as bars', () => {
    const r = site.run(['report', 'weekly', '--week', '2026-W47']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Rates of the standard');
    expect(r.stdout).toMatch(/Valid complaints handled\s*│\s*100%\s*│\s*100%\s*│ ✓ met/);
    expect(r.stdout).toMatch(/2026-W46 │█+▏?\s+3\n2026-W47 │█{40} 6 ◀/);
    for (const h of ['Keys', 'Resident archives', 'Shift handovers', 'Meetings', 'Overdue now (at 2026-11-23 10:00)'])
      expect(r.stdout).toContain('\n' + h + '\n');
  });

  it('bad periods, options and --out paths fail with exit 2 and write nothing', () => {
    for (const args of [
      ['weekly', '--week', '2026-11'],
      ['monthly', '--month', '2026-13'],
      ['range'],
      ['range', '--since', '2026-11-10', '--until', '2026-11-01'],
      ['weekly', '--trend', '0'],
      ['weekly', '--format', 'xml'],
    ]) {
      const r = site.run(['report', ...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/^pmctl: .+ — /);
    }
    const bad = site.run(['report', 'weekly', '--out', join(site.dir, 'no/such/dir/r.html')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/cannot write .*r\.html/);
    expect(existsSync(join(site.dir, 'no'))).toBe(false);
  });

  it('reports only read: they run while a clerk holds the write lock, and change nothing', () => {
    const db = new Database(join(site.data, 'pmctl.db'));
    const count = () => (db.prepare('SELECT (SELECT COUNT(*) FROM audit) + (SELECT COUNT(*) FROM complaints) AS n').get() as { n: number }).n;
    const before = count();
    db.exec('BEGIN IMMEDIATE'); // a writer in the middle of its transaction
    try {
      const r = site.run(['report', 'monthly', '--json'], { env: { PMCTL_BUSY_TIMEOUT_MS: '200' } });
      expect(r.code, r.stderr).toBe(0);
      expect(r.json().complaints.received).toBe(10);
    } finally {
      db.exec('ROLLBACK');
    }
    expect(count()).toBe(before);
    db.close();
  });
});

describe('report sections of the other modules, built with their own commands', () => {
  let site: Site;
  beforeAll(() => {
    site = makeSite({ roster: true, now: '2026-11-10T09:00:00+08:00' });
  });
  afterAll(() => site.cleanup());
  const ok = (args: string[], now: string, as = 'S003') => {
    const r = site.run(args, { now, as });
    expect(r.code, args.join(' ') + '\n' + r.stderr).toBe(0);
    return r;
  };

  it('meetings: held, attendance, fines per person, action items on time and overdue', () => {
    const m = ok(
      ['meeting', 'schedule', '--type', 'training', '--at', '2026-11-17 15:00', '--topic', '服务礼仪', '--attendees', 'S005,S006,S007', '--json'],
      '2026-11-10T09:00:00+08:00',
    ).json();
    const at = '2026-11-17T17:00:00+08:00';
    ok(['meeting', 'attend', m.id, 'S005', 'present'], at);
    ok(['meeting', 'attend', m.id, 'S006', 'late'], at);
    ok(['meeting', 'attend', m.id, 'S007', 'absent'], at);
    const a1 = ok(['meeting', 'action', 'add', m.id, '--owner', 'S005', '--due', '2026-11-19', '整理礼仪手册', '--json'], at).json();
    ok(['meeting', 'action', 'add', m.id, '--owner', 'S006', '--due', '2026-11-20', '更新排班表', '--json'], at);
    ok(['meeting', 'action', 'done', a1.id, '--result', '已完成', '--at', '2026-11-19 10:00'], '2026-11-19T11:00:00+08:00');

    const r = site.run(['report', 'weekly', '--week', '2026-W47', '--json'], { now: '2026-11-23T10:00:00+08:00' });
    expect(r.code, r.stderr).toBe(0);
    const mt = r.json().meetings;
    expect(mt.available).toBe(true);
    expect(mt.metrics).toMatchObject({ meetings_held: 1, actions_due: 2, actions_done_on_time: 1, actions_done_late: 0, actions_overdue: 1 });
    expect(mt.by_status).toEqual({ training: 1 });
    expect(mt.attendance).toEqual({ absent: 1, late: 1, present: 1 });
    expect(mt.fines).toEqual([
      { staff: 'S007', name: expect.any(String), total_yuan: 20, count: 1 },
      { staff: 'S006', name: expect.any(String), total_yuan: 10, count: 1 },
    ]);
    // The overdue action item is among the overdue items.
    expect(r.json().overdue).toEqual(expect.arrayContaining([expect.objectContaining({ module: 'meeting', what: 'action' })]));
    // The week before: nothing held, nothing due.
    const before = site.run(['report', 'weekly', '--week', '2026-W46', '--json'], { now: '2026-11-23T10:00:00+08:00' }).json().meetings;
    expect(before.metrics).toMatchObject({ meetings_held: 0, actions_due: 0 });
    expect(before.fines).toEqual([]);
  });
});

describe('keys and handovers sections, built with their own commands', () => {
  let site: Site;
  beforeAll(() => {
    site = makeSite({ roster: true, now: '2026-11-16T08:00:00+08:00' });
  });
  afterAll(() => site.cleanup());
  const ok = (args: string[], now: string, as: string) => {
    const r = site.run(args, { now, as });
    expect(r.code, args.join(' ') + '\n' + r.stderr).toBe(0);
    return r;
  };
  const CHECKLIST = ['duty_log', 'keys', 'radio_phone', 'cctv', 'pending', 'patrol', 'desk'];

  it('keys: loans lent, returned, overdue at the period end; lost keys and lock changes; handovers: coverage, refusals, unreviewed days', () => {
    ok(['key', 'add', 'P1', '--kind', 'public_door'], '2026-11-16T08:00:00+08:00', 'S005');
    ok(['key', 'add', 'P2', '--kind', 'public_window'], '2026-11-16T08:01:00+08:00', 'S005');
    ok(['key', 'lend', 'P1', '--to', 'E003', '--purpose', '屋面检查', '--due', '2h'], '2026-11-17T09:00:00+08:00', 'S005');
    ok(['key', 'return', 'P1'], '2026-11-17T10:00:00+08:00', 'S005');
    // Monday's day shift handed over and accepted; reviewed the next morning.
    const h1 = ok(['handover', 'start', '--shift', 'day', '--to', 'S006', '--json'], '2026-11-17T17:50:00+08:00', 'S005').json().id;
    ok(['handover', 'check', h1, ...CHECKLIST, 'ok'], '2026-11-17T17:52:00+08:00', 'S005');
    ok(['handover', 'accept', h1], '2026-11-17T17:55:00+08:00', 'S006');
    ok(['handover', 'review', '2026-11-17'], '2026-11-18T09:00:00+08:00', 'S003');
    // Tuesday's refused.
    const h2 = ok(['handover', 'start', '--shift', 'day', '--to', 'S006', '--json'], '2026-11-18T17:50:00+08:00', 'S005').json().id;
    ok(['handover', 'refuse', h2, '--reason', '说不清钥匙去向'], '2026-11-18T17:58:00+08:00', 'S006');
    ok(['key', 'lost', 'P2', '--note', '巡逻时遗失'], '2026-11-19T10:00:00+08:00', 'S005');
    ok(['key', 'lend', 'P1', '--to', 'E003', '--purpose', '水箱检查', '--due', '2h'], '2026-11-20T09:00:00+08:00', 'S005');

    const r = site.run(['report', 'weekly', '--week', '2026-W47', '--json'], { now: '2026-11-23T10:00:00+08:00' });
    expect(r.code, r.stderr).toBe(0);
    const j = r.json();
    expect(j.keys.available).toBe(true);
    expect(j.keys.by_status).toEqual({ lost: 1, on_loan: 1 });
    expect(j.keys.metrics).toMatchObject({
      keys_total: 2,
      keys_lost: 1,
      keys_damaged: 0,
      loans_lent: 2,
      loans_returned: 1,
      loans_returned_late: 0,
      loans_out_at_end: 1,
      loans_overdue_at_end: 1,
      lock_changes_reported: 1,
      lock_changes_open: 1,
    });
    expect(j.handovers.available).toBe(true);
    expect(j.handovers.by_status).toEqual({ accepted: 1, refused: 1 });
    expect(j.handovers.metrics).toMatchObject({
      handovers_started: 2,
      handovers_refused: 1,
      // Issue 17: counted from the site's first handover (11-17 17:50), not the whole
      // week (14 shifts, 7.1 %): the day shifts of 11-17 … 11-22 and the night shifts of
      // 11-17 … 11-21 (the night of 11-22 ends on 11-23, after the week).
      shifts_expected: 11,
      shifts_covered: 1,
      days_with_handovers: 2,
      days_unreviewed: 1,
    });
    // The week before: nothing lent, nothing handed over.
    const w46 = site.run(['report', 'weekly', '--week', '2026-W46', '--json'], { now: '2026-11-23T10:00:00+08:00' }).json();
    expect(w46.keys.metrics).toMatchObject({ loans_lent: 0, loans_out_at_end: 0 });
    expect(j.handovers.coverage).toMatchObject({ num: 1, den: 11, basis: 'first_record', since: '2026-11-17T17:50:00+08:00' });
    expect(j.handovers.coverage.value).toBeCloseTo(1 / 11, 12);
    // The week before the first handover: nothing was expected yet (not 0 of 14).
    expect(w46.handovers.metrics).toMatchObject({ handovers_started: 0, shifts_expected: 0, shifts_covered: 0 });
    expect(w46.handovers.coverage).toMatchObject({ value: null, num: 0, den: 0 });
    // The Markdown names the coverage, its basis and where it starts.
    const md = site.run(['report', 'weekly', '--week', '2026-W47', '--format', 'md'], { now: '2026-11-23T10:00:00+08:00' });
    expect(md.stdout).toContain('Handover coverage: 9.1%, 1/11 (95% CI 1.6%–37.7%), counted from the first record at 2026-11-17 17:50');
    // The site says when it really started handing over: coverage counts from that day.
    expect(site.run(['config', 'set', 'handover.since', '2026-11-20'], { now: '2026-11-23T10:00:00+08:00', as: 'S002' }).code).toBe(0);
    const set = site.run(['report', 'weekly', '--week', '2026-W47', '--json'], { now: '2026-11-23T10:00:00+08:00' }).json();
    // From 11-20 00:00: the night of 11-19 (ends 11-20 08:00), the days and nights of 11-20 and 11-21, the day of 11-22.
    expect(set.handovers.coverage).toMatchObject({ num: 0, den: 6, basis: 'setting', since: '2026-11-20T00:00:00+08:00' });
    expect(site.run(['config', 'set', 'handover.since', 'next week'], { as: 'S002' }).code).toBe(2);
    expect(site.run(['config', 'set', 'handover.since', ''], { as: 'S002' }).code).toBe(0);
    expect(site.run(['report', 'weekly', '--week', '2026-W47', '--json'], { now: '2026-11-23T10:00:00+08:00' }).json().handovers.coverage.basis).toBe(
      'first_record',
    );
  });
});

describe('archives section, built with the archive commands', () => {
  let site: Site;
  beforeAll(() => {
    site = makeSite({ roster: true, now: '2026-11-16T09:00:00+08:00' });
  });
  afterAll(() => site.cleanup());
  const ok = (args: string[], now: string, as: string) => {
    const r = site.run(args, { now, as });
    expect(r.code, args.join(' ') + '\n' + r.stderr).toBe(0);
    return r;
  };

  it('completeness as `archive check` counts it, loans lent, returned and overdue at the period end', () => {
    const t0 = '2026-11-16T09:00:00+08:00';
    ok(['archive', 'open', '1-1-101', '--type', 'owner'], t0, 'S005');
    for (const doc of ['id_copy', 'move_in_notice', 'service_agreement', 'owner_register', 'covenant', 'renovation_agreement', 'handover_record'])
      ok(['archive', 'add', '1-1-101', '--doc', doc], t0, 'S005');
    ok(['archive', 'open', '1-1-602', '--type', 'tenant'], t0, 'S005');
    for (const doc of ['agency_agreement', 'tenant_id', 'lease', 'fee_settlement']) ok(['archive', 'add', '1-1-602', '--doc', doc], t0, 'S005');
    ok(['archive', 'lend', '1-1-101', '--to', 'E003', '--purpose', '漏水维修核对图纸', '--due', '4h'], '2026-11-17T10:00:00+08:00', 'S003');
    ok(['archive', 'return', '1-1-101'], '2026-11-17T11:00:00+08:00', 'S003');
    ok(['archive', 'lend', '1-1-602', '--to', 'E003', '--purpose', '核对租赁合同', '--due', '4h'], '2026-11-19T10:00:00+08:00', 'S003');

    const units = parse(readFileSync(join(FIXTURES, 'units.csv')), { columns: true }) as { occupancy: string }[];
    const owners = units.filter((u) => u.occupancy === 'owner').length;
    const tenants = units.filter((u) => u.occupancy === 'tenant').length;
    // v2: a let unit's dossier needs the owner's 8 papers and the tenant's 4
    const required = 8 * owners + 12 * tenants;
    const check = site.run(['archive', 'check', '--json'], { now: '2026-11-23T10:00:00+08:00' }).json();
    const r = site.run(['report', 'weekly', '--week', '2026-W47', '--json'], { now: '2026-11-23T10:00:00+08:00' });
    expect(r.code, r.stderr).toBe(0);
    const a = r.json().archives;
    expect(a.available).toBe(true);
    expect(a.site_complete_pct).toBe(check.site_complete_pct);
    expect(a.site_complete_pct).toBe(Math.round((1000 * 11) / required) / 10);
    expect(a.metrics).toMatchObject({
      dossiers: 2,
      dossiers_complete: 0,
      units_without_dossier: owners + tenants - 2,
      documents_required: required,
      documents_present: 11,
      destroyed_documents: 0,
      loans_lent: 2,
      loans_returned: 1,
      loans_returned_late: 0,
      loans_out_at_end: 1,
      loans_overdue_at_end: 1,
    });
    const md = site.run(['report', 'weekly', '--week', '2026-W47', '--format', 'md'], { now: '2026-11-23T10:00:00+08:00' }).stdout;
    expect(md).toContain(`Archive completeness: ${check.site_complete_pct}%`);
  });
});
