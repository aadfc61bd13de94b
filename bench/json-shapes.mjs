#!/usr/bin/env node
// The JSON every read command prints on the demo site (SPEC §10 shapes), for
// comparing two builds byte for byte (issue 16: a refactor must not change
// them). Each build gets its own demo site at the same fixed time, so the
// records are the same; then every command below runs with --json and its
// output is kept.
//
//   node bench/json-shapes.mjs OUT_DIR [PMCTL_BIN]      write one file per command
//   node bench/json-shapes.mjs --compare DIR_A DIR_B    exit 1 if any differs
//
// PMCTL_BIN defaults to this checkout's bin/pmctl.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

if (process.argv[2] === '--compare') {
  const [a, b] = process.argv.slice(3);
  const names = [...new Set([...readdirSync(a), ...readdirSync(b)])].sort();
  let differ = 0;
  for (const n of names) {
    let x, y;
    try {
      x = readFileSync(join(a, n), 'utf8');
      y = readFileSync(join(b, n), 'utf8');
    } catch {
      console.log(`only in one: ${n}`);
      differ++;
      continue;
    }
    if (x !== y) {
      console.log(`differs: ${n}`);
      differ++;
    }
  }
  console.log(`${names.length} outputs, ${differ} differ`);
  process.exit(differ ? 1 : 0);
}

const out = resolve(process.argv[2] ?? 'json-shapes');
const bin = resolve(process.argv[3] ?? join(ROOT, 'bin/pmctl'));
const data = mkdtempSync(join(tmpdir(), 'pmctl-shapes-'));
const env = { ...process.env, PMCTL_NOW: '2026-11-23T10:00:00+08:00', PMCTL_DATA: data, PMCTL_LANG: 'en', LANG: 'C', NO_COLOR: '1' };
delete env.PMCTL_USER;
const run = (args) => spawnSync(process.execPath, [bin, ...args], { env, encoding: 'utf8', maxBuffer: 1 << 28 });

try {
  const demo = run(['demo', '--json']);
  if (demo.status !== 0) throw new Error(`demo exited ${demo.status}: ${demo.stderr}`);
  const first = (args, key = 'id') => {
    const r = run([...args, '--json']);
    const rows = r.status === 0 ? JSON.parse(r.stdout) : [];
    return Array.isArray(rows) && rows.length ? String(rows[0][key]) : undefined;
  };
  const complaint = first(['complaint', 'list', '--status', 'all']);
  const request = first(['request', 'list', '--status', 'all']) ?? first(['request', 'list']);
  const patrol = first(['patrol', 'list']);
  const finding = first(['finding', 'list']);
  const renovation = first(['renovation', 'list']);
  const key = first(['key', 'list'], 'label');
  const handover = first(['handover', 'list']);
  const meeting = first(['meeting', 'list']);
  const visit = first(['visit', 'list']);
  const commands = [
    ['overdue'],
    ['complaint', 'list', '--status', 'all'],
    ['complaint', 'show', complaint],
    ['request', 'list'],
    ['request', 'show', request],
    ['sla', 'show'],
    ['key', 'list'],
    ['key', 'show', key],
    ['key', 'overdue'],
    ['archive', 'list'],
    ['archive', 'show', '1-1-101'],
    ['archive', 'check'],
    ['archive', 'find', '1-1-101'],
    ['archive', 'loans'],
    ['handover', 'list'],
    ['handover', 'show', handover],
    ['handover', 'checklist'],
    ['meeting', 'list'],
    ['meeting', 'show', meeting],
    ['meeting', 'fines'],
    ['meeting', 'warnings'],
    ['patrol', 'list'],
    ['patrol', 'show', patrol],
    ['patrol', 'areas', 'list'],
    ['finding', 'list'],
    ['finding', 'show', finding],
    ['renovation', 'list'],
    ['renovation', 'show', renovation],
    ['visit', 'list'],
    ['visit', 'show', visit],
    ['survey', 'list'],
    ['event', 'list'],
    ['report', 'weekly', '--week', 'last'],
    ['report', 'monthly', '--month', 'last'],
    ['staff', 'list'],
    ['unit', 'list'],
    ['unit', 'show', '1-1-101'],
    ['calendar', 'show', '2026'],
    ['config', 'list'],
    ['log', '--limit', '50'],
    ['doctor'],
  ].filter((c) => c.every((w) => w !== undefined));
  mkdirSync(out, { recursive: true });
  let failed = 0;
  for (const c of commands) {
    const r = run([...c, '--json']);
    const name = c.join('_').replace(/[^\w-]+/g, '-') + '.json';
    writeFileSync(join(out, name), `exit ${r.status}\n${r.stdout}`);
    if (r.status !== 0 && r.status !== 6) {
      failed++;
      console.log(`exit ${r.status}: pmctl ${c.join(' ')} — ${r.stderr.trim().split('\n')[0]}`);
    }
  }
  console.log(`${commands.length} commands written to ${out} (${failed} exited with an error)`);
} finally {
  rmSync(data, { recursive: true, force: true });
}
