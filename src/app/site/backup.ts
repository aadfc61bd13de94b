// `pmctl backup FILE`: VACUUM INTO reads one consistent snapshot however busy
// the writers are (a step-wise backup restarts on every write and may never end).
// The copy is made under a temp name in the target's folder, checked, fsynced
// and renamed: a killed or failed backup never leaves a partial file under
// the target's name (store/safe-file.ts refuses sidecar names, the live
// database, links and devices).
import { closeSync, openSync, statSync } from 'node:fs';
import { UsageError } from '../../errors.js';
import type { Ctx } from '../context.js';
import { audit } from '../context.js';
import { writeTx } from '../../store/db.js';
import { vacuumInto, quickCheckFile, backupMaxAge, folderCreatedAt, lastBackupAt, recordBackup, setBackupMaxAge } from '../../store/backup.js';
import { backupAge, DEFAULT_BACKUP_MAX_AGE, normBackupMaxAge, type BackupAge } from '../../domain/backup.js';
import { requireWriter } from '../context.js';
import { byteBudget, faultPoint, checkTarget, commitTemp, removeQuietly, tempPathFor, writeFailed } from '../../store/safe-file.js';
import { DataFolderError } from '../../errors.js';

export interface BackupResult {
  file: string;
  bytes: number;
  integrity: string;
}

export function backup(ctx: Ctx, file: string, o: { dataDir: string; overwrite: boolean }): BackupResult {
  const target = checkTarget(file, o.dataDir);
  if (target.exists && !o.overwrite) throw new UsageError('err.out_exists', { file: target.path }, 'fix.out_yes');
  const out = target.path;
  const temp = tempPathFor(out);
  let integrity: string;
  try {
    // Created 0600 by us (it holds every resident's personal data); VACUUM INTO accepts an empty file.
    closeSync(openSync(temp, 'wx', 0o600));
    vacuumInto(ctx.db, temp);
    // A full disk simulated for tests (a real one fails VACUUM INTO with SQLITE_FULL).
    if (statSync(temp).size > byteBudget()) throw writeFailed(out, { code: 'ENOSPC' });
    integrity = quickCheckFile(temp);
    if (integrity !== 'ok') throw new DataFolderError('err.backup_check', { file: out, reason: integrity }, 'fix.restore_backup');
    faultPoint('backup.copied');
    commitTemp(temp, out);
  } catch (e) {
    removeQuietly(temp);
    removeQuietly(temp + '-journal');
    if (e instanceof UsageError || e instanceof DataFolderError) throw e;
    const code = (e as { code?: string }).code;
    if (code === 'SQLITE_FULL' || code === 'ENOSPC') throw writeFailed(out, { code: 'ENOSPC' });
    throw e;
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
