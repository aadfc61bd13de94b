// Unit roster imports at size: the batched writer, the index rebuild of a big
// import into a small table, duplicates found through the primary key, the
// audit of an import, and the two ways a file is split (plain / csv-parse).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { makeSite } from './helpers.js';
// @ts-expect-error plain ES module shared with the benchmark
import { writeUnitsCsv, UNITS_HEADER } from '../../bench/gen.mjs';

const site = makeSite({ roster: true });
afterAll(() => site.cleanup());

function q<T = Record<string, unknown>>(sql: string, ...args: unknown[]): T[] {
  const d = new Database(join(site.data, 'pmctl.db'), { readonly: true, fileMustExist: true });
  try {
    return d.prepare(sql).all(...args) as T[];
  } finally {
    d.close();
  }
}
const n = (sql: string, ...args: unknown[]): number => q<{ n: number }>(sql, ...args)[0].n;
const indexes = (): string[] =>
  q<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'units' ORDER BY name").map((r) => r.name);

describe('a big import into a small table', () => {
  let file = '';
  let idx0: string[] = [];
  beforeAll(async () => {
    file = join(site.dir, 'big.csv');
    await writeUnitsCsv(file, 3000, { seed: 42, prefix: 'G' });
    idx0 = indexes();
  });

  it('--dry-run counts every row and leaves the table and its indexes as they were', () => {
    const r = site.run(['unit', 'import', file, '--dry-run', '--json'], { as: 'S005' });
    expect(r.code, r.stderr).toBe(0);
    expect(r.json()).toMatchObject({ rows: 3000, added: 3000, dry_run: true });
    expect(n("SELECT COUNT(*) n FROM units WHERE building GLOB 'G*'")).toBe(0);
    expect(indexes()).toEqual(idx0);
  });

  it('adds every unit with its values as strings, keeps every index, audits the import once, naming the units it added', () => {
    const audit0 = n('SELECT COUNT(*) n FROM audit');
    const r = site.run(['unit', 'import', file, '--json'], { as: 'S005' });
    expect(r.code, r.stderr).toBe(0);
    expect(r.json()).toMatchObject({ rows: 3000, added: 3000, updated: 0, unchanged: 0 });
    expect(n('SELECT COUNT(*) n FROM audit') - audit0).toBe(1);
    expect(indexes()).toEqual(idx0);
    expect(idx0).toEqual(expect.arrayContaining(['units_sort', 'units_owner_phone', 'units_tenant_phone']));
    expect(q<{ ok: string }>('PRAGMA integrity_check').map((x) => Object.values(x)[0])).toEqual(['ok']);
    // Row 1 of the file, cell by cell.
    const cells = readFileSync(file, 'utf8').split('\n')[1].split(',');
    const label = `${cells[0]}-${cells[1]}-${cells[3]}`;
    const u = site.run(['unit', 'show', label, '--json', '--reveal'], { as: 'S003' }).json();
    expect(u).toMatchObject({
      building: cells[0],
      unit: cells[1],
      floor: cells[2],
      room: cells[3],
      area_m2: Number(cells[4]),
      occupancy: cells[5],
      owner_name: cells[6],
      owner_phone: cells[7],
    });
    expect(n("SELECT COUNT(*) n FROM audit WHERE action = 'unit.add' AND entity GLOB 'unit:G*'")).toBe(0);
    const imp = q<{ id: number; actor: string; entity: string; after: string }>(
      "SELECT id, actor, entity, after FROM audit WHERE action = 'unit.import' ORDER BY id DESC LIMIT 1",
    )[0];
    expect(imp).toMatchObject({ actor: 'S005', entity: `file:${file}` });
    expect(JSON.parse(imp.after)).toMatchObject({ file, rows: 3000, added: 3000, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    // The labels it added, beside the entry (schema 15).
    const names = q<{ kind: string; labels: string }>('SELECT kind, labels FROM audit_labels WHERE audit_id = ?', imp.id)[0];
    expect(names.kind).toBe('unit');
    const labels = names.labels.split('\n').filter(Boolean);
    expect(labels.length).toBe(3000);
    expect(new Set(labels).size).toBe(3000);
    expect(labels).toContain(label);
    // The log of one unit shows the import that added it: who, when, which file.
    const log = site.run(['log', '--entity', label, '--json']).json();
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ id: imp.id, actor: 'S005', action: 'unit.import', entity: `file:${file}`, after: { rows: 3000, added: 3000 } });
    expect(site.run(['log', '--entity', `unit:${label}`, '--json']).json()).toEqual(log);
    // … and not for a unit it did not add.
    expect(site.run(['log', '--entity', 'G999-1-101', '--json']).json()).toEqual([]);
  });

  it('the same file again changes nothing and says so', () => {
    const audit0 = n('SELECT COUNT(*) n FROM audit');
    const r = site.run(['unit', 'import', file, '--json'], { as: 'S005' });
    expect(r.json()).toMatchObject({ rows: 3000, added: 0, updated: 0, unchanged: 3000 });
    expect(n('SELECT COUNT(*) n FROM audit') - audit0).toBe(1); // the import itself
  });

  it('changed rows are updated and audited with before and after; new rows among them are added', () => {
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
    const edit = (i: number): string => {
      const c = lines[i].split(',');
      c[7] = '13711112222';
      return c.join(',');
    };
    const more = [UNITS_HEADER, edit(1), ...lines.slice(2, 1500), edit(1500), 'G999,1,1,101,88.5,vacant,,,,,,'].join('\n') + '\n';
    const f = site.file('edit.csv', more);
    const r = site.run(['unit', 'import', f, '--json'], { as: 'S005' });
    expect(r.code, r.stderr).toBe(0);
    expect(r.json()).toMatchObject({ rows: 1501, added: 1, updated: 2, unchanged: 1498 });
    const upd = q<{ before: string; after: string }>("SELECT before, after FROM audit WHERE action = 'unit.update' AND entity GLOB 'unit:G*'");
    expect(upd.length).toBe(2);
    expect(JSON.parse(upd[0].after).owner_phone).toBe('13711112222');
    expect(JSON.parse(upd[0].before).owner_phone).toBe(lines[1].split(',')[7]);
    expect(site.run(['unit', 'show', 'G999-1-101', '--json']).json()).toMatchObject({ occupancy: 'vacant', area_m2: 88.5 });
  });
});

describe('duplicates', () => {
  it('a label twice among new rows (batched) fails naming both lines, writing nothing', async () => {
    const file = join(site.dir, 'dup.csv');
    await writeUnitsCsv(file, 2000, { seed: 7, prefix: 'D' });
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
    lines.push(lines[10], lines[1900]); // lines 2001 and 2002 repeat lines 11 and 1901
    const f = site.file('dup2.csv', lines.join('\n') + '\n');
    const units0 = n('SELECT COUNT(*) n FROM units');
    const audit0 = n('SELECT COUNT(*) n FROM audit');
    const r = site.run(['unit', 'import', f], { as: 'S005' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/dup2\.csv:2002:-: .*line 11\b/);
    expect(r.stderr).toMatch(/dup2\.csv:2003:-: .*line 1901\b/);
    expect(n('SELECT COUNT(*) n FROM units')).toBe(units0);
    expect(n('SELECT COUNT(*) n FROM audit')).toBe(audit0);
  });

  it('a label twice where it already exists fails too, and every error of the file is reported at once', () => {
    const f = site.file(
      'dup3.csv',
      'building,unit,floor,room,area_m2,occupancy,owner_name,owner_phone\n' +
        '1,1,1,101,90,owner,王伟,13800138000\n' +
        '9,9,1,101,90,owner,李娜,1380013800\n' +
        '1,1,1,101,91,owner,王伟,13800138000\n' +
        '9,9,1,102,90,owner,赵强,13900139000\n' +
        '9,9,1,102,90,owner,赵强,13900139000\n',
    );
    const r = site.run(['unit', 'import', f], { as: 'S005' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/dup3\.csv:3:8: .*phone/);
    expect(r.stderr).toMatch(/dup3\.csv:4:-: .*1-1-101.*line 2\b/);
    expect(r.stderr).toMatch(/dup3\.csv:6:-: .*9-9-102.*line 5\b/);
    expect(site.run(['unit', 'show', '9-9-102']).code).toBe(3);
  });
});

describe('how a file is split', () => {
  const rows = [
    '8,1,1,101,90,owner,"王伟, 李娜",13800138000,,,,2020-01-02',
    '8,1,1,0102,90,tenant,张敏,13800138001,,"赵强",13900139000,2021/3/4',
    '8,1,2,201, 75.5 ,vacant,,,,,,',
  ];
  it('a file with quotes (csv-parse) and the same rows without them (plain), LF or CRLF, give the same units', () => {
    const quoted = site.file('q.csv', [UNITS_HEADER, ...rows].join('\r\n') + '\r\n');
    const r = site.run(['unit', 'import', quoted, '--json'], { as: 'S005' });
    expect(r.code, r.stderr).toBe(0);
    expect(r.json()).toMatchObject({ rows: 3, added: 3 });
    const got = ['8-1-101', '8-1-0102', '8-1-201'].map((l) => site.run(['unit', 'show', l, '--json', '--reveal'], { as: 'S003' }).json());
    expect(got[0]).toMatchObject({ owner_name: '王伟, 李娜', move_in_date: '2020-01-02' });
    expect(got[1]).toMatchObject({ room: '0102', tenant_name: '赵强', move_in_date: '2021-03-04' });
    expect(got[2]).toMatchObject({ area_m2: 75.5, occupancy: 'vacant' });
    // The same rows unquoted (the comma in the name changed): LF and CRLF.
    const plain = rows.map((l) => l.replace('"王伟, 李娜"', '王伟').replace(/"/g, ''));
    for (const eol of ['\n', '\r\n']) {
      const f = site.file(`p${eol.length}.csv`, '\uFEFF' + [UNITS_HEADER, ...plain].join(eol) + eol);
      const p = site.run(['unit', 'import', f, '--json'], { as: 'S005' });
      expect(p.code, p.stderr).toBe(0);
      // Only the owner's name differs from what is stored.
      expect(p.json()).toMatchObject({ rows: 3, added: 0, updated: eol === '\n' ? 1 : 0, unchanged: eol === '\n' ? 2 : 3 });
    }
    expect(site.run(['unit', 'show', '8-1-101', '--json']).json()).toMatchObject({ owner_name: '王伟' });
  });
});
