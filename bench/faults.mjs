// Kill -9 at random points (issue 14, "Must show"): init, demo, scale demo,
// backup, unit import and --out, N kills each, then count what a kill left
// under a real name: corrupt databases, zero-byte databases, partial files.
// Also a full disk on a small tmpfs (root only). Heavy: not part of npm test.
//
//   PMCTL_FAULTS=1 node bench/faults.mjs [kills per command, default 20]
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
      if (readdirSync(s.data).some((n) => n.startsWith('.pmctl-tmp-') || n.startsWith('.pmctl-demo'))) tally(cmd, 'leftovers_after_fix');
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
await writeUnitsCsv(unitsCsv, 20_000, { seed: 7 });

await series('init', fresh, (s) => ['--data', s.data, 'init'], checkDb('init'), (s) => ['--data', s.data, 'init']);
await series('demo', fresh, (s) => ['--data', s.data, 'demo'], checkDb('demo'), (s) => ['--data', s.data, 'demo']);
await series(
  'demo_scale',
  fresh,
  (s) => ['--data', s.data, 'demo', '--units', '20000', '--complaints', '50000'],
  (s) => {
    checkDb('demo_scale')(s);
  },
  (s) => ['--data', s.data, 'demo', '--units', '2000', '--complaints', '2000'],
);
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
await series(
  'unit_import',
  site,
  (s) => ['--data', s.data, '--as', 'S005', 'unit', 'import', unitsCsv],
  (s) => {
    checkDb('unit_import')(s);
    // all or nothing: the fixture's units or the fixture's plus all 20 000
    const db = new Database(join(s.data, 'pmctl.db'), { readonly: true });
    const c = db.prepare('SELECT COUNT(*) n FROM units').get().n;
    db.close();
    const before = new Database(join(base.data, 'pmctl.db'), { readonly: true });
    const b = before.prepare('SELECT COUNT(*) n FROM units').get().n;
    before.close();
    if (c !== b && c < b + 19_000) tally('unit_import', 'partial_target');
  },
);
// --out: a big report over an old file of the same name (--yes); the file is the old one or the whole new one.
const outRef = (() => {
  const s = site();
  run(['--data', s.data, 'report', 'monthly', '--month', '2026-11', '--out', join(s.dir, 'ref.html')]);
  return readFileSync(join(s.dir, 'ref.html'), 'utf8');
})();
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

// A full disk: a 2 MiB tmpfs (root only).
const full = { attempted: false };
const mnt = join(work, 'tmpfs');
mkdirSync(mnt);
if (process.getuid?.() === 0 && spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=2m', 'tmpfs', mnt]).status === 0) {
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
    full.left_in_tmpfs = readdirSync(mnt).filter((x) => x !== 'filler').concat(existsSync(d) ? readdirSync(d).map((x) => 'site/' + x) : []);
  } finally {
    spawnSync('umount', [mnt]);
  }
}

console.log(JSON.stringify({ kills_per_command: KILLS, counts, disk_full: full }, null, 2));
rmSync(work, { recursive: true, force: true });
