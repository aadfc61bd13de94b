// Real rosters (SPEC §2 v2), through bin/pmctl, on the files a site really
// has: GB18030 with CRLF and full-width commas, Excel's "Unicode 文本"
// (UTF-16 LE with BOM, tab-separated), an .xlsx with numeric and date cells.
// Both the acceptances and the refusals; nothing written on a refusal.
import { afterAll, describe, expect, it } from 'vitest';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import ExcelJS from 'exceljs';
import { makeSite } from './helpers.js';

const site = makeSite({ roster: true });
afterAll(() => site.cleanup());

const zh = { env: { PMCTL_LANG: 'zh' }, as: 'S005' };
const en = { as: 'S005' };
const gb = (rows: string[][], sep = '，'): Buffer => iconv.encode(rows.map((r) => r.join(sep)).join('\r\n') + '\r\n', 'gb18030');
const utf16 = (rows: string[][]): Buffer =>
  Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(rows.map((r) => r.join('\t')).join('\r\n') + '\r\n', 'utf16le')]);
const unit = (label: string) => site.run(['unit', 'show', label, '--json', '--reveal'], { as: 'S003' });
const count = (): number => site.run(['unit', 'list', '--json', '--limit', '0'], en).json().length;

const HEAD = ['楼号', '单元号', '楼层', '房间号', '建筑面积(㎡)', '入住类型', '业主', '联系电话', '租户', '入住日期'];

describe('a GB18030 roster with CRLF and full-width commas, as Excel on Chinese Windows saves it', () => {
  it('imports with the headings and values a site writes; 3栋/1单元/89.5㎡ are the unit 3-1-1502', () => {
    const f = site.file(
      '房屋名册.csv',
      gb([
        HEAD,
        ['3栋', '1单元', '15', '1502', '89.5㎡', '自住', '王伟', '13800138000', '', '2020-05-01'],
        ['3栋', '1单元', '15', '1503', '90平方米', '出租', '李娜', '（0755）86001234', '', '2021/3/4'], // let, tenant not known yet
        ['3栋', '1单元', '16', '1601', '90', '空置', '', '', '', ''],
        ['3栋', '1单元', '16', '1602', '90', '自住', '赵强', '', '', ''], // no owner phone: a warning
        ['3栋', '1单元', '17', '1701', '90', '业主自用', '钱飞', '0755-86001234/13900139000', '', ''],
        ['３栋', '1单元', '17', '1702', '90', '租住', '孙丽', '86001234', '周敏', ''], // full-width digit, landline without area code
        ['3栋', '1单元', '18', '1801', '90', '未入住', '吴昊', '400-810-8888', '', ''],
      ]),
    );
    const r = site.run(['unit', 'import', f, '--json'], en);
    expect(r.code, r.stderr).toBe(0);
    const j = r.json();
    expect(j).toMatchObject({ rows: 7, added: 7, encoding: 'gb18030', separator: '，', format: 'csv' });
    expect(j.warnings).toEqual([expect.stringContaining('3-1-1602')]);
    expect(unit('3-1-1502').json()).toMatchObject({
      building: '3',
      unit: '1',
      floor: '15',
      room: '1502',
      area_m2: 89.5,
      occupancy: 'owner',
      move_in_date: '2020-05-01',
    });
    expect(unit('3-1-1503').json()).toMatchObject({
      occupancy: 'tenant',
      tenant_name: null,
      area_m2: 90,
      owner_phone: '（0755）86001234',
      move_in_date: '2021-03-04',
    });
    expect(unit('3-1-1602').json()).toMatchObject({ owner_phone: null });
    expect(unit('3-1-1701').json()).toMatchObject({ owner_phone: '0755-86001234/13900139000' });
    expect(unit('3-1-1702').json()).toMatchObject({ building: '3', occupancy: 'tenant', tenant_name: '周敏', owner_phone: '86001234' });
    expect(unit('3-1-1801').json()).toMatchObject({ occupancy: 'vacant', owner_phone: '400-810-8888' });
    expect(site.run(['unit', 'show', '3栋-1单元-1502'], en).code).toBe(3);
    // The warning on a terminal-less run is in the notes, in the user's language.
    const again = site.run(['unit', 'import', f], zh);
    expect(again.stdout + again.stderr).toMatch(/3-1-1602 没有业主电话/);
  });

  it('the same units typed plainly (3, 1, 89.5) are the same units: nothing added, nothing changed', () => {
    const n0 = count();
    const f = site.file(
      'plain.csv',
      'building,unit,floor,room,area_m2,occupancy,owner_name,owner_phone,move_in_date\n3,1,15,1502,89.5,owner,王伟,13800138000,2020-05-01\n',
    );
    const r = site.run(['unit', 'import', f, '--json'], en);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json()).toMatchObject({ rows: 1, added: 0, updated: 0, unchanged: 1 });
    expect(count()).toBe(n0);
  });
});

describe('Excel "Unicode 文本": UTF-16 LE with a BOM, tab-separated', () => {
  it('imports like the CSV', () => {
    const f = site.file(
      'units.txt',
      utf16([
        ['楼栋', '单元', '层', '门牌号', '房屋面积', '房屋状态', '业主姓名', '手机号码'],
        ['15', '2', '3', '301', '77.7', '自住', '郑洁', '13700137000'],
      ]),
    );
    const r = site.run(['unit', 'import', f, '--json'], en);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json()).toMatchObject({ rows: 1, added: 1, encoding: 'utf-16le', separator: 'tab' });
    expect(unit('15-2-301').json()).toMatchObject({ area_m2: 77.7, owner_name: '郑洁', owner_phone: '13700137000' });
  });
});

describe('an .xlsx read directly', () => {
  async function workbook(name: string, rows: unknown[][], fmt?: (ws: ExcelJS.Worksheet) => void, sheet = '房屋'): Promise<string> {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('说明').addRow(['本表由物业服务中心维护']);
    const ws = wb.addWorksheet(sheet);
    for (const r of rows) ws.addRow(r);
    fmt?.(ws);
    const p = join(site.dir, name);
    await wb.xlsx.writeFile(p);
    return p;
  }

  it('numeric cells read as the text a clerk sees (0101 stays 0101, dates as dates), with --sheet', async () => {
    const f = await workbook(
      'units.xlsx',
      [
        ['楼栋', '单元', '楼层', '房号', '建筑面积', '入住状态', '业主姓名', '业主电话', '入住日期'],
        [7, 1, 1, 101, 89.5, '自住', '付辉磊', 13038378401, new Date(Date.UTC(2022, 10, 2))],
        [7, 1, 2, 202, 108.7, '空置', '', '', null],
      ],
      (ws) => {
        ws.getColumn(4).numFmt = '0000';
      },
    );
    // The first sheet is not the roster: --sheet names it.
    const first = site.run(['unit', 'import', f], en);
    expect(first.code).toBe(2);
    const r = site.run(['unit', 'import', f, '--sheet', '房屋', '--json'], en);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json()).toMatchObject({ rows: 2, added: 2, format: 'xlsx', sheet: '房屋' });
    expect(unit('7-1-0101').json()).toMatchObject({ room: '0101', floor: '1', owner_phone: '13038378401', move_in_date: '2022-11-02', area_m2: 89.5 });
    expect(unit('7-1-0202').json()).toMatchObject({ occupancy: 'vacant' });
    const missing = site.run(['unit', 'import', f, '--sheet', 'Units'], zh);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/没有名为“Units”的工作表.*说明, 房屋/);
  });

  it('an ID number Excel stored as a number is refused, saying so and how to fix it; nothing written; --rejects gives an xlsx', async () => {
    const f = await workbook(
      'ids.xlsx',
      [
        ['楼栋', '单元', '楼层', '房号', '面积', '入住状态', '业主', '电话', '身份证号'],
        [8, 1, 1, 101, 90, '自住', '王伟', 13800138000, 440301199001011234],
        [8, 1, 1, 102, 90, '自住', '李娜', 13800138001, ''],
      ],
      undefined,
      'Sheet1',
    );
    const n0 = count();
    const rej = join(site.dir, 'ids-rejects.xlsx');
    const r = site.run(['unit', 'import', f, '--sheet', 'Sheet1', '--rejects', rej], zh);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/ids\.xlsx:2:I: “身份证号”的“4\.4030\*E\+17”被 Excel 存成了科学计数法数字.*设为“文本”格式/);
    expect(count()).toBe(n0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(rej);
    const ws = wb.worksheets[0];
    expect(ws.getRow(1).getCell(10).value).toBe('错误');
    expect(ws.rowCount).toBe(2);
    expect(String(ws.getRow(2).getCell(10).value)).toMatch(/科学计数法/);
  });
});

describe("plain garbage refused, every error at once, in the file's own words", () => {
  it('floor against room, a future move-in, an area over 2000 m², a bad phone (masked), Excel notation in a CSV', () => {
    const f = site.file(
      'garbage.csv',
      gb(
        [
          ['楼栋', '单元', '楼层', '房号', '面积(㎡)', '入住状态', '业主姓名', '手机', '身份证', '入住时间'],
          ['9', '1', '3', '101', '90', '自住', '王伟', '13800138000', '', ''],
          ['9', '1', '1', '102', '2500', '自住', '李娜', '13800138001', '', ''],
          ['9', '1', '1', '103', '90', '自住', '赵强', '13800138002', '', '2027-01-01'],
          ['9', '1', '1', '104', '90', '自住', '钱飞', '1380013800', '', ''],
          ['9', '1', '1', '105', '90', '自住', '孙丽', '13800138003', '4.40301E+17', ''],
          ['9', '1', '1', '106', '90', '住着', '周敏', '13800138004', '', ''],
        ],
        ',',
      ),
    );
    const n0 = count();
    const r = site.run(['unit', 'import', f], zh);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/garbage\.csv 有 6 处错误，未写入任何数据/);
    expect(r.stderr).toMatch(/garbage\.csv:2:3: “楼层”为 3，与“房号” 101 不符/);
    expect(r.stderr).toMatch(/garbage\.csv:3:5: “面积\(㎡\)”为 2500，超过 2000 平方米/);
    expect(r.stderr).toMatch(/garbage\.csv:4:10: “入住时间”为 2027-01-01，晚于今天（2026-11-23）/);
    expect(r.stderr).toMatch(/garbage\.csv:5:8: “手机”中的“13\*+3800”不是有效的电话号码/);
    expect(r.stderr).not.toMatch(/1380013800\b/);
    expect(r.stderr).toMatch(/garbage\.csv:6:9: “身份证”的“.*”被 Excel 存成了科学计数法数字/);
    expect(r.stderr).toMatch(/garbage\.csv:7:6: “入住状态”的“住着”无法识别/);
    expect(count()).toBe(n0);
    // English errors name the file's own heading too.
    const e = site.run(['unit', 'import', f], en);
    expect(e.stderr).toMatch(/garbage\.csv:2:3: "楼层" 3 does not match "房号" 101/);
  });

  it("--rejects writes the bad rows with an error column in the input's encoding, separator and line ends", () => {
    const f = site.file(
      'rej.csv',
      gb([
        ['楼栋', '单元', '楼层', '房号', '面积', '入住状态', '业主姓名', '业主电话'],
        ['9', '2', '1', '101', '90', '自住', '王伟', '13800138000'],
        ['9', '2', '3', '102', '90', '自住', '李娜', '13800138001'],
      ]),
    );
    const out = join(site.dir, 'rej-out.csv');
    const r = site.run(['unit', 'import', f, '--rejects', out], zh);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/出错的 1 行已写入/);
    const text = iconv.decode(readFileSync(out), 'gb18030');
    expect(text.split('\r\n')[0]).toBe('楼栋，单元，楼层，房号，面积，入住状态，业主姓名，业主电话，错误');
    expect(text.split('\r\n')[1]).toMatch(/^9，2，3，102，90，自住，李娜，13800138001，"“楼层”为 3/);
    expect(text.split('\r\n').length).toBe(3);
    expect(site.run(['unit', 'show', '9-2-101'], en).code).toBe(3);
  });
});

describe('a wrong separator or encoding is said plainly', () => {
  it('a |-separated file: one column, named as such, not "missing columns"', () => {
    const f = site.file('pipe.csv', '楼栋|单元|楼层|房号|面积|入住状态|业主姓名|业主电话\n1|1|1|101|90|自住|王伟|13800138000\n');
    const r = site.run(['unit', 'import', f], zh);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/表头只有一列/);
    expect(r.stderr).not.toMatch(/缺少/);
  });

  it('a GB18030 file read as UTF-8 on request names its first bad line', () => {
    const f = site.file('forced.csv', gb([HEAD, ['3', '1', '15', '1502', '89.5', '自住', '王伟', '13800138000', '', '']], ','));
    const r = site.run(['unit', 'import', f, '--encoding', 'utf-8'], zh);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/forced\.csv 第 1 行不是有效的 utf-8/);
  });

  it('a UTF-8 file read as GB18030 on request: the garbled headings are named, not listed as missing', () => {
    const f = site.file('forced2.csv', '楼栋,单元,楼层,房号,面积,入住状态,业主姓名,业主电话\n1,1,1,101,90,自住,王伟,13800138000\n');
    const r = site.run(['unit', 'import', f, '--encoding', 'gbk'], en);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/forced2\.csv line 1 is not valid gb18030|no heading is known|cannot be read/);
  });

  it('a file mixing GBK and UTF-8 lines is refused whole, naming the line (issue 14 #7); staff unchanged', () => {
    const before = site.run(['staff', 'list', '--json'], en).stdout;
    const f = site.file(
      'mixed.csv',
      Buffer.concat([
        iconv.encode('工号,姓名,部门,角色,电话\r\nS005,张丽,客服,客服员,15196401757\r\n', 'gb18030'),
        Buffer.from('S006,刘芳,客服,客服员,15028464289\r\n', 'utf8'),
      ]),
    );
    const r = site.run(['staff', 'import', f], { ...zh, as: 'S002' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/mixed\.csv 混用了两种编码：第 1 行与第 3 行/);
    expect(site.run(['staff', 'list', '--json'], en).stdout).toBe(before);
  });

  it('a file valid in neither encoding is refused naming the line', () => {
    const f = site.file(
      'neither.csv',
      Buffer.concat([
        Buffer.from('building,unit,floor,room,area_m2,occupancy,owner_name,owner_phone\n1,1,1,101,90,owner,王伟,13800138000\n'),
        Buffer.from([0x31, 0x2c, 0xff, 0x80, 0x0a]),
      ]),
    );
    const r = site.run(['unit', 'import', f], en);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/neither\.csv line 3 is valid in neither UTF-8 nor GBK/);
  });
});

describe('--map and staff roles as sites write them', () => {
  it("--map '房屋现状=occupancy' maps a site's own heading", () => {
    const f = site.file('map.csv', '楼栋,单元,楼层,房号,面积,房屋现状,业主姓名,业主电话\n11,1,1,101,90,自住,王伟,13800138000\n');
    expect(site.run(['unit', 'import', f], en).code).toBe(2);
    const r = site.run(['unit', 'import', f, '--map', '房屋现状=occupancy', '--json'], en);
    expect(r.code, r.stderr).toBe(0);
    expect(unit('11-1-101').json()).toMatchObject({ occupancy: 'owner' });
    expect(site.run(['unit', 'import', f, '--map', '房屋现状'], en).code).toBe(2);
    expect(site.run(['unit', 'import', f, '--map', '房屋现状=nothing'], en).stderr).toMatch(/--map column "nothing" is unknown/);
  });

  it('客服经理 and 客服部经理 are managers; departments in Chinese', () => {
    const f = site.file(
      'staff.csv',
      gb(
        [
          ['员工工号', '员工姓名', '所属部门', '职务', '手机号码'],
          ['M101', '何静', '客服部', '客服经理', '13800138000'],
          ['M102', '罗刚', '客服中心', '客服部经理', ''],
          ['M103', '梁勇', '工程部', '维修工', '0755-86001234'],
        ],
        '\t',
      ),
    );
    const r = site.run(['staff', 'import', f, '--json'], { as: 'S001' });
    expect(r.code, r.stderr).toBe(0);
    const staff = site.run(['staff', 'list', '--json'], en).json() as { code: string; role: string; department: string }[];
    expect(staff.find((s) => s.code === 'M101')).toMatchObject({ role: 'manager', department: 'cs' });
    expect(staff.find((s) => s.code === 'M102')).toMatchObject({ role: 'manager', department: 'cs' });
    expect(staff.find((s) => s.code === 'M103')).toMatchObject({ role: 'staff', department: 'engineering' });
  });
});

describe('nothing left behind', () => {
  it('--rejects never onto the database; an existing file needs --yes', () => {
    const f = site.file('rej2.csv', 'building,unit,floor,room,area_m2,occupancy,owner_name,owner_phone\n31,1,3,101,90,owner,王伟,13800138000\n');
    const r = site.run(['unit', 'import', f, '--rejects', join(site.data, 'pmctl.db')], en);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--rejects cannot write to/);
    expect(site.run(['unit', 'list', '--limit', '1', '--json'], en).code).toBe(0);
    const existing = site.file('rej2-out.csv', 'keep me\n');
    expect(site.run(['unit', 'import', f, '--rejects', existing], en).stderr).toMatch(/already exists/);
    expect(readFileSync(existing, 'utf8')).toBe('keep me\n');
    expect(site.run(['unit', 'import', f, '--rejects', existing, '--yes'], en).code).toBe(2);
    expect(readFileSync(existing, 'utf8')).toMatch(/^building,unit,floor,room,area_m2,occupancy,owner_name,owner_phone,error\n31,1,3,101,/);
  });

  it('no rejects file when the import succeeds', () => {
    const f = site.file('ok.csv', 'building,unit,floor,room,area_m2,occupancy,owner_name,owner_phone\n12,1,1,101,90,owner,王伟,13800138000\n');
    const out = join(site.dir, 'ok-rejects.csv');
    expect(site.run(['unit', 'import', f, '--rejects', out], en).code).toBe(0);
    expect(existsSync(out)).toBe(false);
  });
});

describe('one record without a re-import, and templates', () => {
  it('unit add and update change one unit with an audit entry, checked like an import row', () => {
    const add = site.run(
      [
        'unit',
        'add',
        '21-1-0301',
        '--floor',
        '3',
        '--area',
        '88㎡',
        '--occupancy',
        '自住',
        '--owner-name',
        '郑洁',
        '--owner-phone',
        '（0755）86001234',
        '--json',
      ],
      en,
    );
    expect(add.code, add.stderr).toBe(0);
    expect(add.json()).toMatchObject({ label: '21-1-0301', room: '0301', area_m2: 88, occupancy: 'owner' });
    expect(site.run(['unit', 'add', '21-1-0301', '--floor', '3', '--occupancy', 'vacant'], en).code).toBe(2);
    const upd = site.run(['unit', 'update', '21-1-0301', '--occupancy', '出租', '--tenant-name', '周敏', '--json'], en);
    expect(upd.code, upd.stderr).toBe(0);
    expect(upd.json()).toMatchObject({ occupancy: 'tenant', tenant_name: '周敏', owner_name: '郑洁' });
    const bad = site.run(['unit', 'update', '21-1-0301', '--floor', '7'], zh);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/与“room” 0301 不符/);
    expect(site.run(['unit', 'update', '21-1-0999', '--floor', '9'], en).code).toBe(3);
    const log = site.run(['log', '--entity', '21-1-0301', '--json'], en).json() as { action: string; actor: string }[];
    expect(log.map((l) => l.action).sort()).toEqual(['unit.add', 'unit.update']);
    expect(log[0].actor).toBe('S005');
  });

  it('staff update changes one record with an audit entry; 客服经理 is a manager', () => {
    const r = site.run(['staff', 'update', 'S006', '--role', '客服经理', '--phone', '0755-86001234', '--json'], { as: 'S001' });
    expect(r.code, r.stderr).toBe(0);
    expect(r.json()).toMatchObject({ code: 'S006', role: 'manager' });
    const log = site.run(['log', '--entity', 'staff:S006', '--json'], en).json() as { action: string }[];
    expect(log[0].action).toBe('staff.update');
    expect(site.run(['staff', 'update', 'S006'], { as: 'S001' }).code).toBe(2);
    expect(site.run(['staff', 'update', 'S006', '--role', 'boss'], { as: 'S001' }).code).toBe(2);
  });

  it('template units|staff|keys --out .xlsx|.csv: Chinese headings and an example row that imports as it is', async () => {
    for (const kind of ['units', 'staff', 'keys'])
      for (const ext of ['csv', 'xlsx']) {
        const out = join(site.dir, `tpl-${kind}.${ext}`);
        const w = site.run(['template', kind, '--out', out], en);
        expect(w.code, w.stderr).toBe(0);
        expect(site.run(['template', kind, '--out', out], en).code).toBe(2); // exists: --yes needed
      }
    const csv = readFileSync(join(site.dir, 'tpl-units.csv'), 'utf8');
    expect(csv.startsWith('\uFEFF楼栋,单元,楼层,房号,建筑面积,入住状态,业主姓名,业主电话')).toBe(true);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(site.dir, 'tpl-staff.xlsx'));
    expect(wb.worksheets[0].getRow(1).values).toEqual([undefined, '工号', '姓名', '部门', '角色', '电话', '在职']);
    const fresh = makeSite({ init: true });
    try {
      expect(fresh.run(['staff', 'import', join(site.dir, 'tpl-staff.xlsx')]).code).toBe(0);
      const u = fresh.run(['unit', 'import', join(site.dir, 'tpl-units.xlsx'), '--json'], { as: 'S101' });
      expect(u.code, u.stderr).toBe(0);
      expect(u.json()).toMatchObject({ added: 1 });
      const k = fresh.run(['key', 'import', join(site.dir, 'tpl-keys.csv'), '--json'], { as: 'S101' });
      expect(k.code, k.stderr).toBe(0);
      expect(k.json()).toMatchObject({ added: 1 });
    } finally {
      fresh.cleanup();
    }
    expect(site.run(['template', 'rooms', '--out', join(site.dir, 'x.csv')], en).code).toBe(2);
    expect(site.run(['template', 'units', '--out', join(site.dir, 'x.txt')], en).code).toBe(2);
  });
});
