// Schemas 2–4: a data folder made by an older schema is upgraded in place on
// its next open (indexes the report reads through, the columns of a meeting
// call-off), and reads say the same thing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { makeSite, type Site } from './helpers.js';
import { SCHEMA_VERSION } from '../../src/store/migrations.js';

const NEW_INDEXES = ['complaint_events_delayed', 'units_occupancy'];

describe('upgrading a schema 1 data folder', () => {
  let site: Site;
  const step = (args: string[], at: string) => {
    const r = site.run(args, { as: 'S005', now: at });
    expect(r.code, args.join(' ') + '\n' + r.stderr).toBe(0);
    return r;
  };
  const db = () => new Database(join(site.data, 'pmctl.db'));
  const indexes = () => {
    const d = db();
    try {
      return (
        d.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name IN ('complaint_events_delayed', 'units_occupancy') ORDER BY name").all() as {
          name: string;
        }[]
      ).map((r) => r.name);
    } finally {
      d.close();
    }
  };

  beforeAll(() => {
    site = makeSite({ roster: true, now: '2026-11-16 08:00' });
    const id = step(
      [
        'complaint',
        'new',
        '--unit',
        '1-1-101',
        '--name',
        '测试业主',
        '--phone',
        '13800138000',
        '--subject',
        '水龙头漏水',
        '--category',
        'repair',
        '--channel',
        'phone',
        '--json',
      ],
      '2026-11-17 14:00',
    ).json().id;
    step(['complaint', 'dispatch', id, '--dept', 'engineering', '--handler', 'E003', '--due', '4h'], '2026-11-17 15:00');
    step(['complaint', 'delay', id, '--reason', '配件缺货', '--new-due', '2026-11-18 08:00'], '2026-11-17 16:00');
  });
  afterAll(() => site.cleanup());

  const clocksByDue = () => {
    const d = db();
    try {
      return (d.prepare("SELECT sql FROM sqlite_master WHERE name = 'clocks_by_due'").get() as { sql: string }).sql;
    } finally {
      d.close();
    }
  };
  const report = () => site.run(['report', 'weekly', '--week', '2026-W47', '--json'], { now: '2026-11-23T10:00:00+08:00' });

  it('a new folder has the current schema and the indexes', () => {
    const d = db();
    expect(d.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    d.close();
    expect(indexes()).toEqual(NEW_INDEXES);
    expect(clocksByDue()).toMatch(/WHERE due_at IS NOT NULL$/);
  });

  it('schema 2 (clocks_by_due over every clock) is migrated to the partial index, and the report is unchanged', () => {
    const before = report();
    expect(before.code, before.stderr).toBe(0);
    const d = db();
    d.exec('DROP INDEX clocks_by_due; CREATE INDEX clocks_by_due ON complaint_clocks(clock, due_at); PRAGMA user_version = 2;');
    d.close();
    expect(clocksByDue()).not.toMatch(/WHERE/);
    const after = report();
    expect(after.code, after.stderr).toBe(0);
    expect(after.json()).toEqual(before.json());
    expect(clocksByDue()).toMatch(/WHERE due_at IS NOT NULL$/);
    const d2 = db();
    expect(d2.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    d2.close();
  });

  it('schema 3 (meetings without the columns of a call-off) gets them, and the meetings read as before', () => {
    const list = () => site.run(['meeting', 'list', '--month', '2026-11', '--json'], { now: '2026-11-23T10:00:00+08:00' });
    const before = list();
    expect(before.code, before.stderr).toBe(0);
    const d = db();
    d.exec(
      'ALTER TABLE meetings DROP COLUMN cancelled_at; ALTER TABLE meetings DROP COLUMN cancelled_by; ALTER TABLE meetings DROP COLUMN cancel_reason; PRAGMA user_version = 3;',
    );
    d.close();
    const after = list();
    expect(after.code, after.stderr).toBe(0);
    expect(after.json()).toEqual(before.json());
    const d2 = db();
    const cols = (d2.prepare('PRAGMA table_info(meetings)').all() as { name: string }[]).map((c) => c.name);
    expect(cols).toEqual(expect.arrayContaining(['cancelled_at', 'cancelled_by', 'cancel_reason']));
    expect(d2.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    d2.close();
  });

  it('schema 1 (the same tables without the indexes) is migrated once, inside the open, and the report is unchanged', () => {
    const before = report();
    expect(before.code, before.stderr).toBe(0);
    expect(before.json().complaints).toMatchObject({ received: 1, delayed: 1 });
    expect(before.json().occupied_units).toBeGreaterThan(0);

    const d = db();
    for (const name of NEW_INDEXES) d.exec(`DROP INDEX ${name}`);
    d.pragma('user_version = 1');
    d.close();
    expect(indexes()).toEqual([]);

    // A report only reads, but opening the folder upgrades it first.
    const after = report();
    expect(after.code, after.stderr).toBe(0);
    expect(after.json()).toEqual(before.json());
    expect(indexes()).toEqual(NEW_INDEXES);
    const d2 = db();
    expect(d2.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    d2.close();
    const doctor = site.run(['doctor', '--json'], { now: '2026-11-23T10:00:00+08:00' });
    expect(doctor.stdout).toContain('"schema_version"');
    expect(doctor.stdout).toContain(`${SCHEMA_VERSION} / ${SCHEMA_VERSION}`);
  });
});
