// Deadlines (SPEC §3, §11) as every format shows them: the policy tables of
// complaints and service requests, a policy set, and one record's clocks
// explained day by day. Pure: rows in, view data out; durations and events
// are worded for people, JSON keeps the policies as typed (`2wd`, `30m`).
import type { ClockExplanation, PolicyRow } from '../../app/complaint/sla.js';
import type { RequestPolicyRow } from '../../app/request/sla.js';
import { humanDuration } from '../../domain/duration.js';
import { formatIso, formatLocal } from '../../domain/time.js';
import type { Output, RenderOpts } from '../view.js';

/** What a view needs to word a line: the catalogue and the language. */
export type Words = Pick<RenderOpts, 't' | 'lang'>;

type RequestScope = 'repair_minor' | 'repair_urgent' | 'help' | 'enquiry';
type ComplaintScope = 'general' | 'major' | 'emergency' | 'suggestion';

/** `sla show`: the complaint clocks (the table) and the request clocks (a section); `*` marks the site's own policy. */
export function slaShowOutput(w: Words, rows: PolicyRow[], req: RequestPolicyRow[]): Output {
  const rcell = (r: RequestPolicyRow, s: RequestScope) =>
    r[s] === null ? '—' : (r.clock === 'arrive' && s === 'repair_minor' ? w.t('msg.r_sla_window') + ' / ' : '') + r[s] + (r.overridden.includes(s) ? ' *' : '');
  const cell = (r: PolicyRow, s: ComplaintScope) => (r[s] === null ? '—' : humanDuration(r[s]!, w.lang) + (r.overridden.includes(s) ? ' *' : ''));
  return {
    json: [
      ...rows.map((r) => ({
        clock: r.clock,
        general: r.general,
        major: r.major,
        emergency: r.emergency,
        suggestion: r.suggestion,
        overridden: r.overridden,
        source: r.source,
        starts: r.starts,
        stops: r.stops,
      })),
      // Service requests (SPEC §11), scoped by kind and urgency.
      ...req.map((r) => ({
        module: 'request',
        clock: r.clock,
        repair_minor: r.repair_minor,
        repair_urgent: r.repair_urgent,
        help: r.help,
        enquiry: r.enquiry,
        overridden: r.overridden,
        source: r.source,
        starts: r.starts,
        stops: r.stops,
      })),
    ],
    sections: [
      {
        title: 'title.r_sla',
        columns: [
          { key: 'clock', label: 'col.clock', type: 'state' },
          { key: 'starts_t', label: 'col.starts' },
          { key: 'stops_t', label: 'col.stops' },
          { key: 'a', label: 'enum.repair_minor' },
          { key: 'b', label: 'enum.repair_urgent' },
          { key: 'c', label: 'enum.help' },
          { key: 'd', label: 'enum.enquiry' },
          { key: 'source', label: 'col.source' },
        ],
        rows: req.map((r) => ({
          ...r,
          starts_t: w.t('rev.' + r.starts),
          stops_t: w.t('rev.' + r.stops),
          a: rcell(r, 'repair_minor'),
          b: rcell(r, 'repair_urgent'),
          c: rcell(r, 'help'),
          d: rcell(r, 'enquiry'),
        })),
      },
    ],
    table: {
      title: 'title.sla',
      columns: [
        { key: 'clock', label: 'col.clock', type: 'state' },
        { key: 'starts_t', label: 'col.starts' },
        { key: 'stops_t', label: 'col.stops' },
        { key: 'g', label: 'enum.general' },
        { key: 'm', label: 'enum.major' },
        { key: 'e', label: 'enum.emergency' },
        { key: 's', label: 'enum.suggestion' },
        { key: 'source', label: 'col.source' },
      ],
      rows: rows.map((r) => ({
        ...r,
        starts_t: w.t('ev.' + r.starts),
        stops_t: w.t('ev.' + r.stops),
        g: cell(r, 'general'),
        m: cell(r, 'major'),
        e: cell(r, 'emergency'),
        s: cell(r, 'suggestion'),
      })),
    },
    notes: [w.t('msg.sla_legend')],
  };
}

/** A policy set: the clock, the duration and the scopes it now applies to (running clocks keep theirs). */
export function slaSetOutput(w: Words, r: { clock: string; duration: string; scopes: string[] }): Output {
  return {
    json: r,
    record: {
      fields: [
        { key: 'clock', label: 'col.clock', type: 'state' },
        { key: 'duration', label: 'col.policy', type: 'duration' },
        { key: 'scopes', label: 'col.scopes', type: 'list' },
      ],
      row: { ...r },
    },
    notes: [w.t('msg.sla_set_later')],
  };
}

/** One clock as `sla explain` reads it: a complaint's, or a request's (its clock names are its own). */
export type ExplainedClock = Omit<ClockExplanation, 'clock'> & { clock: string };

/** A complaint's (or, `request`, a service request's) clocks: severity is a request's urgency ('' when none). */
export interface Explained {
  subject: { id: string; severity: string; kind: string };
  request: boolean;
  clocks: ExplainedClock[];
}

/** One clock's lines: its policy and start, why it started, each working day counted or skipped, the due time. */
function clockLines(w: Words, c: ExplainedClock, tz: string): string[] {
  const name = w.t('enum.' + c.clock);
  if (c.skipped) return [`• ${name}: ${w.t('msg.sx_skipped')}`];
  if (c.started_at == null) return [`• ${name}: ${w.t('msg.sx_not_started')}`];
  const lines = [`• ${name}: ${w.t('msg.sx_policy', { policy: c.policy ?? '', start: formatLocal(c.started_at, tz) })}`];
  if (c.from_upgrade)
    lines.push('    ' + w.t('msg.sx_from_upgrade', { why: w.t(c.from_upgrade === 'supervisor' ? 'enum.severity_by_supervisor' : 'enum.' + c.from_upgrade) }));
  if (c.developer) lines.push('    ' + w.t('msg.sx_from_developer'));
  if (c.policy === 'fixed') lines.push('    ' + w.t('msg.sx_fixed'));
  if (c.policy === 'delay') lines.push('    ' + w.t('msg.sx_delay'));
  if (c.policy === 'appointment') lines.push('    ' + w.t(c.clock === 'arrive' ? 'msg.r_sx_window' : 'msg.r_sx_day_end'));
  let n = 0;
  for (const d of c.days) {
    if (d.workday) n++;
    const why = w.t('enum.' + d.reason) + (d.name ? ` ${d.name}` : '');
    lines.push('    ' + w.t(d.workday ? 'msg.sx_day_counted' : 'msg.sx_day_skipped', { date: d.date, why, n }));
  }
  if (c.fallback) lines.push('    ' + w.t('warn.calendar_fallback', { year: c.days[0]?.date.slice(0, 4) ?? '' }));
  lines.push(
    '    ' +
      w.t('msg.sx_due', { due: c.due_at != null ? formatLocal(c.due_at, tz) : '—' }) +
      (c.done_at != null ? ' · ' + w.t('msg.sx_done', { done: formatLocal(c.done_at, tz) }) : ''),
  );
  return lines;
}

/** `sla explain ID`: the clocks in words for people, the days counted for scripts. */
export function slaExplainOutput(w: Words, x: Explained, tz: string): Output {
  const s = x.subject;
  const title = x.request
    ? w.t('title.r_sla_explain', { id: s.id, kind: w.t('enum.' + s.kind) + (s.severity ? '·' + w.t('enum.' + s.severity) : '') })
    : w.t('title.sla_explain', { id: s.id, severity: w.t('enum.' + s.severity), kind: w.t('enum.' + s.kind) });
  return {
    json: {
      id: s.id,
      severity: s.severity,
      kind: s.kind,
      clocks: x.clocks.map((c) => ({
        clock: c.clock,
        skipped: c.skipped,
        policy: c.policy,
        started_at: c.started_at == null ? null : formatIso(c.started_at, tz),
        due_at: c.due_at == null ? null : formatIso(c.due_at, tz),
        done_at: c.done_at == null ? null : formatIso(c.done_at, tz),
        days: c.days.map((d) => ({ date: d.date, workday: d.workday, reason: d.reason, name: d.name ?? null })),
        fallback: c.fallback,
        from_upgrade: c.from_upgrade,
        developer: c.developer,
      })),
    },
    text: [title, ...x.clocks.flatMap((c) => clockLines(w, c, tz))].join('\n'),
  };
}
