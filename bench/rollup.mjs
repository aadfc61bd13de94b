#!/usr/bin/env node
// The head-office goal of SPEC §9 v2: `pmctl rollup` of 50 demo-size site
// bundles within 10 × `node -e 0` (runs interleaved, medians), with peak
// memory flat in the number of sites (10, 50, 200 bundles).
// The bundles: one demo site exported under 200 site codes (`config set
// code`, then `export --bundle`), so each is a real demo-size bundle.
// Options (environment): BENCH_RUNS (default 11), BENCH_REGEN=1.
// Prints a Markdown table, and the rows as JSON on the last line when run
// with --json (bench/run.mjs reads that).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'bench/out/rollup');
const BIN = join(ROOT, 'bin/pmctl');
const RUNS = +(process.env.BENCH_RUNS ?? 11);
const NOW = '2026-12-06T10:00:00+08:00';
const env = { ...process.env, PMCTL_NOW: NOW, PMCTL_LANG: 'en', LANG: 'C', NO_COLOR: '1' };
delete env.PMCTL_DATA;
delete env.PMCTL_USER;
const log = (s) => process.stderr.write(s + '\n');

function once(cmd, args) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync('/usr/bin/time', ['-f', '__RSS__ %M', cmd, ...args], { env, encoding: 'utf8', maxBuffer: 1 << 28 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const m = /__RSS__ (\d+)/.exec(r.stderr ?? '');
  if (r.status !== 0) throw new Error(`${cmd} ${args.slice(0, 3).join(' ')} … exited ${r.status}: ${r.stderr.slice(0, 400)}`);
  return { ms, rssMiB: m ? +m[1] / 1024 : 0 };
}
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const site = join(OUT, 'site');
const bundles = join(OUT, 'bundles');
const N = 200;
if (process.env.BENCH_REGEN === '1' || !existsSync(bundles) || readdirSync(bundles).length < N) {
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(bundles, { recursive: true });
  log(`building a demo site and ${N} bundles in ${OUT} …`);
  once(process.execPath, [BIN, '--data', site, 'demo', '--code', 'S000']);
  for (let i = 1; i <= N; i++) {
    const code = 'S' + String(i).padStart(3, '0');
    once(process.execPath, [BIN, '--data', site, '--as', 'S001', 'config', 'set', 'code', code]);
    once(process.execPath, [BIN, '--data', site, 'export', '--bundle', join(bundles, code + '.pmctl')]);
  }
}
const files = readdirSync(bundles)
  .filter((f) => f.endsWith('.pmctl'))
  .sort()
  .map((f) => join(bundles, f));
const rollup = (n) => [process.execPath, [BIN, 'rollup', ...files.slice(0, n), '--month', '2026-11', '--json']];

log(`timing rollup of 50 bundles against node -e 0 (${RUNS} runs) …`);
const a = [];
const b = [];
once(...rollup(50));
once(process.execPath, ['-e', '0']);
for (let i = 0; i < RUNS; i++) {
  a.push(once(...rollup(50)));
  b.push(once(process.execPath, ['-e', '0']));
}
const t = median(a.map((x) => x.ms));
const base = median(b.map((x) => x.ms));
const mem = [10, 50, 200].map((n) => ({ n, peak: Math.max(...[0, 1, 2].map(() => once(...rollup(n)).rssMiB)) }));
const rows = [
  { what: 'pmctl rollup of 50 demo bundles', baseline: 'node -e 0', goal: 10, target_ms: t, baseline_ms: base, ratio: t / base },
  { what: 'rollup peak memory by sites', note: mem.map((m) => `${m.n}: ${m.peak.toFixed(0)} MiB`).join(', ') },
];
process.stdout.write(
  `| pmctl rollup of 50 demo bundles | ${t.toFixed(0)} ms | node -e 0 | ${base.toFixed(0)} ms | ${(t / base).toFixed(2)}× | ≤ 10× | ${t / base <= 10 ? 'met' : 'MISSED'} |\n` +
    `| rollup peak memory (10, 50, 200 sites) | ${mem.map((m) => m.peak.toFixed(0)).join(' / ')} MiB | | | | flat | |\n`,
);
if (process.argv.includes('--json')) process.stdout.write(JSON.stringify(rows) + '\n');
