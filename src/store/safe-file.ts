// The one writer for every file pmctl creates (--out, backup, certificates,
// rejects, bundles). A file appears whole under its name or not at all:
// written to a temp file in the target's folder, fsynced, renamed over the
// target, and the folder fsynced. It refuses the data folder's own database
// and its sidecars, any name SQLite would take for a sidecar, symlinks,
// devices and directories; it never chmods an existing file (the renamed
// temp file is a new inode, created 0600: exports hold personal data).
import { closeSync, fsyncSync, lstatSync, openSync, realpathSync, renameSync, unlinkSync, writeSync, existsSync, readdirSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { randomHex } from './hash.js';
import { DataFolderError, UsageError } from '../errors.js';

export const DB_NAME = 'pmctl.db';
/** SQLite deletes or replays a file named like these beside a database. */
export const SIDECAR_SUFFIXES = ['-wal', '-shm', '-journal'] as const;
/** Temp files of this writer start with this (doctor --fix lists leftovers). */
export const TEMP_PREFIX = '.pmctl-tmp-';

export interface TargetInfo {
  /** absolute path */
  path: string;
  /** a regular file is there already (replacing it needs --yes) */
  exists: boolean;
}

function real(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return resolve(p);
  }
}

/**
 * Check where a file may go. Throws a UsageError (exit 2) for a target that
 * would destroy data or is not a plain file; returns whether it exists.
 */
export function checkTarget(file: string, dataDir?: string): TargetInfo {
  const abs = resolve(file);
  const name = basename(abs);
  const dir = real(dirname(abs));
  const path = join(dir, name);
  if (!name || name === '.' || name === '..') throw new UsageError('err.out_directory', { file }, 'fix.out_file');
  if (dataDir) {
    const dd = real(dataDir);
    if (dir === dd && (name === DB_NAME || SIDECAR_SUFFIXES.some((s) => name === DB_NAME + s)))
      throw new UsageError('err.out_database', { file }, 'fix.out_elsewhere');
  }
  if (SIDECAR_SUFFIXES.some((s) => name.endsWith(s)))
    throw new UsageError('err.out_sidecar', { file, suffix: SIDECAR_SUFFIXES.find((s) => name.endsWith(s))! }, 'fix.out_other_name');
  let st;
  try {
    st = lstatSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      if (!existsSync(dir)) throw new UsageError('err.out_no_folder', { file, dir }, 'fix.out_folder');
      return { path, exists: false };
    }
    throw new UsageError('err.out_failed', { file, reason: code ?? String(e) }, 'fix.out_folder');
  }
  if (st.isSymbolicLink()) throw new UsageError('err.out_symlink', { file }, 'fix.out_other_name');
  if (st.isDirectory()) throw new UsageError('err.out_directory', { file }, 'fix.out_file');
  if (!st.isFile()) throw new UsageError('err.out_special', { file }, 'fix.out_other_name');
  if (dataDir && st.size >= 16 && isSqliteFileInDataDir(path, dataDir)) throw new UsageError('err.out_database', { file }, 'fix.out_elsewhere');
  return { path, exists: true };
}

/** The live database reached by a hard link or another name in the same folder. */
function isSqliteFileInDataDir(path: string, dataDir: string): boolean {
  try {
    const a = lstatSync(path);
    const b = lstatSync(join(real(dataDir), DB_NAME));
    return a.ino === b.ino && a.dev === b.dev;
  } catch {
    return false;
  }
}

/** A fresh temp name in the target's folder (pid inside: doctor --fix keeps a live one). */
export function tempPathFor(target: string): string {
  return join(dirname(target), `${TEMP_PREFIX}${process.pid}-${randomHex(4)}-${basename(target)}`.slice(0, 240));
}

export function fsyncFile(path: string): void {
  const fd = openSync(path, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export function fsyncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    /* some file systems refuse fsync on a folder; the rename stands */
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

export function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    /* already gone */
  }
}

/**
 * Tests and bench/faults.mjs kill the process at a named point
 * (PMCTL_FAULT_AT=init.built|demo.built|backup.copied|out.written), as a
 * power cut or kill -9 would; a no-op otherwise.
 */
export function faultPoint(name: string): void {
  if (process.env.PMCTL_FAULT_AT === name) process.kill(process.pid, 'SIGKILL');
}

/** Move a complete, fsynced temp file over its target and make the rename durable. */
export function commitTemp(temp: string, target: string): void {
  fsyncFile(temp);
  renameSync(temp, target);
  fsyncDir(dirname(target));
}

/** Tests and the fault script simulate a full disk for files (PMCTL_MAX_FILE_BYTES). */
export function byteBudget(): number {
  const v = Number(process.env.PMCTL_MAX_FILE_BYTES);
  return Number.isInteger(v) && v >= 0 && process.env.PMCTL_MAX_FILE_BYTES !== '' ? v : Infinity;
}

function enospc(): NodeJS.ErrnoException {
  const e = new Error('ENOSPC: no space left on device, write') as NodeJS.ErrnoException;
  e.code = 'ENOSPC';
  return e;
}

/** The error a failed write becomes: a full disk or another I/O error, one line, exit 5. */
export function writeFailed(file: string, e: unknown): DataFolderError {
  const code = (e as NodeJS.ErrnoException)?.code ?? (e as Error)?.message ?? String(e);
  if (code === 'ENOSPC' || code === 'EDQUOT' || code === 'SQLITE_FULL') return new DataFolderError('err.out_disk_full', { file }, 'fix.out_disk_full');
  return new DataFolderError('err.out_failed', { file, reason: String(code) }, 'fix.out_folder');
}

export interface SafeWriteOptions {
  /** the data folder whose database and sidecars are refused */
  dataDir?: string;
  /** an existing file may be replaced (--yes or a confirmation) */
  overwrite?: boolean;
}

/**
 * Write `data` to `file` whole or not at all. An existing target without
 * `overwrite` is refused with exit 2 and nothing is written.
 */
export function writeFileSafe(file: string, data: string | Buffer, o: SafeWriteOptions = {}): string {
  const t = checkTarget(file, o.dataDir);
  if (t.exists && !o.overwrite) throw new UsageError('err.out_exists', { file }, 'fix.out_yes');
  const buf = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  const temp = tempPathFor(t.path);
  let fd: number | undefined;
  try {
    fd = openSync(temp, 'wx', 0o600);
    const budget = byteBudget();
    let off = 0;
    while (off < buf.length) {
      const room = budget - off;
      if (room <= 0) throw enospc();
      off += writeSync(fd, buf, off, Math.min(buf.length - off, room, 1 << 20));
    }
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    faultPoint('out.written');
    renameSync(temp, t.path);
    fsyncDir(dirname(t.path));
  } catch (e) {
    if (fd !== undefined) closeSync(fd);
    removeQuietly(temp);
    if (e instanceof UsageError || e instanceof DataFolderError) throw e;
    throw writeFailed(file, e);
  }
  return t.path;
}

/** Leftover temp files in a folder (name and whether the writing process is gone). */
export function leftoverTemps(dir: string): { file: string; pid: number; alive: boolean }[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .filter((n) => n.startsWith(TEMP_PREFIX))
    .map((n) => {
      const pid = Number(n.slice(TEMP_PREFIX.length).split('-')[0]);
      return { file: join(dir, n), pid, alive: pidAlive(pid) };
    });
}

export function pidAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
