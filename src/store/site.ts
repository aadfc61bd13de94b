// The site as a whole: the audit log as `pmctl log` reads it, the counts the
// dashboard prints, and the two statements `pmctl demo` runs on a file of
// its own (is it a demo's; checkpoint before it goes into place).
import Database from 'better-sqlite3';
import type { DB } from './db.js';
import { dbOptions } from './db.js';

// ---- the audit log ------------------------------------------------------------------

export interface AuditRecord {
  id: number;
  at: number;
  actor: string | null;
  action: string;
  entity: string | null;
  /** JSON text */
  before: string | null;
  /** JSON text */
  after: string | null;
}

/**
 * Audit entries, newest first: naming one of `entities`, in [since, until),
 * by `actor`, with an action starting with `action` (`*` matches anything).
 */
export function auditEntries(
  db: DB,
  f: { entities?: string[]; ids?: number[]; since?: number; until?: number; actor?: string; action?: string; limit: number },
): AuditRecord[] {
  const where: string[] = [];
  const args: (string | number)[] = [];
  if (f.entities) {
    // `ids`: entries naming the entity otherwise (an import's one entry, through audit_labels).
    const ids = f.ids ?? [];
    where.push(`(entity IN (${f.entities.map(() => '?').join(',')})${ids.length ? ` OR id IN (${ids.map(() => '?').join(',')})` : ''})`);
    args.push(...f.entities, ...ids);
  }
  if (f.since !== undefined) {
    where.push('at >= ?');
    args.push(f.since);
  }
  if (f.until !== undefined) {
    where.push('at < ?');
    args.push(f.until);
  }
  if (f.actor) {
    where.push('actor = ?');
    args.push(f.actor);
  }
  if (f.action) {
    where.push('action LIKE ?');
    args.push(f.action.replace(/\*/g, '%') + (f.action.includes('*') ? '' : '%'));
  }
  return db
    .prepare(`SELECT * FROM audit ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY id DESC LIMIT ?`)
    .all(...args, f.limit) as AuditRecord[];
}

// ---- the dashboard ----------------------------------------------------------------------

/** Units per occupancy. */
export function unitsByOccupancy(db: DB): { occupancy: string; n: number }[] {
  return db.prepare('SELECT occupancy, COUNT(*) n FROM units GROUP BY occupancy').all() as { occupancy: string; n: number }[];
}

/** The modules' main tables (schema.sql creates each of them). */
export type MainTable = 'complaints' | 'keys' | 'dossiers' | 'handovers' | 'meetings';

export function rowCount(db: DB, table: MainTable): number {
  return (db.prepare(`SELECT COUNT(*) n FROM ${table}`).get() as { n: number }).n;
}

export function activeStaffCount(db: DB): number {
  return (db.prepare('SELECT COUNT(*) n FROM staff WHERE active = 1').get() as { n: number }).n;
}

// ---- a demo's file ------------------------------------------------------------------------

/** Whether the database file is a demo's (meta demo = 1); opened read-only and closed again. */
export function isDemoFile(file: string): boolean {
  const db = new Database(file, dbOptions({ fileMustExist: true, readonly: true }));
  try {
    return (db.prepare("SELECT value FROM meta WHERE key = 'demo'").get() as { value: string } | undefined)?.value === '1';
  } finally {
    db.close();
  }
}

/**
 * Everything into the main file: a connection of its own, so no statement
 * left open elsewhere can hold the checkpoint back (closing the last
 * connection also checkpoints; this makes sure, and truncates the log).
 */
export function checkpointFile(file: string): void {
  const db = new Database(file, dbOptions({ fileMustExist: true }));
  try {
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
}
