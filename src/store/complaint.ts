// Complaint queries that are only SQL (the rest still lives in app/complaint).
import type { DB } from './db.js';

const OPEN_CLOCKS = 'k.done_at IS NULL AND k.skipped = 0 AND k.due_at IS NOT NULL';

/**
 * How many complaints `complaint list --status S` with these filters holds
 * (`extra` is the filter's `AND …` over `c`, `args` its parameters).
 */
export function countMatching(db: DB, status: 'open' | 'overdue' | 'closed' | 'all', extra: string, args: Record<string, string | number>, now: number): number {
  const sql =
    status === 'overdue'
      ? `SELECT COUNT(DISTINCT k.complaint_id) n FROM complaint_clocks k INDEXED BY clocks_open_due JOIN complaints c ON c.id = k.complaint_id WHERE ${OPEN_CLOCKS} AND k.due_at < @now ${extra}`
      : status === 'open'
        ? `SELECT COUNT(*) n FROM complaints c INDEXED BY complaints_open WHERE c.status <> 'closed' ${extra}`
        : status === 'closed'
          ? `SELECT COUNT(*) n FROM complaints c WHERE c.status = 'closed' ${extra}`
          : `SELECT COUNT(*) n FROM complaints c WHERE 1 ${extra}`;
  return (db.prepare(sql).get(status === 'overdue' ? { ...args, now } : args) as { n: number }).n;
}
