// `pmctl backup FILE`: VACUUM INTO reads one consistent snapshot however busy
// the writers are (a step-wise backup restarts on every write and may never end).
import { closeSync, existsSync, fsyncSync, openSync, chmodSync, statSync, unlinkSync } from 'node:fs';
import { resolve } from 'node:path';
import Database from 'better-sqlite3';
import { UsageError } from '../../errors.js';
import type { Ctx } from '../context.js';
import { audit } from '../context.js';
import { dbOptions, writeTx } from '../../store/db.js';

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
  writeTx(ctx.db, () => audit(ctx, 'backup', 'file:' + out, null, { file: out }));
  return { file: out, bytes: statSync(out).size, integrity };
}
