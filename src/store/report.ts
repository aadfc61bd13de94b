// SQL of the reports' v2 figures (SPEC §8 v2): the valid complaints of a
// trailing year, and where a module's coverage starts.
import type { DB } from './db.js';

/** Valid complaints received in [since, until), through complaints_valid (migration 14), reading that index only. */
export const VALID_COUNT_SQL = "SELECT COUNT(*) AS n FROM complaints WHERE valid = 1 AND kind = 'complaint' AND received_at >= ? AND received_at < ?";

export function countValidComplaints(db: DB, since: number, until: number): number {
  return (db.prepare(VALID_COUNT_SQL).get(since, until) as { n: number }).n;
}

const IDENT = /^[a-z_][a-z0-9_]*$/;

/**
 * The earliest value of `column` in `table` (a module's first record), or
 * null when the table is missing or empty. Both names are checked
 * identifiers; callers pass constants. An index on the column makes it one seek.
 */
export function firstRecordAt(db: DB, table: string, column: string): number | null {
  if (!IDENT.test(table) || !IDENT.test(column)) throw new Error(`firstRecordAt: bad identifier ${table}.${column}`);
  if (!db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(table)) return null;
  const r = db.prepare(`SELECT MIN(${column}) AS t FROM ${table}`).get() as { t: number | null };
  return r.t ?? null;
}
