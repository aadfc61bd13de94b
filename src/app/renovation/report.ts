// Renovation in the reports (SPEC §13, §8): renovation_violation_rate as a
// RateSource (report and rollup both show it) and the report's section.
import type { Ctx } from '../context.js';
import type { Window } from '../report/complaints.js';
import type { ModuleSection } from '../report/modules.js';
import { violationRate, type Rate } from '../../domain/rates.js';
import { DAY } from '../../domain/time.js';
import { DEFAULT_VIOLATION_TARGET, REFUND_WITHIN_DAYS, fenToYuan } from '../../domain/renovation.js';
import { getSetting } from '../../store/common.js';
import { renovationTableExists, windowCounts } from '../../store/renovation.js';
import { acceptanceDue } from './renovation.js';

/** Site setting `renovation.violation_target` (a fraction), default 0.10. */
export function violationTarget(ctx: Ctx): number {
  const v = getSetting<number>(ctx.db, 'renovation.violation_target', DEFAULT_VIOLATION_TARGET);
  return typeof v === 'number' && v >= 0 && v <= 1 ? v : DEFAULT_VIOLATION_TARGET;
}

export function renovationRates(ctx: Ctx, w: Window): Rate[] {
  if (!renovationTableExists(ctx.db)) return [];
  const c = windowCounts(ctx.db, w);
  return [violationRate(c.sites_with_violation, c.active_sites, violationTarget(ctx))];
}

export function renovationSection(ctx: Ctx, w: Window): ModuleSection {
  if (!renovationTableExists(ctx.db)) return { available: false, missing_tables: ['renovations'], metrics: {} };
  const c = windowCounts(ctx.db, w);
  const asof = Math.min(w.now, w.until);
  let accDue = 0;
  let accOnTime = 0;
  for (const x of c.accepted_on_time_candidates) {
    const due = acceptanceDue(ctx, x.completed_at);
    if (due < asof || x.accepted_at !== null) {
      accDue++;
      if (x.accepted_at !== null && x.accepted_at <= due) accOnTime++;
    }
  }
  let refDue = 0;
  let refOnTime = 0;
  for (const x of c.refunds_due) {
    const due = x.accepted_at + REFUND_WITHIN_DAYS * DAY;
    if (due < asof || x.refunded_at !== null) {
      refDue++;
      if (x.refunded_at !== null && x.refunded_at <= due) refOnTime++;
    }
  }
  return {
    available: true,
    missing_tables: [],
    metrics: {
      reno_active_sites: c.active_sites,
      reno_active_now: c.active_now,
      reno_sites_with_violation: c.sites_with_violation,
      reno_applied: c.applied,
      reno_approved: c.approved,
      reno_notices_issued: c.notices_issued,
      reno_notices_due: c.notices_due,
      reno_notices_on_time: c.notices_on_time,
      reno_completed: c.completed,
      reno_acceptance_due: accDue,
      reno_acceptance_on_time: accOnTime,
      reno_refunds_due: refDue,
      reno_refunds_on_time: refOnTime,
      reno_deposits_held_yuan: fenToYuan(c.deposits_held_fen),
      reno_deposits_refunded_yuan: fenToYuan(c.deposits_refunded_fen),
      reno_deducted_yuan: fenToYuan(c.deducted_fen),
    },
  };
}
