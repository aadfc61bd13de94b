// Separation of duties shared by every approval (issue 14): a staff code
// created or promoted within SEASONING_DAYS may not approve or witness (one
// manager once made stand-in codes to carry a document through the
// destruction chain alone). Refused with the date from which it may.
import { RuleRefused } from '../errors.js';
import { seasoningLeft, SEASONING_DAYS } from '../domain/people.js';
import { localDate } from '../domain/time.js';
import { staffRoleSince } from '../store/people.js';
import type { Ctx } from './context.js';

export function requireSeasoned(ctx: Ctx, code: string, as: 'approve' | 'witness'): void {
  const since = staffRoleSince(ctx.db, code);
  const left = seasoningLeft(since, ctx.clock.now());
  if (left > 0)
    throw new RuleRefused(
      'err.duty_too_new',
      { code, as: 'action.duty_' + as, days: SEASONING_DAYS, from: localDate(since! + SEASONING_DAYS * 86_400_000, ctx.tz) },
      'fix.duty_too_new',
    );
}
