// Fault tests (SPEC §9): concurrent writers, concurrent first start, kill -9
// during an import, a full disk, backup under load, a report on two threads
// under load, a corrupt file, a lock held past the busy timeout, fuzzed CSV bytes. Each checks that nothing is lost or
// half-written and that the user sees a clear message, never a crash.
// PMCTL_HEAVY=1 (set by `npm run bench`) runs the full-size loops.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { availableParallelism } from 'node:os';
import Database from 'better-sqlite3';
import { BIN, ROOT, makeSite, pmctl, type RunResult, type Site } from './helpers.js';
// @ts-expect-error plain ES module shared with the benchmark
import { rng, writeUnitsCsv, UNITS_HEADER, unitRow } from '../../bench/gen.mjs';
import { SCHEMA_VERSION } from '../../src/store/migrations.js';

const HEAVY = process.env.PMCTL_HEAVY === '1';
const NOW = '2026-11-23T10:00:00+08:00';

interface Running {
  child: ChildProcess;
  done: Promise<RunResult>;
}

/** Start pmctl without waiting (spawnSync would serialise the processes). */
function start(site: Site, args: string[], env: Record<string, string> = {}): Running {
  const child = spawn(process.execPath, [BIN, '--data', site.data, ...args], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, LANG: 'C', PMCTL_LANG: 'en', PMCTL_NOW: NOW, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  const done = new Promise<RunResult>((res) =>
    child.on('close', (code, signal) =>
      res({
        code: code ?? (signal ? -1 : -2),
        stdout,
        stderr,
        json: () => JSON.parse(stdout),
      }),
    ),
  );
  return { child, done };
}

/** A script run by plain node with better-sqlite3 (lock holders, writers). */
function nodeScript(code: string): ChildProcess {
  return spawn(process.execPath, ['-e', code], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
}

function waitForLine(c: ChildProcess, text: string): Promise<void> {
  return new Promise((res, rej) => {
    let buf = '';
    c.stdout!.on('data', (d) => {
      buf += d;
      if (buf.includes(text)) res();
    });
    c.on('close', () => rej(new Error('helper exited before "' + text + '": ' + buf)));
  });
}

function db(site: Site, readonly = true): Database.Database {
  return new Database(join(site.data, 'pmctl.db'), { readonly, fileMustExist: true });
}

function count(site: Site, sql: string, ...args: unknown[]): number {
  const d = db(site);
  try {
    return (d.prepare(sql).get(...args) as { n: number }).n;
  } finally {
    d.close();
  }
}

/** Nothing looked like a crash: a known exit code and one `pmctl:` line, no stack. */
function expectCleanFailure(r: RunResult): void {
  expect(r.code, r.stderr).toBeGreaterThan(1);
  expect(r.stderr).toMatch(/^pmctl: /);
  expect(r.stderr).not.toMatch(/internal error|\n\s+at .*:\d+:\d+/);
}

describe('concurrent writers', () => {
  const site = makeSite({ roster: true });
  afterAll(() => site.cleanup());

  it(
    `8 processes × ${HEAVY ? 50 : 4} writes at once: nothing lost, no SQLITE_BUSY, one audit row per record`,
    async () => {
      const procs = 8;
      const per = HEAVY ? 50 : 4;
      const staff0 = count(site, 'SELECT COUNT(*) n FROM staff');
      const cal0 = count(site, 'SELECT COUNT(*) n FROM calendar_overrides');
      // A weekday (a weekend is already a rest day: marking it a holiday changes nothing).
      const weekday = (k: number): string => {
        const d = new Date(Date.UTC(2031, 0, 6 + Math.floor(k / 5) * 7 + (k % 5))); // 2031-01-06 is a Monday
        return d.toISOString().slice(0, 10);
      };
      // Each "clerk" runs its commands one after another; the clerks run at once.
      const clerk = async (p: number): Promise<RunResult[]> => {
        const out: RunResult[] = [];
        for (let i = 0; i < per; i++) {
          const args =
            i % 2 === 0
              ? ['--as', 'S002', 'staff', 'add', `T${p}${String(i).padStart(3, '0')}`, '--name', `测试${p}-${i}`, '--dept', 'cs', '--role', 'clerk']
              : ['--as', 'S002', 'calendar', 'set', weekday(p * per + i), 'holiday', '--note', `p${p} i${i}`];
          out.push(await start(site, args).done);
        }
        return out;
      };
      const results = (await Promise.all(Array.from({ length: procs }, (_, p) => clerk(p)))).flat();
      for (const r of results) {
        expect(r.stderr).not.toMatch(/SQLITE_BUSY|locked/i);
        expect(r.code, r.stderr).toBe(0);
      }
      const staffAdds = procs * Math.ceil(per / 2);
      const calSets = procs * Math.floor(per / 2);
      expect(count(site, 'SELECT COUNT(*) n FROM staff')).toBe(staff0 + staffAdds);
      expect(count(site, 'SELECT COUNT(*) n FROM calendar_overrides')).toBe(cal0 + calSets);
      expect(count(site, "SELECT COUNT(*) n FROM audit WHERE action = 'staff.add' AND entity LIKE 'staff:T%'")).toBe(staffAdds);
      expect(count(site, "SELECT COUNT(*) n FROM audit WHERE action = 'calendar.set' AND entity LIKE 'calendar:203_-%'")).toBe(calSets);
    },
    HEAVY ? 900_000 : 120_000,
  );
});

describe('first start', () => {
  it('6 processes on a fresh data folder at once: one creates it, all succeed, the schema is applied once', async () => {
    const site = makeSite();
    try {
      const rs = await Promise.all(Array.from({ length: 6 }, (_, i) => start(site, ['init', '--site', 'S' + i, '--timezone', 'Asia/Shanghai', '--json']).done));
      for (const r of rs) expect(r.code, r.stderr).toBe(0);
      expect(rs.filter((r) => r.json().created).length).toBe(1);
      expect(count(site, "SELECT COUNT(*) n FROM audit WHERE action = 'init'")).toBe(1);
      const d = db(site);
      expect(d.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
      d.close();
      // An empty database file (issue 14, defect 4) is never taken for a new
      // site: every command refuses it with exit 5 and leaves it as it was.
      const site2 = makeSite();
      mkdirSync(site2.data);
      writeFileSync(join(site2.data, 'pmctl.db'), '');
      const rs2 = await Promise.all(Array.from({ length: 6 }, () => start(site2, ['staff', 'list', '--json']).done));
      for (const r of rs2) expect(r.code, r.stderr).toBe(5);
      expect(statSync(join(site2.data, 'pmctl.db')).size).toBe(0);
      site2.cleanup();
    } finally {
      site.cleanup();
    }
  });
});

describe('kill -9 during a large import', () => {
  const site = makeSite({ roster: true });
  afterAll(() => site.cleanup());
  const rows = HEAVY ? 20_000 : 2_000;
  const rounds = HEAVY ? 30 : 20;

  it(
    `${rounds} imports of ${rows} units killed at random points: each all or nothing, doctor ok`,
    async () => {
      const r = rng(20261123);
      // How long a whole import takes here, to spread the kills over it.
      const probe = join(site.dir, 'probe.csv');
      await writeUnitsCsv(probe, rows, { seed: 99, prefix: 'P_' });
      const t0 = Date.now();
      const full = await start(site, ['--as', 'S005', 'unit', 'import', probe, '--dry-run']).done;
      expect(full.code, full.stderr).toBe(0);
      const span = Math.max(200, Date.now() - t0);
      let committed = 0;
      let killed = 0;
      for (let i = 0; i < rounds; i++) {
        const file = join(site.dir, `k${i}.csv`);
        await writeUnitsCsv(file, rows, { seed: i + 1, prefix: `K${i}_` });
        const run = start(site, ['--as', 'S005', 'unit', 'import', file]);
        const delay = Math.floor(r() * span * 1.1);
        const timer = setTimeout(() => run.child.kill('SIGKILL'), delay);
        const res = await run.done;
        clearTimeout(timer);
        const n = count(site, 'SELECT COUNT(*) n FROM units WHERE building GLOB ?', `K${i}_*`);
        // The import's one audit entry, and the labels beside it, are in the same transaction.
        const audits = count(site, "SELECT COUNT(*) n FROM audit WHERE action = 'unit.import' AND entity = ?", `file:${file}`);
        const labels = count(site, 'SELECT COUNT(*) n FROM audit_labels l JOIN audit a ON a.id = l.audit_id WHERE a.entity = ?', `file:${file}`);
        if (res.code === 0) {
          committed++;
          expect(n).toBe(rows);
        } else {
          killed++;
          expect([0, rows]).toContain(n);
        }
        expect(audits).toBe(n ? 1 : 0);
        expect(labels).toBe(audits);
      }
      const doc = site.run(['doctor', '--json']);
      expect(doc.code, doc.stderr).toBe(0);
      expect(doc.json().ok).toBe(true);
      // Both outcomes happened, so the kills did land inside imports.
      expect(killed).toBeGreaterThan(0);
      expect(committed + killed).toBe(rounds);
    },
    HEAVY ? 900_000 : 120_000,
  );
});

describe('disk full', () => {
  const site = makeSite({ roster: true });
  afterAll(() => site.cleanup());

  it('an import that fills the disk is rolled back with a clear error; the database stays usable', async () => {
    const file = join(site.dir, 'big.csv');
    await writeUnitsCsv(file, 5000, { seed: 7, prefix: 'F_' });
    const d = db(site);
    const pages = d.pragma('page_count', { simple: true }) as number;
    d.close();
    const units0 = count(site, 'SELECT COUNT(*) n FROM units');
    const audit0 = count(site, 'SELECT COUNT(*) n FROM audit');
    const r = site.run(['unit', 'import', file], { as: 'S005', env: { PMCTL_MAX_PAGE_COUNT: String(pages + 30) } });
    expectCleanFailure(r);
    expect(r.code).toBe(5);
    expect(r.stderr).toMatch(/disk|full|space/i);
    expect(count(site, 'SELECT COUNT(*) n FROM units')).toBe(units0);
    expect(count(site, 'SELECT COUNT(*) n FROM audit')).toBe(audit0);
    // Still usable: a small write and a read, then doctor.
    expect(site.run(['calendar', 'set', '2031-01-05', 'holiday'], { as: 'S002' }).code).toBe(0);
    expect(site.run(['unit', 'show', '1-1-101']).code).toBe(0);
    const doc = site.run(['doctor', '--json']);
    expect(doc.code, doc.stderr).toBe(0);
  });
});

// A real full disk: a tiny tmpfs (needs root; run by `npm run bench` as root).
if (HEAVY && process.getuid?.() === 0) {
  describe('disk full on a tiny filesystem', () => {
    it('the import is rolled back with exit 5 and a clear message; reads and doctor still work', async () => {
      const site = makeSite();
      const mnt = join(site.dir, 'mnt');
      mkdirSync(mnt);
      const m = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=3m', 'tmpfs', mnt]);
      expect(m.status, String(m.stderr)).toBe(0);
      try {
        const data = join(mnt, 'data');
        const env = { PMCTL_NOW: NOW };
        expect(pmctl(['--data', data, 'init', '--timezone', 'Asia/Shanghai'], env).code).toBe(0);
        expect(pmctl(['--data', data, 'unit', 'import', join(ROOT, 'fixtures/units.csv')], env).code).toBe(0);
        const file = join(site.dir, 'big.csv');
        await writeUnitsCsv(file, 30_000, { seed: 11, prefix: 'T_' });
        const r = pmctl(['--data', data, 'unit', 'import', file], env);
        expectCleanFailure(r);
        expect(r.code).toBe(5);
        expect(r.stderr).toMatch(/disk|full|space/i);
        const list = pmctl(['--data', data, 'unit', 'list', '--json'], env);
        expect(list.code, list.stderr).toBe(0);
        expect(list.json().length).toBe(240);
        expect(pmctl(['--data', data, 'doctor', '--json'], env).json().ok).toBe(true);
      } finally {
        spawnSync('umount', [mnt]);
        site.cleanup();
      }
    });
  });
}

describe('backup under load', () => {
  const site = makeSite({ roster: true });
  afterAll(() => site.cleanup());

  it('backup while another process writes every 20 ms: completes, integrity_check ok, nothing lost', async () => {
    const file = join(site.dir, 'more.csv');
    await writeUnitsCsv(file, HEAVY ? 50_000 : 5_000, { seed: 3, prefix: 'B_' });
    expect(site.run(['unit', 'import', file], { as: 'S005' }).code).toBe(0);
    const writer = nodeScript(`
      const D = require('better-sqlite3');
      const db = new D(${JSON.stringify(join(site.data, 'pmctl.db'))}, { timeout: 10000 });
      db.pragma('busy_timeout = 10000');
      const ins = db.prepare("INSERT INTO audit(at, actor, action, entity) VALUES (?, 'S005', 'test.tick', ?)");
      let i = 0;
      console.log('writing');
      setInterval(() => { db.transaction(() => ins.run(Date.now(), 'tick:' + i++)).immediate(); }, 20);
      process.on('SIGTERM', () => { console.log('ticks ' + i); db.close(); process.exit(0); });
    `);
    await waitForLine(writer, 'writing');
    const out = join(site.dir, 'backup.db');
    const b = await start(site, ['--as', 'S005', 'backup', out, '--json']).done;
    const ticksBefore = count(site, "SELECT COUNT(*) n FROM audit WHERE action = 'test.tick'");
    writer.kill('SIGTERM');
    await new Promise((res) => writer.on('close', res));
    expect(b.code, b.stderr).toBe(0);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    const copy = new Database(out, { readonly: true });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    expect((copy.prepare("SELECT COUNT(*) n FROM units WHERE building GLOB 'B_*'").get() as { n: number }).n).toBe(HEAVY ? 50_000 : 5_000);
    copy.close();
    expect(ticksBefore).toBeGreaterThan(0);
  });
});

describe('a report on two threads under load', () => {
  const site = makeSite({ init: false });
  afterAll(() => site.cleanup());

  it('while another process writes every 5 ms: the same figures as one thread, the worker refused when it read a later snapshot', async () => {
    expect(site.run(['demo']).code).toBe(0);
    const args = ['report', 'monthly', '--month', 'last', '--json'];
    const one = site.run(args, { env: { PMCTL_REPORT_THREADS: '0' } });
    expect(one.code, one.stderr).toBe(0);
    // Audit entries only: the report's figures do not change, but the snapshot
    // the worker reads (some 25 ms after this thread's) is a later one.
    const writer = nodeScript(`
      const D = require('better-sqlite3');
      const db = new D(${JSON.stringify(join(site.data, 'pmctl.db'))}, { timeout: 10000 });
      const ins = db.prepare("INSERT INTO audit(at, actor, action, entity) VALUES (?, 'S005', 'test.tick', ?)");
      let i = 0;
      console.log('writing');
      setInterval(() => { db.transaction(() => ins.run(Date.now(), 'tick:' + i++)).immediate(); }, 5);
      process.on('SIGTERM', () => { db.close(); process.exit(0); });
    `);
    await waitForLine(writer, 'writing');
    const runs: RunResult[] = [];
    for (let i = 0; i < (HEAVY ? 10 : 3); i++) runs.push(await start(site, args, { PMCTL_REPORT_THREAD_MIN: '0', PMCTL_DEBUG: '1' }).done);
    writer.kill('SIGTERM');
    await new Promise((res) => writer.on('close', res));
    // On one core there is no second thread: the report is then read on one.
    const twoCores = availableParallelism() >= 2;
    for (const r of runs) {
      expect(r.code, r.stderr).toBe(0);
      expect(/pmctl debug: report: (second thread read another snapshot|\d+ rows read on a second thread)/.test(r.stderr)).toBe(twoCores);
      expect(r.json()).toEqual(one.json());
    }
    // A write every 5 ms lands between the two snapshots nearly always.
    expect(runs.some((r) => r.stderr.includes('second thread read another snapshot'))).toBe(twoCores);
  });
});

describe('corrupt database', () => {
  const site = makeSite({ roster: true });
  afterAll(() => site.cleanup());

  it('doctor on byte-flipped copies: non-zero exit, a clear message, no crash', () => {
    // A clean single file to corrupt (the WAL folded in).
    const src = join(site.data, 'pmctl.db');
    const d = db(site, false);
    d.pragma('wal_checkpoint(TRUNCATE)');
    d.close();
    const good = readFileSync(src);
    const pageSize = good.readUInt16BE(16);
    // Flips that corrupt what SQLite reads: the header, and the b-tree page
    // header of the schema page and of every table's and index's root page.
    // (A flip inside a page's unused gap changes nothing SQLite can see.)
    const d2 = db(site);
    const roots = (d2.prepare('SELECT rootpage FROM sqlite_master WHERE rootpage > 1').all() as { rootpage: number }[]).map((x) => x.rootpage);
    d2.close();
    const r = rng(7);
    const picked = roots.filter(() => r() < (HEAVY ? 1 : 0.3));
    const targets = [0, 16, 100, ...picked.map((p) => (p - 1) * pageSize)];
    const copy = makeSite();
    try {
      mkdirSync(copy.data);
      for (const at of targets) {
        const bad = Buffer.from(good);
        for (let k = 0; k < 16 && at + k < bad.length; k++) bad[at + k] ^= 0xff;
        writeFileSync(join(copy.data, 'pmctl.db'), bad);
        for (const f of ['-wal', '-shm']) if (existsSync(join(copy.data, 'pmctl.db' + f))) writeFileSync(join(copy.data, 'pmctl.db' + f), '');
        const res = copy.run(['doctor']);
        expect(res.code, `flip at ${at}: ${res.stdout}${res.stderr}`).not.toBe(0);
        expectCleanFailure(res);
      }
    } finally {
      copy.cleanup();
    }
  });
});

describe('a lock held past the busy timeout', () => {
  const site = makeSite({ roster: true });
  afterAll(() => site.cleanup());

  it('a write waits, then exits 5 with a retry message, nothing half-written; reads still work', async () => {
    const holder = nodeScript(`
      const D = require('better-sqlite3');
      const db = new D(${JSON.stringify(join(site.data, 'pmctl.db'))});
      db.exec('BEGIN IMMEDIATE');
      db.prepare("INSERT INTO calendar_overrides(date, type, set_at) VALUES ('2032-01-01', 'holiday', 0)").run();
      console.log('locked');
      setTimeout(() => { db.exec('ROLLBACK'); db.close(); }, 30000);
      process.on('SIGTERM', () => { db.exec('ROLLBACK'); db.close(); process.exit(0); });
    `);
    try {
      await waitForLine(holder, 'locked');
      const staff0 = count(site, 'SELECT COUNT(*) n FROM staff');
      const audit0 = count(site, 'SELECT COUNT(*) n FROM audit');
      const env = { PMCTL_BUSY_TIMEOUT_MS: '300' };
      const w = site.run(['staff', 'add', 'L999', '--name', '锁测试', '--dept', 'cs', '--role', 'clerk'], { as: 'S002', env });
      expectCleanFailure(w);
      expect(w.code).toBe(5);
      expect(w.stderr).toMatch(/try again|retry/i);
      const imp = site.run(['unit', 'import', join(ROOT, 'fixtures/units.csv')], { as: 'S005', env });
      expect(imp.code).toBe(5);
      // WAL: readers are not blocked by a writer.
      expect(site.run(['staff', 'list', '--json'], { env }).code).toBe(0);
      expect(count(site, 'SELECT COUNT(*) n FROM staff')).toBe(staff0);
      expect(count(site, 'SELECT COUNT(*) n FROM audit')).toBe(audit0);
    } finally {
      holder.kill('SIGTERM');
      await new Promise((res) => holder.on('close', res));
    }
    expect(count(site, "SELECT COUNT(*) n FROM calendar_overrides WHERE date = '2032-01-01'")).toBe(0);
    expect(site.run(['staff', 'add', 'L999', '--name', '锁测试', '--dept', 'cs', '--role', 'clerk'], { as: 'S002' }).code).toBe(0);
  });
});

describe('fuzzed CSV into every import', () => {
  const site = makeSite({ roster: true });
  afterAll(() => site.cleanup());

  const IMPORTS: { args: string[]; header: string; row: string }[] = [
    { args: ['staff', 'import'], header: 'code,name,department,role,phone', row: 'Z001,赵六,cs,clerk,13800138000' },
    { args: ['unit', 'import'], header: UNITS_HEADER, row: unitRow(0, rng(5), 'Q_') },
    { args: ['calendar', 'import'], header: 'date,type,note', row: '2033-02-01,holiday,春节' },
  ];

  /** Inputs that can never be a valid file: each breaks the header or a row for sure. */
  function fuzzCases(header: string, row: string, r: () => number): Buffer[] {
    const bytes = (n: number) => Buffer.from(Array.from({ length: n }, () => Math.floor(r() * 256)));
    const cases: Buffer[] = [];
    for (let i = 0; i < (HEAVY ? 40 : 2); i++) cases.push(bytes(1 + Math.floor(r() * 3000))); // noise
    cases.push(Buffer.alloc(0)); // empty
    cases.push(Buffer.from('\uFEFF')); // a BOM alone
    cases.push(Buffer.concat([Buffer.from(header + '\n' + row + '\n'), Buffer.from([0xff, 0xfe, 0x00, 0xc3, 0x28]), Buffer.from('\n')])); // invalid UTF-8 row
    cases.push(Buffer.from(header + '\n"' + row + '\n')); // unclosed quote
    cases.push(Buffer.from(header + '\n' + row + ',extra,cells\n')); // too many cells
    cases.push(Buffer.from(header.split(',').slice(1).join(',') + '\n' + row + '\n')); // a required column missing
    for (let i = 0; i < (HEAVY ? 40 : 2); i++) {
      // A good header and row, then a row of the right width with garbage bytes in every cell.
      const cells = header.split(',').map(
        () =>
          bytes(1 + Math.floor(r() * 6))
            .toString('latin1')
            .replace(/[,\n\r"]/g, '#') + '\u0000',
      );
      cases.push(Buffer.concat([Buffer.from(header + '\n' + row + '\n'), Buffer.from(cells.join(','), 'latin1'), Buffer.from('\n')]));
    }
    return cases;
  }

  it(
    'every import: non-zero exit, no crash, nothing written',
    () => {
      const r = rng(424242);
      const tables = ['staff', 'units', 'calendar_overrides', 'audit'];
      const snapshot = () => tables.map((t) => count(site, `SELECT COUNT(*) n FROM ${t}`));
      const before = snapshot();
      let n = 0;
      for (const imp of IMPORTS) {
        for (const bytes of fuzzCases(imp.header, imp.row, r)) {
          const file = site.file(`fuzz${n++}.csv`, bytes);
          const res = site.run([...imp.args, file], { as: 'S002' });
          expectCleanFailure(res);
          expect(res.code, `${imp.args.join(' ')} ${file}`).toBe(2);
        }
      }
      expect(snapshot()).toEqual(before);
    },
    HEAVY ? 900_000 : 120_000,
  );
});
