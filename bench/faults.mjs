// Kill -9 at random points (issue 14, "Must show"): init, demo, scale demo,
// backup, unit import, --out and export --bundle, N kills each, then count
// what a kill left under a real name: corrupt databases, zero-byte databases,
// partial files. Also a full disk on a small tmpfs (root only). Heavy: not
// part of npm test.
//
//   PMCTL_FAULTS=1 node bench/faults.mjs [kills per command, default 20] [part …]
//
// Parts (default: all): init demo demo_scale backup unit_import out export disk_full.
//
// Prints one JSON object with the counts (docs/v2/i14.md has a run's figures).
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { rng, writeUnitsCsv } from './gen.mjs';

if (process.env.PMCTL_FAULTS !== '1') {
  console.error('bench/faults.mjs is heavy (minutes): run it with PMCTL_FAULTS=1');
  process.exit(2);
}
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = join(ROOT, 'bin/pmctl');
const Database = createRequire(import.meta.url)(join(ROOT, 'node_modules/better-sqlite3'));
const KILLS = Number(process.argv[2] ?? 20);
const PARTS = ['init', 'demo', 'demo_scale', 'backup', 'unit_import', 'out', 'export', 'disk_full'];
const only = process.argv.slice(3);
for (const p of only)
  if (!PARTS.includes(p)) {
    console.error(`bench/faults.mjs: unknown part ${p} (parts: ${PARTS.join(' ')})`);
    process.exit(2);
  }
const want = (p) => !only.length || only.includes(p);
const NOW = '2026-11-23T10:00:00+08:00';
const ENV = { PATH: process.env.PATH, HOME: process.env.HOME, LANG: 'C', PMCTL_LANG: 'en', PMCTL_NOW: NOW };
const r = rng(14);
const work = mkdtempSync(join(tmpdir(), 'pmctl-faults-'));

function run(args, env = {}) {
  const x = spawnSync(process.execPath, [BIN, ...args], { env: { ...ENV, ...env }, encoding: 'utf8' });
  return { code: x.status, stdout: x.stdout, stderr: x.stderr };
}

/** Start a command and SIGKILL it after `ms`; resolves with how it ended. */
function killAfter(args, ms) {
  return new Promise((res) => {
    const c = spawn(process.execPath, [BIN, ...args], { env: ENV, stdio: 'ignore' });
    const t = setTimeout(() => c.kill('SIGKILL'), ms);
    c.on('close', (code, signal) => {
      clearTimeout(t);
      res({ killed: signal === 'SIGKILL', code });
    });
  });
}

function timed(args) {
  const t0 = process.hrtime.bigint();
  const x = run(args);
  if (x.code !== 0) throw new Error(args.join(' ') + ': ' + x.stderr);
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

const HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/** 'missing' | 'zero' | 'foreign' | 'corrupt' | 'ok' for a database file (checked on a copy, with its WAL). */
function dbState(file) {
  if (!existsSync(file)) return 'missing';
  if (statSync(file).size === 0) return 'zero';
  if (!readFileSync(file).subarray(0, 16).equals(HEADER)) return 'foreign';
  const dir = mkdtempSync(join(work, 'chk-'));
  const copy = join(dir, 'c.db');
  copyFileSync(file, copy);
  if (existsSync(file + '-wal')) copyFileSync(file + '-wal', copy + '-wal');
  try {
    const db = new Database(copy);
    const qc = db.pragma('quick_check', { simple: true });
    db.close();
    return qc === 'ok' ? 'ok' : 'corrupt';
  } catch {
    return 'corrupt';
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const counts = {};
function tally(cmd, key) {
  counts[cmd] ??= { kills: 0, finished: 0, corrupt_db: 0, zero_byte_db: 0, partial_target: 0, rerun_failed: 0, leftovers_after_fix: 0 };
  counts[cmd][key]++;
}

async function series(cmd, setup, args, check, rerun) {
  const probe = setup();
  const ms = timed(args(probe));
  for (let i = 0; i < KILLS; i++) {
    const s = setup();
    const k = await killAfter(args(s), Math.floor(r() * ms * 1.1));
    tally(cmd, 'kills');
    if (!k.killed) tally(cmd, 'finished');
    check(s);
    if (rerun && run(rerun(s)).code !== 0) tally(cmd, 'rerun_failed');
    if (existsSync(join(s.data, 'pmctl.db'))) {
      run(['--data', s.data, 'doctor', '--fix']);
      if (readdirSync(s.data).some((n) => /^\.pmctl-(tmp-|demo|export-|merging-)/.test(n))) tally(cmd, 'leftovers_after_fix');
    }
  }
  counts[cmd].uninterrupted_ms = Math.round(ms);
}

let n = 0;
const fresh = () => {
  const dir = join(work, 'f' + n++);
  mkdirSync(dir);
  return { dir, data: join(dir, 'data') };
};
const checkDb = (cmd) => (s) => {
  const st = dbState(join(s.data, 'pmctl.db'));
  if (st === 'zero') tally(cmd, 'zero_byte_db');
  if (st === 'corrupt' || st === 'foreign') tally(cmd, 'corrupt_db');
};

// A site to copy from: roster, units and a few complaints.
const base = fresh();
run(['--data', base.data, 'init', '--site', 'F', '--timezone', 'Asia/Shanghai']);
run(['--data', base.data, 'staff', 'import', join(ROOT, 'fixtures/staff.csv')]);
run(['--data', base.data, '--as', 'S005', 'unit', 'import', join(ROOT, 'fixtures/units.csv')]);
const site = () => {
  const s = fresh();
  mkdirSync(s.data);
  copyFileSync(join(base.data, 'pmctl.db'), join(s.data, 'pmctl.db'));
  return s;
};
const unitsCsv = join(work, 'units-20k.csv');
if (want('unit_import')) await writeUnitsCsv(unitsCsv, 20_000, { seed: 7 });

if (want('init'))
  await series(
    'init',
    fresh,
    (s) => ['--data', s.data, 'init'],
    checkDb('init'),
    (s) => ['--data', s.data, 'init'],
  );
if (want('demo'))
  await series(
    'demo',
    fresh,
    (s) => ['--data', s.data, 'demo'],
    checkDb('demo'),
    (s) => ['--data', s.data, 'demo'],
  );
if (want('demo_scale'))
  await series(
    'demo_scale',
    fresh,
    (s) => ['--data', s.data, 'demo', '--units', '20000', '--complaints', '50000'],
    (s) => {
      checkDb('demo_scale')(s);
    },
    (s) => ['--data', s.data, 'demo', '--units', '2000', '--complaints', '2000'],
  );
if (want('backup'))
  await series(
    'backup',
    site,
    (s) => ['--data', s.data, '--as', 'S005', 'backup', join(s.dir, 'b.db')],
    (s) => {
      checkDb('backup')(s);
      const st = dbState(join(s.dir, 'b.db'));
      if (st !== 'missing' && st !== 'ok') tally('backup', 'partial_target');
    },
  );
if (want('unit_import'))
  await series(
    'unit_import',
    site,
    (s) => ['--data', s.data, '--as', 'S005', 'unit', 'import', unitsCsv],
    (s) => {
      checkDb('unit_import')(s);
      // all or nothing: the fixture's units or the fixture's plus the file's
      // (its first rows are the fixture's labels: updated, not added), and the
      // import's one audit entry (with the labels it added) with them
      const db = new Database(join(s.data, 'pmctl.db'), { readonly: true });
      const c = db.prepare('SELECT COUNT(*) n FROM units').get().n;
      const entries = db.prepare("SELECT COUNT(*) n FROM audit WHERE action = 'unit.import' AND entity = ?").get('file:' + unitsCsv).n;
      const labels = db.prepare('SELECT COUNT(*) n FROM audit_labels l JOIN audit a ON a.id = l.audit_id WHERE a.entity = ?').get('file:' + unitsCsv).n;
      db.close();
      const before = new Database(join(base.data, 'pmctl.db'), { readonly: true });
      const b = before.prepare('SELECT COUNT(*) n FROM units').get().n;
      before.close();
      if (c !== b && c < b + 19_000) tally('unit_import', 'partial_target');
      else if (entries !== (c === b ? 0 : 1) || labels !== entries) tally('unit_import', 'partial_target');
    },
  );
// --out: a big report over an old file of the same name (--yes); the file is the old one or the whole new one.
const outRef = !want('out')
  ? ''
  : (() => {
      const s = site();
      run(['--data', s.data, 'report', 'monthly', '--month', '2026-11', '--out', join(s.dir, 'ref.html')]);
      return readFileSync(join(s.dir, 'ref.html'), 'utf8');
    })();
if (want('out'))
  await series(
    'out',
    () => {
      const s = site();
      writeFileSync(join(s.dir, 'r.html'), 'old');
      return s;
    },
    (s) => ['--data', s.data, 'report', 'monthly', '--month', '2026-11', '--out', join(s.dir, 'r.html'), '--yes'],
    (s) => {
      checkDb('out')(s);
      const t = readFileSync(join(s.dir, 'r.html'), 'utf8');
      if (t !== 'old' && t !== outRef) tally('out', 'partial_target');
    },
  );

// export --bundle: a scale demo site (with a site code) over an old bundle of
// the same name (--yes); the bundle is the old one or a whole new one that
// rollup reads (its checksum checked); the scratch snapshot in the data
// folder is a leftover doctor --fix removes.
if (want('export')) {
  const big = fresh();
  const built = run(['--data', big.data, 'demo', '--site', 'F', '--code', 'F01', '--units', '20000', '--complaints', '50000']);
  if (built.code !== 0) throw new Error('export site: ' + built.stderr);
  await series(
    'export',
    () => {
      const s = fresh();
      mkdirSync(s.data);
      copyFileSync(join(big.data, 'pmctl.db'), join(s.data, 'pmctl.db'));
      writeFileSync(join(s.dir, 'b.pmctl'), 'old');
      return s;
    },
    (s) => ['--data', s.data, '--as', 'S003', 'export', '--bundle', join(s.dir, 'b.pmctl'), '--yes'],
    (s) => {
      checkDb('export')(s);
      const f = join(s.dir, 'b.pmctl');
      if (!existsSync(f)) return tally('export', 'partial_target');
      if (readFileSync(f, 'utf8').slice(0, 3) === 'old' && statSync(f).size === 3) return;
      const r = run(['rollup', f, '--json']);
      if (r.code !== 0) tally('export', 'partial_target');
    },
  );
}

// A full disk: a 2 MiB tmpfs (root only).
const full = { attempted: false };
const mnt = join(work, 'tmpfs');
mkdirSync(mnt);
if (want('disk_full') && process.getuid?.() === 0 && spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=2m', 'tmpfs', mnt]).status === 0) {
  full.attempted = true;
  try {
    const d = join(mnt, 'site');
    full.demo_exit = run(['--data', d, 'demo']).code;
    full.demo_db = dbState(join(d, 'pmctl.db'));
    full.init_exit = run(['--data', d, 'init']).code;
    full.init_db = dbState(join(d, 'pmctl.db'));
    // fill what is left, then a backup, an --out and a write into it
    const big = site();
    spawnSync('dd', ['if=/dev/zero', 'of=' + join(mnt, 'filler'), 'bs=64k'], { stdio: 'ignore' });
    full.backup_exit = run(['--data', big.data, '--as', 'S003', 'backup', join(mnt, 'b.db')]).code;
    full.out_exit = run(['--data', big.data, 'report', 'monthly', '--month', '2026-11', '--out', join(mnt, 'c.html')]).code;
    full.write_exit = run(['--data', d, 'calendar', 'set', '2026-12-24', 'holiday', '--note', 'x'.repeat(3000)]).code;
    full.db_after = dbState(join(d, 'pmctl.db'));
    full.left_in_tmpfs = readdirSync(mnt)
      .filter((x) => x !== 'filler')
      .concat(existsSync(d) ? readdirSync(d).map((x) => 'site/' + x) : []);
  } finally {
    spawnSync('umount', [mnt]);
  }
}

console.log(JSON.stringify({ kills_per_command: KILLS, counts, disk_full: full }, null, 2));
rmSync(work, { recursive: true, force: true });
