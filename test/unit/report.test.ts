import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { CLOCK_STATE_CODE_SQL, CLOCK_STATE_SQL, DOSSIER_TOTALS, SQL } from '../../src/store/report.js';
import { clockStateAtEnd } from '../../src/domain/rates.js';
import { elapsedMs, reportPeriod, trendPeriods } from '../../src/domain/report-period.js';
import { formatIso, fromLocal } from '../../src/domain/time.js';
import { barChart, svgBarChart } from '../../src/render/report-chart.js';
import { renderReportHtml, renderReportMd } from '../../src/render/report-out.js';
import type { Block } from '../../src/render/report-doc.js';

const TZ = 'Asia/Shanghai';
const NOW = fromLocal('2026-11-23 10:00', TZ); // a Monday
const iso = (ms: number) => formatIso(ms, TZ);

describe('report periods', () => {
  it.each<['weekly' | 'monthly' | 'quarterly', string | undefined, string, string, string]>([
    // [kind, word, label, since, until]
    ['weekly', undefined, '2026-W48', '2026-11-23T00:00:00+08:00', '2026-11-30T00:00:00+08:00'],
    ['weekly', 'last', '2026-W47', '2026-11-16T00:00:00+08:00', '2026-11-23T00:00:00+08:00'],
    ['weekly', '2026-W01', '2026-W01', '2025-12-29T00:00:00+08:00', '2026-01-05T00:00:00+08:00'],
    ['monthly', 'this', '2026-11', '2026-11-01T00:00:00+08:00', '2026-12-01T00:00:00+08:00'],
    ['monthly', 'last', '2026-10', '2026-10-01T00:00:00+08:00', '2026-11-01T00:00:00+08:00'],
    ['quarterly', '2026-Q4', '2026-Q4', '2026-10-01T00:00:00+08:00', '2027-01-01T00:00:00+08:00'],
    ['quarterly', 'last', '2026-Q3', '2026-07-01T00:00:00+08:00', '2026-10-01T00:00:00+08:00'],
  ])('%s %s → %s', (kind, word, label, since, until) => {
    const p = reportPeriod(kind, { word }, NOW, TZ);
    expect([p.label, iso(p.since), iso(p.until)]).toEqual([label, since, until]);
  });

  it('a range is half-open, until defaults to now', () => {
    const p = reportPeriod('range', { since: '2026-11-01', until: '2026-11-16' }, NOW, TZ);
    expect([iso(p.since), iso(p.until)]).toEqual(['2026-11-01T00:00:00+08:00', '2026-11-16T00:00:00+08:00']);
    expect(iso(reportPeriod('range', { since: 'last week' }, NOW, TZ).until)).toBe('2026-11-23T10:00:00+08:00');
  });

  it.each([
    ['weekly', { word: '2026-11' }],
    ['monthly', { word: '2026-W47' }],
    ['quarterly', { word: '2026-13' }],
    ['range', {}],
    ['range', { since: '2026-11-10', until: '2026-11-10' }],
  ] as const)('%s %j is a usage error', (kind, o) => {
    expect(() => reportPeriod(kind, o, NOW, TZ)).toThrow(expect.objectContaining({ kind: 'usage' }));
  });

  it('trends: 8 weeks, 12 months, 8 quarters, ranges of equal length, oldest first', () => {
    const w = trendPeriods(reportPeriod('weekly', { word: 'last' }, NOW, TZ), 8, TZ);
    expect(w.map((p) => p.label)).toEqual(['2026-W40', '2026-W41', '2026-W42', '2026-W43', '2026-W44', '2026-W45', '2026-W46', '2026-W47']);
    const m = trendPeriods(reportPeriod('monthly', {}, NOW, TZ), 12, TZ);
    expect([m[0].label, m[11].label, m.length]).toEqual(['2025-12', '2026-11', 12]);
    const q = trendPeriods(reportPeriod('quarterly', {}, NOW, TZ), 8, TZ);
    expect([q[0].label, q[7].label]).toEqual(['2025-Q1', '2026-Q4']);
    const r = trendPeriods(reportPeriod('range', { since: '2026-11-01', until: '2026-11-11' }, NOW, TZ), 3, TZ);
    expect(r.map((p) => [iso(p.since), iso(p.until)])).toEqual([
      ['2026-10-12T00:00:00+08:00', '2026-10-22T00:00:00+08:00'],
      ['2026-10-22T00:00:00+08:00', '2026-11-01T00:00:00+08:00'],
      ['2026-11-01T00:00:00+08:00', '2026-11-11T00:00:00+08:00'],
    ]);
    // Month lengths are calendar months, not 30 days.
    expect(m.map((p) => Math.round((p.until - p.since) / 86_400_000))).toEqual([31, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30]);
  });

  it('elapsed time: the part of the period lived so far', () => {
    const p = reportPeriod('weekly', {}, NOW, TZ);
    expect(elapsedMs(p, NOW)).toBe(10 * 3_600_000);
    expect(elapsedMs(p, p.until + 5)).toBe(7 * 86_400_000);
    expect(elapsedMs(p, p.since - 5)).toBe(0);
  });
});

function schemaDb(): Database.Database {
  const db = new Database(':memory:');
  db.exec(readFileSync(join(__dirname, '../../schema.sql'), 'utf8'));
  return db;
}

describe('the report SQL', () => {
  it('classifies clocks exactly as clockStateAtEnd (which uses clockState)', () => {
    const db = schemaDb();
    db.prepare(
      `INSERT INTO complaints (id, kind, status, severity, category, channel, name, phone, subject, received_at, created_at, updated_at)
       VALUES ('C1', 'complaint', 'received', 'general', 'noise', 'phone', 'x', '13800138000', 's', 0, 0, 0)`,
    ).run();
    const ins = db.prepare('INSERT INTO complaint_clocks (complaint_id, clock, started_at, due_at, done_at, skipped) VALUES (?, ?, 0, ?, ?, 0)');
    const cases: [number, number | null][] = [
      [500, 400],
      [500, 500],
      [500, 600],
      [500, 1200],
      [500, null],
      [900, null],
      [999, 998],
      [100, 1000],
      [100, 999],
    ];
    const clocks = ['intake', 'dispatch', 'accept', 'resolve', 'feedback', 'reply', 'return_visit', 'escalate', 'verify'];
    cases.forEach(([due, done], i) => ins.run('C1', clocks[i], due, done));
    for (const now of [800, 950, 2000]) {
      const rows = db
        .prepare(`SELECT k.due_at, k.done_at, ${CLOCK_STATE_SQL} AS state FROM complaint_clocks k WHERE k.complaint_id = 'C1'`)
        .all({ until: 1000, now }) as { due_at: number; done_at: number | null; state: string }[];
      expect(rows).toHaveLength(cases.length);
      for (const r of rows) expect([r.due_at, r.done_at, now, r.state]).toEqual([r.due_at, r.done_at, now, clockStateAtEnd(r, now, 1000)]);
      // The packed form (codes 1–4) says the same.
      const codes = db.prepare(`SELECT ${CLOCK_STATE_CODE_SQL} AS code FROM complaint_clocks k WHERE k.complaint_id = 'C1'`).all({ until: 1000, now }) as {
        code: number;
      }[];
      expect(codes.map((c) => ['met', 'breached', 'overdue', 'pending'][c.code - 1])).toEqual(rows.map((r) => r.state));
    }
  });

  it('reads the period through the indexes (complaints_received, clocks_by_due), never a whole table', () => {
    const db = schemaDb();
    const plan = (q: string) =>
      (
        db.prepare('EXPLAIN QUERY PLAN ' + q).all({ since: 0, until: 1, now: 1, limit: 5, lo: 'C20261101', hi: 'C20261201', unit: '1-1-101' }) as {
          detail: string;
        }[]
      )
        .map((r) => r.detail)
        .join(' | ');
    for (const k of ['received', 'delayed', 'hotUnits', 'count', 'causes', 'repeatUnits', 'byCategory'] as const) {
      expect(plan(SQL[k]), k).toMatch(/USING (COVERING )?INDEX complaints_received/);
      expect(plan(SQL[k]), k).not.toMatch(/SCAN complaints\b/);
    }
    // The complaints received around the period: one key range of the clocks, already in complaint order (no sort).
    expect(plan(SQL.clocksInRange)).toMatch(/SEARCH k USING PRIMARY KEY \(complaint_id>\? AND complaint_id<\?\)/);
    expect(plan(SQL.clocksInRange)).not.toMatch(/SCAN (k|c|complaint)|TEMP B-TREE FOR GROUP BY.*SCAN x/);
    // Any other: found reading clocks_by_due alone, then read by key.
    expect(plan(SQL.clocksOutOfRange)).toMatch(/SEARCH complaint_clocks USING COVERING INDEX clocks_by_due \(clock=\? AND due_at>\? AND due_at<\?\)/);
    expect(plan(SQL.clocksOutOfRange)).toMatch(/SEARCH k USING PRIMARY KEY \(complaint_id=\?\)/);
    for (const k of ['clocksInRange', 'clocksOutOfRange'] as const) expect(plan(SQL[k]), k).not.toMatch(/SCAN (k|c|complaint)/);
    expect(plan(SQL.unitCategories)).toMatch(/USING INDEX complaints_unit \(unit=\? AND received_at>\? AND received_at<\?\)/);
    // Delays are found through the partial index of delayed events only.
    expect(plan(SQL.delayed)).toMatch(/USING COVERING INDEX complaint_events_delayed \(complaint_id=\? AND at<\?\)/);
    // Archive completeness: one pass over the dossiers, never over every unit.
    expect(plan(DOSSIER_TOTALS)).toMatch(/SCAN d\b/);
    expect(plan(DOSSIER_TOTALS)).not.toMatch(/SCAN u\b/);
  });
});

describe('charts', () => {
  it('terminal bars scale to the largest value, in eighths, and mark the current period', () => {
    const s = barChart(
      [
        { label: 'W1', value: 0 },
        { label: 'W2', value: 8 },
        { label: 'W3', value: 3 },
        { label: 'W4', value: 16 },
      ],
      { width: 8, current: 3 },
    );
    expect(s.split('\n')).toEqual(['W1 │          0', 'W2 │████      8', 'W3 │█▌        3', 'W4 │████████ 16 ◀']);
  });

  it('all zero: no bars, no division by zero', () => {
    expect(barChart([{ label: 'a', value: 0 }], { width: 4 })).toBe('a │     0');
  });

  it('the SVG has one bar per period, labelled, with escaped text', () => {
    const svg = svgBarChart(
      [
        { label: '2026-10', value: 3 },
        { label: '2026-11', value: 7 },
      ],
      { title: 'A<B', current: 1 },
    );
    expect(svg.match(/<rect /g)).toHaveLength(2);
    expect(svg).toContain('>2026-11<');
    expect(svg).toContain('A&lt;B');
    expect(svg).not.toContain('NaN');
  });

  it.each([
    [246, ['0', '100', '200', '300']],
    [9, ['0', '5', '10']],
    [3, ['0', '1', '2', '3']],
    [0, ['0', '1']],
  ])('gridlines for a largest value of %i: %j', (max, labels) => {
    const svg = svgBarChart([{ label: 'x', value: max }], { title: 't' });
    expect([...svg.matchAll(/text-anchor="end"[^>]*>([^<]+)</g)].map((m) => m[1])).toEqual(labels);
  });
});

describe('md and html layout', () => {
  const blocks: Block[] = [
    { type: 'title', text: 'Weekly <report>', sub: ['Period: W47'] },
    { type: 'h', text: 'Rates' },
    { type: 'table', head: ['Rate', 'Value'], rows: [['a|b', { text: '✓ met', tone: 'good' }]], right: [1], empty: '' },
    { type: 'table', head: ['x'], rows: [], empty: '(none)' },
    { type: 'chart', caption: 'Trend', points: [{ label: 'W47', value: 2 }], current: 0 },
  ];
  it('Markdown escapes pipes and right-aligns numbers', () => {
    const md = renderReportMd(blocks);
    expect(md).toContain('# Weekly &lt;report&gt;'); // Markdown escapes HTML (issue 14)
    expect(md).toContain('| a\\|b | ✓ met |');
    expect(md).toContain('| --- | ---: |');
    expect(md).toContain('_(none)_');
    expect(md).toContain('```text\nW47 │');
  });
  it('HTML is one self-contained page: no external resources, escaped, A4 print rules', () => {
    const html = renderReportHtml(blocks, 'en', 'footer');
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).toContain('<h1>Weekly &lt;report&gt;</h1>');
    expect(html).toContain('@page { size: A4');
    expect(html).toContain('<svg');
    expect(html).toContain('class="good r"');
    expect(html).not.toMatch(/<(link|script)\b|src="http|href="http/);
  });
});

describe('csv layout', () => {
  it('is one table that a CSV parser reads back', async () => {
    const { csvOf } = await import('../../src/render/csv.js');
    const cols = ['section', 'item', 'measure', 'value', 'target', 'met', 'label'].map((k) => ({ key: k, label: k }));
    const s = csvOf(cols, [{ section: 'hot_units', item: '=1+1', measure: 'count', value: 2, target: '', met: '', label: 'a,b' }], {
      t: (k) => k,
      lang: 'en',
      tz: TZ,
      color: false,
      reveal: false,
    });
    const rows = parse(s, { columns: true }) as Record<string, string>[];
    expect(rows).toEqual([{ section: 'hot_units', item: "'=1+1", measure: 'count', value: '2', target: '', met: '', label: 'a,b' }]);
  });
});

describe('per-complaint clock rows → per-clock groups and timeliness', () => {
  it('a complaint is timely when every decided clock was met; pending clocks are ignored; suggestions never count', async () => {
    const { clockGroups, pack } = await import('../../src/app/report/complaints.js');
    const base = { valid: 1, category: 'noise', satisfaction: 'basic' };
    const wide = (rows: Parameters<typeof pack>[0][]) => clockGroups(rows.map(pack));
    const r = wide([
      { ...base, kind: 'complaint', n: 3, intake: 'met', dispatch: 'met', reply: 'pending' }, // timely
      { ...base, kind: 'complaint', n: 2, intake: 'met', resolve: 'breached' }, // not
      { ...base, kind: 'complaint', n: 1, dispatch: 'overdue' }, // not
      { ...base, kind: 'complaint', n: 4, reply: 'pending' }, // nothing decided: left out
      { ...base, kind: 'suggestion', n: 5, intake: 'met', suggestion_reply: 'breached' }, // not a complaint
      { ...base, kind: 'complaint', n: 1, return_visit: 'met' },
    ]);
    expect(r.timely).toEqual({ n: 7, ok: 4 });
    const count = (clock: string, state: string) => r.clocks.filter((g) => g.clock === clock && g.state === state).reduce((s, g) => s + g.n, 0);
    expect([count('intake', 'met'), count('reply', 'pending'), count('suggestion_reply', 'breached'), count('resolve', 'breached')]).toEqual([10, 7, 5, 2]);
    // Satisfaction is kept on return visits only.
    expect(r.clocks.filter((g) => g.satisfaction).map((g) => g.clock)).toEqual(['return_visit']);
  });
});

// schema.sql creates every table these sections read, so the report always
// finds them; a section that says it is not available (a report JSON of an
// older build) still prints as such.
describe('sections of modules whose tables are missing', () => {
  it('say which tables are missing instead of failing', async () => {
    const { reportBlocks } = await import('../../src/render/report-doc.js');
    const k = { available: false, missing_tables: ['keys', 'key_loans'], metrics: {} };
    const t = (key: string, p?: Record<string, string | number>) => (p ? `${key} ${JSON.stringify(p)}` : key);
    const blocks = reportBlocks(
      {
        kind: 'weekly',
        site: '',
        tz: TZ,
        generated_at: 0,
        as_of: 0,
        period: { since: 0, until: 1, from: '', to: '', label: 'W', unit: 'week', days: 7 },
        complaints: {
          received: 0,
          complaints: 0,
          suggestions: 0,
          valid: 0,
          explained: 0,
          unresolvable: 0,
          undecided: 0,
          closed: 0,
          open: 0,
          delayed: 0,
          by_category: {},
          by_severity: {},
          by_channel: {},
          by_dept: {},
          by_kind: {},
        },
        clocks: {} as never,
        rates: [],
        occupied_units: 0,
        valid_rate_window: { since: 0, until: 1 },
        hot_units: [],
        hot_categories: [],
        trend: [],
        keys: k,
        archives: { ...k, site_complete_pct: null },
        handovers: k,
        meetings: k,
        overdue: [],
      },
      t,
    );
    expect(blocks).toContainEqual({ type: 'p', text: 'msg.report_not_recorded {"tables":"keys, key_loans"}', tone: 'muted' });
  });
});
