import type { Messages } from './types.js';

// Messages of the safe file writer, database checks, text limits and
// separation of duties (issue 14).
const messages: Messages = {
  'err.out_exists': { zh: '文件 {file} 已存在，未覆盖', en: 'the file {file} already exists; nothing was written' },
  'fix.out_yes': { zh: '加 --yes 覆盖它，或换一个文件名', en: 'add --yes to replace it, or choose another file name' },
  'prompt.out_replace': { zh: '文件 {file} 已存在，覆盖吗？', en: 'the file {file} exists; replace it?' },
  'err.out_database': { zh: '{file} 是数据目录自己的数据库文件，不能写入', en: '{file} is the data folder\'s own database; pmctl will not write over it' },
  'fix.out_elsewhere': { zh: '把输出写到数据目录之外的文件', en: 'write the output to a file outside the data folder' },
  'err.out_sidecar': { zh: '{file} 以 {suffix} 结尾，SQLite 会把它当作数据库的附属文件删除或重放', en: '{file} ends in {suffix}; SQLite would delete or replay it as a database sidecar' },
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
  'err.db_empty': { zh: '{file} 是空文件（0 字节），不是数据库（可能是中断的 init、demo 或复制留下的）', en: '{file} is empty (0 bytes), not a database (left by an interrupted init, demo or copy)' },
  'fix.db_empty': { zh: '用备份恢复；若这里从没有过数据，删除这个空文件后运行 pmctl init', en: 'restore a backup; if this folder never held data, delete the empty file and run pmctl init' },
  'err.db_foreign': { zh: '{file} 不是 SQLite 数据库（文件头不对）', en: '{file} is not an SQLite database (wrong header)' },
  'fix.db_foreign': { zh: '用 pmctl backup 生成的备份恢复，或把这个文件移走后运行 pmctl init', en: 'restore a backup made by pmctl backup, or move this file away and run pmctl init' },
  'err.db_marked_corrupt': { zh: 'pmctl doctor 判定这个数据库已损坏，不再写入', en: 'pmctl doctor found this database corrupt; nothing more is written to it' },
  'fix.db_marked_corrupt': { zh: '用备份恢复后运行 pmctl doctor（检查通过即解除）', en: 'restore a backup, then run pmctl doctor (a passing check lifts this)' },
  'opt.doctor_fix': { zh: '删除中断的运行留下的临时文件（仍在运行的进程的文件保留）', en: 'remove temp files left by interrupted runs (files of running processes are kept)' },
  'msg.leftover_removed': { zh: '已删除残留文件 {file}', en: 'removed the leftover {file}' },
  'err.text_too_long': { zh: '{opt} 太长：最多 {limit} 个字符，多了 {over} 个', en: '{opt} is too long: at most {limit} characters, {over} over' },
  'fix.text_too_long': { zh: '缩短后重试（限制见 README：姓名 64、主题 200、备注与描述 4000 个字符）', en: 'shorten it and try again (limits in the README: names 64, subjects 200, notes and descriptions 4000 characters)' },
  'err.text_control': { zh: '{opt} 含有 NUL 或控制字符', en: '{opt} holds a NUL or control character' },
  'fix.text_control': { zh: '去掉不可见的控制字符后重试', en: 'remove the invisible control characters and try again' },
};

export default messages;
