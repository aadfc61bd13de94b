// SQL of the complaint procedure v2 (SPEC §3): new statements live here; the
// older ones are in src/app/complaint/store.ts.
import type { DB } from './db.js';

/** Roles of everyone a complaint was escalated to at the centre tier (old events: the staff row's role). */
export function escalatedRoles(db: DB, id: string): string[] {
  const rows = db
    .prepare(
      `SELECT COALESCE(json_extract(e.data, '$.role'), s.role) AS role FROM complaint_events e
         LEFT JOIN staff s ON s.code = json_extract(e.data, '$.to')
        WHERE e.complaint_id = ? AND e.type = 'escalated' AND COALESCE(json_extract(e.data, '$.tier'), 'centre') <> 'board'`,
    )
    .all(id) as { role: string | null }[];
  return rows.map((r) => r.role).filter((r): r is string => !!r);
}

/** Whether a complaint was ever taken to the board (`escalate --tier board`). */
export function boardEscalated(db: DB, id: string): boolean {
  return !!db.prepare(`SELECT 1 FROM complaint_events WHERE complaint_id = ? AND type = 'escalated' AND json_extract(data, '$.tier') = 'board'`).get(id);
}

/** The moments a record's severity changed, with why (collective, or a supervisor's reason). */
export function severityChanges(db: DB, id: string): { at: number; data: string | null }[] {
  return db.prepare(`SELECT at, data FROM complaint_events WHERE complaint_id = ? AND type = 'upgraded' ORDER BY at, id`).all(id) as { at: number; data: string | null }[];
}

// Complaint queries that are only SQL (the rest still lives in app/complaint).

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
