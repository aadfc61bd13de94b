import type { Ctx } from '../context.js';
import type { OverdueItem } from '../overdue-types.js';
import { ACCEPT_WITHIN_MS, SECURITY_SLOT_WINDOW_MS, missedSecurityHandovers, missedShifts, reviewDue, shiftBounds } from '../../domain/handover.js';
import { securityHandoverStarts } from '../../store/handover.js';
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

  const pending = db
    .prepare("SELECT id, shift, shift_date, to_staff, started_at FROM handovers WHERE status = 'pending' AND started_at <= ? ORDER BY started_at")
    .all(limit - ACCEPT_WITHIN_MS) as { id: string; shift: string; shift_date: string; to_staff: string; started_at: number }[];
  for (const h of pending)
    out.push({ module: 'handover', id: h.id, what: 'acceptance', due_at: h.started_at + ACCEPT_WITHIN_MS, detail: `${h.shift_date} ${h.shift} → ${h.to_staff}`, shift: h.shift, shift_date: h.shift_date, who: h.to_staff });

  const refused = db
    .prepare(
      `SELECT h.id, h.shift, h.shift_date, h.refused_at, h.refuse_reason FROM handovers h INDEXED BY handovers_refused
        WHERE h.status = 'refused' AND h.refused_at <= ?
          AND NOT EXISTS (SELECT 1 FROM handover_days d WHERE d.date = h.shift_date AND d.reviewed_at IS NOT NULL)`,
    )
    .all(limit) as { id: string; shift: string; shift_date: string; refused_at: number; refuse_reason: string | null }[];
  for (const h of refused)
    out.push({ module: 'handover', id: h.id, what: 'refused', due_at: h.refused_at, detail: `${h.shift_date} ${h.shift}: ${h.refuse_reason ?? ''}`, shift: h.shift, shift_date: h.shift_date, note: h.refuse_reason ?? '' });

  // SPEC §6: the handover with security is due at 08:00 and 18:00, counted from the site's first one.
  const lookFrom = now - LOOKBACK_DAYS * DAY;
  const sec = securityHandoverStarts(db, lookFrom - SECURITY_SLOT_WINDOW_MS);
  if (sec.first != null)
    for (const m of missedSecurityHandovers(Math.max(sec.first, lookFrom), now, horizonMs, sec.started, ctx.tz))
      out.push({ module: 'handover', id: m.slot, what: 'security_handover', due_at: m.due_at });

  const firstDay = db.prepare('SELECT shift, shift_date FROM handovers WHERE shift_date = (SELECT MIN(shift_date) FROM handovers)').all() as {
    shift: string;
    shift_date: string;
  }[];
  if (!firstDay.length) return out;

  const cal = ctx.calendar();
  const days = db.prepare('SELECT date FROM handover_days INDEXED BY handover_days_unreviewed WHERE reviewed_at IS NULL').all() as { date: string }[];
  for (const d of days) {
    const due = reviewDue(d.date, cal, ctx.tz);
    if (due <= limit) out.push({ module: 'handover', id: d.date, what: 'review', due_at: due });
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
  const covered = new Set(
    (db.prepare("SELECT shift, shift_date FROM handovers WHERE shift_date >= ? AND status = 'accepted'").all(fromDay) as { shift: string; shift_date: string }[]).map(
      (r) => r.shift_date + '/' + r.shift,
    ),
  );
  const reviewed = new Set(
    (db.prepare('SELECT date FROM handover_days WHERE date >= ? AND reviewed_at IS NOT NULL').all(fromDay) as { date: string }[]).map((r) => r.date),
  );
  for (const m of missedShifts(shifts, fromDay, now, horizonMs, ctx.tz, (s, d) => covered.has(d + '/' + s) || reviewed.has(d))) {
    const def = shifts.find((s) => s.code === m.shift)!;
    if (shiftBounds(def, m.date, ctx.tz).end < firstEnd) continue;
    out.push({ module: 'handover', id: `${m.date}/${m.shift}`, what: 'no_handover', due_at: m.due_at, shift: m.shift, shift_date: m.date });
  }
  return out;
}
