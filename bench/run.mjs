#!/usr/bin/env node
// `npm run bench`: the speed, memory and fault goals of SPEC §9, measured on
// this machine. Whole-process wall times, medians of several runs, each goal
// timed side by side with its baseline (runs interleaved, so a busy machine
// slows both alike):
//   pmctl overdue, complaint list, request list,
//   archive find                                  ≤ 1.5 × node -e 0
//   pmctl patrol list, finding list              ≤ 1.5 × node -e 0 (a year of patrols)
//   report monthly                               ≤ 3 × node -e 0
//   unit import of 100 000 rows                  ≤ 3 × sqlite3 .import of the same file
//   peak memory of an import                     < 150 MiB, whatever the file size
//   rollup of 50 demo-size site bundles          ≤ 10 × node -e 0, memory flat in sites
// then the fault tests at full size (PMCTL_HEAVY=1).
// Options (environment): BENCH_UNITS, BENCH_COMPLAINTS, BENCH_REQUESTS
// (default 5 × the complaints, as pmctl demo makes them), BENCH_RUNS,
// BENCH_REGEN=1 (rebuild the site), BENCH_SKIP_FAULTS=1, BENCH_SKIP_ROLLUP=1,
// BENCH_SITE=DIR (time an existing site), BENCH_ONLY=times (the read commands
// only: no import, no faults, no rollup).
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { cpus, totalmem, release, platform } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeUnitsCsv } from './gen.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'bench/out');
const BIN = join(ROOT, 'bin/pmctl');
const UNITS = +(process.env.BENCH_UNITS ?? 100_000);
const COMPLAINTS = +(process.env.BENCH_COMPLAINTS ?? 1_000_000);
const REQUESTS = +(process.env.BENCH_REQUESTS ?? COMPLAINTS * 5);
const RUNS = +(process.env.BENCH_RUNS ?? 21);
const NOW = '2026-11-23T10:00:00+08:00';
const SITE = process.env.BENCH_SITE ? resolve(process.env.BENCH_SITE) : join(OUT, `site-${UNITS}-${COMPLAINTS}-${REQUESTS}`);
const ONLY_TIMES = process.env.BENCH_ONLY === 'times';
const SQLITE3 = existsSync('/usr/bin/sqlite3') ? '/usr/bin/sqlite3' : 'sqlite3';
const env = { ...process.env, PMCTL_NOW: NOW, PMCTL_LANG: 'en', LANG: 'C', NO_COLOR: '1' };
delete env.PMCTL_DATA;
delete env.PMCTL_USER;

mkdirSync(OUT, { recursive: true });
const log = (s) => process.stderr.write(s + '\n');

/** One whole process: wall ms, peak RSS (KiB, via /usr/bin/time when present), exit code. */
function once(cmd, args, o = {}) {
  const haveTime = existsSync('/usr/bin/time');
  const t0 = process.hrtime.bigint();
  const r = haveTime
    ? spawnSync('/usr/bin/time', ['-f', '__RSS__ %M', cmd, ...args], { env: o.env ?? env, encoding: 'utf8', maxBuffer: 1 << 30, input: '' })
    : spawnSync(cmd, args, { env: o.env ?? env, encoding: 'utf8', maxBuffer: 1 << 30, input: '' });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const m = /__RSS__ (\d+)/.exec(r.stderr ?? '');
  if (r.status !== 0 && !o.allowFail)
    throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${(r.stderr ?? '').replace(/__RSS__.*/, '').slice(0, 500)}`);
  return { ms, rssKiB: m ? +m[1] : null, code: r.status, stdout: r.stdout };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** Interleave target and baseline runs; `before` prepares each run (not timed). */
function sideBySide(target, baseline, runs, before = () => {}) {
  const a = [];
  const b = [];
  // One warm-up of each (file cache), not counted.
  before('target');
  once(...target);
  before('baseline');
  once(...baseline);
  for (let i = 0; i < runs; i++) {
    before('target');
    a.push(once(...target));
    before('baseline');
    b.push(once(...baseline));
  }
  return {
    target_ms: median(a.map((x) => x.ms)),
    baseline_ms: median(b.map((x) => x.ms)),
    target_rss_mib: Math.max(...a.map((x) => x.rssKiB ?? 0)) / 1024,
  };
}

/** The command exists in this build (modules land one by one). */
function available(args) {
  const r = spawnSync(process.execPath, [BIN, '--data', SITE, ...args], { env, encoding: 'utf8', maxBuffer: 1 << 30 });
  return r.status === 0;
}

const results = { date: new Date().toISOString(), machine: machine(), site: {}, rows: [], faults: null };

function machine() {
  const c = cpus();
  const sq = spawnSync(SQLITE3, ['--version'], { encoding: 'utf8' }).stdout?.split(' ')[0] ?? '?';
  return `${c[0]?.model?.trim() ?? '?'} × ${c.length}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, ${platform()} ${release()}, node ${process.version}, sqlite3 CLI ${sq}`;
}

// ---- the site ---------------------------------------------------------------
if (process.env.BENCH_REGEN === '1' || !existsSync(join(SITE, 'pmctl.db'))) {
  rmSync(SITE, { recursive: true, force: true });
  log(`generating ${UNITS} units, ${COMPLAINTS} complaints and ${REQUESTS} service requests in ${SITE} …`);
  const g = once(process.execPath, [
    BIN,
    'demo',
    '--data',
    SITE,
    '--units',
    String(UNITS),
    '--complaints',
    String(COMPLAINTS),
    '--requests',
    String(REQUESTS),
    '--json',
  ]);
  results.site = { generated_s: +(g.ms / 1000).toFixed(1), peak_mib: +((g.rssKiB ?? 0) / 1024).toFixed(0) };
  writeFileSync(join(OUT, 'site-generation.json'), JSON.stringify(results.site));
} else {
  try {
    results.site = JSON.parse(readFileSync(join(OUT, 'site-generation.json'), 'utf8'));
  } catch {
    results.site = {};
  }
  log(`using the existing site ${SITE} (BENCH_REGEN=1 rebuilds it)`);
}

// Search words for `archive find`: a name and a phone tail that exist on the site.
function sample() {
  const q = (sql) => spawnSync(SQLITE3, ['-readonly', join(SITE, 'pmctl.db'), sql], { encoding: 'utf8' }).stdout.trim();
  return {
    name: q('SELECT owner_name FROM units WHERE rowid = (SELECT MAX(rowid) / 2 FROM units)'),
    label: q('SELECT label FROM units WHERE rowid = (SELECT MAX(rowid) / 3 FROM units)'),
  };
}
const s = sample();

const node0 = [process.execPath, ['-e', '0']];
const pm = (...args) => [process.execPath, [BIN, '--data', SITE, ...args]];

const GOALS = [
  { what: 'pmctl overdue', args: ['overdue'], goal: 1.5 },
  { what: 'pmctl complaint list', args: ['complaint', 'list'], goal: 1.5 },
  { what: 'pmctl request list', args: ['request', 'list'], goal: 1.5 },
  { what: `pmctl archive find ${s.name}`, args: ['archive', 'find', s.name], goal: 1.5 },
  { what: 'pmctl patrol list', args: ['patrol', 'list'], goal: 1.5 },
  { what: 'pmctl finding list', args: ['finding', 'list'], goal: 1.5 },
  { what: 'pmctl report monthly', args: ['report', 'monthly'], goal: 3 },
];
for (const g of GOALS) {
  if (!available(g.args)) {
    results.rows.push({ what: g.what, baseline: 'node -e 0', goal: g.goal, note: 'command not available in this build' });
    continue;
  }
  log(`timing ${g.what} …`);
  const r = sideBySide(pm(...g.args), node0, RUNS);
  results.rows.push({ what: g.what, baseline: 'node -e 0', goal: g.goal, ...r, ratio: r.target_ms / r.baseline_ms });
}

// ---- head office: rollup of 50 demo bundles (bench/rollup.mjs) ---------------------
if (process.env.BENCH_SKIP_ROLLUP !== '1' && !ONLY_TIMES) {
  log('rollup (bench/rollup.mjs) …');
  const r = spawnSync(process.execPath, [join(ROOT, 'bench/rollup.mjs'), '--json'], {
    env: { ...process.env, BENCH_RUNS: String(Math.min(RUNS, 11)) },
    encoding: 'utf8',
  });
  if (r.status === 0) results.rows.push(...JSON.parse(r.stdout.trim().split('\n').pop()));
  else log(r.stderr.slice(-2000));
}

// ---- import -------------------------------------------------------------------
let importRuns = 0;
if (!ONLY_TIMES) {
  const csv = join(OUT, `units-${UNITS}.csv`);
  if (!existsSync(csv)) await writeUnitsCsv(csv, UNITS, { seed: 1 });
  const template = join(OUT, 'import-template');
  rmSync(template, { recursive: true, force: true });
  once(process.execPath, [BIN, '--data', template, 'init', '--site', 'bench', '--timezone', 'Asia/Shanghai']);
  const target = join(OUT, 'import-target');
  const sqliteDb = join(OUT, 'sqlite-import.db');
  const prepare = (which) => {
    if (which === 'target') {
      rmSync(target, { recursive: true, force: true });
      mkdirSync(target);
      copyFileSync(join(template, 'pmctl.db'), join(target, 'pmctl.db'));
    } else rmSync(sqliteDb, { force: true });
  };
  log(`timing unit import of ${UNITS} rows …`);
  importRuns = Math.max(3, Math.min(RUNS, 5));
  const imp = sideBySide(
    [process.execPath, [BIN, '--data', target, 'unit', 'import', csv]],
    [SQLITE3, [sqliteDb, '.import --csv ' + csv + ' units']],
    importRuns,
    prepare,
  );
  results.rows.push({ what: `pmctl unit import (${UNITS} rows)`, baseline: 'sqlite3 .import', goal: 3, ...imp, ratio: imp.target_ms / imp.baseline_ms });

  // Peak memory whatever the file size: the same import of a file 3× as large.
  const big = join(OUT, `units-${UNITS * 3}.csv`);
  if (!existsSync(big)) await writeUnitsCsv(big, UNITS * 3, { seed: 2 });
  prepare('target');
  const bigRun = once(process.execPath, [BIN, '--data', target, 'unit', 'import', big]);
  results.rows.push({
    what: 'peak memory of an import',
    baseline: '150 MiB',
    goal_mib: 150,
    note: `${UNITS} rows: ${imp.target_rss_mib.toFixed(0)} MiB; ${UNITS * 3} rows: ${((bigRun.rssKiB ?? 0) / 1024).toFixed(0)} MiB`,
    peak_mib: Math.max(imp.target_rss_mib, (bigRun.rssKiB ?? 0) / 1024),
  });
}

// ---- fault tests at full size -----------------------------------------------------
if (process.env.BENCH_SKIP_FAULTS !== '1' && !ONLY_TIMES) {
  log('fault tests at full size (PMCTL_HEAVY=1) …');
  const t0 = Date.now();
  const f = spawnSync('npx', ['vitest', 'run', 'test/e2e/faults.test.ts'], {
    cwd: ROOT,
    env: { ...process.env, PMCTL_HEAVY: '1' },
    encoding: 'utf8',
  });
  const summary = (f.stdout + f.stderr)
    .split('\n')
    .filter((l) => /Tests\s+\d|Test Files/.test(l))
    .map((l) => l.trim());
  results.faults = { ok: f.status === 0, seconds: Math.round((Date.now() - t0) / 1000), summary };
  if (f.status !== 0) log(f.stdout.slice(-4000));
}

// ---- report -------------------------------------------------------------------------
const fmt = (x, d = 0) => (x === undefined || x === null ? '' : Number(x).toFixed(d));
const lines = [
  `pmctl benchmark — ${results.date.slice(0, 10)}`,
  `machine: ${results.machine}`,
  `site: ${UNITS} units, ${COMPLAINTS} complaints and ${REQUESTS} service requests over 5 years` +
    (results.site.generated_s ? ` (generated by pmctl demo in ${results.site.generated_s} s, peak ${results.site.peak_mib} MiB)` : ''),
  `medians of ${RUNS} runs (imports: ${importRuns}), whole processes, interleaved with the baseline`,
  '',
  '| what | time | baseline | baseline time | ratio | goal | |',
  '| --- | ---: | --- | ---: | ---: | ---: | --- |',
];
let allMet = true;
for (const r of results.rows) {
  if (r.note && r.ratio === undefined && r.peak_mib === undefined) {
    lines.push(`| ${r.what} | | ${r.baseline} | | | ≤ ${r.goal}× | ${r.note} |`);
    continue;
  }
  if (r.peak_mib !== undefined) {
    const met = r.peak_mib < r.goal_mib;
    allMet &&= met;
    lines.push(`| ${r.what} | ${fmt(r.peak_mib)} MiB | | | | < ${r.goal_mib} MiB | ${met ? 'met' : 'MISSED'} (${r.note}) |`);
    continue;
  }
  const met = r.ratio <= r.goal;
  allMet &&= met;
  lines.push(
    `| ${r.what} | ${fmt(r.target_ms)} ms | ${r.baseline} | ${fmt(r.baseline_ms)} ms | ${fmt(r.ratio, 2)}× | ≤ ${r.goal}× | ${met ? 'met' : 'MISSED'} |`,
  );
}
if (results.faults)
  lines.push(
    '',
    `fault tests (PMCTL_HEAVY=1): ${results.faults.ok ? 'passed' : 'FAILED'} in ${results.faults.seconds} s — ${results.faults.summary.join('; ')}`,
  );
const text = lines.join('\n') + '\n';
process.stdout.write(text);
writeFileSync(join(OUT, 'results.md'), text);
writeFileSync(join(OUT, 'results.json'), JSON.stringify(results, null, 2));
process.exitCode = results.faults && !results.faults.ok ? 1 : 0;
if (!allMet) log('some goals were missed (see the table)');
