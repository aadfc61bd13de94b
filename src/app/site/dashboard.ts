// The dashboard `pmctl demo` prints: the site at a glance, then what is overdue.
import type { Ctx } from '../context.js';
import { activeStaffCount, rowCount, unitsByOccupancy } from '../../store/site.js';

export interface Dashboard {
  site: string;
  timezone: string;
  staff: number;
  units: { total: number; owner: number; tenant: number; vacant: number };
  counts: Record<string, number>;
}

export function dashboard(ctx: Ctx): Dashboard {
  const occ = unitsByOccupancy(ctx.db);
  const by = Object.fromEntries(occ.map((r) => [r.occupancy, r.n]));
  const counts: Record<string, number> = {};
  for (const table of ['complaints', 'keys', 'dossiers', 'handovers', 'meetings'] as const) counts[table] = rowCount(ctx.db, table);
  return {
    site: ctx.site,
    timezone: ctx.tz,
    staff: activeStaffCount(ctx.db),
    units: { total: occ.reduce((s, r) => s + r.n, 0), owner: by.owner ?? 0, tenant: by.tenant ?? 0, vacant: by.vacant ?? 0 },
    counts,
  };
}
