// Due times for the records the scale generator writes, as the clock engine
// computes them (dueAfter, src/domain/duration.ts): each policy parsed once,
// working-day deadlines cached per local date (they depend on nothing else).
import { dueAfter, parseDuration, type Duration } from '../../domain/duration.js';
import type { WorkCalendar } from '../../domain/calendar.js';
import { localDate } from '../../domain/time.js';

export function cachedDue(cal: WorkCalendar, tz: string): (start: number, policy: string) => number {
  const durations = new Map<string, Duration>();
  const wdCache = new Map<string, number>();
  return (start, policy) => {
    let d = durations.get(policy);
    if (!d) durations.set(policy, (d = parseDuration(policy)));
    if (d.unit !== 'wd') return dueAfter(start, d, cal, tz);
    const k = localDate(start, tz) + '|' + d.n;
    let v = wdCache.get(k);
    if (v === undefined) wdCache.set(k, (v = dueAfter(start, d, cal, tz)));
    return v;
  };
}
