// Issue 14, defects 1, 2 and 5: every file pmctl creates goes through one safe
// writer (store/safe-file.ts). Each reproduction of the report is now refused
// or safe, and the data folder is unchanged.
import { afterAll, describe, expect, it } from 'vitest';
import { existsSync, lstatSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync, chmodSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { makeSite } from './helpers.js';

const site = makeSite({ roster: true });
afterAll(() => site.cleanup());
const db = join(site.data, 'pmctl.db');
const sha = (f: string) => createHash('sha256').update(readFileSync(f)).digest('hex');
const countComplaints = () => site.run(['complaint', 'list', '--json', '--limit', '1000']).json().length;

describe('defect 1: --out onto the live database', () => {
  it('is refused with exit 2 for the database and each sidecar; the site still works', () => {
    const before = sha(db);
    for (const name of ['pmctl.db', 'pmctl.db-wal', 'pmctl.db-shm', 'pmctl.db-journal']) {
      const r = site.run(['report', 'weekly', '--out', join(site.data, name)]);
      expect(r.code, name).toBe(2);
      expect(r.stderr).toMatch(/^pmctl: .*(own database|sidecar).* — /);
    }
    // a relative path through another spelling of the folder
    const r = site.run(['report', 'weekly', '--out', join(site.data, '..', 'data', '.', 'pmctl.db'), '--yes']);
    expect(r.code).toBe(2);
    expect(sha(db)).toBe(before);
    expect(site.run(['doctor', '--json']).code).toBe(0);
  });
});

describe('defect 2: --out and existing files', () => {
  it('an existing file is not replaced without --yes (no TTY), and is with it', () => {
    const f = site.file('old.md', 'keep me');
    const r = site.run(['report', 'weekly', '--out', f]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/already exists.*--yes/);
    expect(readFileSync(f, 'utf8')).toBe('keep me');
    expect(site.run(['report', 'weekly', '--out', f, '--yes']).code).toBe(0);
    expect(readFileSync(f, 'utf8')).toContain('|');
    expect(statSync(f).mode & 0o777).toBe(0o600);
  });

  it('symlinks, devices and folders are refused; nothing is chmodded or followed', () => {
    const target = site.file('target.txt', 'untouched');
    chmodSync(target, 0o644);
    const link = join(site.dir, 'link.md');
    symlinkSync(target, link);
    for (const out of [link, '/dev/null', site.dir]) {
      const r = site.run(['report', 'weekly', '--out', out, '--yes']);
      expect(r.code, out).toBe(2);
      expect(r.stderr).toMatch(/symbolic link|device|folder/);
    }
    expect(readFileSync(target, 'utf8')).toBe('untouched');
    expect(statSync(target).mode & 0o777).toBe(0o644);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(statSync('/dev/null').mode & 0o777).toBe(0o666);
  });

  it('a full disk leaves nothing behind (simulated byte budget), exit 5', () => {
    const dir = join(site.dir, 'out');
    mkdirSync(dir);
    const r = site.run(['report', 'weekly', '--out', join(dir, 'r.md')], { env: { PMCTL_MAX_FILE_BYTES: '100' } });
    expect(r.code).toBe(5);
    expect(r.stderr).toMatch(/disk is full.*nothing partial/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('a new file is 0600 and has no temp file beside it', () => {
    const dir = join(site.dir, 'out2');
    mkdirSync(dir);
    expect(site.run(['report', 'monthly', '--csv', '--out', join(dir, 'c.csv')]).code).toBe(0);
    expect(readdirSync(dir)).toEqual(['c.csv']);
    expect(statSync(join(dir, 'c.csv')).mode & 0o777).toBe(0o600);
  });
});

describe('defect 5 and 12: backup is atomic and refuses sidecar names', () => {
  it('a backup named like a sidecar is refused, and the next command deletes nothing', () => {
    const n = countComplaints();
    for (const name of ['pmctl.db-journal', 'pmctl.db-wal', 'copy.db-journal', 'x-shm']) {
      const r = site.run(['backup', join(site.data, name)], { as: 'S005' });
      expect(r.code, name).toBe(2);
      expect(existsSync(join(site.data, name)) && name.startsWith('copy')).toBe(false);
    }
    expect(site.run(['backup', db, '--yes'], { as: 'S005' }).code).toBe(2);
    expect(countComplaints()).toBe(n);
  });

  it('an existing backup is replaced only with --yes; a full disk leaves neither a partial file nor a temp', () => {
    const dir = join(site.dir, 'bak');
    mkdirSync(dir);
    const f = join(dir, 'b.db');
    writeFileSync(f, 'older backup');
    expect(site.run(['backup', f], { as: 'S005' }).code).toBe(2);
    expect(readFileSync(f, 'utf8')).toBe('older backup');
    const full = site.run(['backup', f, '--yes'], { as: 'S005', env: { PMCTL_MAX_FILE_BYTES: '4096' } });
    expect(full.code).toBe(5);
    expect(readFileSync(f, 'utf8')).toBe('older backup');
    expect(readdirSync(dir)).toEqual(['b.db']);
    const ok = site.run(['backup', f, '--yes', '--json'], { as: 'S005' });
    expect(ok.code).toBe(0);
    expect(ok.json().integrity).toBe('ok');
    expect(readFileSync(f).subarray(0, 16).toString('latin1')).toBe('SQLite format 3\0');
    expect(readdirSync(dir)).toEqual(['b.db']);
  });
});
