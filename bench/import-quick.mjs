// Quick loop for the import goal (SPEC §9): `pmctl unit import` of a file vs the
// sqlite3 CLI's `.import` of the same file, interleaved, medians, peak RSS.
// node bench/import-quick.mjs [FILE] [RUNS]
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, rmSync, existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = join(ROOT, 'bin/pmctl');
const FILE = resolve(process.argv[2] ?? '/work/main/bench/out/units-100000.csv');
const RUNS = +(process.argv[3] ?? 5);
const tmp = mkdtempSync(join(tmpdir(), 'pmctl-imp-'));
const env = { ...process.env, PMCTL_NOW: '2026-11-23T10:00:00+08:00', PMCTL_LANG: 'en', LANG: 'C', NO_COLOR: '1' };
delete env.PMCTL_DATA;
delete env.PMCTL_USER;
const template = join(tmp, 'template');
spawnSync(process.execPath, [BIN, '--data', template, 'init', '--site', 'bench', '--timezone', 'Asia/Shanghai'], { env });
const target = join(tmp, 'target');
const sq = join(tmp, 'sq.db');

function once(cmd, args) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync('/usr/bin/time', ['-f', '__RSS__ %M', cmd, ...args], { env, encoding: 'utf8', input: '', maxBuffer: 1 << 30 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')}: ${r.status} ${r.stderr.slice(0, 800)}`);
  return { ms, rss: +/__RSS__ (\d+)/.exec(r.stderr)[1] / 1024 };
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const prepT = () => {
  rmSync(target, { recursive: true, force: true });
  mkdirSync(target);
  copyFileSync(join(template, 'pmctl.db'), join(target, 'pmctl.db'));
};
const a = [],
  b = [],
  rss = [];
for (let i = 0; i <= RUNS; i++) {
  prepT();
  const x = once(process.execPath, [BIN, '--data', target, 'unit', 'import', FILE]);
  rmSync(sq, { force: true });
  const y = once('sqlite3', [sq, '.import --csv ' + FILE + ' units']);
  if (i === 0) continue; // warm-up
  a.push(x.ms);
  b.push(y.ms);
  rss.push(x.rss);
}
const ma = median(a),
  mb = median(b);
console.log(
  `pmctl ${ma.toFixed(0)} ms [${a.map((x) => x.toFixed(0)).join(' ')}]  sqlite3 ${mb.toFixed(0)} ms [${b.map((x) => x.toFixed(0)).join(' ')}]  ratio ${(ma / mb).toFixed(2)}×  peak ${Math.max(...rss).toFixed(0)} MiB`,
);
rmSync(tmp, { recursive: true, force: true });
