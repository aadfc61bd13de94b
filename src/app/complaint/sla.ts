// `pmctl sla`: the policy in force, site overrides, and how each due time of a
// record was computed (policy, days skipped, adjusted working days counted).
import { RuleRefused, UsageError } from '../../errors.js';
import { CLOCK_DEFS, DEVELOPER_NOTICE_CLOCKS, SCOPES, defaultPolicy, isClock, policyFor, type ClockName, type Scope } from '../../domain/clocks.js';
import { formatDuration, parseDuration, workingDaysOf } from '../../domain/duration.js';
import type { DayInfo } from '../../domain/calendar.js';
import { writeTx } from '../../store/db.js';
import { type Ctx, audit, requireWriter } from '../context.js';
import { clocksOf, getComplaint, loadOverrides } from './records.js';
import { severityChanges } from '../../store/complaint.js';
import { upsertSlaPolicy } from '../../store/request.js';

export interface PolicyRow {
  clock: ClockName;
  general: string | null;
  major: string | null;
  emergency: string | null;
  suggestion: string | null;
  /** scopes changed by `sla set` */
  overridden: Scope[];
  source: string;
  starts: string;
  stops: string;
}

/**
 * The policy table `sla show` prints, for any family of clocks (complaints
 * here, requests in app/request/sla.ts): per clock, its duration in each scope
 * and which scopes a site override changed.
 */
export function policyRows<C extends string, S extends string, R>(
  defs: readonly { clock: C; source: string; starts: string; stops: string }[],
  scopes: readonly S[],
  policy: (clock: C, scope: S, ov: ReadonlyMap<string, string>) => string | null,
  ov: ReadonlyMap<string, string>,
): R[] {
  return defs.map((d) => {
    const row: Record<string, unknown> = { clock: d.clock, source: d.source, starts: d.starts, stops: d.stops, overridden: [] as S[] };
    for (const s of scopes) {
      row[s] = policy(d.clock, s, ov);
      if (ov.has(`${d.clock}|${s}`)) (row.overridden as S[]).push(s);
    }
    return row as R;
  });
}

export function slaShow(ctx: Ctx): PolicyRow[] {
  return policyRows<ClockName, Scope, PolicyRow>(CLOCK_DEFS, SCOPES, policyFor, loadOverrides(ctx));
}

export function slaSet(ctx: Ctx, clock: string, duration: string, o: { severity?: string; kind?: string }) {
  return writeTx(ctx.db, () => {
    requireWriter(ctx, { minRole: 'manager', action: 'action.sla_set' });
    if (!isClock(clock)) throw new UsageError('err.bad_clock', { value: clock, list: CLOCK_DEFS.map((d) => d.clock).join(', ') }, 'fix.clock');
    const d = formatDuration(parseDuration(duration));
    if (o.severity && o.kind) throw new UsageError('err.sla_scope_both', {}, 'fix.sla_scope');
    let scopes: Scope[];
    if (o.kind) {
      if (o.kind === 'suggestion') scopes = ['suggestion'];
      else if (o.kind === 'complaint') scopes = ['general', 'major', 'emergency'];
      else throw new UsageError('err.bad_kind', { value: o.kind }, 'fix.kind');
    } else if (o.severity) {
      if (!['general', 'major', 'emergency'].includes(o.severity)) throw new UsageError('err.bad_severity', { value: o.severity }, 'fix.severity');
      scopes = [o.severity as Scope];
    } else scopes = SCOPES;
    scopes = scopes.filter((s) => defaultPolicy(clock, s) !== null);
    if (!scopes.length) throw new RuleRefused('err.sla_not_applicable', { clock }, 'fix.sla_scope');
    const before = Object.fromEntries(scopes.map((s) => [s, policyFor(clock, s, loadOverrides(ctx))]));
    const now = ctx.clock.now();
    for (const s of scopes) upsertSlaPolicy(ctx.db, clock, s, d, now, ctx.actor?.code ?? null);
    const after = Object.fromEntries(scopes.map((s) => [s, d]));
    audit(ctx, 'sla.set', 'sla:' + clock, before, after);
    return { clock, duration: d, scopes };
  });
}

/** Clocks a severity change may start (the engine's `upgraded` event). */
const UPGRADE_CLOCKS = new Set<string>(['escalate', 'written_report', 'verify']);

export interface ClockExplanation {
  clock: ClockName;
  policy: string | null;
  started_at: number | null;
  due_at: number | null;
  done_at: number | null;
  skipped: boolean;
  /** for working days: the days looked at */
  days: DayInfo[];
  fallback: boolean;
  /** v2: started at a severity change rather than its usual event: why ('collective' or 'supervisor') */
  from_upgrade: string | null;
  /** v2: judged by the emergency notice policy as a matter for the developer */
  developer: boolean;
}

export function slaExplain(ctx: Ctx, id: string) {
  const r = getComplaint(ctx, id);
  const cal = ctx.calendar();
  const changes = severityChanges(ctx.db, r.id);
  const clocks: ClockExplanation[] = clocksOf(ctx, r.id).map((c) => {
    const { days, fallback } = workingDaysOf(c, cal, ctx.tz);
    const up = c.started_at != null && UPGRADE_CLOCKS.has(c.clock) && c.started_at !== r.received_at ? changes.find((x) => x.at === c.started_at) : undefined;
    const why = up?.data ? ((JSON.parse(up.data) as { reason?: string }).reason ?? null) : null;
    const developer = !!r.developer && (DEVELOPER_NOTICE_CLOCKS as string[]).includes(c.clock) && !c.skipped && c.started_at != null;
    return {
      clock: c.clock,
      policy: c.policy,
      started_at: c.started_at,
      due_at: c.due_at,
      done_at: c.done_at,
      skipped: !!c.skipped,
      days,
      fallback,
      from_upgrade: up ? (why ?? 'collective') : null,
      developer,
    };
  });
  return { complaint: r, clocks };
}
