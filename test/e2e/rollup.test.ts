// Head office (SPEC §15): site bundles and the company roll-up, through the binary.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { makeSite, pmctl, ROOT, FIXTURES, type Site } from './helpers.js';

const NOW = '2026-12-06T10:00:00+08:00';

function bundleDb(file: string): Database.Database {
  const outer = new Database(file, { readonly: true });
  const bytes = (outer.prepare("SELECT bytes FROM database WHERE name = 'pmctl.db'").get() as { bytes: Buffer }).bytes;
  outer.close();
  return new Database(bytes);
}

describe('export and rollup', () => {
  let a: Site;
  let b: Site;
  let fa: string;
  let fb: string;
  beforeAll(() => {
    a = makeSite({ now: NOW });
    b = makeSite({ now: NOW });
    expect(a.run(['demo', '--site', '阳光花园', '--code', 'SZ01']).code).toBe(0);
    // Another seed: two sites with the same records would average to their sum.
    expect(b.run(['demo', '--site', '碧水湾', '--code', 'SZ02', '--seed', '7']).code).toBe(0);
    fa = join(a.dir, 'a.pmctl');
    fb = join(b.dir, 'b.pmctl');
    const ea = a.run(['export', '--bundle', fa, '--json']);
    expect(ea.code, ea.stderr).toBe(0);
    expect(ea.json()).toMatchObject({ site: '阳光花园', code: 'SZ01', redacted: false, schema_version: expect.any(Number) });
    expect(b.run(['export', '--bundle', fb, '--redact']).code).toBe(0);
  });
  afterAll(() => {
    a.cleanup();
    b.cleanup();
  });

  it('the bundle is a SQLite file with a manifest whose sha256 is that of the embedded database', () => {
    const outer = new Database(fa, { readonly: true });
    const m = Object.fromEntries((outer.prepare('SELECT key, value FROM manifest').all() as { key: string; value: string }[]).map((r) => [r.key, r.value]));
    const bytes = (outer.prepare("SELECT bytes FROM database WHERE name = 'pmctl.db'").get() as { bytes: Buffer }).bytes;
    outer.close();
    expect(m.format).toBe('pmctl-bundle');
    expect(m.code).toBe('SZ01');
    const { createHash } = require('node:crypto') as typeof import('node:crypto');
    expect(m.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(JSON.parse(m.counts).units).toBe(240);
  });

  it('company rates are summed numerators over summed denominators, not averaged percentages', () => {
    const r = pmctl(['rollup', fa, fb, '--month', '2026-11', '--json'], { PMCTL_NOW: NOW });
    expect(r.code, r.stderr).toBe(0);
    const j = r.json();
    expect(j.period.since).toBe('2026-11-01T00:00:00+08:00');
    expect(j.sites.map((s: any) => s.code)).toEqual(['SZ01', 'SZ02']);
    expect(j.sites.every((s: any) => s.stale === false)).toBe(true);
    let differs = 0;
    for (const [name, t] of Object.entries<any>(j.total.rates)) {
      const [x, y] = j.sites.map((s: any) => s.rates[name]);
      expect(t.num, name).toBe(x.num + y.num);
      expect(t.den, name).toBe(x.den + y.den);
      if (name !== 'valid_complaint_rate' && t.den > 0) {
        expect(t.value).toBeCloseTo(t.num / t.den, 12);
        if (x.value !== null && y.value !== null && Math.abs((x.value + y.value) / 2 - t.value) > 1e-9) differs++;
      }
      // Ranks: 1 is best.
      if (x.value !== null && y.value !== null && x.value !== y.value) expect([x.rank, y.rank].sort()).toEqual([1, 2]);
    }
    expect(differs).toBeGreaterThan(0);
    expect(j.total.counts.complaints_received).toBe(j.sites[0].counts.complaints_received + j.sites[1].counts.complaints_received);
  });

  it('a corrupt bundle is named and skipped, the rest printed, exit 5', () => {
    const bad = join(a.dir, 'bad.pmctl');
    writeFileSync(bad, readFileSync(fb).subarray(0, 50_000));
    const r = pmctl(['rollup', fa, bad, fb, '--month', '2026-11', '--json'], { PMCTL_NOW: NOW });
    expect(r.code).toBe(5);
    expect(r.stderr).toContain('bad.pmctl');
    const j = r.json();
    expect(j.sites).toHaveLength(2);
    expect(j.skipped).toEqual([expect.objectContaining({ file: bad, problem: 'unreadable' })]);
  });

  it('a bundle whose database was changed fails its checksum', () => {
    const t = join(a.dir, 'tampered.pmctl');
    writeFileSync(t, readFileSync(fb));
    const d = new Database(t);
    d.prepare("UPDATE manifest SET value = ? WHERE key = 'sha256'").run('0'.repeat(64));
    d.close();
    const r = pmctl(['rollup', fa, t, '--month', '2026-11', '--json'], { PMCTL_NOW: NOW });
    expect(r.code).toBe(5);
    expect(r.json().skipped[0]).toMatchObject({ problem: 'checksum', code: 'SZ02' });
  });

  it('two bundles with the same site code: the second is refused, naming both files', () => {
    const copy = join(b.dir, 'copy.pmctl');
    writeFileSync(copy, readFileSync(fa));
    const r = pmctl(['rollup', fa, copy, '--month', '2026-11', '--lang', 'en'], { PMCTL_NOW: NOW });
    expect(r.code).toBe(5);
    expect(r.stdout).toContain('site code SZ01 is also used by ' + fa);
    expect(r.stderr).toContain(copy);
  });

  it('a bundle from a newer schema is refused with the site named', () => {
    const newer = join(a.dir, 'newer.pmctl');
    writeFileSync(newer, readFileSync(fb));
    const d = new Database(newer);
    d.prepare("UPDATE manifest SET value = '999' WHERE key = 'schema_version'").run();
    d.close();
    const r = pmctl(['rollup', fa, newer, '--month', '2026-11', '--lang', 'en'], { PMCTL_NOW: NOW });
    expect(r.code).toBe(5);
    expect(r.stdout).toMatch(/newer\.pmctl\s*│\s*碧水湾 \(SZ02\)\s*│\s*schema 999 is newer/);
  });

  it('a redacted bundle holds no full phone or ID number anywhere in its bytes', () => {
    const raw = readFileSync(fb).toString('latin1');
    const fixtures = readFileSync(join(FIXTURES, 'units.csv'), 'utf8') + readFileSync(join(FIXTURES, 'staff.csv'), 'utf8');
    const phones = new Set(fixtures.match(/(?<![0-9])1[3-9][0-9]{9}(?![0-9])/g));
    const ids = new Set(fixtures.match(/(?<![0-9])[0-9]{17}[0-9X](?![0-9])/g));
    expect(phones.size).toBeGreaterThan(100);
    expect(ids.size).toBeGreaterThan(50);
    for (const p of phones) expect(raw.includes(p), p).toBe(false);
    for (const id of ids) expect(raw.includes(id), id).toBe(false);
    // The site's own bundle (not redacted) does hold them: the check can fail.
    const plain = readFileSync(fa).toString('latin1');
    expect([...phones].some((p) => plain.includes(p))).toBe(true);
    const db = bundleDb(fb);
    const u = db.prepare('SELECT owner_name, owner_phone FROM units WHERE owner_name IS NOT NULL LIMIT 1').get() as { owner_name: string; owner_phone: string };
    expect(u.owner_name).toMatch(/^.\*+$/u);
    expect(u.owner_phone).toMatch(/^\d{3}\*{4}\d{4}$/);
    db.close();
  });

  it('a data folder rolls up like a bundle, and --out html prints', () => {
    const out = join(a.dir, 'r.html');
    const r = pmctl(['--data', a.data, 'rollup', a.data, fb, '--month', '2026-11', '--out', out, '--format', 'html'], { PMCTL_NOW: NOW });
    expect(r.code, r.stderr).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(html).toContain('阳光花园');
    expect(html).toContain('碧水湾');
  });

  it('export needs a site code', () => {
    const s = makeSite({ now: NOW, init: true });
    try {
      const r = s.run(['export', '--bundle', join(s.dir, 'x.pmctl')]);
      expect(r.code).toBe(4);
      expect(r.stderr).toContain('config set code');
      expect(s.run(['config', 'set', 'code', 'BAD CODE']).code).toBe(2);
      expect(s.run(['config', 'set', 'code', 'BJ-01']).code).toBe(0);
      expect(s.run(['export', '--bundle', join(s.dir, 'x.pmctl')]).code).toBe(0);
    } finally {
      s.cleanup();
    }
  });
});

describe('a bundle taken while another process writes every 20 ms', () => {
  const site = makeSite({ now: NOW });
  afterAll(() => site.cleanup());

  it('passes integrity_check and holds the writer\u2019s rows up to its snapshot', async () => {
    expect(site.run(['demo', '--code', 'SZ09']).code).toBe(0);
    const writer: ChildProcess = spawn(
      process.execPath,
      [
        '-e',
        `const D = require('better-sqlite3');
        const db = new D(${JSON.stringify(join(site.data, 'pmctl.db'))}, { timeout: 10000 });
        const ins = db.prepare("INSERT INTO audit(at, actor, action, entity) VALUES (?, NULL, 'test.tick', ?)");
        let i = 0;
        setInterval(() => { db.transaction(() => ins.run(Date.now(), 'tick:' + i++)).immediate(); if (i === 3) console.log('writing'); }, 20);
        process.on('SIGTERM', () => { db.close(); process.exit(0); });`,
      ],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    await new Promise<void>((res, rej) => {
      writer.stdout!.on('data', (d) => String(d).includes('writing') && res());
      writer.on('close', () => rej(new Error('writer stopped')));
    });
    const file = join(site.dir, 'live.pmctl');
    const r = await new Promise<number>((res) => {
      const c = spawn(process.execPath, [join(ROOT, 'bin/pmctl'), '--data', site.data, 'export', '--bundle', file], {
        env: { PATH: process.env.PATH, PMCTL_NOW: NOW, PMCTL_LANG: 'en' },
        stdio: 'ignore',
      });
      c.on('close', (code) => res(code ?? -1));
    });
    writer.kill('SIGTERM');
    await new Promise((res) => writer.on('close', res));
    expect(r).toBe(0);
    const db = bundleDb(file);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect((db.prepare("SELECT COUNT(*) n FROM audit WHERE action = 'test.tick'").get() as { n: number }).n).toBeGreaterThanOrEqual(3);
    db.close();
  });
});
