// bin/pmctl compiles the bundle with V8's code cache (see build.mjs). A cache
// that V8 cannot use (another Node version, a damaged file, none at all) must
// never change what a command does: the bundle is compiled as usual and a good
// cache is written again. Runs on a private copy of bin/ and dist/, so the
// other tests keep the real cache.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './helpers.js';

let root: string;
let data: string;

function run(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [join(root, 'bin/pmctl'), '--data', data, ...args], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH, HOME: process.env.HOME, LANG: 'C', PMCTL_LANG: 'en', PMCTL_NOW: '2026-11-23T10:00:00+08:00', ...env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const cacheFiles = () => readdirSync(join(root, 'dist')).filter((f) => f.endsWith('.cache'));

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'pmctl-cache-'));
  for (const f of ['bin', 'dist']) cpSync(join(ROOT, f), join(root, f), { recursive: true });
  for (const f of ['package.json', 'schema.sql']) cpSync(join(ROOT, f), join(root, f));
  symlinkSync(join(ROOT, 'node_modules'), join(root, 'node_modules'));
  data = join(root, 'data');
  expect(run(['init', '--site', 'cache test']).code).toBe(0);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('code cache', () => {
  it('the build ships a bundle and a trained cache per everyday command, and the whole bundle with one for the rest, each cache named after its bundle', () => {
    const head = (f: string) => /^\/\/pmctl-build:(\w+):(\w+):(\w*)/.exec(readFileSync(join(root, 'dist', f), 'latin1').slice(0, 128));
    const whole = head('pmctl.cjs');
    expect(whole).not.toBeNull();
    expect(whole![3]).toBe('');
    const own = readdirSync(join(root, 'dist'))
      .filter((f) => /^pmctl-[a-z]+\.cjs$/.test(f))
      .map((f) => f.slice(6, -4));
    expect(own).toEqual(expect.arrayContaining(['overdue', 'complaint', 'archive', 'report', 'request']));
    const expected = [`pmctl-${whole![1]}.cache`];
    for (const w of own) {
      const b = head(`pmctl-${w}.cjs`)!;
      expect(b[3]).toBe(w);
      expected.push(`pmctl-${b[1]}-${w}.cache`);
    }
    expect(cacheFiles().sort()).toEqual(expected.sort());
  });

  it('a command word hidden behind an option value still runs its own command', () => {
    // `--as overdue` is a staff code, not the command: the complaint list runs.
    const r = run(['--as', 'overdue', 'complaint', 'list', '--json']);
    expect(r.stderr).not.toMatch(/internal error|bundle has no/);
    const plain = run(['complaint', 'list', '--json']);
    expect(r.stdout).toBe(plain.stdout);
  });

  it('a damaged cache changes nothing a command does, and is made again', () => {
    const good = run(['staff', 'list', '--json']);
    expect(good.code).toBe(0);
    const file = join(
      root,
      'dist',
      cacheFiles().find((f) => !/-[a-z]+\.cache$/.test(f))!,
    );
    writeFileSync(file, Buffer.from('not a V8 code cache at all'));
    const r = run(['staff', 'list', '--json']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(good.stdout);
    expect(r.stderr).toBe('');
    expect(statSync(file).size).toBeGreaterThan(10_000);
    // The remade cache is accepted: nothing is written on the next run.
    const mtime = statSync(file).mtimeMs;
    expect(run(['staff', 'list', '--json']).stdout).toBe(good.stdout);
    expect(statSync(file).mtimeMs).toBe(mtime);
  });

  it('a missing cache is made by the next command; PMCTL_CODE_CACHE=0 runs without one', () => {
    for (const f of cacheFiles()) rmSync(join(root, 'dist', f));
    const off = run(['overdue', '--json'], { PMCTL_CODE_CACHE: '0' });
    expect(off.code).toBe(0);
    expect(cacheFiles()).toHaveLength(0);
    const r = run(['overdue', '--json']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(off.stdout);
    expect(cacheFiles()).toEqual([expect.stringMatching(/^pmctl-\w+-overdue\.cache$/)]);
  });
});
