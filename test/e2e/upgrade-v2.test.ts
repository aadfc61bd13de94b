// Schema 5 (i18): a data folder as schema 4 left it is upgraded on its next
// open. Complaints dispatched without a handler stay valid and say so; an open
// suggestion whose reply did not say adopted or not owes that reply again; the
// last backup's time comes over from the audit log.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { makeSite, type Site } from './helpers.js';
import { SCHEMA_VERSION } from '../../src/store/migrations.js';

describe('upgrading a schema 4 data folder to schema 5', () => {
  let site: Site;
  const ids: Record<string, string> = {};
  const step = (args: string[], at: string, as = 'S005') => {
    const r = site.run([...args, '--json'], { as, now: at });
    expect(r.code, args.join(' ') + '\n' + r.stderr).toBe(0);
    return r.json();
  };
  const db = () => new Database(join(site.data, 'pmctl.db'));
  const NEW = ['complaint', 'new', '--name', '业主', '--phone', '13800138000'];

  beforeAll(() => {
    site = makeSite({ roster: true, now: '2026-11-16 08:00' });
    ids.old = step([...NEW, '--unit', '1-1-101', '--subject', '水龙头漏水', '--category', 'repair'], '2026-11-17 09:00').id;
    step(['complaint', 'dispatch', ids.old, '--dept', 'engineering', '--handler', 'E003'], '2026-11-17 09:10');
    ids.open = step([...NEW, '--unit', '1-1-102', '--subject', '增设快递柜', '--kind', 'suggestion'], '2026-11-17 09:00').id;
    step(['complaint', 'reply', ids.open, '--method', 'phone', '--note', '已答复', '--adopted', 'yes'], '2026-11-17 10:00');
    ids.closed = step([...NEW, '--unit', '1-1-202', '--subject', '增加座椅', '--kind', 'suggestion'], '2026-11-17 09:00').id;
    step(['complaint', 'reply', ids.closed, '--method', 'phone', '--note', '已答复', '--adopted', 'yes'], '2026-11-17 10:00');
    step(['complaint', 'close', ids.closed], '2026-11-17 10:05');
    expect(site.run(['backup', join(site.dir, 'b.db')], { as: 'S005', now: '2026-11-18 09:00' }).code).toBe(0);
    // Make the folder what schema 4 left behind: no handler recorded at dispatch, replies without
    // the adoption, no schema 5 columns, the backup only in the audit log.
    const d = db();
    d.exec(`UPDATE complaints SET handler = NULL WHERE id = '${ids.old}';
      UPDATE complaint_events SET data = json_remove(data, '$.handler', '$.appointment_at') WHERE complaint_id = '${ids.old}' AND type = 'dispatched';
      UPDATE complaint_events SET data = json_remove(data, '$.adopted', '$.reason') WHERE type = 'replied';
      ALTER TABLE complaints DROP COLUMN appointment_at;
      ALTER TABLE complaints DROP COLUMN developer;
      DELETE FROM settings WHERE key LIKE 'backup.%';
      PRAGMA user_version = 4;`);
    d.close();
  });
  afterAll(() => site.cleanup());

  it('opens, migrates once, and keeps the old complaint valid, shown as dispatched before the handler was required', () => {
    const r = site.run(['complaint', 'show', ids.old, '--json'], { now: '2026-11-18 10:00' });
    expect(r.code, r.stderr).toBe(0);
    expect(r.json()).toMatchObject({ status: 'dispatched', valid: true, handler: null, handler_recorded: false, appointment_at: null, developer: false });
    const d = db();
    expect(d.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    const cols = (d.prepare('PRAGMA table_info(complaints)').all() as { name: string }[]).map((c) => c.name);
    d.close();
    expect(cols).toEqual(expect.arrayContaining(['appointment_at', 'developer']));
    const zh = site.run(['complaint', 'show', ids.old, '--lang', 'zh'], { now: '2026-11-18 10:00' }).stdout;
    expect(zh).toContain('未记录（旧版派单，仍有效）');
    expect(zh).toMatch(/有效/);
    // its workflow goes on
    step(['complaint', 'resolve', ids.old, '--note', '已修', '--by', 'E003'], '2026-11-18 11:00');
    const v = step(['complaint', 'visit', ids.old, '--result', 'satisfied', '--note', '满意'], '2026-11-18 15:00');
    expect(v.valid).toBe(true);
  });

  it('an open suggestion replied without saying adopted owes that reply; a closed one keeps its history', () => {
    const open = site.run(['complaint', 'show', ids.open, '--json'], { now: '2026-11-18 10:00' }).json();
    expect(open.clocks.find((k: any) => k.clock === 'suggestion_reply')).toMatchObject({ done_at: null, due_at: '2026-11-20T09:00:00+08:00' });
    expect(site.run(['complaint', 'close', ids.open], { as: 'S005', now: '2026-11-18 10:00' }).code).toBe(4);
    const x = step(['complaint', 'reply', ids.open, '--method', 'phone', '--note', '补充答复', '--adopted', 'no', '--reason', '场地不足'], '2026-11-18 10:10');
    expect(x.clocks.find((k: any) => k.clock === 'suggestion_reply').state).toBe('met');
    const closed = site.run(['complaint', 'show', ids.closed, '--json'], { now: '2026-11-18 10:00' }).json();
    expect(closed.clocks.find((k: any) => k.clock === 'suggestion_reply').state).toBe('met');
  });

  it('the last backup is read from the audit log; reports still run', () => {
    const b = site
      .run(['doctor', '--json'], { now: '2026-11-20 10:00' })
      .json()
      .checks.find((c: any) => c.check === 'backup');
    expect(b).toMatchObject({ status: 'ok' });
    expect(b.detail).toMatch(/^2026-11-18T09:00:00\+08:00/);
    const r = site.run(['report', 'weekly', '--week', '2026-W47', '--json'], { now: '2026-11-23 10:00' });
    expect(r.code, r.stderr).toBe(0);
    expect(r.json().complaints).toMatchObject({ received: 3, unresolvable: 0 });
  });
});
