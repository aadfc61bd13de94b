// Synthetic inputs shared by the benchmark and the fault tests: a units CSV
// of any size, valid row by row (mobile numbers, GB 11643 ID check digits),
// written as a stream so its own memory stays flat.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

export function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建文辉玲红梅兰凤云飞鹏波斌宇浩凯俊帆帅旭琳晨瑶雪婷颖倩怡欣悦涵';
const W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

export function idNumber(r) {
  const y = 1950 + Math.floor(r() * 50);
  const m = 1 + Math.floor(r() * 12);
  const d = 1 + Math.floor(r() * 28);
  const s = `330106${y}${String(m).padStart(2, '0')}${String(d).padStart(2, '0')}${String(Math.floor(r() * 1000)).padStart(3, '0')}`;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += +s[i] * W[i];
  return s + '10X98765432'[sum % 11];
}

export const phone = (r) => '13' + String(Math.floor(r() * 1e9)).padStart(9, '0');
export const personName = (r) =>
  SURNAMES[Math.floor(r() * SURNAMES.length)] + GIVEN[Math.floor(r() * GIVEN.length)] + (r() < 0.6 ? GIVEN[Math.floor(r() * GIVEN.length)] : '');

export const UNITS_HEADER = 'building,unit,floor,room,area_m2,occupancy,owner_name,owner_phone,owner_id_number,tenant_name,tenant_phone,move_in_date';

/**
 * Row i of a site laid out as buildings of 2 units × 30 floors × 4 rooms
 * (240 homes a building); `prefix` names the buildings ("K3_" gives K3_1, K3_2, …).
 */
export function unitRow(i, r, prefix = '') {
  const perBuilding = 240;
  const b = Math.floor(i / perBuilding) + 1;
  const k = i % perBuilding;
  const unit = Math.floor(k / 120) + 1;
  const floor = Math.floor((k % 120) / 4) + 1;
  const room = floor * 100 + (k % 4) + 1;
  const occ = r() < 0.75 ? 'owner' : r() < 0.6 ? 'tenant' : 'vacant';
  const area = (60 + r() * 120).toFixed(1);
  const owner = personName(r);
  const withId = r() < 0.5;
  const tenant = occ === 'tenant' ? personName(r) : '';
  const moveIn =
    occ === 'vacant'
      ? ''
      : `${2010 + Math.floor(r() * 16)}-${String(1 + Math.floor(r() * 12)).padStart(2, '0')}-${String(1 + Math.floor(r() * 28)).padStart(2, '0')}`;
  return [prefix + b, unit, floor, room, area, occ, owner, phone(r), withId ? idNumber(r) : '', tenant, tenant ? phone(r) : '', moveIn].join(',');
}

/** Write a units CSV of `n` rows to `file`. */
export async function writeUnitsCsv(file, n, { seed = 1, prefix = '' } = {}) {
  const r = rng(seed);
  const out = createWriteStream(file);
  out.write(UNITS_HEADER + '\n');
  let buf = '';
  for (let i = 0; i < n; i++) {
    buf += unitRow(i, r, prefix) + '\n';
    if (buf.length > 1 << 16) {
      if (!out.write(buf)) await once(out, 'drain');
      buf = '';
    }
  }
  out.end(buf);
  await once(out, 'finish');
}

/**
 * The same roster as an .xlsx, as a clerk's workbook holds it: Chinese
 * headings, numbers typed as numbers (floor, room, area, phones), ID numbers
 * as text, move-in dates as date cells; shared strings, as Excel writes them
 * (`sharedStrings: false` writes each text inline instead, as some exporters do).
 */
export async function writeUnitsXlsx(file, n, { seed = 1, prefix = '', sharedStrings = true } = {}) {
  const ExcelJS = (await import('exceljs')).default;
  const r = rng(seed);
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: sharedStrings, useStyles: true });
  const ws = wb.addWorksheet('房屋');
  ws.addRow(['楼栋', '单元', '楼层', '房号', '建筑面积(㎡)', '入住状态', '业主姓名', '业主电话', '身份证号', '租户姓名', '租户电话', '入住日期']).commit();
  const num = (v) => (v === '' ? null : /^\d+(\.\d+)?$/.test(v) ? Number(v) : v);
  for (let i = 0; i < n; i++) {
    const c = unitRow(i, r, prefix).split(',');
    const row = ws.addRow([
      num(c[0]),
      num(c[1]),
      num(c[2]),
      num(c[3]),
      num(c[4]),
      c[5],
      c[6],
      num(c[7]),
      c[8] || null,
      c[9] || null,
      num(c[10]),
      c[11] ? new Date(c[11] + 'T00:00:00Z') : null,
    ]);
    if (c[11]) row.getCell(12).numFmt = 'yyyy-mm-dd';
    row.commit();
  }
  ws.commit();
  await wb.commit();
}
