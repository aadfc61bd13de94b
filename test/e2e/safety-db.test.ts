// Issue 14, defects 4, 5, 6 and 12: a database is opened only if it is one;
// init, demo and backup killed at their most delicate point (PMCTL_FAULT_AT
// sends the process SIGKILL there, as kill -9 would) leave no partial or empty
// file under a real name, and the next run recovers.
import { afterAll, describe, expect, it } from 'vitest';
import { copyFileSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync, openSync, writeSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import { makeSite } from './helpers.js';

const sites: ReturnType<typeof makeSite>[] = [];
const site = () => {
  const s = makeSite();
  sites.push(s);
  return s;
};
afterAll(() => sites.forEach((s) => s.cleanup()));
const sha = (f: string) => createHash('sha256').update(readFileSync(f)).digest('hex');

describe('defect 4: an empty, foreign or damaged pmctl.db is exit 5 with the fix, never a new site', () => {
  it('0 bytes: every command (init and doctor too) refuses, and the file stays 0 bytes', () => {
    const s = site();
    s.run(['init']);
    writeFileSync(join(s.data, 'pmctl.db'), '');
    for (const args of [['unit', 'list'], ['staff', 'add', 'X1', '--name', 'X', '--dept', 'cs', '--role', 'leader'], ['init'], ['doctor']]) {
      const r = s.run(args);
      expect(r.code, args.join(' ')).toBe(5);
      expect(r.stderr).toMatch(/is empty \(0 bytes\), not a database.* — .*pmctl init/);
    }
    expect(statSync(join(s.data, 'pmctl.db')).size).toBe(0);
  });

  it('a foreign file is refused and left as it was', () => {
    const s = site();
    s.run(['init']);
    const f = join(s.data, 'pmctl.db');
    writeFileSync(f, 'name,phone\nWang,13800138000\n'.repeat(100));
    const before = sha(f);
    const r = s.run(['complaint', 'list']);
    expect(r.code).toBe(5);
    expect(r.stderr).toMatch(/not an SQLite database/);
    expect(sha(f)).toBe(before);
  });

  it('a damaged header byte that SQLite ignores: doctor says so and marks the folder; writes are refused until doctor passes', () => {
    const s = makeSite({ roster: true });
    sites.push(s);
    const f = join(s.data, 'pmctl.db');
    const good = join(s.dir, 'good.db');
    expect(s.run(['backup', good], { as: 'S005' }).code).toBe(0);
    const fd = openSync(f, 'r+');
    writeSync(fd, Buffer.from([7]), 0, 1, 75); // a reserved header byte
    closeSync(fd);
    const d = s.run(['doctor', '--json']);
    expect(d.code).toBe(5);
    expect(d.stderr).toMatch(/corrupt: header: reserved byte 75/);
    expect(d.json().checks[0]).toMatchObject({ check: 'header', status: 'fail', detail: 'header: reserved byte 75' });
    const w = s.run(['complaint', 'new', '--unit', '1-1-101', '--name', 'A', '--phone', '13800138000', '--subject', 'x', '--category', 'noise'], {
      as: 'S005',
    });
    expect(w.code).toBe(5);
    // restored from the backup: doctor passes and lifts the mark
    copyFileSync(good, f);
    expect(s.run(['doctor']).code).toBe(0);
    expect(existsSync(join(s.data, '.pmctl-corrupt'))).toBe(false);
  });

  it('a page doctor finds corrupt: marked, and no command writes to the file any more', () => {
    const s = makeSite({ roster: true });
    sites.push(s);
    const f = join(s.data, 'pmctl.db');
    // damage the b-tree page of the units table's first leaf
    const db = new Database(f, { readonly: true });
    const page = (db.prepare("SELECT rootpage FROM sqlite_master WHERE name = 'units'").get() as { rootpage: number }).rootpage;
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    db.close();
    const fd = openSync(f, 'r+');
    writeSync(fd, Buffer.alloc(64, 0xff), 0, 64, (page - 1) * pageSize + 8);
    closeSync(fd);
    expect(s.run(['doctor']).code).toBe(5);
    expect(existsSync(join(s.data, '.pmctl-corrupt'))).toBe(true);
    const before = sha(f);
    const r = s.run(['staff', 'add', 'Z9', '--name', 'Zed', '--dept', 'cs', '--role', 'clerk'], { as: 'S001' });
    expect(r.code).toBe(5);
    expect(sha(f)).toBe(before);
  });
});

describe('defect 4/5: killed init and backup leave nothing under the real name', () => {
  it('init killed after building: no pmctl.db; doctor --fix lists and removes the temp; init then works', () => {
    const s = site();
    const r = s.run(['init'], { env: { PMCTL_FAULT_AT: 'init.built' } });
    expect(r.code).not.toBe(0);
    expect(existsSync(join(s.data, 'pmctl.db'))).toBe(false);
    expect(readdirSync(s.data).filter((n) => n.startsWith('.pmctl-tmp-')).length).toBe(1);
    expect(s.run(['unit', 'list']).code).toBe(5); // still "run pmctl init"
    expect(s.run(['init']).code).toBe(0);
    const d = s.run(['doctor', '--json']).json();
    expect(d.checks.find((c: { check: string }) => c.check === 'leftovers').status).toBe('warn');
    expect(s.run(['doctor', '--fix']).code).toBe(0);
    expect(readdirSync(s.data).filter((n) => n.startsWith('.pmctl-tmp-'))).toEqual([]);
  });

  it('backup killed before the rename: the target name does not exist; the old backup stays whole', () => {
    const s = makeSite({ roster: true });
    sites.push(s);
    const f = join(s.dir, 'b.db');
    expect(s.run(['backup', join(s.dir, 'new.db')], { as: 'S005', env: { PMCTL_FAULT_AT: 'backup.copied' } }).code).not.toBe(0);
    expect(existsSync(join(s.dir, 'new.db'))).toBe(false);
    writeFileSync(f, 'old backup');
    expect(s.run(['backup', f, '--yes'], { as: 'S005', env: { PMCTL_FAULT_AT: 'backup.copied' } }).code).not.toBe(0);
    expect(readFileSync(f, 'utf8')).toBe('old backup');
  });

  it('--out killed before the rename leaves the old file whole', () => {
    const s = makeSite({ init: true });
    sites.push(s);
    const f = s.file('r.md', 'old report');
    expect(s.run(['report', 'weekly', '--out', f, '--yes'], { env: { PMCTL_FAULT_AT: 'out.written' } }).code).not.toBe(0);
    expect(readFileSync(f, 'utf8')).toBe('old report');
  });
});

describe('defect 6: a demo marker never opens real data to the demo', () => {
  it('a stale marker beside a real site: demo still refuses, the site is unchanged', () => {
    const s = makeSite({ roster: true });
    sites.push(s);
    writeFileSync(join(s.data, '.pmctl-demo-building'), '999999\n');
    const before = sha(join(s.data, 'pmctl.db'));
    const r = s.run(['demo']);
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/holds real data/);
    expect(sha(join(s.data, 'pmctl.db'))).toBe(before);
  });
});

describe('defect 6: a killed demo is rebuilt by the next demo', () => {
  for (const point of ['scale.loaded']) {
    it(`killed at ${point}: no pmctl.db (no corrupt one), and demo rebuilds the folder`, () => {
      const s = site();
      const scale = point === 'scale.loaded' ? ['--units', '300', '--complaints', '500'] : [];
      expect(s.run(['demo', ...scale], { env: { PMCTL_FAULT_AT: point } }).code).not.toBe(0);
      expect(existsSync(join(s.data, 'pmctl.db'))).toBe(false);
      const r = s.run(['demo', ...scale]);
      expect(r.code, r.stderr).toBe(0);
      expect(readdirSync(s.data).filter((n) => n !== 'pmctl.db')).toEqual([]);
      expect(s.run(['doctor', '--json']).json().ok).toBe(true);
    });
  }
});
