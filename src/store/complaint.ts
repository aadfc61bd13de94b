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
