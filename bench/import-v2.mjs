// The v2 import goals (SPEC §9 v2), measured side by side in one run, medians:
//   pmctl unit import of N units (CSV)  ≤ 1.5 × the sqlite3 CLI doing the same work:
//     .import into a staging table, then one INSERT … SELECT into pmctl's own
//     `units` schema with its indexes (a copy of a fresh pmctl.db), in one transaction;
//   the same roster as .xlsx           ≤ 3 × the CSV import;
//   peak memory (RSS) of each import.
// node bench/import-v2.mjs [UNITS=100000] [RUNS=5]
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, rmSync, existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeUnitsCsv, writeUnitsXlsx } from './gen.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = join(ROOT, 'bin/pmctl');
const UNITS = +(process.argv[2] ?? 100000);
const RUNS = +(process.argv[3] ?? 5);
const SQLITE3 = existsSync('/usr/bin/sqlite3') ? '/usr/bin/sqlite3' : 'sqlite3';
const tmp = mkdtempSync(join(tmpdir(), 'pmctl-imp2-'));
const env = { ...process.env, PMCTL_NOW: '2026-11-23T10:00:00+08:00', PMCTL_LANG: 'en', LANG: 'C', NO_COLOR: '1' };
delete env.PMCTL_DATA;
delete env.PMCTL_USER;

const csv = join(tmp, `units-${UNITS}.csv`);
const xlsx = join(tmp, `units-${UNITS}.xlsx`);
await writeUnitsCsv(csv, UNITS, { seed: 11 });
await writeUnitsXlsx(xlsx, UNITS, { seed: 11 });
const template = join(tmp, 'template');
spawnSync(process.execPath, [BIN, '--data', template, 'init', '--site', 'bench', '--timezone', 'Asia/Shanghai'], { env });
const target = join(tmp, 'target');
const sqDir = join(tmp, 'sq');

// The sqlite3 side, like for like: the same schema file, the same pragmas.
const COLS =
  'label, building, unit, floor, room, area_m2, occupancy, owner_name, owner_phone, owner_id_number, tenant_name, tenant_phone, move_in_date, sort_key, created_at, updated_at';
const script = `.bail on
PRAGMA synchronous = NORMAL;
BEGIN;
.import --csv ${csv} staging
INSERT INTO units(${COLS})
  SELECT building || '-' || unit || '-' || room, building, unit, floor, room, CAST(nullif(area_m2, '') AS REAL), occupancy,
         nullif(owner_name, ''), nullif(owner_phone, ''), nullif(owner_id_number, ''), nullif(tenant_name, ''),
         nullif(tenant_phone, ''), nullif(move_in_date, ''),
         printf('%08d', building) || char(1) || printf('%08d', unit) || char(1) || printf('%08d', floor) || char(1) || printf('%08d', room),
         0, 0
    FROM staging;
DROP TABLE staging;
COMMIT;
`;
const scriptFile = join(tmp, 'like-for-like.sql');
writeFileSync(scriptFile, script);

function once(cmd, args, input) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync('/usr/bin/time', ['-f', '__RSS__ %M %U %S', cmd, ...args], { env, encoding: 'utf8', input: input ?? '', maxBuffer: 1 << 30 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')}: ${r.status} ${r.stderr.slice(0, 800)}`);
  const m = /__RSS__ (\d+) ([\d.]+) ([\d.]+)/.exec(r.stderr);
  return { ms, rss: +m[1] / 1024, cpu: (+m[2] + +m[3]) * 1000 };
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fresh = (dir) => {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir);
  copyFileSync(join(template, 'pmctl.db'), join(dir, 'pmctl.db'));
};
const t = { csv: [], sq: [], xlsx: [] };
const cpu = { csv: [], sq: [], xlsx: [] };
const rss = { csv: [], xlsx: [] };
for (let i = 0; i <= RUNS; i++) {
  fresh(target);
  const a = once(process.execPath, [BIN, '--data', target, 'unit', 'import', csv]);
  fresh(sqDir);
  const b = once(SQLITE3, [join(sqDir, 'pmctl.db')], script);
  fresh(target);
  const c = once(process.execPath, [BIN, '--data', target, 'unit', 'import', xlsx]);
  if (i === 0) continue; // warm-up
  t.csv.push(a.ms);
  t.sq.push(b.ms);
  t.xlsx.push(c.ms);
  cpu.csv.push(a.cpu);
  cpu.sq.push(b.cpu);
  cpu.xlsx.push(c.cpu);
  rss.csv.push(a.rss);
  rss.xlsx.push(c.rss);
}
const m = { csv: median(t.csv), sq: median(t.sq), xlsx: median(t.xlsx) };
const c = { csv: median(cpu.csv), sq: median(cpu.sq), xlsx: median(cpu.xlsx) };
const fmt = (xs) => xs.map((x) => x.toFixed(0)).join(' ');
console.log(`${UNITS} units, medians of ${RUNS} interleaved runs`);
console.log(`  pmctl unit import CSV   ${m.csv.toFixed(0)} ms [${fmt(t.csv)}]  peak ${Math.max(...rss.csv).toFixed(0)} MiB`);
console.log(`  sqlite3 like-for-like   ${m.sq.toFixed(0)} ms [${fmt(t.sq)}]`);
console.log(`  pmctl unit import xlsx  ${m.xlsx.toFixed(0)} ms [${fmt(t.xlsx)}]  peak ${Math.max(...rss.xlsx).toFixed(0)} MiB`);
console.log(
  `  ratio CSV / sqlite3     ${(m.csv / m.sq).toFixed(2)}× wall, ${(c.csv / c.sq).toFixed(2)}× CPU (user+sys: ${c.csv.toFixed(0)} / ${c.sq.toFixed(0)} ms)  (goal ≤ 1.5×)`,
);
console.log(
  `  ratio xlsx / CSV        ${(m.xlsx / m.csv).toFixed(2)}× wall, ${(c.xlsx / c.csv).toFixed(2)}× CPU (${c.xlsx.toFixed(0)} / ${c.csv.toFixed(0)} ms)  (goal ≤ 3×)`,
);
console.log(
  `  load average during the run: ${(await import('node:os'))
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')} on ${(await import('node:os')).cpus().length} cores`,
);
rmSync(tmp, { recursive: true, force: true });
