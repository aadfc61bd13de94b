// `pmctl backup FILE`: VACUUM INTO reads one consistent snapshot however busy
// the writers are (a step-wise backup restarts on every write and may never end).
import { closeSync, existsSync, fsyncSync, openSync, chmodSync, statSync, unlinkSync } from 'node:fs';
import { resolve } from 'node:path';
import Database from 'better-sqlite3';
import { UsageError } from '../../errors.js';
import type { Ctx } from '../context.js';
import { audit } from '../context.js';
import { dbOptions, writeTx } from '../../store/db.js';
import { backupMaxAge, folderCreatedAt, lastBackupAt, recordBackup, setBackupMaxAge } from '../../store/backup.js';
import { backupAge, DEFAULT_BACKUP_MAX_AGE, normBackupMaxAge, type BackupAge } from '../../domain/backup.js';
import { requireWriter } from '../context.js';

export interface BackupResult {
  file: string;
  bytes: number;
  integrity: string;
}

export function backup(ctx: Ctx, file: string): BackupResult {
  const out = resolve(file);
  if (existsSync(out)) throw new UsageError('err.file_exists', { file: out }, 'fix.other_file');
  // Create it 0600 ourselves (it holds every resident's personal data);
  // VACUUM INTO accepts an existing empty file.
  closeSync(openSync(out, 'wx', 0o600));
  try {
    ctx.db.prepare('VACUUM INTO ?').run(out);
  } catch (e) {
    unlinkSync(out);
    throw e;
  }
  chmodSync(out, 0o600);
  const fd = openSync(out, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  const copy = new Database(out, dbOptions({ readonly: true, fileMustExist: true }));
  let integrity: string;
  try {
    integrity = (copy.pragma('quick_check') as { quick_check: string }[]).map((r) => r.quick_check).join('; ');
  } finally {
    copy.close();
  }
  writeTx(ctx.db, () => {
    audit(ctx, 'backup', 'file:' + out, null, { file: out });
    recordBackup(ctx.db, ctx.clock.now(), ctx.actor?.code ?? null);
  });
  return { file: out, bytes: statSync(out).size, integrity };
}

/** How old the last backup is against the site's setting (doctor, the warning line). */
export function backupStatus(ctx: Ctx): BackupAge {
  return backupAge(lastBackupAt(ctx.db), folderCreatedAt(ctx.db), ctx.clock.now(), backupMaxAge(ctx.db, DEFAULT_BACKUP_MAX_AGE));
}

/** `pmctl backup --max-age 14d`: the site setting (manager and above). */
export function setMaxBackupAge(ctx: Ctx, value: string): { max_age: string } {
  return writeTx(ctx.db, () => {
    requireWriter(ctx, { minRole: 'manager', action: 'action.backup_max_age' });
    const v = normBackupMaxAge(value);
    const before = backupMaxAge(ctx.db, DEFAULT_BACKUP_MAX_AGE);
    setBackupMaxAge(ctx.db, v, ctx.clock.now(), ctx.actor?.code ?? null);
    audit(ctx, 'backup.max_age', 'setting:backup.max_age', { max_age: before }, { max_age: v });
    return { max_age: v };
  });
}
