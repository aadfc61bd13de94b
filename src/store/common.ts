// Small shared store helpers: ids, audit log, settings, meta.
import type { Statement } from 'better-sqlite3';
import type { DB } from './db.js';

/**
 * Next human-readable id for `prefix` on local date `yyyymmdd`, e.g.
 * nextId(db, 'C', '20261123') → 'C20261123-004'. Call inside the write
 * transaction that inserts the record.
 */
export function nextId(db: DB, prefix: string, yyyymmdd: string, width = 3): string {
  const scope = prefix + yyyymmdd;
  const row = db.prepare('INSERT INTO id_seq(scope, last) VALUES (?, 1) ON CONFLICT(scope) DO UPDATE SET last = last + 1 RETURNING last').get(scope) as {
    last: number;
  };
  return `${scope}-${String(row.last).padStart(width, '0')}`;
}

/** Next id without a date part: nextSeqId(db, 'KL') → 'KL-000123'. */
export function nextSeqId(db: DB, prefix: string, width = 6): string {
  const row = db.prepare('INSERT INTO id_seq(scope, last) VALUES (?, 1) ON CONFLICT(scope) DO UPDATE SET last = last + 1 RETURNING last').get(prefix) as {
    last: number;
  };
  return `${prefix}-${String(row.last).padStart(width, '0')}`;
}

export interface AuditEntry {
  at: number;
  actor: string | null;
  action: string;
  entity?: string | null;
  before?: unknown;
  after?: unknown;
}

/** Appends one entry to the audit log; its id. */
export function appendAudit(db: DB, e: AuditEntry): number {
  const r = stmt(db, 'INSERT INTO audit(at, actor, action, entity, before, after) VALUES (?, ?, ?, ?, ?, ?)').run(
    e.at,
    e.actor,
    e.action,
    e.entity ?? null,
    e.before === undefined || e.before === null ? null : JSON.stringify(e.before),
    e.after === undefined || e.after === null ? null : JSON.stringify(e.after),
  );
  return Number(r.lastInsertRowid);
}

/**
 * The audit entries that name `label` among the labels of `kind` they keep
 * beside them (audit_labels, schema 15: a unit import's one entry and the
 * units it added). Empty on a file that does not have the table (a folder
 * doctor marked corrupt is not migrated).
 */
export function auditIdsNaming(db: DB, kind: string, label: string): number[] {
  if (!label || /[\n\r]/.test(label)) return [];
  if (!db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'audit_labels'").get()) return [];
  return (
    db
      .prepare('SELECT audit_id AS id FROM audit_labels WHERE kind = ? AND instr(labels, char(10) || ? || char(10)) > 0 ORDER BY audit_id')
      .all(kind, label) as {
      id: number;
    }[]
  ).map((r) => r.id);
}

export function getMeta(db: DB, key: string): string | undefined {
  return (db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined)?.value;
}

export function setMeta(db: DB, key: string, value: string): void {
  db.prepare('INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
}

export function getSetting<T>(db: DB, key: string, fallback: T): T {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
  return row ? (JSON.parse(row.value) as T) : fallback;
}

export function setSetting(db: DB, key: string, value: unknown, at: number, by: string | null): void {
  db.prepare(
    'INSERT INTO settings(key, value, updated_at, updated_by) VALUES (?, ?, ?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at, updated_by = excluded.updated_by',
  ).run(key, JSON.stringify(value), at, by);
}

/**
 * Runs `each` over `ids` in slices, with the `?, ?, …` list for an IN (…) of
 * that slice: a statement takes at most 32 766 parameters.
 */
export function inSlices(ids: string[], each: (part: string[], marks: string) => void, size = 500): void {
  for (let i = 0; i < ids.length; i += size) {
    const part = ids.slice(i, i + size);
    each(part, part.map(() => '?').join(','));
  }
}

const STMTS = new WeakMap<DB, Map<string, Statement>>();

/** A prepared statement, compiled once per connection (the demo and busy desks run many steps). */
export function stmt(db: DB, sql: string): Statement {
  let m = STMTS.get(db);
  if (!m) STMTS.set(db, (m = new Map()));
  let st = m.get(sql);
  if (!st) m.set(sql, (st = db.prepare(sql)));
  return st;
}

/** The columns every module's event table shares (complaint_events, request_events): a record's id beside them. */
export interface EventRowBase {
  id: number;
  type: string;
  at: number;
  by: string | null;
  actor: string | null;
  note: string | null;
  data: string | null;
  recorded_at: number;
}
