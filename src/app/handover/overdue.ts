import type { Ctx } from '../context.js';
import type { OverdueItem } from '../overdue-types.js';
import { ACCEPT_WITHIN_MS, SECURITY_SLOT_WINDOW_MS, missedSecurityHandovers, missedShifts, reviewDue, shiftBounds } from '../../domain/handover.js';
import {
  acceptedSince,
  firstDayHandovers,
  pendingStartedBy,
  refusedUnreviewed,
  reviewedDaysSince,
  securityHandoverStarts,
  unreviewedDays,
} from '../../store/handover.js';
import { addDays, DAY, localDate } from '../../domain/time.js';
import { getShifts } from './handover.js';

/** Missed shifts are looked for this far back: older gaps belong to the review and the reports. */
const LOOKBACK_DAYS = 31;

/**
 * Overdue and due-soon items of the handover module (see src/app/overdue-types.ts):
 * `acceptance` (waiting over 30 min), `refused` (until the supervisor reviews
 * that day), `review` (day not reviewed by the end of the next working day),
 * `no_handover` (a shift ended 30 min ago with no accepted handover).
 */
export function overdueItems(ctx: Ctx, now: number, horizonMs: number): OverdueItem[] {
  const db = ctx.db;
  const out: OverdueItem[] = [];
  const limit = now + horizonMs;

  for (const h of pendingStartedBy(db, limit - ACCEPT_WITHIN_MS))
    out.push({
      module: 'handover',
      id: h.id,
      what: 'acceptance',
      due_at: h.started_at + ACCEPT_WITHIN_MS,
      detail: `${h.shift_date} ${h.shift} → ${h.to_staff}`,
      shift: h.shift,
      shift_date: h.shift_date,
      who: h.to_staff,
    });

  for (const h of refusedUnreviewed(db, limit))
    out.push({
      module: 'handover',
      id: h.id,
      what: 'refused',
      due_at: h.refused_at,
      detail: `${h.shift_date} ${h.shift}: ${h.refuse_reason ?? ''}`,
      shift: h.shift,
      shift_date: h.shift_date,
      note: h.refuse_reason ?? '',
    });

  // SPEC §6: the handover with security is due at 08:00 and 18:00, counted from the site's first one.
  const lookFrom = now - LOOKBACK_DAYS * DAY;
  const sec = securityHandoverStarts(db, lookFrom - SECURITY_SLOT_WINDOW_MS);
  if (sec.first != null)
    for (const m of missedSecurityHandovers(Math.max(sec.first, lookFrom), now, horizonMs, sec.started, ctx.tz))
      out.push({ module: 'handover', id: m.slot, what: 'security_handover', due_at: m.due_at });

  const firstDay = firstDayHandovers(db);
  if (!firstDay.length) return out;

  const cal = ctx.calendar();
  for (const date of unreviewedDays(db)) {
    const due = reviewDue(date, cal, ctx.tz);
    if (due <= limit) out.push({ module: 'handover', id: date, what: 'review', due_at: due });
  }

  // Shifts that ended without an accepted handover, only since handovers were
  // first recorded here (a new site is not flooded with its past).
  const shifts = getShifts(ctx);
  const first = firstDay[0].shift_date;
  const firstEnd = Math.min(
    ...firstDay.map((h) => {
      const def = shifts.find((s) => s.code === h.shift);
      return def ? shiftBounds(def, first, ctx.tz).end : 0;
    }),
  );
  const from = [first, localDate(now - LOOKBACK_DAYS * DAY, ctx.tz)].sort()[1];
  const fromDay = addDays(from, -1);
  const covered = new Set(acceptedSince(db, fromDay).map((r) => r.shift_date + '/' + r.shift));
  const reviewed = new Set(reviewedDaysSince(db, fromDay));
  for (const m of missedShifts(shifts, fromDay, now, horizonMs, ctx.tz, (s, d) => covered.has(d + '/' + s) || reviewed.has(d))) {
    const def = shifts.find((s) => s.code === m.shift)!;
    if (shiftBounds(def, m.date, ctx.tz).end < firstEnd) continue;
    out.push({ module: 'handover', id: `${m.date}/${m.shift}`, what: 'no_handover', due_at: m.due_at, shift: m.shift, shift_date: m.date });
  }
  return out;
}
