// Rosters as sites write them (SPEC §2 v2): the pure rules, table-driven.
import { describe, expect, it } from 'vitest';
import {
  areaOf,
  badPhones,
  buildingOf,
  floorMatchesRoom,
  floorOf,
  foldHeading,
  idProblem,
  isScientific,
  maskPhoneCell,
  roomOf,
  unitNoOf,
} from '../../src/domain/roster.js';
import { detectDelimiter, formatNumber, generalNumber, isGb18030, colLetter, cellText } from '../../src/store/import/filesource.js';
import iconv from 'iconv-lite';

describe('cell values as clerks write them', () => {
  it.each([
    [buildingOf, '3栋', '3'],
    [buildingOf, '3号楼', '3'],
    [buildingOf, '３幢', '3'],
    [buildingOf, 'A座', 'A'],
    [buildingOf, '商业楼', '商业楼'],
    [buildingOf, '12', '12'],
    [unitNoOf, '1单元', '1'],
    [unitNoOf, '２', '2'],
    [roomOf, '1502室', '1502'],
    [roomOf, '0101', '0101'],
    [floorOf, '15层', '15'],
    [floorOf, '15F', '15'],
    [floorOf, 'B2', 'B2'],
    [areaOf, '89.5㎡', '89.5'],
    [areaOf, '89.5平方米', '89.5'],
    [areaOf, '89.5 m2', '89.5'],
    [areaOf, '90', '90'],
    [areaOf, 'abc', 'abc'],
  ] as [(v: string) => string, string, string][])('%o(%s) = %s', (f, v, want) => expect(f(v)).toBe(want));

  it.each([
    ['15', '1502', true],
    ['1', '0101', true],
    ['3', '101', false],
    ['12', '1201', true],
    ['2', 'A201', true],
    ['B1', '101', true],
    ['1', '12', true],
  ])('floor %s with room %s: %s', (floor, room, ok) => expect(floorMatchesRoom(floor, room)).toBe(ok));

  it.each([
    ['13800138000', []],
    ['+86 138 0013 8000', []],
    ['（0755）86001234', []],
    ['(0755) 8600-1234', []],
    ['0755-86001234', []],
    ['86001234', []],
    ['400-810-8888', []],
    ['95588', []],
    ['0755-86001234/13900139000', []],
    ['13800138000、13900139000', []],
    ['0755-86001234转123', []],
    ['1380013800', ['1380013800']],
    ['12345', ['12345']],
    ['13800138000/123', ['123']],
    ['abc', ['abc']],
  ])('phone %s: bad %o', (v, bad) => expect(badPhones(v)).toEqual(bad));

  it('Excel notation, ID numbers, masking per number', () => {
    expect(isScientific('4.40301E+17')).toBe(true);
    expect(isScientific('4E+17')).toBe(true);
    expect(isScientific('440301199001011234')).toBe(false);
    expect(idProblem('4.40301E+17')).toBe('scientific');
    expect(idProblem('110101199003077777')).toBe('invalid');
    expect(maskPhoneCell('0755-86001234/13800138000')).toBe('0755-****1234/138****8000');
  });
});

describe('headings and separators', () => {
  it.each([
    ['建筑面积(㎡)', false, '建筑面积m2'],
    ['建筑面积(㎡)', true, '建筑面积'],
    [' 房号 ', false, '房号'],
    ['Owner_Name', false, 'ownername'],
    ['＊楼栋：', false, '楼栋'],
    ['面积【平方米】', true, '面积'],
  ])('foldHeading(%s, %s) = %s', (h, drop, want) => expect(foldHeading(h, drop)).toBe(want));

  const known = (h: string) => ['楼栋', '单元', '房号', 'building', 'unit'].includes(h.trim());
  it.each([
    ['楼栋,单元,房号', ','],
    ['楼栋，单元，房号', '，'],
    ['楼栋\t单元\t房号', '\t'],
    ['楼栋;单元;房号', ';'],
    ['building,unit', ','],
    ['a|b|c', ','],
  ])('detectDelimiter(%s) = %o', (line, want) => expect(detectDelimiter(line, known)).toBe(want));

  it('GB18030 byte structure', () => {
    expect(isGb18030(iconv.encode('楼栋，单元，房号 王伟', 'gb18030'))).toBe(true);
    expect(isGb18030(Buffer.from([0x31, 0xff, 0x80]))).toBe(false);
    expect(isGb18030(iconv.encode('𠀀', 'gb18030'))).toBe(true); // 4-byte
  });
});

describe('xlsx cells as the text a clerk sees', () => {
  it.each([
    [101, '0000', '0101'],
    [89.5, '0.0', '89.5'],
    [90, '0.00', '90.00'],
    [13800138000, undefined, '13800138000'],
    [440301199001011234, undefined, '4.40301E+17'],
    [89.49999999999, 'General', '89.5'],
    [7, '@', '7'],
  ] as [number, string | undefined, string][])('formatNumber(%s, %s) = %s', (v, f, want) => expect(formatNumber(v, f)).toBe(want));

  it('general numbers, dates, rich text, formulas, column letters', () => {
    expect(generalNumber(123456789012)).toBe('1.23457E+11');
    expect(cellText({ value: new Date(Date.UTC(2022, 10, 2)) })).toBe('2022-11-02');
    expect(cellText({ value: { richText: [{ text: '王' }, { text: '伟' }] } })).toBe('王伟');
    expect(cellText({ value: { formula: 'A1', result: 3 } })).toBe('3');
    expect(cellText({ value: null })).toBe('');
    expect([0, 25, 26, 51, 701].map(colLetter)).toEqual(['A', 'Z', 'AA', 'AZ', 'ZZ']);
  });
});

describe('xlsx shared strings, read streamed', () => {
  it('every cell as written, past the 1 024 strings of a block, rich text and spaces trimmed, from either exceljs writer', async () => {
    const { default: ExcelJS } = await import('exceljs');
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const { xlsxSource } = await import('../../src/store/import/filesource.js');
    const dir = mkdtempSync(join(tmpdir(), 'pmctl-ss-'));
    try {
      const rows: unknown[][] = [['楼栋', '姓名', '备注']];
      const want: string[][] = [['楼栋', '姓名', '备注']];
      for (let i = 0; i < 1500; i++) {
        rows.push([i + 1, `王${i}`, i % 3 ? ` 备注${i % 7} ` : '']);
        want.push([String(i + 1), `王${i}`, i % 3 ? `备注${i % 7}` : '']);
      }
      rows.push([1501, { richText: [{ text: '周' }, { font: { bold: true }, text: '敏' }] }, '王0']);
      want.push(['1501', '周敏', '王0']);
      // Both put sharedStrings.xml after the sheet; the streaming writer puts workbook.xml last.
      const book = join(dir, 'book.xlsx');
      const wb = new ExcelJS.Workbook();
      wb.addWorksheet('房屋').addRows(rows);
      await wb.xlsx.writeFile(book, { useSharedStrings: true });
      const streamed = join(dir, 'streamed.xlsx');
      const sw = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: streamed, useSharedStrings: true });
      const ws = sw.addWorksheet('房屋');
      for (const r of rows.slice(0, -1)) ws.addRow(r).commit();
      ws.addRow([1501, '周敏', '王0']).commit();
      await sw.commit();
      for (const file of [book, streamed]) {
        const got: string[][] = [];
        await (
          await xlsxSource(file, { name: 'x.xlsx' })
        ).read(
          (cells) => got.push(cells),
          () => false,
        );
        expect(got.map((r) => r.slice(0, 3).map((c) => c ?? ''))).toEqual(want);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
