import { afterAll, describe, expect, it } from 'vitest';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { FIXTURES, makeSite, pmctl } from './helpers.js';
import { SCHEMA_VERSION } from '../../src/store/migrations.js';

describe('data folder and exit codes', () => {
  const site = makeSite();
  afterAll(() => site.cleanup());

  it('a command on a folder without a database exits 5 and names pmctl init', () => {
    const r = site.run(['staff', 'list']);
    expect(r.code).toBe(5);
    expect(r.stderr).toMatch(/^pmctl: .*pmctl init/m);
    expect(r.stderr).not.toMatch(/at .*\.js/); // no stack trace
  });

  it('an unknown command exits 2', () => {
    expect(site.run(['frobnicate']).code).toBe(2);
    expect(site.run(['staff', 'list', '--bogus']).code).toBe(2);
  });

  it('init creates the database 0600 and is idempotent', () => {
    const a = site.run(['init', '--site', '阳光花园', '--timezone', 'Asia/Shanghai', '--json']);
    expect(a.code).toBe(0);
    expect(a.json()).toMatchObject({ site: '阳光花园', timezone: 'Asia/Shanghai', created: true, schema_version: SCHEMA_VERSION });
    expect(statSync(join(site.data, 'pmctl.db')).mode & 0o777).toBe(0o600);
    const b = site.run(['init', '--site', 'Other', '--json']);
    expect(b.code).toBe(0);
    expect(b.json()).toMatchObject({ site: '阳光花园', created: false });
  });

  it('rejects a bad time zone, format and language with exit 2', () => {
    expect(pmctl(['--data', site.dir + '/x', 'init', '--timezone', 'Mars/Base']).code).toBe(2);
    expect(site.run(['staff', 'list', '--format', 'xml']).code).toBe(2);
    expect(site.run(['staff', 'list', '--lang', 'fr']).code).toBe(2);
  });
});

describe('rosters', () => {
  const site = makeSite({ init: true });
  afterAll(() => site.cleanup());

  it('imports staff (bootstrap: no actor needed while the roster is empty)', () => {
    const r = site.run(['staff', 'import', join(FIXTURES, 'staff.csv'), '--json']);
    expect(r.code).toBe(0);
    expect(r.json()).toMatchObject({ rows: 25, added: 25, updated: 0, unchanged: 0 });
  });

  it('once the roster has staff, a write needs an actor (exit 4 without a TTY)', () => {
    const r = site.run(['unit', 'import', join(FIXTURES, 'units.csv')]);
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/--as/);
  });

  it('imports units, then a re-import changes nothing', () => {
    const a = site.run(['unit', 'import', join(FIXTURES, 'units.csv'), '--json'], { as: 'S005' });
    expect(a.code).toBe(0);
    expect(a.json()).toMatchObject({ rows: 240, added: 240 });
    const b = site.run(['unit', 'import', join(FIXTURES, 'units.csv'), '--json'], { as: 'S005' });
    expect(b.json()).toMatchObject({ rows: 240, added: 0, updated: 0, unchanged: 240 });
  });

  it('a GB18030 file with Chinese headings imports with names and room 0101 intact', () => {
    const r = site.run(['unit', 'import', join(FIXTURES, 'units-excel-gb18030.csv'), '--json'], { as: 'S005' });
    expect(r.code).toBe(0);
    expect(r.json()).toMatchObject({ encoding: 'gb18030', rows: 12, added: 12 });
    const u = site.run(['unit', 'show', '7-1-0101', '--json', '--reveal'], { as: 'S003' }).json();
    const src = iconv
      .decode(readFileSync(join(FIXTURES, 'units-excel-gb18030.csv')), 'gb18030')
      .split('\r\n')[1]
      .split(',');
    expect(u).toMatchObject({
      label: '7-1-0101',
      room: '0101',
      owner_name: src[6],
      owner_phone: src[7],
      occupancy: 'owner',
      move_in_date: src[9].replace(/\//g, '-'),
    });
  });

  it('a bad phone on one line and a missing column on another fail naming both, writing nothing', () => {
    const before = site.run(['unit', 'list', '--json']).json().length;
    const f = site.file(
      'bad.csv',
      'building,unit,floor,room,area_m2,occupancy,owner_name,owner_phone\n' +
        '9,1,1,101,90,owner,王伟,13800138000\n' +
        '9,1,1,102,90,owner,李娜,1380013800\n' +
        '9,1,1,103,90,owner,张敏\n' +
        '9,1,1,104,90,owner,赵强,13900139000\n',
    );
    const r = site.run(['unit', 'import', f], { as: 'S005' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad\.csv:3:8: .*phone/);
    expect(r.stderr).toMatch(/bad\.csv:4:\d+: .*expected 8 columns, found 7/);
    expect(site.run(['unit', 'list', '--json']).json().length).toBe(before);
  });

  it('rejects an ID number with a wrong check digit', () => {
    const f = site.file(
      'id.csv',
      'building,unit,floor,room,area_m2,occupancy,owner_name,owner_phone,owner_id_number\n9,1,1,101,90,owner,王伟,13800138000,110101199003070001\n',
    );
    const r = site.run(['unit', 'import', f], { as: 'S005' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/id\.csv:2:9: .*check digit/);
  });

  it('--dry-run reports and writes nothing', () => {
    const f = site.file('new.csv', 'building,unit,floor,room,area_m2,occupancy,owner_name,owner_phone\n9,1,1,101,90,owner,王伟,13800138000\n');
    const r = site.run(['unit', 'import', f, '--dry-run', '--json'], { as: 'S005' });
    expect(r.json()).toMatchObject({ added: 1, dry_run: true });
    expect(site.run(['unit', 'show', '9-1-101']).code).toBe(3);
  });

  it('lists units in natural order and masks phones unless --reveal (audited)', () => {
    const list = site.run(['unit', 'list', '--json']).json() as { label: string; owner_phone: string }[];
    const labels = list.map((u) => u.label);
    expect(labels.indexOf('2-1-101')).toBeLessThan(labels.indexOf('2-1-201'));
    expect(labels.indexOf('2-1-1201')).toBeGreaterThan(labels.indexOf('2-1-201'));
    expect(labels.indexOf('5-2-1202')).toBeLessThan(labels.indexOf('7-1-0101'));
    expect(list[0].owner_phone).toMatch(/^\d{3}\*{4}\d{4}$/);
    const table = site.run(['unit', 'list']).stdout;
    expect(table).not.toMatch(/1[3-9]\d{9}/);
    const revealed = site.run(['unit', 'list', '--json', '--reveal'], { as: 'S003' }).json();
    expect(revealed[0].owner_phone).toMatch(/^1\d{10}$/);
    const log = site.run(['log', '--action', 'reveal', '--json']).json();
    expect(log[0]).toMatchObject({ actor: 'S003', action: 'reveal' });
  });

  it('staff add / deactivate need a manager; deactivated staff cannot act', () => {
    expect(site.run(['staff', 'add', 'S100', '--name', '新人', '--dept', 'cs', '--role', 'clerk', '--phone', '13700001111'], { as: 'S005' }).code).toBe(4);
    const a = site.run(['staff', 'add', 'S100', '--name', '新人', '--dept', '客服', '--role', 'clerk', '--phone', '13700001111', '--json'], { as: 'S002' });
    expect(a.code).toBe(0);
    expect(a.json()).toMatchObject({ code: 'S100', department: 'cs', role: 'clerk', active: true });
    expect(site.run(['staff', 'deactivate', 'S100', '--json'], { as: 'S002' }).json()).toMatchObject({ active: false });
    expect(site.run(['unit', 'import', join(FIXTURES, 'units.csv')], { as: 'S100' }).code).toBe(4);
    expect(site.run(['unit', 'import', join(FIXTURES, 'units.csv')], { as: 'NOBODY' }).code).toBe(3);
  });

  it('a missing option without a TTY fails naming it, recording nothing', () => {
    const r = site.run(['staff', 'add', 'S101', '--name', '某人'], { as: 'S002' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--dept, --role/);
    expect(
      site
        .run(['staff', 'list', '--all', '--json'])
        .json()
        .some((s: { code: string }) => s.code === 'S101'),
    ).toBe(false);
  });

  it('NO_COLOR and non-TTY output carry no escape codes', () => {
    const r = site.run(['staff', 'list'], { env: { NO_COLOR: '1', FORCE_COLOR: '1' } });
    expect(r.stdout).not.toMatch(/\u001b\[/);
  });

  it('logs every write with who and what', () => {
    const log = site.run(['log', '--entity', 'S100', '--json']).json() as { action: string; actor: string }[];
    expect(log.map((l) => l.action)).toEqual(['staff.deactivate', 'staff.add']);
    expect(log[0].actor).toBe('S002');
  });
});
