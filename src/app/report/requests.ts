// The service-request part of a report (SPEC §11): volumes by kind, urgency
// and assignee, the request clocks, the technicians' on-time figures, and the
// five request rates. Read from the request tables only: the complaint
// figures of the same report never count a request.
import type { DB } from '../../store/db.js';
import type { Ctx } from '../context.js';
import { computeRequestRates, type Rate } from '../../domain/rates.js';
import { REQUEST_CLOCKS } from '../../domain/request.js';
import { arrivalCounts, clockTallies, reworkCounts, staffNames, visitCounts, volumes } from '../../store/request.js';
import type { ModuleSection } from './modules.js';
import { once, type Window } from './complaints.js';

export interface RequestSection extends ModuleSection {
  by_kind: Record<string, number>;
  by_urgency: Record<string, number>;
  clocks: Record<string, { met: number; breached: number; overdue: number; pending: number }>;
  /** per assignee: received, done clocks due (decided) and met */
  by_assignee: { staff: string; name: string | null; assigned: number; done_due: number; done_met: number }[];
}

/**
 * The five request rates of a window (a RateSource of src/app/report/rates.ts:
 * report and rollup both show them).
 */
export function requestRates(ctx: Ctx, w: Window): Rate[] {
  return once(w, 'request', () => requestFigures(ctx.db, w)).rates;
}

export function requestsSection(db: DB, w: Window): RequestSection {
  return once(w, 'request', () => requestFigures(db, w)).section;
}

function requestFigures(db: DB, w: Window): { section: RequestSection; rates: Rate[] } {
  const section: RequestSection = {
    // migration 6 creates the request tables in every folder
    available: true,
    missing_tables: [],
    metrics: {},
    by_status: {},
    by_kind: {},
    by_urgency: {},
    clocks: Object.fromEntries(REQUEST_CLOCKS.map((c) => [c, { met: 0, breached: 0, overdue: 0, pending: 0 }])),
    by_assignee: [],
  };
  const zero = {
    minor_due: 0,
    minor_met: 0,
    urgent_due: 0,
    urgent_met: 0,
    arrivals: 0,
    arrivals_within: 0,
    repairs_done: 0,
    repairs_reworked: 0,
    visits_rated: 0,
    visits_satisfied: 0,
  };
  const rw = { since: w.since, until: w.until, asof: Math.min(w.now, w.until) };
  const counts = { ...zero };
  const people = new Map<string, { assigned: number; done_due: number; done_met: number }>();
  const person = (code: string) => people.get(code) ?? (people.set(code, { assigned: 0, done_due: 0, done_met: 0 }), people.get(code)!);
  let received = 0;
  let reworked = 0;
  for (const v of volumes(db, rw)) {
    received += v.n;
    section.by_kind[v.kind] = (section.by_kind[v.kind] ?? 0) + v.n;
    if (v.urgency) section.by_urgency[v.urgency] = (section.by_urgency[v.urgency] ?? 0) + v.n;
    section.by_status![v.status] = (section.by_status![v.status] ?? 0) + v.n;
    if (v.reworked) reworked += v.n;
    if (v.assignee) person(v.assignee).assigned += v.n;
  }
  for (const k of clockTallies(db, rw)) {
    section.clocks[k.clock][k.state] += k.n;
    if (k.clock !== 'done' || k.kind !== 'repair' || k.state === 'pending') continue;
    const met = k.state === 'met' ? k.n : 0;
    if (k.urgency === 'urgent') ((counts.urgent_due += k.n), (counts.urgent_met += met));
    else ((counts.minor_due += k.n), (counts.minor_met += met));
    if (k.assignee) ((person(k.assignee).done_due += k.n), (person(k.assignee).done_met += met));
  }
  const a = arrivalCounts(db, rw);
  counts.arrivals = a.n;
  counts.arrivals_within = a.within;
  const r = reworkCounts(db, rw);
  counts.repairs_done = r.done;
  counts.repairs_reworked = r.reworked;
  const v = visitCounts(db, rw);
  counts.visits_rated = v.rated;
  counts.visits_satisfied = v.satisfied;
  section.metrics = {
    requests_received: received,
    requests_repairs: section.by_kind.repair ?? 0,
    requests_urgent: section.by_urgency.urgent ?? 0,
    requests_help: section.by_kind.help ?? 0,
    requests_enquiries: section.by_kind.enquiry ?? 0,
    requests_reworked: reworked,
    requests_repairs_done: r.done,
    requests_visits: v.rated,
  };
  const names = staffNames(db, [...people.keys()]);
  section.by_assignee = [...people]
    .map(([staff, p]) => ({ staff, name: names.get(staff) ?? null, ...p }))
    .sort((x, y) => y.assigned - x.assigned || (x.staff < y.staff ? -1 : 1));
  return { section, rates: computeRequestRates(counts) };
}
