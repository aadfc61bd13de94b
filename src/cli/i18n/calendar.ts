import type { Messages } from './types.js';

// Messages of the calendar's official sources (SPEC §2 "Next year's official
// calendar (v2)"): the State Council notice, holiday-cn JSON, ICS, provenance,
// the per-year status and the warnings about years without an official calendar.
const messages: Messages = {
  'cmd.calendar_import_notice': {
    zh: '导入国务院办公厅节假日安排通知（文本文件，- 为标准输入）：先显示读到的放假与调休上班日和将改变的时限，加 --yes 或在终端确认后写入',
    en: "import the State Council's holiday notice (a text file, - for stdin): shows the days read and the deadlines that would move, writes with --yes or after confirming on a terminal",
  },
  'help.calendar_import_notice': {
    zh: '示例: pmctl calendar import-notice 2027年节假日安排.txt --yes\n      pbpaste | pmctl calendar import-notice - --yes\n',
    en: 'Example: pmctl calendar import-notice notice-2027.txt --yes\n         pbpaste | pmctl calendar import-notice - --yes\n',
  },
  'opt.notice_year': { zh: '通知的年份（通知标题里没有年份时）', en: "the notice's year (when its title does not say)" },
  'opt.calendar_dry_run': { zh: '只显示将要写入的内容，不写入', en: 'show what would be written, write nothing' },
  'prompt.notice_confirm': { zh: '写入 {years} 年的官方节假日安排？', en: 'Write the official calendar of {years}?' },

  // reading a notice / JSON / ICS
  'err.calendar_unreadable': { zh: '{file} 有 {n} 处无法确认，未写入任何内容', en: '{file}: {n} problem(s), nothing was written' },
  'fix.calendar_unreadable': {
    zh: '按下面列出的行改正文件（与国务院通知原文核对）后重试',
    en: 'correct the lines listed below (check them against the published notice) and try again',
  },
  'err.notice_year_mismatch': { zh: '通知写的是 {stated} 年，--year 给的是 {given} 年', en: 'the notice says {stated} but --year says {given}' },
  'err.notice_no_year': {
    zh: '看不出是哪一年的通知（标题应为“国务院办公厅关于YYYY年部分节假日安排的通知”）',
    en: 'cannot tell the notice\'s year (its title reads "国务院办公厅关于YYYY年部分节假日安排的通知"); add --year YYYY',
  },
  'err.notice_no_month': { zh: '“{text}”没有月份', en: '"{text}" has no month' },
  'err.notice_bad_date': { zh: '“{text}”不是有效日期', en: '"{text}" is not a real date' },
  'err.notice_weekday': { zh: '{date} 注明为周{stated}，但这天是周{actual}', en: '{date} is noted as 周{stated}, but that day is a 周{actual}' },
  'err.notice_both': { zh: '{date} 既是放假又是上班', en: '{date} is both a day off and a working day' },
  'err.notice_bad_range': { zh: '日期范围 {from} 至 {to} 前后颠倒', en: 'the range {from} to {to} ends before it starts' },
  'err.notice_count': { zh: '{name}写“共{stated}天”，但日期范围是 {counted} 天', en: '{name} says 共{stated}天 ({stated} days) but its dates cover {counted}' },
  'err.notice_no_days': { zh: '“{name}”一行读不到放假或上班日期', en: 'no day off or working day could be read on the 「{name}」 line' },
  'err.notice_no_sections': { zh: '没有“一、元旦：……”这样的编号行', en: 'no numbered lines such as "一、元旦：……" were found' },
  'err.notice_unreadable': { zh: '读不懂这句：“{text}”', en: 'cannot read this sentence: "{text}"' },
  'warn.notice_weekday_workday': {
    zh: '{date} 是周一至周五，却列为调休上班日，请核对',
    en: '{date} is a Monday–Friday but is listed as an adjusted working day; please check',
  },
  'err.calendar_no_days': { zh: '文件里没有任何日期', en: 'the file holds no dates' },
  'err.calendar_json': { zh: '不是有效的 JSON：{reason}', en: 'not valid JSON: {reason}' },
  'err.calendar_json_shape': { zh: '不是 holiday-cn 的年度 JSON（应有 "year" 和 "days"）', en: 'not a holiday-cn per-year JSON (it needs "year" and "days")' },
  'err.calendar_json_day': { zh: '第 {n} 个日期无效：{value}', en: 'day {n} is not valid: {value}' },
  'err.calendar_ics': { zh: '不是 ICS 日历文件（没有 BEGIN:VCALENDAR）', en: 'not an ICS calendar (no BEGIN:VCALENDAR)' },
  'err.calendar_ics_event': { zh: '事件“{summary}”没有有效的开始日期', en: 'the event "{summary}" has no valid start date' },
  'err.calendar_year_absent': { zh: '{file} 里没有 {year} 年的日期', en: '{file} holds no dates of {year}' },
  'fix.calendar_year': { zh: '去掉 --year，或换成文件里有的年份', en: 'drop --year, or give a year the file holds' },
  'err.bad_year': { zh: '“{value}”不是年份', en: '"{value}" is not a year' },
  'fix.year_or_month': { zh: '写成 2027 或 2027-02', en: 'write 2027 or 2027-02' },

  // preview and result
  'title.notice_read': { zh: '{file}：{years} 年官方节假日安排', en: '{file}: the official calendar of {years}' },
  'title.cal_days_read': { zh: '读到的放假与调休上班日', en: 'Days read' },
  'title.cal_moves': { zh: '将重新计算的进行中时限', en: 'Running deadlines that move' },
  'title.cal_changes': { zh: '上班/休息与现在不同的日子', en: 'Days that change between working and rest' },
  'col.cal_date': { zh: '日期', en: 'Date' },
  'col.cal_weekday': { zh: '星期', en: 'Weekday' },
  'col.cal_kind': { zh: '类别', en: 'Kind' },
  'col.cal_name': { zh: '节日', en: 'Holiday' },
  'col.cal_record': { zh: '编号', en: 'Record' },
  'col.cal_clock': { zh: '时限', en: 'Clock' },
  'col.cal_due_before': { zh: '原到期', en: 'Due now' },
  'col.cal_due_after': { zh: '新到期', en: 'Due after import' },
  'col.cal_before': { zh: '现在', en: 'Now' },
  'col.cal_after': { zh: '导入后', en: 'After import' },
  'calday.holiday': { zh: '放假', en: 'day off' },
  'calday.workday': { zh: '调休上班', en: 'adjusted working day' },
  'msg.notice_summary': {
    zh: '{years} 年：放假 {holidays} 天、调休上班 {workdays} 天；{changes} 天的上班/休息与现在不同；{moves} 个进行中的时限将改变',
    en: '{years}: {holidays} days off, {workdays} adjusted working days; {changes} days change between working and rest; {moves} running deadlines would move',
  },
  'msg.notice_not_written': {
    zh: '以上为预览，未写入 — 确认无误后加 --yes 再运行',
    en: 'preview only, nothing written — run again with --yes once it is right',
  },
  'msg.notice_written': {
    zh: '已写入 {years} 年官方节假日安排（来源 {file}，sha256 {sha}，导入编号 {id}）；{moved} 个进行中的时限已重新计算',
    en: 'the official calendar of {years} is written (from {file}, sha256 {sha}, import {id}); {moved} running deadlines moved',
  },

  // per-year status (calendar show YYYY, doctor)
  'title.cal_year': { zh: '{year} 年工作日历', en: 'Working-day calendar {year}' },
  'col.cal_status': { zh: '日历状态', en: 'Calendar' },
  'col.cal_source': { zh: '来源', en: 'Source' },
  'col.cal_overrides': { zh: '本处调整天数', en: 'Site overrides' },
  'col.cal_imported': { zh: '导入记录', en: 'Imported' },
  'calstatus.official': { zh: '官方', en: 'official' },
  'calstatus.site': { zh: '仅本处设定（其余按周一至周五）', en: 'site-set only (Monday–Friday otherwise)' },
  'calstatus.fallback': { zh: '无官方数据，按周一至周五', en: 'no official data, Monday–Friday assumed' },
  'calsource.package': { zh: '日历软件包 chinese-days', en: 'calendar package (chinese-days)' },
  'calsource.notice': { zh: '导入的国务院通知', en: 'imported State Council notice' },
  'calsource.holiday_cn': { zh: '导入的 holiday-cn JSON', en: 'imported holiday-cn JSON' },
  'calsource.ics': { zh: '导入的 ICS 日历', en: 'imported ICS calendar' },
  'calsource.csv': { zh: '本处 CSV', en: 'site CSV' },
  'msg.cal_imported_by': { zh: '{file}，sha256 {sha}，{at} 由{by}导入', en: '{file}, sha256 {sha}, imported {at} by {by}' },
  'msg.cal_year_line': { zh: '{year} 年：{status}{source}', en: '{year}: {status}{source}' },

  // warnings
  'warn.next_year_unofficial': {
    zh: '⚠ {year} 年的官方节假日安排尚未导入，工作日将按周一至周五计算 — pmctl calendar import-notice 通知.txt',
    en: '⚠ {year} has no official holiday calendar yet; working days will be Monday–Friday — pmctl calendar import-notice NOTICE.txt',
  },
  'warn.deadline_fallback': {
    zh: '注意：有时限落在 {year} 年，该年尚无官方节假日安排，按周一至周五计算 — 用 pmctl calendar import-notice 导入国务院通知',
    en: 'note: a deadline falls in {year}, which has no official holiday calendar; Monday–Friday is assumed — import the State Council notice with pmctl calendar import-notice',
  },
};

export default messages;
