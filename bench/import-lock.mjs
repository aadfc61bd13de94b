// Issue 14 #11: an import never holds the write lock long. A big unit import
// runs while 3 clerks each type `complaint new` in a loop; every clerk
// command must succeed (no exit 5 after the busy wait), and the worst wait is
// reported. The import reads and validates outside the write transaction and
// holds the lock only for its merge.
// node bench/import-lock.mjs [ROWS=450000]
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeUnitsCsv } from './gen.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = join(ROOT, 'bin/pmctl');
const ROWS = +(process.argv[2] ?? 450000);
const tmp = mkdtempSync(join(tmpdir(), 'pmctl-lock-'));
const data = join(tmp, 'data');
const env = { ...process.env, PMCTL_LANG: 'en', LANG: 'C', NO_COLOR: '1', PMCTL_DATA: data };
delete env.PMCTL_NOW;
const run = (args) => spawnSync(process.execPath, [BIN, ...args], { env, encoding: 'utf8' });
run(['demo', '--data', data]);
const csv = join(tmp, 'big.csv');
await writeUnitsCsv(csv, ROWS, { seed: 5, prefix: 'L' });

const started = Date.now();
const imp = spawn(process.execPath, [BIN, '--as', 'S005', 'unit', 'import', csv, '--json'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
let impErr = '';
let impOut = '';
imp.stdout.on('data', (d) => (impOut += d));
imp.stderr.on('data', (d) => (impErr += d));
let importDone = false;
const impExit = new Promise((res) =>
  imp.on('exit', (code) => {
    importDone = true;
    res(code);
  }),
);

const clerk = async (code) => {
  const out = [];
  while (!importDone) {
    const t0 = Date.now();
    const r = await new Promise((res) => {
      const p = spawn(
        process.execPath,
        [BIN, '--as', code, 'complaint', 'new', '--unit', '1-1-101', '--name', '付辉磊', '--phone', '13038378401', '--subject', '楼上漏水', '--json'],
        { env, stdio: ['ignore', 'ignore', 'pipe'] },
      );
      let err = '';
      p.stderr.on('data', (d) => (err += d));
      p.on('exit', (c) => res({ code: c, err }));
    });
    out.push({ ms: Date.now() - t0, code: r.code, err: r.err.trim() });
  }
  return out;
};
const [code, ...clerks] = await Promise.all([impExit, clerk('S006'), clerk('S007'), clerk('S008')]);
const all = clerks.flat();
const failed = all.filter((x) => x.code !== 0);
const worst = Math.max(...all.map((x) => x.ms));
const sorted = all.map((x) => x.ms).sort((a, b) => a - b);
const lockMs = (() => {
  try {
    return JSON.parse(impOut).lock_ms;
  } catch {
    return '?';
  }
})();
console.log(`import of ${ROWS} rows: exit ${code} in ${((Date.now() - started) / 1000).toFixed(1)} s, write lock held ${lockMs} ms ${impErr.trim()}`);
console.log(`clerk commands during it: ${all.length}, failed ${failed.length}, median ${sorted[Math.floor(sorted.length / 2)]} ms, worst ${worst} ms`);
for (const f of failed.slice(0, 5)) console.log('  failed:', f.code, f.err);
rmSync(tmp, { recursive: true, force: true });
