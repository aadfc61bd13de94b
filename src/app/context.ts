// What every use case gets: the database, the clock, the site's time zone and
// calendar, and the acting staff member.
import { RuleRefused, UsageError, NotFound } from '../errors.js';
import type { WorkCalendar } from '../domain/calendar.js';
import { roleAtLeast, type Role } from '../domain/people.js';
import { localDate, parseTime } from '../domain/time.js';
import type { DB } from '../store/db.js';
import { appendAudit, getMeta } from '../store/common.js';
import { loadCalendar } from '../store/calendar.js';
import { rosterHasStaff, staffByCode } from '../store/people.js';

export interface Actor {
  code: string;
  name: string;
  role: Role;
  department: string;
}

export interface Clock {
  now(): number;
}

export interface Ctx {
  db: DB;
  clock: Clock;
  tz: string;
  site: string;
  /** null while the roster is empty (bootstrap) or for read-only commands without --as */
  actor: Actor | null;
  calendar(): WorkCalendar;
  /** set by the CLI when --reveal was given, so use cases can audit it */
  reveal?: boolean;
  /**
   * Reads a typed choice (an imported cell) into its English code through the
   * one alias table per choice, with every word pmctl prints (set by the CLI,
   * which owns the catalogue); undefined when the word is unknown.
   */
  choice?: (name: import('../domain/choices.js').ChoiceName, text: string) => string | undefined;
}

export const DEFAULT_TZ = 'Asia/Shanghai';

export function siteTimezone(db: DB): string {
  return getMeta(db, 'timezone') ?? DEFAULT_TZ;
}

export function rosterEmpty(db: DB): boolean {
  return !rosterHasStaff(db);
}

/**
 * The one staff lookup every module uses: unknown code → exit 3, deactivated → exit 4.
 * (Approvers, witnesses, handlers and attendees go through it as the actor does.)
 * `typed` is the code as the user gave it, for the messages, when the caller
 * looked it up otherwise (keys take `e002` for E002; the complaint steps look
 * a code up without its surrounding blanks and quote it as typed).
 */
export function requireActiveStaff(db: DB, code: string, typed = code): Actor {
  const row = staffByCode(db, code);
  if (!row) throw new NotFound('err.staff_not_found', { code: typed }, 'fix.staff_list');
  if (!row.active) throw new RuleRefused('err.staff_inactive', { code: typed }, 'fix.staff_active');
  return { code: row.code, name: row.name, role: row.role as Actor['role'], department: row.department };
}

export const findActor = requireActiveStaff;

export function makeCtx(db: DB, opts: { now: number | (() => number); actor?: Actor | null; tz?: string }): Ctx {
  let cal: WorkCalendar | undefined;
  const nowFn =
    typeof opts.now === 'number'
      ? (
          (n: number) => () =>
            n
        )(opts.now)
      : opts.now;
  return {
    db,
    clock: { now: nowFn },
    tz: opts.tz ?? siteTimezone(db),
    site: getMeta(db, 'site') ?? '',
    actor: opts.actor ?? null,
    calendar: () => (cal ??= loadCalendar(db)),
  };
}

export interface Permission {
  /** lowest role allowed */
  minRole?: Role;
  /** departments allowed (any role at or above minRole) */
  depts?: string[];
  /** what is being done, a message key for the refusal */
  action: string;
}

/**
 * Every write needs an active actor once the roster has staff, with a role
 * that may do it. While the roster is empty (bootstrap) anything goes.
 */
export function requireWriter(ctx: Ctx, p: Permission): Actor | null {
  if (!ctx.actor) {
    if (rosterEmpty(ctx.db)) return null;
    throw new RuleRefused('err.actor_required', {}, 'fix.actor');
  }
  if (p.minRole && !roleAtLeast(ctx.actor.role, p.minRole))
    throw new RuleRefused(
      'err.role_refused',
      { code: ctx.actor.code, role: 'role.' + ctx.actor.role, need: 'role.' + p.minRole, action: p.action },
      'fix.ask_role',
    );
  if (p.depts && !p.depts.includes(ctx.actor.department))
    throw new RuleRefused(
      'err.dept_refused',
      { code: ctx.actor.code, dept: 'enum.' + ctx.actor.department, need: p.depts.map((d) => 'enum.' + d).join('/'), action: p.action },
      'fix.ask_role',
    );
  return ctx.actor;
}

/**
 * The time of an event: `--at` if given (not in the future, not before the
 * record's previous event), else now.
 */
export function eventTime(ctx: Ctx, at: string | undefined, notBefore?: number | null): number {
  const now = ctx.clock.now();
  if (at === undefined || at === null || at === '') return now;
  const t = parseTime(at, now, ctx.tz);
  if (t > now) throw new UsageError('err.at_future', { at }, 'fix.at_past');
  if (notBefore != null && t < notBefore) throw new UsageError('err.at_before_previous', { at }, 'fix.at_after_previous');
  return t;
}

export function audit(ctx: Ctx, action: string, entity: string | null, before?: unknown, after?: unknown): number {
  return appendAudit(ctx.db, { at: ctx.clock.now(), actor: ctx.actor?.code ?? null, action, entity, before, after });
}

/** YYYYMMDD of an instant in site time, for ids. */
export function idDate(ctx: Ctx, ms: number): string {
  return localDate(ms, ctx.tz).replace(/-/g, '');
}

/** What a module's event row records besides its record, kind and time: who did it, who recorded it, a note, data, when recorded. */
export function eventFields(
  ctx: Ctx,
  e: { by?: string | null; note?: string | null; data?: unknown } = {},
): { by: string | null; actor: string | null; note: string | null; data: string | null; recorded_at: number } {
  return {
    by: e.by ?? ctx.actor?.code ?? null,
    actor: ctx.actor?.code ?? null,
    note: e.note ?? null,
    data: e.data === undefined ? null : JSON.stringify(e.data),
    recorded_at: ctx.clock.now(),
  };
}
