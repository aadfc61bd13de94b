import type { Messages } from './types.js';

// Messages of the safe file writer, database checks, text limits and
// separation of duties (issue 14).
const messages: Messages = {
  'err.out_exists': { zh: '文件 {file} 已存在，未覆盖', en: 'the file {file} already exists; nothing was written' },
  'fix.out_yes': { zh: '加 --yes 覆盖它，或换一个文件名', en: 'add --yes to replace it, or choose another file name' },
  'prompt.out_replace': { zh: '文件 {file} 已存在，覆盖吗？', en: 'the file {file} exists; replace it?' },
  'err.out_database': { zh: '{file} 是数据目录自己的数据库文件，不能写入', en: "{file} is the data folder's own database; pmctl will not write over it" },
  'fix.out_elsewhere': { zh: '把输出写到数据目录之外的文件', en: 'write the output to a file outside the data folder' },
  'err.out_sidecar': {
    zh: '{file} 以 {suffix} 结尾，SQLite 会把它当作数据库的附属文件删除或重放',
    en: '{file} ends in {suffix}; SQLite would delete or replay it as a database sidecar',
  },
  'fix.out_other_name': { zh: '换一个普通文件的名字', en: 'choose the name of a plain file instead' },
  'err.out_symlink': { zh: '{file} 是符号链接，pmctl 不跟随链接写文件', en: '{file} is a symbolic link; pmctl does not write through links' },
  'err.out_directory': { zh: '{file} 是一个目录，不是文件', en: '{file} is a folder, not a file' },
  'fix.out_file': { zh: '给出文件名，如 {file}/out.csv', en: 'give a file name, e.g. {file}/out.csv' },
  'err.out_special': { zh: '{file} 是设备或特殊文件，不能写入', en: '{file} is a device or special file; pmctl writes only plain files' },
  'err.out_no_folder': { zh: '无法写入 {file}：目录 {dir} 不存在', en: 'cannot write {file}: the folder {dir} does not exist' },
  'fix.out_folder': { zh: '检查路径和权限后重试', en: 'check the path and its permissions and try again' },
  'err.out_failed': { zh: '无法写入 {file}：{reason}，未留下任何文件', en: 'could not write {file}: {reason}; nothing was left behind' },
  'err.out_disk_full': { zh: '磁盘已满，{file} 未写入，也未留下残缺文件', en: 'the disk is full; {file} was not written and nothing partial was left' },
  'fix.out_disk_full': { zh: '腾出磁盘空间，或写到另一个磁盘', en: 'free some disk space or write to another disk' },
  'err.backup_check': { zh: '备份副本 {file} 未通过检查（{reason}），已删除', en: 'the backup copy {file} failed its check ({reason}) and was removed' },
  'err.db_empty': {
    zh: '{file} 是空文件（0 字节），不是数据库（可能是中断的 init、demo 或复制留下的）',
    en: '{file} is empty (0 bytes), not a database (left by an interrupted init, demo or copy)',
  },
  'fix.db_empty': {
    zh: '用备份恢复；若这里从没有过数据，删除这个空文件后运行 pmctl init',
    en: 'restore a backup; if this folder never held data, delete the empty file and run pmctl init',
  },
  'err.db_foreign': { zh: '{file} 不是 SQLite 数据库（文件头不对）', en: '{file} is not an SQLite database (wrong header)' },
  'fix.db_foreign': {
    zh: '用 pmctl backup 生成的备份恢复，或把这个文件移走后运行 pmctl init',
    en: 'restore a backup made by pmctl backup, or move this file away and run pmctl init',
  },
  'err.db_marked_corrupt': { zh: 'pmctl doctor 判定这个数据库已损坏，不再写入', en: 'pmctl doctor found this database corrupt; nothing more is written to it' },
  'fix.db_marked_corrupt': {
    zh: '用备份恢复后运行 pmctl doctor（检查通过即解除）',
    en: 'restore a backup, then run pmctl doctor (a passing check lifts this)',
  },
  'opt.doctor_fix': {
    zh: '删除中断的运行留下的临时文件（仍在运行的进程的文件保留）',
    en: 'remove temp files left by interrupted runs (files of running processes are kept)',
  },
  'msg.leftover_removed': { zh: '已删除残留文件 {file}', en: 'removed the leftover {file}' },
  'err.text_too_long': { zh: '{opt} 太长：最多 {limit} 个字符，多了 {over} 个', en: '{opt} is too long: at most {limit} characters, {over} over' },
  'fix.text_too_long': {
    zh: '缩短后重试（限制见 README：姓名 64、主题 200、备注与描述 4000 个字符）',
    en: 'shorten it and try again (limits in the README: names 64, subjects 200, notes and descriptions 4000 characters)',
  },
  'err.text_control': { zh: '{opt} 含有 NUL 或控制字符', en: '{opt} holds a NUL or control character' },
  'fix.text_control': { zh: '去掉不可见的控制字符后重试', en: 'remove the invisible control characters and try again' },
  'err.duty_grant_not_below': {
    zh: '{code}（{role}）只能授予低于自己的角色，不能把 {target} 设为{target_role}',
    en: '{code} ({role}) may grant only roles below their own, not {target_role} to {target}',
  },
  'err.duty_change_not_below': {
    zh: '{code}（{role}）不能更改 {target}（{target_role}）的角色：只能更改低于自己的人',
    en: '{code} ({role}) may not change the role of {target} ({target_role}): only of people below them',
  },
  'err.duty_deactivate_above': {
    zh: '{code}（{role}）不能停用职位更高的 {target}（{target_role}）',
    en: '{code} ({role}) may not deactivate {target} ({target_role}), who is above them',
  },
  'fix.duty_ask_higher': {
    zh: '请职位更高的人办理（分工制衡：审批链须由不同的人完成）',
    en: 'ask someone of a higher role (separation of duties: approval chains need different people)',
  },
  'err.duty_too_new': {
    zh: '{code} 的角色是近 {days} 天内创建或提升的，还不能{as}（{from} 起可以）',
    en: '{code} was created or promoted within the last {days} days and may not {as} yet (from {from})',
  },
  'fix.duty_too_new': { zh: '请另一位任职已满 {days} 天的人办理', en: 'ask someone who has held their role for {days} days or more' },
  'action.duty_approve': { zh: '审核或批准', en: 'review or approve' },
  'action.duty_witness': { zh: '担任监销人', en: 'witness' },
  'err.arch_chain_witness_is_party': {
    zh: '审核人和批准人不能担任监销人：申请、审核、批准、监销须是四个不同的人',
    en: 'the reviewer and the approver may not witness: requester, reviewer, approver and witnesses are four different people',
  },
  'err.reveal_actor': { zh: '--reveal 显示完整的电话和身份证号，须注明办理人', en: '--reveal shows full phone and ID numbers and needs an actor' },
  'err.reveal_role': { zh: '{code}（{role}）不能使用 --reveal：须客服主管及以上', en: '{code} ({role}) may not use --reveal: a supervisor or above may' },
  'fix.reveal_actor': {
    zh: '由主管及以上的人用 --as 工号（或 PMCTL_USER）办理；查看记录会写入日志',
    en: 'have a supervisor or above run it with --as CODE (or PMCTL_USER); it is written to the log',
  },
  'err.time_range': {
    zh: '时间 "{value}" 超出范围：须在 2000-01-01 之后、一年之内',
    en: 'the time "{value}" is out of range: from 2000-01-01 to about a year from now',
  },
  'fix.time_range': { zh: '检查年份，例如 --at "2026-11-23 14:05"', en: 'check the year, e.g. --at "2026-11-23 14:05"' },
};

export default messages;
