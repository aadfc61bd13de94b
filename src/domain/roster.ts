// Rosters as sites really write them (SPEC §2 "Real rosters (v2)"): the
// headings of each column (one alias table per column, the first alias being
// the Chinese heading a template prints), the units clerks add to cell values
// (`3栋`, `1单元`, `89.5㎡`), the phone numbers they really have (a landline
// without an area code, `（0755）86001234`, `400-…`, two numbers with `/`),
// and the plain garbage refused (a floor that does not match the room number,
// a move-in date in the future, an area over 2 000 m², an ID number Excel
// turned into `4.40301E+17`). Pure: no files, no clock (today is passed in).
import { isValidIdNumber, maskPhone } from './people.js';

export interface RosterColumn {
  key: string;
  /** accepted headings besides `key`; headers[0] is the Chinese heading of a template */
  headers: string[];
  required?: boolean;
  /** a required column whose cells may be empty */
  allowEmpty?: boolean;
  /** masked when a value is echoed in an error */
  mask?: 'phone' | 'id';
  /** an example cell for `pmctl template` */
  example?: string;
}

export const UNIT_COLUMNS_DEF: RosterColumn[] = [
  { key: 'building', headers: ['楼栋', '楼号', '栋', '栋号', '楼栋号', '幢', '幢号', '楼宇', '楼座', '座'], required: true, example: '3' },
  { key: 'unit', headers: ['单元', '单元号'], required: true, example: '1' },
  { key: 'floor', headers: ['楼层', '层', '所在楼层', '层数'], required: true, example: '15' },
  { key: 'room', headers: ['房号', '房间号', '门牌号', '室', '房间', '户号', '房屋号'], required: true, example: '1502' },
  {
    key: 'area_m2',
    headers: ['建筑面积', '面积', '房屋面积', '建筑面积m2', '面积m2', '房屋面积m2', '面积平方米', 'area'],
    required: true,
    allowEmpty: true,
    example: '89.5',
  },
  {
    key: 'occupancy',
    headers: ['入住状态', '入住类型', '房屋状态', '使用状态', '使用情况', '入住情况', '居住状态', '状态'],
    required: true,
    example: '自住',
  },
  { key: 'owner_name', headers: ['业主姓名', '业主', '姓名', '业主名称', '产权人', '户主'], required: true, allowEmpty: true, example: '王伟' },
  {
    key: 'owner_phone',
    headers: ['业主电话', '电话', '联系电话', '手机', '手机号', '手机号码', '业主手机', '业主联系电话', '联系方式'],
    required: true,
    allowEmpty: true,
    mask: 'phone',
    example: '13800138000',
  },
  {
    key: 'owner_id_number',
    headers: ['身份证号', '身份证', '身份证号码', '业主身份证号', '业主身份证', '证件号码', '证件号'],
    mask: 'id',
    example: '',
  },
  { key: 'tenant_name', headers: ['租户姓名', '租户', '承租人', '租客', '住户姓名'], example: '' },
  { key: 'tenant_phone', headers: ['租户电话', '承租人电话', '租客电话', '租户手机'], mask: 'phone', example: '' },
  { key: 'move_in_date', headers: ['入住日期', '入伙日期', '入住时间', '交房日期', '收楼日期'], example: '2020-05-01' },
];

export const STAFF_COLUMNS_DEF: RosterColumn[] = [
  { key: 'code', headers: ['工号', '编号', '员工编号', '代码', '员工工号'], required: true, example: 'S101' },
  { key: 'name', headers: ['姓名', '名字', '员工姓名'], required: true, example: '李婷' },
  { key: 'department', headers: ['部门', 'dept', '所属部门'], required: true, example: '客服' },
  { key: 'role', headers: ['角色', '岗位', '职务', '职位'], required: true, example: '客服员' },
  {
    key: 'phone',
    headers: ['电话', '手机', '联系电话', '手机号', '手机号码'],
    required: true,
    allowEmpty: true,
    mask: 'phone',
    example: '13800138000',
  },
  { key: 'active', headers: ['在职', '状态', '启用', '是否在职'], example: '是' },
];

const NON_ASCII = /[^\x00-\x7f]/;

/** Full-width letters, digits and signs folded (`３栋` → `3栋`); plain ASCII returned as is. */
export function foldWidth(v: string): string {
  return NON_ASCII.test(v) ? v.normalize('NFKC').trim() : v;
}

const BUILDING_RE = /^([0-9A-Za-z]+)\s*(?:号楼|栋|幢|座|号|楼)$/;
const UNIT_RE = /^([0-9A-Za-z]+)\s*(?:单元|门)$/;
const ROOM_RE = /^([0-9A-Za-z]+)\s*(?:室|房|号|户)$/;
const FLOOR_RE = /^(-?[0-9]+|[Bb][0-9]+)\s*(?:层|楼|F|f)$/;
const AREA_RE = /^([0-9]+(?:\.[0-9]+)?)\s*(?:㎡|m2|m²|平方米|平米|平)$/i;

/** `3栋`, `3号楼` → `3`; anything else as written (width folded). */
export function buildingOf(v: string): string {
  if (!NON_ASCII.test(v)) return v;
  const s = foldWidth(v);
  return BUILDING_RE.exec(s)?.[1] ?? s;
}
export function unitNoOf(v: string): string {
  if (!NON_ASCII.test(v)) return v;
  const s = foldWidth(v);
  return UNIT_RE.exec(s)?.[1] ?? s;
}
export function roomOf(v: string): string {
  if (!NON_ASCII.test(v)) return v;
  const s = foldWidth(v);
  return ROOM_RE.exec(s)?.[1] ?? s;
}
export function floorOf(v: string): string {
  if (!NON_ASCII.test(v) && !/[Ff]$/.test(v)) return v;
  const s = foldWidth(v);
  return FLOOR_RE.exec(s)?.[1] ?? s;
}
/** `89.5㎡`, `89.5平方米`, `89.5 m2` → `89.5` (NFKC turns ㎡ into m2). */
export function areaOf(v: string): string {
  if (!NON_ASCII.test(v) && !/[a-z]/i.test(v)) return v;
  const s = foldWidth(v);
  return AREA_RE.exec(s)?.[1] ?? s;
}

/** The largest area taken for a home; more is a typing error (SPEC §2 v2: garbage refused). */
export const MAX_AREA_M2 = 2000;

/**
 * A floor that does not match the room number: rooms numbered floor × 100 +
 * n (`1502` on floor 15, `0101` on floor 1). Only checked where both are plain
 * numbers and the room has at least three digits; other schemes pass.
 */
export function floorMatchesRoom(floor: string, room: string): boolean {
  if (!/^[0-9]{3,5}$/.test(room) || !/^[0-9]{1,3}$/.test(floor)) return true;
  return Math.floor(Number(room) / 100) === Number(floor);
}

/** `4.40301E+17`: what Excel shows (and saves to CSV) for a long number typed into a General cell. */
export function isScientific(v: string): boolean {
  return /^[0-9](?:\.[0-9]+)?[eE]\+?[0-9]{1,3}$/.test(v);
}

/** The numbers of one phone cell: `0755-86001234/13800138000` → two. */
export function phoneParts(v: string): string[] {
  return foldWidth(v)
    .split(/\s*[/、;；,]\s*|\s{2,}/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
}

const MOBILE = /^(?:\+?86)?1[3-9][0-9]{9}$/;
const LANDLINE = /^(?:0[1-9][0-9]{1,2})?[2-9][0-9]{6,7}(?:(?:转|ext|x)[0-9]{1,6})?$/i;
const SERVICE = /^(?:[48]00[0-9]{7}|95[0-9]{3,6}|96[0-9]{3,4})$/;

/** One number as people write it: mobile, landline with or without area code (brackets, dashes, spaces), 400/800, 95xxx. */
export function isValidPhoneNumber(p: string): boolean {
  const s = p.replace(/^[（(]\s*(0[0-9]{2,3})\s*[)）]\s*/, '$1').replace(/[\s-]/g, '');
  return MOBILE.test(s) || LANDLINE.test(s) || SERVICE.test(s);
}

/** The numbers of a cell that are not valid (empty when all are). */
export function badPhones(v: string): string[] {
  const parts = phoneParts(v);
  if (!parts.length) return [v];
  return parts.filter((p) => !isValidPhoneNumber(p));
}

/** What a cell of an ID column says is wrong with it, or undefined. */
export function idProblem(v: string): 'scientific' | 'invalid' | undefined {
  if (isScientific(v)) return 'scientific';
  return isValidIdNumber(foldWidth(v)) ? undefined : 'invalid';
}

/** Fold a heading: width, case, spaces, `*` marks; with `drop`, bracketed notes (`面积(㎡)`) removed too. */
export function foldHeading(h: string, drop = false): string {
  let s = h
    .replace(/^\uFEFF/, '')
    .normalize('NFKC')
    .trim()
    .toLowerCase();
  if (drop) s = s.replace(/\([^)]*\)|\[[^\]]*\]|【[^】]*】|〔[^〕]*〕/g, '');
  return s.replace(/[\s()[\]【】〔〕*:：_\-]/g, '');
}

/** Each number of a phone cell masked (`0755-86001234/138****8000`). */
export function maskPhoneCell(v: string): string {
  return v
    .split(/(\s*[/、;；,]\s*)/)
    .map((p, i) => (i % 2 ? p : maskPhone(p)))
    .join('');
}
