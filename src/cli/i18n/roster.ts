import type { Messages } from './types.js';

// Messages of real rosters (SPEC §2 v2): encodings, separators, headings,
// cell values as sites write them, --rejects, template, unit add/update, staff update.
const messages: Messages = {
  // file-level problems, said plainly
  'err.encoding_mixed': {
    zh: '{file} 混用了两种编码：第 {first} 行与第 {line} 行不是同一种（UTF-8 与 GBK/GB18030），未写入任何数据',
    en: '{file} mixes two encodings: line {line} is not in the encoding of line {first} (UTF-8 and GBK/GB18030); nothing was written',
  },
  'err.encoding_neither': {
    zh: '{file} 第 {line} 行既不是 UTF-8 也不是 GBK/GB18030，未写入任何数据',
    en: '{file} line {line} is valid in neither UTF-8 nor GBK/GB18030; nothing was written',
  },
  'err.encoding_invalid_line': {
    zh: '{file} 第 {line} 行不是有效的 {encoding}，未写入任何数据',
    en: '{file} line {line} is not valid {encoding}; nothing was written',
  },
  'fix.encoding_resave': {
    zh: '用 Excel 打开整个文件，另存为“CSV UTF-8（逗号分隔）”或 .xlsx 后重新导入；或用 --encoding 指明编码',
    en: 'open the whole file in Excel and save it again as "CSV UTF-8" or .xlsx, then import again; or give --encoding',
  },
  'err.csv_separator': {
    zh: '表头只有一列（“{header}”）：各列不是用逗号、全角逗号“，”、制表符或分号分隔的',
    en: 'the header row is a single column ("{header}"): the columns are not separated by a comma, a full-width comma "，", a tab or a semicolon',
  },
  'err.csv_encoding_wrong': {
    zh: '表头无法识读（“{header}”）：文件看来不是 {encoding} 编码，请换用 --encoding gb18030、utf-8 或 utf-16',
    en: 'the headings cannot be read ("{header}"): the file does not look like {encoding}; try --encoding gb18030, utf-8 or utf-16',
  },
  'err.csv_no_known_heading': {
    zh: "表头中没有一列能识别（“{header}”）：若显示为乱码，是编码不对（--encoding）；否则用 --map '表头=列名' 指明各列",
    en: 'no heading is known ("{header}"): if it looks garbled, the encoding is wrong (--encoding); otherwise name the columns with --map \'HEADING=column\'',
  },
  'err.csv_missing_column': { zh: '缺少“{heading}”列（{column}）', en: 'missing column {column} ({heading})' },
  'err.csv_dup_column': { zh: '“{column}”与“{other}”是同一列', en: '"{column}" and "{other}" are the same column' },
  'err.csv_required': { zh: '“{column}”不能为空', en: '"{column}" is empty' },
  'err.map_unknown_column': { zh: '--map 的列名“{value}”无法识别（可用：{columns}）', en: '--map column "{value}" is unknown (one of: {columns})' },
  'fix.map': { zh: "写成 --map '表头=列名'，如 --map '入住情况=occupancy'", en: "write it as --map 'HEADING=column', e.g. --map '入住情况=occupancy'" },
  'err.map_syntax': { zh: '--map “{value}”应写成 表头=列名', en: '--map "{value}" must be HEADING=column' },
  'err.xlsx_unreadable': { zh: '{file} 不是可读的 .xlsx 工作簿（{reason}）', en: '{file} is not a readable .xlsx workbook ({reason})' },
  'fix.xlsx_resave': {
    zh: '用 Excel 打开后另存为 .xlsx（Excel 工作簿）再导入',
    en: 'open it in Excel and save it as .xlsx (Excel Workbook), then import again',
  },
  'err.xlsx_no_sheet': { zh: '{file} 中没有名为“{sheet}”的工作表（有：{sheets}）', en: '{file} has no sheet named "{sheet}" (it has: {sheets})' },
  'fix.xlsx_sheet': { zh: '用 --sheet 给出上面列出的工作表名之一', en: 'give --sheet one of the sheet names listed' },
  'fix.import_fix_rejects': {
    zh: '出错的行已连同“错误”列写入 --rejects 指定的文件：在 Excel 中改正后重新导入该文件即可（已导入的不会重复）',
    en: 'the bad rows were written, with an error column, to the --rejects file: fix them in Excel and import that file (re-importing is safe)',
  },
  // cell values
  'err.bad_phone': { zh: '“{column}”中的“{value}”不是有效的电话号码', en: '"{column}": "{value}" is not a valid phone number' },
  'err.sci_notation': {
    zh: '“{column}”的“{value}”是 Excel 的科学计数法，数字已丢失：把该列设为“文本”格式，重新输入号码后再保存',
    en: '"{column}": "{value}" is Excel scientific notation and the digits are lost: format the column as Text, type the numbers again and save',
  },
  'err.id_scientific': {
    zh: '“{column}”的“{value}”被 Excel 存成了科学计数法数字，后几位已丢失：把该列设为“文本”格式（设置单元格格式→文本），重新输入身份证号后再保存',
    en: '"{column}": "{value}" was stored by Excel as a number in scientific notation and the last digits are lost: format the column as Text (Format Cells → Text), type the ID numbers again and save',
  },
  'err.bad_id_number': {
    zh: '“{column}”的“{value}”不是有效的 18 位身份证号（校验位不符）',
    en: '"{column}": "{value}" is not a valid 18-digit ID number (check digit)',
  },
  'err.bad_unit_part': { zh: '“{column}”的“{value}”无效（不能为空、不能含空格或“-”）', en: '"{column}": "{value}" is invalid (not empty, no spaces or "-")' },
  'err.bad_floor': { zh: '“{column}”的“{value}”不是楼层', en: '"{column}": "{value}" is not a floor' },
  'err.floor_room_mismatch': {
    zh: '“{column}”为 {value}，与“{room_heading}” {room} 不符（房号的前几位是楼层）',
    en: '"{column}" {value} does not match "{room_heading}" {room} (room numbers start with their floor)',
  },
  'err.bad_area': { zh: '“{column}”的“{value}”不是正数', en: '"{column}": "{value}" is not a positive number' },
  'err.area_too_large': { zh: '“{column}”为 {value}，超过 {max} 平方米，应是录入错误', en: '"{column}" {value} is over {max} m², a typing error' },
  'err.bad_occupancy': {
    zh: '“{column}”的“{value}”无法识别（自住/业主自用、出租/租住、空置/未入住）',
    en: '"{column}": "{value}" is unknown (owner, tenant or vacant; 自住, 出租, 空置)',
  },
  'err.move_in_future': { zh: '“{column}”为 {value}，晚于今天（{today}）', en: '"{column}" {value} is after today ({today})' },
  'err.cell_too_long': { zh: '“{column}”超过 {limit} 个字（{value}）', en: '"{column}" is longer than {limit} characters ({value})' },
  'err.bad_dept': { zh: '部门“{value}”无法识别（可用：{accepted}）', en: 'unknown department "{value}" (one of: {accepted})' },
  'err.bad_role': { zh: '角色“{value}”无法识别（可用：{accepted}）', en: 'unknown role "{value}" (one of: {accepted})' },
  'warn.no_owner_phone': { zh: '{unit} 没有业主电话（已导入，请补登）', en: '{unit} has no owner phone (imported; add it later)' },
  'warn.more_warnings': { zh: '……另有 {n} 条提醒', en: '… and {n} more warnings' },
  'msg.import_warnings': { zh: '{n} 条提醒：', en: '{n} warnings:' },
  'msg.rejects_written': { zh: '出错的 {n} 行已写入 {file}', en: '{n} bad rows written to {file}' },
  'col.import_error': { zh: '错误', en: 'error' },
  // options and commands
  'opt.encoding': { zh: '文件编码 utf-8|gb18030|utf-16（默认自动识别）', en: 'file encoding utf-8|gb18030|utf-16 (detected by default)' },
  'fix.encodings': { zh: '可用 utf-8、gb18030（gbk 同 gb18030）、utf-16', en: 'use utf-8, gb18030 (gbk means gb18030) or utf-16' },
  'opt.map': {
    zh: "把文件自己的表头对应到列：--map '入住情况=occupancy'（可重复）",
    en: "map a heading of the file to a column: --map '入住情况=occupancy' (repeatable)",
  },
  'opt.sheet': { zh: '.xlsx 的工作表名（默认第一个）', en: 'the worksheet of an .xlsx (default: the first)' },
  'opt.rejects': {
    zh: '把出错的行连同“错误”列写入此文件（与输入同格式、同编码）',
    en: 'write the bad rows, with an error column, to this file (same format and encoding as the input)',
  },
  'cmd.template': { zh: '写出一份空白名册模板（中文表头和一行示例）', en: 'write an empty roster template (Chinese headings and one example row)' },
  'err.template_kind': { zh: '模板种类“{value}”无效（units、staff 或 keys）', en: 'template kind "{value}" is unknown (units, staff or keys)' },
  'err.template_ext': { zh: '模板文件须为 .xlsx 或 .csv', en: 'the template file must be .xlsx or .csv' },
  'fix.template': { zh: '如 pmctl template units --out 房屋名册.xlsx', en: 'e.g. pmctl template units --out units.xlsx' },
  'cmd.unit_add': { zh: '登记一套房屋（不用重新导入名册）', en: 'add one unit (no re-import needed)' },
  'cmd.unit_update': { zh: '修改一套房屋的字段', en: 'change fields of one unit' },
  'cmd.staff_update': { zh: '修改一位员工的姓名、部门、角色或电话', en: "change a staff member's name, department, role or phone" },
  'err.unit_exists': { zh: '房屋 {label} 已存在', en: 'unit {label} already exists' },
  'fix.unit_update': { zh: '用 pmctl unit update {label} 修改', en: 'change it with pmctl unit update {label}' },
  'err.nothing_to_change': { zh: '没有给出要改的字段', en: 'no field to change was given' },
  'fix.unit_fields': {
    zh: '可用 --floor --area --occupancy --owner-name --owner-phone --owner-id --tenant-name --tenant-phone --move-in',
    en: 'use --floor --area --occupancy --owner-name --owner-phone --owner-id --tenant-name --tenant-phone --move-in',
  },
  'fix.staff_fields': { zh: '可用 --name --dept --role --phone', en: 'use --name --dept --role --phone' },
  'err.bad_unit_value': { zh: '{problem}', en: '{problem}' },
  'opt.floor': { zh: '楼层', en: 'floor' },
  'opt.area': { zh: '建筑面积（㎡）', en: 'area (m²)' },
  'opt.owner_name': { zh: '业主姓名', en: 'owner name' },
  'opt.owner_phone': { zh: '业主电话', en: 'owner phone' },
  'opt.owner_id': { zh: '业主身份证号', en: 'owner ID number' },
  'opt.tenant_name': { zh: '租户姓名', en: 'tenant name' },
  'opt.tenant_phone': { zh: '租户电话', en: 'tenant phone' },
  'opt.move_in': { zh: '入住日期', en: 'move-in date' },
  'template.sheet.units': { zh: '房屋名册', en: 'Units' },
  'template.sheet.staff': { zh: '员工名册', en: 'Staff' },
  'template.sheet.keys': { zh: '钥匙登记', en: 'Keys' },
  'err.bad_unit_label': { zh: '房屋标签“{value}”应为 楼栋-单元-房号，如 3-1-1502', en: 'unit label "{value}" must be building-unit-room, e.g. 3-1-1502' },
  'err.rejects_target': {
    zh: '--rejects 不能写到 {file}（数据库文件、链接、设备或目录）',
    en: '--rejects cannot write to {file} (the database, a link, a device or a folder)',
  },
  'cmd.unit_import': {
    zh: '从 CSV、文本或 Excel（.xlsx）导入房屋名册（按 楼栋-单元-房号 更新）',
    en: 'import units from CSV, text or Excel (.xlsx) (upsert by building-unit-room)',
  },
  'cmd.staff_import': { zh: '从 CSV、文本或 Excel（.xlsx）导入员工（按工号更新）', en: 'import staff from CSV, text or Excel (.xlsx) (upsert by code)' },
  'opt.template_out': { zh: '输出文件（.xlsx 或 .csv）', en: 'output file (.xlsx or .csv)' },
};

export default messages;
