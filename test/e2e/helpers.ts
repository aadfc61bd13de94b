// Spawn the built binary as a user would, in a temp data folder, with a fixed clock.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '../..');
export const BIN = join(ROOT, 'bin/pmctl');
export const FIXTURES = join(ROOT, 'fixtures');

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
  json<T = any>(): T;
}

export interface Site {
  dir: string;
  data: string;
  /** run pmctl with --data set, PMCTL_NOW = now (or opts.now) */
  run(args: string[], opts?: { now?: string; env?: Record<string, string>; input?: string; as?: string }): RunResult;
  file(name: string, content: string | Buffer): string;
  cleanup(): void;
}

export function pmctl(args: string[], env: Record<string, string | undefined> = {}, input?: string): RunResult {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    input,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, LANG: 'C', PMCTL_LANG: 'en', ...env },
    timeout: 120_000,
  });
  return {
    code: r.status ?? -1,
    stdout: r.stdout,
    stderr: r.stderr,
    json() {
      try {
        return JSON.parse(r.stdout);
      } catch {
        throw new Error(`not JSON (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
      }
    },
  };
}

/** A fresh temp site. `init` runs pmctl init; `roster` also imports the fixture staff and units. */
export function makeSite(opts: { now?: string; init?: boolean; roster?: boolean; tz?: string } = {}): Site {
  const dir = mkdtempSync(join(tmpdir(), 'pmctl-test-'));
  const data = join(dir, 'data');
  const now = opts.now ?? '2026-11-23T10:00:00+08:00';
  const site: Site = {
    dir,
    data,
    run(args, o = {}) {
      const env: Record<string, string> = { PMCTL_NOW: o.now ?? now, ...(o.env ?? {}) };
      return pmctl(['--data', data, ...(o.as ? ['--as', o.as] : []), ...args], env, o.input);
    },
    file(name, content) {
      const p = join(dir, name);
      writeFileSync(p, content);
      return p;
    },
    cleanup() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
  if (opts.init || opts.roster) {
    const r = site.run(['init', '--site', 'Test site', '--timezone', opts.tz ?? 'Asia/Shanghai']);
    if (r.code !== 0) throw new Error('init failed: ' + r.stderr);
  }
  if (opts.roster) {
    for (const [cmd, file, as] of [
      ['staff', 'staff.csv', undefined],
      ['unit', 'units.csv', 'S005'],
    ] as const) {
      const r = site.run([cmd, 'import', join(FIXTURES, file)], { as });
      if (r.code !== 0) throw new Error(`${cmd} import failed: ${r.stderr}`);
    }
  }
  return site;
}
