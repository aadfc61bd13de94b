// src/render/box.ts must draw what cli-table3 draws (it replaced it for speed).
import { describe, expect, it } from 'vitest';
import Table from 'cli-table3';
import { boxTable, displayWidth } from '../../src/render/box.js';

const strip = (s: string) => s.replace(/\u001b\[[0-9;]*m/g, '');

function viaCliTable3(rows: string[][], head?: string[]): string {
  const t = new Table({ head: head ?? [], style: { head: [], border: [] } });
  for (const r of rows) t.push(r);
  return t.toString();
}

const CASES: { name: string; head?: string[]; rows: string[][] }[] = [
  { name: 'ascii with head', head: ['Code', 'Name', 'Role'], rows: [['S001', 'Ann', 'director'], ['S0022', '', 'clerk']] },
  { name: 'CJK', head: ['编号', '姓名', '部门'], rows: [['S001', '张三丰', '客服'], ['E001', '李四', '工程部经理']] },
  { name: 'no head (record)', rows: [['Unit', '3-2-1502'], ['业主', '王小明'], ['Phone', '138****8000']] },
  { name: 'multi-line cells', head: ['a', 'b'], rows: [['one\ntwo\nthree', 'x'], ['', 'y\nzz']] },
  { name: 'full-width punctuation and kana', head: ['备注'], rows: [['（测试）：ＡＢＣ'], ['カタカナ ok']] },
  { name: 'ANSI colours in cells', head: ['state'], rows: [['\u001b[31moverdue\u001b[39m'], ['met']] },
  { name: 'combining marks', head: ['x'], rows: [['e\u0301te\u0301'], ['plain']] },
];

describe('boxTable draws like cli-table3', () => {
  for (const c of CASES)
    it(c.name, () => {
      expect(strip(boxTable(c.rows, { head: c.head }))).toBe(strip(viaCliTable3(c.rows, c.head)));
    });
  it('colours the border and head without changing the layout', () => {
    const rows = [['张三', 'x']];
    const painted = boxTable(rows, { head: ['姓名', 'y'], paintHead: (s) => `\u001b[36m${s}\u001b[39m`, paintBorder: (s) => `\u001b[90m${s}\u001b[39m` });
    expect(painted).toContain('\u001b[36m姓名\u001b[39m');
    expect(strip(painted)).toBe(strip(viaCliTable3(rows, ['姓名', 'y'])));
  });
  it('measures display width', () => {
    expect([displayWidth('abc'), displayWidth('张三'), displayWidth('\u001b[31mab\u001b[39m'), displayWidth('')]).toEqual([3, 4, 2, 0]);
  });
});
