// Schema 2 (indexes the report reads through): a data folder made by schema 1
// is upgraded in place on its next open, and the report says the same thing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { makeSite, type Site } from './helpers.js';

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
      return (d.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name IN ('complaint_events_delayed', 'units_occupancy') ORDER BY name").all() as { name: string }[]).map((r) => r.name);
    } finally {
      d.close();
    }
  };

  beforeAll(() => {
    site = makeSite({ roster: true, now: '2026-11-16 08:00' });
    const id = step(
      ['complaint', 'new', '--unit', '1-1-101', '--name', '测试业主', '--phone', '13800138000', '--subject', '水龙头漏水', '--category', 'repair', '--channel', 'phone', '--json'],
      '2026-11-17 14:00',
    ).json().id;
    step(['complaint', 'dispatch', id, '--dept', 'engineering', '--due', '4h'], '2026-11-17 15:00');
    step(['complaint', 'delay', id, '--reason', '配件缺货', '--new-due', '2026-11-18 08:00'], '2026-11-17 16:00');
  });
  afterAll(() => site.cleanup());

  it('a new folder has schema 2 and the indexes', () => {
    const d = db();
    expect(d.pragma('user_version', { simple: true })).toBe(2);
    d.close();
    expect(indexes()).toEqual(NEW_INDEXES);
  });

  it('schema 1 (the same tables without the indexes) is migrated once, inside the open, and the report is unchanged', () => {
    const report = () => site.run(['report', 'weekly', '--week', '2026-W47', '--json'], { now: '2026-11-23T10:00:00+08:00' });
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
    expect(d2.pragma('user_version', { simple: true })).toBe(2);
    d2.close();
    const doctor = site.run(['doctor', '--json'], { now: '2026-11-23T10:00:00+08:00' });
    expect(doctor.stdout).toContain('"schema_version"');
    expect(doctor.stdout).toContain('2 / 2');
  });
});
