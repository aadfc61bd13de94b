// SQL of the handover module's v2 checks (older statements are in src/app/handover/).
import type { DB } from './db.js';

/** The first security handover's start (null: none yet) and the starts of those since `from` that were not refused. */
export function securityHandoverStarts(db: DB, from: number): { first: number | null; started: number[] } {
  const first = (db.prepare("SELECT MIN(started_at) AS t FROM handovers WHERE with_dept = 'security'").get() as { t: number | null }).t;
  const started = (db
    .prepare("SELECT started_at FROM handovers INDEXED BY handovers_started WHERE started_at >= ? AND with_dept = 'security' AND status <> 'refused'")
    .all(from) as { started_at: number }[]).map((r) => r.started_at);
  return { first, started };
}
