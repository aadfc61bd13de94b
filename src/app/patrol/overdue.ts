// The patrol module's overdue items (SPEC §12; module `patrol` in
// src/app/overdue.ts): the cadence owed (a day without a finished units
// patrol, a week short of two joint patrols or without a building's public
// patrol, a month without its fire patrol or a contractor's rating), counted
// from the site's first patrol or `patrol.since`, never before; and findings
// past their solution or fix deadline. Reads a bounded look-back through
// patrols_kind_day and the findings' partial indexes on open rows.
import type { Ctx } from '../context.js';
import type { OverdueItem } from '../overdue-types.js';
import { findingDue, owedItems, weekMonday } from '../../domain/patrol.js';
import { addDays, localDate } from '../../domain/time.js';
import * as store from '../../store/patrol.js';
import { patrolSince } from './patrols.js';

/** How far back the cadence is looked at: older gaps belong to the reports. */
export const LOOKBACK = { days: 31, weeks: 8, months: 12 };

export function overdueItems(ctx: Ctx, now: number, horizonMs: number): OverdueItem[] {
  const db = ctx.db;
  if (!store.hasPatrolTables(db)) return [];
  const until = now + horizonMs;
  const out: OverdueItem[] = [];
  for (const f of store.findingsDueBefore(db, until)) {
    const d = findingDue(f);
    if (d) out.push({ module: 'patrol', id: f.id, what: d.what, due_at: d.due_at, detail: f.unit && f.unit !== f.item ? `${f.unit} ${f.item}` : f.item });
  }
  const since = patrolSince(ctx);
  if (!since) return out;
  const today = localDate(now, ctx.tz);
  if (since > today) return out;
  // Each cadence reads only its own look-back (a big site walks hundreds of
  // buildings a week): days for the units round, weeks for joint and public
  // walks, months for the fire inspection and the ratings.
  const later = (a: string, c: string) => (a > c ? a : c);
  const dayFrom = later(since, addDays(today, -LOOKBACK.days));
  const weekFrom = later(weekMonday(since), weekMonday(addDays(today, -7 * LOOKBACK.weeks)));
  const monthFrom = later(since.slice(0, 7) + '-01', addDays(today, -31 * LOOKBACK.months).slice(0, 7) + '-01');
  const monday = new Map<string, string>();
  const mondayOf = (d: string) => monday.get(d) ?? (monday.set(d, weekMonday(d)), monday.get(d)!);
  const unitDays = new Set<string>();
  const jointWeeks = new Map<string, number>();
  const publicWeeks = new Map<string, Set<string>>();
  const fireMonths = new Set<string>();
  for (const r of store.finishedSince(db, 'units', dayFrom)) unitDays.add(r.day);
  for (const r of store.finishedSince(db, 'joint', weekFrom)) {
    const m = mondayOf(r.day);
    jointWeeks.set(m, (jointWeeks.get(m) ?? 0) + 1);
  }
  for (const [day, names] of store.publicBuildingsByDay(db, weekFrom)) {
    const m = mondayOf(day);
    const set = publicWeeks.get(m) ?? publicWeeks.set(m, new Set()).get(m)!;
    for (const b of names.split('\x1f')) set.add(b);
  }
  for (const r of store.finishedSince(db, 'fire', monthFrom)) fireMonths.add(r.day.slice(0, 7));
  const ratings = new Set(store.ratedSince(db, monthFrom.slice(0, 7)).map((r) => `${r.month}/${r.contractor}`));
  for (const o of owedItems({
    since,
    today,
    until,
    tz: ctx.tz,
    lookback: LOOKBACK,
    unitDays,
    jointWeeks,
    publicWeeks,
    buildings: store.buildings(db),
    fireMonths,
    ratings,
  }))
    out.push({
      module: 'patrol',
      id: o.id,
      what: o.what,
      due_at: o.due_at,
      ...(o.detail ? { detail: o.detail } : {}),
      ...(o.buildings ? { buildings: o.buildings } : {}),
    });
  return out;
}
