// The standard's rates of one period at one site, as numerators and
// denominators: what `report` prints and what `rollup` sums across sites
// (SPEC §15: company totals from summed counts, never averaged percents). One
// function per source, registered here, so a head-office figure is the
// site's own figure by construction.
import type { Ctx } from '../context.js';
import { computeRates, VALID_RATE_MONTHS, type Rate } from '../../domain/rates.js';
import { monthsBefore } from '../../domain/report-period.js';
import { countValidComplaints } from '../../store/report.js';
import type { DB } from '../../store/db.js';
import type { Period } from '../../domain/time.js';
import { complaintFacts, rateCounts, sum, type ComplaintFacts, type Window } from './complaints.js';
import { unitCounts } from './modules.js';
import { requestRates } from './requests.js';
import { patrolRates } from '../patrol/report.js';
import { visitRates } from '../visit/rates.js';
import { renovationRates } from '../renovation/report.js';

/** A module's rates for a window (requests, patrols, visits …): counts read in SQL, rates from domain/rates.ts. */
export type RateSource = (ctx: Ctx, w: Window) => Rate[];

/**
 * Every module beside complaints that has rates of its own. A new module adds
 * its source here; report and rollup then both show it.
 */
export const MODULE_RATE_SOURCES: RateSource[] = [visitRates, renovationRates, requestRates, patrolRates];

/** The 12 months the valid complaint rate counts: those ending at the period's end (SPEC §8 v2). */
export function validRateWindow(period: Pick<Period, 'until'>, tz: string): { since: number; until: number } {
  return monthsBefore(period.until, VALID_RATE_MONTHS, tz);
}

/**
 * The complaint rates from the facts a report has already read, with the
 * valid complaints of the 12 months ending at the period's end (never the
 * period annualised).
 */
export function complaintRates(db: DB, tz: string, f: ComplaintFacts, period: Pick<Period, 'since' | 'until'>): Rate[] {
  const year = validRateWindow(period, tz);
  return computeRates(rateCounts(f, countValidComplaints(db, year.since, year.until)));
}

export function moduleRates(ctx: Ctx, w: Window): Rate[] {
  return MODULE_RATE_SOURCES.flatMap((s) => s(ctx, w));
}

export interface PeriodFigures {
  rates: Rate[];
  /** volumes beside the rates: received, closed, open, occupied units */
  counts: Record<string, number>;
}

/** Every rate of the period and its volumes, read on one thread in one read transaction (rollup). */
export function periodFigures(ctx: Ctx, period: Pick<Period, 'since' | 'until'>): PeriodFigures {
  const now = ctx.clock.now();
  const w: Window = { since: period.since, until: period.until, now, memo: new Map() };
  return ctx.db.transaction(() => {
    const units = unitCounts(ctx.db);
    w.memo!.set('occupied', units.occupied);
    const f = complaintFacts(ctx.db, w, ctx.tz, units.occupied, 0);
    const received = sum(f.groups, (g) => g.n);
    const closed = sum(f.groups, (g) => (g.closed ? g.n : 0));
    return {
      rates: [...complaintRates(ctx.db, ctx.tz, f, period), ...moduleRates(ctx, w)],
      counts: { complaints_received: received, complaints_closed: closed, complaints_open: received - closed, occupied_units: units.occupied },
    };
  })();
}
