// The dashboard `pmctl demo` prints: the site at a glance, then what is overdue.
import type { Ctx } from '../context.js';

export interface Dashboard {
  site: string;
  timezone: string;
  staff: number;
  units: { total: number; owner: number; tenant: number; vacant: number };
  counts: Record<string, number>;
}

/** Row count of a module's main table (schema.sql creates each of them). */
function tableCount(ctx: Ctx, table: string, where = ''): number {
  return (ctx.db.prepare(`SELECT COUNT(*) n FROM ${table} ${where}`).get() as { n: number }).n;
}

export function dashboard(ctx: Ctx): Dashboard {
  const occ = ctx.db.prepare('SELECT occupancy, COUNT(*) n FROM units GROUP BY occupancy').all() as { occupancy: string; n: number }[];
  const by = Object.fromEntries(occ.map((r) => [r.occupancy, r.n]));
  const counts: Record<string, number> = {};
  for (const [k, table] of [
    ['complaints', 'complaints'],
    ['keys', 'keys'],
    ['dossiers', 'dossiers'],
    ['handovers', 'handovers'],
    ['meetings', 'meetings'],
  ])
    counts[k] = tableCount(ctx, table);
  return {
    site: ctx.site,
    timezone: ctx.tz,
    staff: (ctx.db.prepare('SELECT COUNT(*) n FROM staff WHERE active = 1').get() as { n: number }).n,
    units: { total: occ.reduce((s, r) => s + r.n, 0), owner: by.owner ?? 0, tenant: by.tenant ?? 0, vacant: by.vacant ?? 0 },
    counts,
  };
}
