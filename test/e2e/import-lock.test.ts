// Issue 14 #11: an import holds the write lock only for its merge, and a
// clerk's write never fails because an import is merging. The merge keeps
// all-or-nothing: killed inside it (the whole merge written, not committed)
// the database is as before; finished, it leaves one audit entry that
// `pmctl log` shows — who, when, which file — and that a unit's log finds.
// Long files of the small roster kinds go to the temp database, never read
// again under the lock.
import { afterAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { ROOT, makeSite, type Site } from './helpers.js';
// @ts-expect-error plain ES module shared with the benchmark
import { writeUnitsCsv } from '../../bench/gen.mjs';

function count(site: Site, sql: string, ...args: unknown[]): number {
  const d = new Database(join(site.data, 'pmctl.db'), { readonly: true, fileMustExist: true });
  try {
    return (d.prepare(sql).get(...args) as { n: number }).n;
  } finally {
    d.close();
  }
}

/** What an import may change: units, the log and the labels beside it. */
function state(site: Site): number[] {
  return [
    count(site, 'SELECT COUNT(*) n FROM units'),
    count(site, 'SELECT COUNT(*) n FROM audit'),
    count(site, 'SELECT COUNT(*) n FROM audit_labels'),
    count(site, "SELECT COUNT(*) n FROM sqlite_master WHERE type = 'index' AND tbl_name = 'units'"),
  ];
}

const notes = (site: Site): string[] => readdirSync(site.data).filter((n) => n.startsWith('.pmctl-merging-'));

describe('a unit import: all or nothing, one audit entry', () => {
  const site = makeSite({ roster: true });
  afterAll(() => site.cleanup());

  it('killed inside its merge (everything written, nothing committed): the database is as before', async () => {
    const file = join(site.dir, 'killed.csv');
    await writeUnitsCsv(file, 5000, { seed: 3, prefix: 'KM' });
    const before = state(site);
    const r = site.run(['unit', 'import', file], { as: 'S005', env: { PMCTL_FAULT_AT: 'import.merged' } });
    expect(r.code).not.toBe(0);
    expect(state(site)).toEqual(before);
    // The merge note of the killed import is a leftover doctor removes; writers ignore it (its process is gone).
    expect(notes(site)).toHaveLength(1);
    const w = site.run(['complaint', 'new', '--unit', '1-1-101', '--name', '付辉磊', '--phone', '13038378401', '--subject', '楼上漏水'], {
      as: 'S006',
      env: { PMCTL_BUSY_TIMEOUT_MS: '200' },
    });
    expect(w.code, w.stderr).toBe(0);
    const doc = site.run(['doctor', '--json']).json();
    expect(doc.checks.find((c: { check: string }) => c.check === 'leftovers').detail).toMatch(/^\.pmctl-merging-\d+$/);
    expect(site.run(['doctor', '--fix']).code).toBe(0);
    expect(notes(site)).toEqual([]);
  });

  it('a file with one bad row among thousands writes nothing', async () => {
    const file = join(site.dir, 'bad.csv');
    await writeUnitsCsv(file, 3000, { seed: 4, prefix: 'BR' });
    const text = readFileSync(file, 'utf8') + 'BR9,1,1,101,90,owner,王伟,1380013800\n';
    const f = site.file('bad2.csv', text);
    const before = state(site);
    const r = site.run(['unit', 'import', f], { as: 'S005' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad2\.csv:3002:/);
    expect(state(site)).toEqual(before);
  });

  it('finished: the units, one audit entry naming the file and the clerk, shown by pmctl log and found from a unit', async () => {
    const file = join(site.dir, 'ok.csv');
    await writeUnitsCsv(file, 5000, { seed: 3, prefix: 'KM' });
    const [units0, audit0, labels0] = state(site);
    const r = site.run(['unit', 'import', file, '--json'], { as: 'S005' });
    expect(r.code, r.stderr).toBe(0);
    const res = r.json();
    expect(res).toMatchObject({ rows: 5000, added: 5000 });
    expect(res.lock_ms).toBeGreaterThanOrEqual(0);
    const [units1, audit1, labels1] = state(site);
    expect(units1 - units0).toBe(5000);
    expect(audit1 - audit0).toBe(1);
    expect(labels1 - labels0).toBe(1);
    expect(notes(site)).toEqual([]);

    const log = site.run(['log', '--action', 'unit.import', '--limit', '1', '--json']).json();
    expect(log).toEqual([
      expect.objectContaining({
        actor: 'S005',
        action: 'unit.import',
        entity: `file:${file}`,
        after: expect.objectContaining({ file, rows: 5000, added: 5000, sha256: res.sha256 }),
      }),
    ]);
    // The table a person reads: who (name and code), what, which file.
    const table = site.run(['log', '--action', 'unit.import', '--limit', '1']);
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toMatch(/S005/);
    expect(table.stdout).toMatch(/imported units/);
    expect(table.stdout).toContain('ok.csv');
    // One unit's log: the import that added it.
    const label = readFileSync(file, 'utf8').split('\n')[1].split(',');
    const one = site.run(['log', '--entity', `${label[0]}-${label[1]}-${label[3]}`, '--json']).json();
    expect(one).toEqual([expect.objectContaining({ id: log[0].id, actor: 'S005', action: 'unit.import' })]);
  });

  it('the same units changed (most of the table): each update audited with before and after, indexes and integrity kept', async () => {
    const file = join(site.dir, 'ok.csv');
    const again = join(site.dir, 'changed.csv');
    await writeUnitsCsv(again, 5000, { seed: 9, prefix: 'KM' });
    const old = readFileSync(file, 'utf8').split('\n')[1].split(',');
    const now = readFileSync(again, 'utf8').split('\n')[1].split(',');
    const label = `${old[0]}-${old[1]}-${old[3]}`;
    const [units0, audit0, labels0, idx0] = state(site);
    const r = site.run(['unit', 'import', again, '--json'], { as: 'S006' });
    expect(r.code, r.stderr).toBe(0);
    const res = r.json();
    expect(res.added).toBe(0);
    expect(res.updated + res.unchanged).toBe(5000);
    expect(res.updated).toBeGreaterThan(4000);
    expect(state(site)).toEqual([units0, audit0 + res.updated + 1, labels0, idx0]);
    expect(count(site, 'SELECT COUNT(*) n FROM pragma_integrity_check WHERE integrity_check <> ?', 'ok')).toBe(0);
    const log = site.run(['log', '--entity', label, '--reveal', '--json'], { as: 'S003' }).json();
    expect(log[0]).toMatchObject({ actor: 'S006', action: 'unit.update', entity: `unit:${label}` });
    expect(log[0].before).toMatchObject({ label, owner_name: old[6], owner_phone: old[7] });
    expect(log[0].after).toMatchObject({ label, owner_name: now[6], owner_phone: now[7], occupancy: now[5] });
    expect(site.run(['unit', 'show', label, '--reveal', '--json'], { as: 'S003' }).json()).toMatchObject({
      owner_name: now[6],
      owner_phone: now[7],
      occupancy: now[5],
    });
    // The import that added it is still in its log.
    expect(log.map((l: { action: string }) => l.action)).toEqual(['unit.update', 'unit.import']);
  });
});

describe('a clerk during a merge', () => {
  const site = makeSite({ roster: true });
  afterAll(() => site.cleanup());

  /** Holds the write lock for `ms`, as an import's merge does, with (or without) its merge note. */
  function holder(ms: number, note: boolean): ChildProcess {
    return spawn(
      process.execPath,
      [
        '-e',
        `
        const D = require('better-sqlite3');
        const fs = require('fs');
        const db = new D(${JSON.stringify(join(site.data, 'pmctl.db'))});
        db.exec('BEGIN IMMEDIATE');
        db.prepare("INSERT INTO calendar_overrides(date, type, set_at) VALUES ('2033-01-03', 'holiday', 0)").run();
        const n = ${JSON.stringify(join(site.data, '.pmctl-merging-'))} + process.pid;
        if (${note}) fs.writeFileSync(n, '');
        console.log('locked');
        setTimeout(() => { db.exec('ROLLBACK'); db.close(); if (${note}) fs.unlinkSync(n); }, ${ms});
      `,
      ],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
    );
  }
  const locked = (c: ChildProcess): Promise<void> =>
    new Promise((res, rej) => {
      c.stdout!.on('data', (d) => String(d).includes('locked') && res());
      c.on('close', () => rej(new Error('holder ended early')));
    });
  const closed = (c: ChildProcess): Promise<void> => new Promise((res) => (c.exitCode !== null ? res() : c.on('close', () => res())));
  const clerk = (): Promise<{ code: number | null; ms: number; stderr: string }> =>
    new Promise((res) => {
      const t0 = Date.now();
      const p = spawn(
        process.execPath,
        [
          join(ROOT, 'bin/pmctl'),
          '--data',
          site.data,
          '--as',
          'S006',
          'complaint',
          'new',
          '--unit',
          '1-1-101',
          '--name',
          '付辉磊',
          '--phone',
          '13038378401',
          '--subject',
          '楼上漏水',
          '--json',
        ],
        {
          env: {
            PATH: process.env.PATH,
            HOME: process.env.HOME,
            LANG: 'C',
            PMCTL_LANG: 'en',
            PMCTL_NOW: '2026-11-23T10:00:00+08:00',
            PMCTL_BUSY_TIMEOUT_MS: '300',
          },
          stdio: ['ignore', 'ignore', 'pipe'],
        },
      );
      let stderr = '';
      p.stderr!.on('data', (d) => (stderr += d));
      p.on('close', (code) => res({ code, ms: Date.now() - t0, stderr }));
    });

  it('waits past its busy timeout while an import merges, then writes (no exit 5)', async () => {
    const c0 = count(site, 'SELECT COUNT(*) n FROM complaints');
    const h = holder(2500, true);
    await locked(h);
    const r = await clerk();
    await closed(h);
    expect(r.code, r.stderr).toBe(0);
    expect(r.ms).toBeGreaterThan(1500);
    expect(count(site, 'SELECT COUNT(*) n FROM complaints')).toBe(c0 + 1);
    expect(existsSync(join(site.data, '.pmctl-merging-' + h.pid))).toBe(false);
  });

  it('a lock held by anything else still ends in exit 5 after the busy timeout', async () => {
    const h = holder(2500, false);
    await locked(h);
    const r = await clerk();
    expect(r.code).toBe(5);
    expect(r.ms).toBeLessThan(2000);
    await closed(h);
  });
});

describe('a long roster of a small kind (past the rows kept in memory)', () => {
  const site = makeSite({ roster: true });
  afterAll(() => site.cleanup());
  const ROWS = 20_500;
  const staffCsv = (extra = ''): string => {
    const lines = ['code,name,department,role,phone,active'];
    for (let i = 0; i < ROWS; i++) lines.push(`T${String(i).padStart(5, '0')},员工${i},engineering,staff,,1`);
    return lines.join('\n') + '\n' + extra;
  };

  it('a bad last row writes nothing', () => {
    const staff0 = count(site, 'SELECT COUNT(*) n FROM staff');
    const f = site.file('staff-bad.csv', staffCsv('T99999,坏行,engineering,wizard,,1\n'));
    const r = site.run(['staff', 'import', f], { as: 'S002' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`staff-bad\\.csv:${ROWS + 2}:`));
    expect(count(site, 'SELECT COUNT(*) n FROM staff')).toBe(staff0);
  });

  it('every row is written in file order from the temp database, all in one transaction', () => {
    const staff0 = count(site, 'SELECT COUNT(*) n FROM staff');
    const audit0 = count(site, 'SELECT COUNT(*) n FROM audit');
    const f = site.file('staff-long.csv', staffCsv());
    const r = site.run(['staff', 'import', f, '--json'], { as: 'S002' });
    expect(r.code, r.stderr).toBe(0);
    expect(r.json()).toMatchObject({ rows: ROWS, added: ROWS });
    expect(count(site, 'SELECT COUNT(*) n FROM staff') - staff0).toBe(ROWS);
    // one entry per staff code (a roster of people keeps each), and the import's
    expect(count(site, 'SELECT COUNT(*) n FROM audit') - audit0).toBe(ROWS + 1);
    const first = count(site, "SELECT MIN(id) n FROM audit WHERE entity = 'staff:T00000'");
    const last = count(site, `SELECT MIN(id) n FROM audit WHERE entity = 'staff:T${String(ROWS - 1).padStart(5, '0')}'`);
    expect(last).toBeGreaterThan(first);
  });
});
