// `sla show|set|explain` for the request clocks: the same sla_policy table as
// complaints, scoped by kind and urgency (repair_minor, repair_urgent, help,
// enquiry).
import { RuleRefused, UsageError } from '../../errors.js';
import {
  REQUEST_CLOCK_DEFS,
  REQUEST_KINDS,
  REQUEST_SCOPES,
  URGENCIES,
  isRequestClock,
  requestPolicy,
  scopesFor,
  type RequestClock,
  type RequestKind,
  type RequestScope,
  type Urgency,
} from '../../domain/request.js';
import { formatDuration, parseDuration, workingDaysOf } from '../../domain/duration.js';
import type { DayInfo } from '../../domain/calendar.js';
import { writeTx } from '../../store/db.js';
import { requestClocks, upsertSlaPolicy } from '../../store/request.js';
import { type Ctx, audit, requireWriter } from '../context.js';
import { loadOverrides } from '../complaint/records.js';
import { policyRows } from '../complaint/sla.js';
import { getRequest } from './workflow.js';

export function isRequestKind(k: string | undefined): k is RequestKind {
  return !!k && (REQUEST_KINDS as readonly string[]).includes(k);
}

export interface RequestPolicyRow {
  clock: RequestClock;
  repair_minor: string | null;
  repair_urgent: string | null;
  help: string | null;
  enquiry: string | null;
  overridden: RequestScope[];
  source: string;
  starts: string;
  stops: string;
}

export function requestSlaShow(ctx: Ctx): RequestPolicyRow[] {
  return policyRows<RequestClock, RequestScope, RequestPolicyRow>(REQUEST_CLOCK_DEFS, REQUEST_SCOPES, requestPolicy, loadOverrides(ctx));
}

export function requestSlaSet(ctx: Ctx, clock: string, duration: string, o: { kind: RequestKind; urgency?: string }) {
  return writeTx(ctx.db, () => {
    requireWriter(ctx, { minRole: 'manager', action: 'action.sla_set' });
    if (!isRequestClock(clock)) throw new UsageError('err.bad_clock', { value: clock, list: REQUEST_CLOCK_DEFS.map((d) => d.clock).join(', ') }, 'fix.clock');
    if (o.urgency !== undefined && !(URGENCIES as readonly string[]).includes(o.urgency))
      throw new UsageError('err.bad_choice', { what: 'urgency', value: o.urgency, accepted: URGENCIES.join(', ') }, 'fix.choice');
    if (o.urgency && o.kind !== 'repair') throw new UsageError('err.r_urgency_repair_only', { kind: o.kind }, 'fix.r_urgency');
    const d = formatDuration(parseDuration(duration));
    const scopes = scopesFor(o.kind, o.urgency as Urgency | undefined).filter((s) => requestPolicy(clock, s) !== null);
    if (!scopes.length) throw new RuleRefused('err.sla_not_applicable', { clock }, 'fix.sla_scope');
    const ov = loadOverrides(ctx);
    const before = Object.fromEntries(scopes.map((s) => [s, requestPolicy(clock, s, ov)]));
    const now = ctx.clock.now();
    for (const s of scopes) upsertSlaPolicy(ctx.db, clock, s, d, now, ctx.actor?.code ?? null);
    audit(ctx, 'sla.set', 'sla:' + clock, before, Object.fromEntries(scopes.map((s) => [s, d])));
    return { clock, duration: d, scopes: scopes as string[] };
  });
}

export function requestSlaExplain(ctx: Ctx, id: string) {
  const r = getRequest(ctx, id);
  const cal = ctx.calendar();
  const clocks = requestClocks(ctx.db, r.id).map((c) => {
    const { days, fallback } = workingDaysOf(c, cal, ctx.tz);
    return {
      clock: c.clock,
      policy: c.policy,
      started_at: c.started_at,
      due_at: c.due_at,
      done_at: c.done_at,
      skipped: !!c.skipped,
      days,
      fallback,
      not_before: c.not_before ?? null,
      from_upgrade: null as string | null,
      developer: false,
    };
  });
  return { request: r, clocks };
}
