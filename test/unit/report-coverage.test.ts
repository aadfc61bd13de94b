// Coverage figures count from a module's first record at the site, or from the
// site setting `<module>.since`, never the days before (SPEC §8 v2, issue 17).
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { coverageSpan, parseSinceSetting } from '../../src/app/report/coverage.js';
import { fromLocal } from '../../src/domain/time.js';

const TZ = 'Asia/Shanghai';
const T = (s: string) => fromLocal(s, TZ);

function db(o: { first?: string; setting?: string; table?: boolean }) {
  const d = new Database(':memory:');
  d.exec('CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL, updated_at INTEGER, updated_by TEXT)');
  if (o.table !== false) d.exec('CREATE TABLE patrols (id TEXT, started_at INTEGER)');
  if (o.first) d.prepare('INSERT INTO patrols VALUES (?, ?)').run('P1', T(o.first));
  if (o.setting) d.prepare("INSERT INTO settings VALUES ('patrol.since', ?, 0, NULL)").run(JSON.stringify(o.setting));
  return d;
}

const W = { since: T('2026-11-01 00:00'), until: T('2026-12-01 00:00'), now: T('2026-12-06 10:00') };
const span = (o: Parameters<typeof db>[0], w = W) => coverageSpan(db(o), TZ, 'patrol', { table: 'patrols', column: 'started_at' }, w);

describe('coverageSpan', () => {
  it.each<[string, Parameters<typeof db>[0], { since: string; until: string; basis: string } | null]>([
    ['no table, no setting: nothing to cover', { table: false }, null],
    ['no record, no setting: nothing to cover', {}, null],
    [
      'first record before the period: the whole period',
      { first: '2026-09-10 08:00' },
      { since: '2026-11-01 00:00', until: '2026-12-01 00:00', basis: 'period' },
    ],
    ['first record inside: from it', { first: '2026-11-20 08:30' }, { since: '2026-11-20 08:30', until: '2026-12-01 00:00', basis: 'first_record' }],
    [
      'first record after the period: nothing expected',
      { first: '2026-12-03 08:00' },
      { since: '2026-12-01 00:00', until: '2026-12-01 00:00', basis: 'first_record' },
    ],
    [
      'setting (a date) wins over a later first record',
      { first: '2026-11-20 08:30', setting: '2026-11-15' },
      { since: '2026-11-15 00:00', until: '2026-12-01 00:00', basis: 'setting' },
    ],
    [
      'setting wins over an earlier (imported) first record',
      { first: '2026-01-01 08:00', setting: '2026-11-10 08:00' },
      { since: '2026-11-10 08:00', until: '2026-12-01 00:00', basis: 'setting' },
    ],
    ['setting without records', { setting: '2026-11-25' }, { since: '2026-11-25 00:00', until: '2026-12-01 00:00', basis: 'setting' }],
    [
      'an unreadable setting is ignored',
      { first: '2026-11-20 08:30', setting: 'soon' },
      { since: '2026-11-20 08:30', until: '2026-12-01 00:00', basis: 'first_record' },
    ],
  ])('%s', (_name, o, want) => {
    const s = span(o);
    if (want === null) return expect(s).toBeNull();
    expect(s).toMatchObject({ since: T(want.since), until: T(want.until), basis: want.basis });
  });

  it('a period still running ends now', () => {
    const s = span({ first: '2026-12-02 08:00' }, { since: T('2026-12-01 00:00'), until: T('2027-01-01 00:00'), now: T('2026-12-06 10:00') });
    expect(s).toMatchObject({ since: T('2026-12-02 08:00'), until: T('2026-12-06 10:00') });
  });

  it.each<[string, string | null]>([
    ['2026-11-01', '2026-11-01 00:00'],
    ['2026-11-01 08:30', '2026-11-01 08:30'],
    ['2026-11-01T08:30:15', '2026-11-01 08:30:15'],
    ['  2026-11-01  ', '2026-11-01 00:00'],
    ['11/01/2026', null],
    ['', null],
  ])('setting %j → %s', (text, local) => {
    expect(parseSinceSetting(text, TZ)).toBe(local === null ? null : T(local));
  });
});

describe('the valid complaints of a trailing year', () => {
  it('are counted from the partial index complaints_valid alone (migration 14), valid complaints only', async () => {
    const { readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { MIGRATIONS } = await import('../../src/store/migrations.js');
    const { VALID_COUNT_SQL, countValidComplaints } = await import('../../src/store/report.js');
    const d = new Database(':memory:');
    d.exec(readFileSync(join(__dirname, '../../schema.sql'), 'utf8'));
    const m = MIGRATIONS.find((x) => x.version === 14)!;
    if (typeof m.sql === 'string') d.exec(m.sql);
    else m.sql(d);
    const plan = (d.prepare('EXPLAIN QUERY PLAN ' + VALID_COUNT_SQL).all(0, 1) as { detail: string }[]).map((r) => r.detail).join(' | ');
    expect(plan).toMatch(/USING COVERING INDEX complaints_valid \(received_at>\? AND received_at<\?\)/);
    const add = d.prepare(
      `INSERT INTO complaints (id, kind, status, severity, category, channel, name, phone, subject, received_at, created_at, updated_at, valid)
       VALUES (?, ?, 'closed', 'general', 'noise', 'phone', 'n', 'p', 's', ?, ?, ?, ?)`,
    );
    const rows: [string, string, string, number | null][] = [
      ['C1', 'complaint', '2025-11-30 23:59', 1], // a minute before the 12 months
      ['C2', 'complaint', '2025-12-01 00:00', 1], // the first instant counted
      ['C3', 'complaint', '2026-06-01 10:00', 0], // explained
      ['C4', 'complaint', '2026-06-02 10:00', null], // not decided
      ['C5', 'suggestion', '2026-06-03 10:00', 1],
      ['C6', 'complaint', '2026-11-30 23:59', 1],
      ['C7', 'complaint', '2026-12-01 00:00', 1], // the end is excluded
    ];
    for (const [id, kind, at, valid] of rows) add.run(id, kind, T(at), T(at), T(at), valid);
    expect(countValidComplaints(d, T('2025-12-01 00:00'), T('2026-12-01 00:00'))).toBe(2);
  });
});
