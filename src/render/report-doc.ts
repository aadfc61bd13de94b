// A report as a list of neutral blocks (headings, tables, a chart), already
// translated. The terminal, Markdown and HTML renderers only lay them out, so
// every format says the same thing.
import type { ReportData } from '../app/report/build.js';
import type { Coverage, ModuleSection } from '../app/report/modules.js';
import type { Tally } from '../app/report/complaints.js';
import { pctText, type Interval, type Rate } from '../domain/rates.js';
import { formatLocal, localDate } from '../domain/time.js';
import { formatSpan } from '../domain/duration.js';
import { overdueDetailText } from './format.js';

export type Tone = 'good' | 'bad' | 'muted' | 'warn';
export type Cell = string | { text: string; tone: Tone };

/**
 * A report is a summary: its overdue section lists the most overdue items and
 * says how many more there are (`pmctl overdue` lists them all; the report's
 * JSON keeps every one).
 */
export const REPORT_OVERDUE_ROWS = 20;

export type Block =
  | { type: 'title'; text: string; sub: string[] }
  | { type: 'h'; text: string }
  | { type: 'p'; text: string; tone?: Tone }
  | { type: 'table'; head: string[]; rows: Cell[][]; right?: number[]; empty: string }
  | { type: 'chart'; caption: string; points: { label: string; value: number }[]; current: number }
  | { type: 'lines'; label: string; n: number }
  /** the 审阅/签字 block: prepared by, reviewed by, date — blank lines to sign on paper */
  | { type: 'signoff'; title: string; fields: string[] };

export type Tr = (key: string, params?: Record<string, string | number>) => string;

/** A code (category, clock, channel…) in the reader's language. */
export function codeText(t: Tr, code: string, scope?: string): string {
  // A scope first: the same code means different things in different modules
  // (a complaint `accepted` by the department, a handover `accepted` by the taker).
  for (const k of [...(scope ? [`enum.report.${scope}.${code}`] : []), 'enum.' + code, 'enum.report.' + code]) {
    const s = t(k);
    if (s !== k) return s;
  }
  return code;
}

export function cellText(c: Cell): string {
  return typeof c === 'string' ? c : c.text;
}

/**
 * A rate's source in words a supervisor can look up: `[002] 2.6` →
 * 《物业客服管理方案》§2.6. The seed ids map to the documents' titles in the
 * catalogue (`source.002`); a clause with its own title (`[003] 篇4`, a
 * document of its own inside the collection) has `source.003.篇4`. An id the
 * catalogue does not know stays as it is.
 */
export function sourceText(t: Tr, source: string): string {
  const m = /^\[(\d{3})\]\s*(.*)$/.exec(source.trim());
  if (!m) return source;
  const [, id, clause] = m;
  if (clause) {
    const own = t(`source.${id}.${clause}`);
    if (own !== `source.${id}.${clause}`) return own;
  }
  const title = t('source.' + id);
  if (title === 'source.' + id) return source;
  return clause ? `${title}§${clause.replace(/^§/, '')}` : title;
}

/** num/den, and the 95 % interval while den is under 20: `2/3（95%区间 21%–94%）`. */
export function basisText(t: Tr, num: number, den: number, ci: Interval | null): string {
  const base = `${num}/${den}`;
  return ci ? t('msg.report_basis_ci', { basis: base, low: pctText(ci.low), high: pctText(ci.high) }) : base;
}

function targetText(r: Rate): string {
  const p = pctText(r.target);
  return r.cmp === '<' ? '< ' + p : r.cmp === '<=' ? '≤ ' + p : r.target === 1 ? p : '≥ ' + p;
}

function resultCell(t: Tr, r: Rate): Cell {
  if (r.met === null) return { text: '— ' + t('msg.report_nothing_due'), tone: 'muted' };
  return r.met ? { text: '✓ ' + t('msg.report_met'), tone: 'good' } : { text: '✗ ' + t('msg.report_missed'), tone: 'bad' };
}

function tallyTable(t: Tr, head: string, by: Record<string, Tally>): Block {
  return {
    type: 'table',
    head: [head, t('col.report_received'), t('col.report_valid'), t('col.report_closed'), t('col.report_open')],
    rows: Object.entries(by).map(([k, v]) => [
      k === 'none' ? t('msg.report_none') : codeText(t, k),
      String(v.received),
      String(v.valid),
      String(v.closed),
      String(v.open),
    ]),
    right: [1, 2, 3, 4],
    empty: t('msg.report_empty'),
  };
}

function moduleBlocks(t: Tr, title: string, s: ModuleSection, statusHead?: string, scope?: string): Block[] {
  const out: Block[] = [{ type: 'h', text: title }];
  if (s.missing_tables.length) out.push({ type: 'p', text: t('msg.report_not_recorded', { tables: s.missing_tables.join(', ') }), tone: 'muted' });
  const rows = Object.entries(s.metrics).map(([k, v]) => [t('col.report_m_' + k), v === null ? '—' : String(v)]);
  if (rows.length) out.push({ type: 'table', head: [t('col.report_item'), t('col.report_count')], rows, right: [1], empty: '' });
  if (s.by_status && Object.keys(s.by_status).length)
    out.push({
      type: 'table',
      head: [statusHead ?? t('col.report_status'), t('col.report_count')],
      rows: Object.entries(s.by_status).map(([k, v]) => [codeText(t, k, scope), String(v)]),
      right: [1],
      empty: '',
    });
  return out;
}

/**
 * A coverage figure in one line: `交接班覆盖率: 95%（57/60），自 2026-11-03 08:00 起（首次记录）`.
 * Other modules' report parts (patrols, visits) call it with their own label.
 */
export function coverageText(t: Tr, label: string, c: Coverage, tz: string): string {
  return t('msg.report_coverage_v2', {
    label,
    pct: pctText(c.value),
    basis: basisText(t, c.num, c.den, c.ci),
    since: c.basis === 'period' ? '' : t('msg.report_coverage_since_' + c.basis, { at: formatLocal(c.since, tz) }),
  });
}

/**
 * The report's blocks, in order: title, rates, complaints, the quarter's
 * analysis, the other modules, what is overdue now and the sign-off.
 */
export function reportBlocks(r: ReportData, t: Tr): Block[] {
  return [...titleBlocks(r, t), ...rateBlocks(r, t), ...complaintBlocks(r, t), ...analysisBlocks(r, t), ...moduleSections(r, t), ...overdueBlocks(r, t)];
}

/** The title: the report, the site, the period and when it was read. */
function titleBlocks(r: ReportData, t: Tr): Block[] {
  const tz = r.tz;
  const b: Block[] = [];
  b.push({
    type: 'title',
    text: t('title.report_' + r.kind) + (r.site ? ` · ${r.site}` : ''),
    sub: [
      t(r.kind === 'range' ? 'msg.report_period_range' : 'msg.report_period_line', {
        label: r.period.label,
        since: formatLocal(r.period.since, tz),
        until: formatLocal(r.period.until, tz),
      }),
      t('msg.report_asof_line', { asof: formatLocal(r.as_of, tz), at: formatLocal(r.generated_at, tz) }),
    ],
  });
  return b;
}

/** The standard's rates against their targets, with their basis and source. */
function rateBlocks(r: ReportData, t: Tr): Block[] {
  const tz = r.tz;
  const b: Block[] = [];
  b.push({ type: 'h', text: t('title.report_h_rates') });
  b.push({
    type: 'table',
    head: [t('col.report_rate'), t('col.report_value'), t('col.report_target'), t('col.report_result'), t('col.report_basis'), t('col.report_source')],
    rows: r.rates.map((x) => [
      t('col.rate_' + x.name),
      pctText(x.value),
      targetText(x),
      resultCell(t, x),
      x.name === 'valid_complaint_rate' ? t('msg.report_basis_12m', { n: x.numerator, units: x.denominator }) : basisText(t, x.numerator, x.denominator, x.ci),
      sourceText(t, x.source),
    ]),
    right: [1, 2],
    empty: '',
  });
  b.push({
    type: 'p',
    text: t('msg.report_rates_note_v2', {
      since: localDate(r.valid_rate_window.since, tz),
      until: localDate(r.valid_rate_window.until, tz),
    }),
    tone: 'muted',
  });
  return b;
}

/** Complaints: the counts, the clocks, the tallies, the hot spots and the trend. */
function complaintBlocks(r: ReportData, t: Tr): Block[] {
  const c = r.complaints;
  const b: Block[] = [];
  b.push({ type: 'h', text: t('title.report_h_complaints') });
  b.push({
    type: 'table',
    head: [t('col.report_item'), t('col.report_count')],
    rows: (['received', 'complaints', 'suggestions', 'valid', 'explained', 'unresolvable', 'undecided', 'closed', 'open', 'delayed'] as const).map((k) => [
      t('col.report_c_' + k),
      String(c[k]),
    ]),
    right: [1],
    empty: '',
  });

  b.push({ type: 'h', text: t('title.report_h_clocks') });
  b.push({
    type: 'table',
    head: [t('col.report_clock'), t('col.report_met'), t('col.report_breached'), t('col.report_overdue'), t('col.report_pending')],
    rows: Object.entries(r.clocks)
      .filter(([, v]) => v.met + v.breached + v.overdue + v.pending > 0)
      .map(([k, v]) => [
        codeText(t, k),
        String(v.met),
        v.breached ? { text: String(v.breached), tone: 'warn' } : '0',
        v.overdue ? { text: String(v.overdue), tone: 'bad' } : '0',
        String(v.pending),
      ]),
    right: [1, 2, 3, 4],
    empty: t('msg.report_no_clocks'),
  });

  b.push({ type: 'h', text: t('title.report_h_by_category') }, tallyTable(t, t('col.report_category'), c.by_category));
  b.push({ type: 'h', text: t('title.report_h_by_severity') }, tallyTable(t, t('col.report_severity'), c.by_severity));
  b.push({ type: 'h', text: t('title.report_h_by_channel') }, tallyTable(t, t('col.report_channel'), c.by_channel));
  b.push({ type: 'h', text: t('title.report_h_by_dept') }, tallyTable(t, t('col.report_dept'), c.by_dept));

  b.push({ type: 'h', text: t('title.report_h_hot_spots') });
  b.push({
    type: 'table',
    head: [t('col.report_unit'), t('col.report_count'), t('col.report_categories')],
    rows: r.hot_units.map((u) => [u.unit, String(u.count), u.categories.map((x) => codeText(t, x)).join(', ')]),
    right: [1],
    empty: t('msg.report_no_hot_units'),
  });
  b.push({
    type: 'table',
    head: [t('col.report_category'), t('col.report_count'), t('col.report_share')],
    rows: r.hot_categories.map((x) => [codeText(t, x.category), String(x.count), pctText(x.share)]),
    right: [1, 2],
    empty: t('msg.report_empty'),
  });

  b.push({ type: 'h', text: t('title.report_h_trend') });
  b.push({
    type: 'chart',
    caption: t('msg.report_trend_caption', { n: r.trend.length }),
    points: r.trend.map((p) => ({ label: p.label, value: p.received })),
    current: r.trend.length - 1,
  });
  return b;
}

/** A quarter's analysis of the top categories (when the report has one). */
function analysisBlocks(r: ReportData, t: Tr): Block[] {
  const b: Block[] = [];
  if (r.analysis) {
    const a = r.analysis;
    b.push({ type: 'h', text: t('title.report_h_analysis') });
    b.push({ type: 'p', text: t('msg.report_analysis_intro', { n: a.complaints, prev: a.previous_quarter }) });
    if (!a.top.length) b.push({ type: 'p', text: t('msg.report_empty'), tone: 'muted' });
    a.top.forEach((x, i) => {
      b.push({ type: 'h', text: `${i + 1}. ${codeText(t, x.category)} — ${x.received} (${pctText(x.share)})` });
      const change = x.received - x.previous_quarter;
      b.push({
        type: 'table',
        head: [...x.by_month.map((m) => m.label), t('col.report_quarter'), t('col.report_previous_quarter'), t('col.report_change')],
        rows: [[...x.by_month.map((m) => String(m.received)), String(x.received), String(x.previous_quarter), (change > 0 ? '+' : '') + change]],
        right: [0, 1, 2, 3, 4, 5],
        empty: '',
      });
      b.push({
        type: 'table',
        head: [t('col.report_finding'), t('col.report_count')],
        rows: (['valid', 'explained', 'resolve_late', 'unsatisfied', 'repeat_units'] as const).map((k) => [t('col.report_f_' + k), String(x[k])]),
        right: [1],
        empty: '',
      });
      b.push({
        type: 'table',
        head: [t('col.report_cause'), t('col.report_count')],
        rows: x.causes.map((cs) => [cs.cause, String(cs.count)]),
        right: [1],
        empty: t('msg.report_no_causes'),
      });
      b.push({ type: 'lines', label: t('msg.report_improvement'), n: 3 });
    });
  }
  return b;
}

/** Keys, archives, handovers, requests, meetings, patrols and renovation. */
function moduleSections(r: ReportData, t: Tr): Block[] {
  const tz = r.tz;
  const b: Block[] = [];
  b.push(...moduleBlocks(t, t('title.report_h_keys'), r.keys));
  const arch = moduleBlocks(t, t('title.report_h_archives'), r.archives, t('col.report_destruction_status'));
  if (r.archives.site_complete_pct != null)
    arch.splice(1, 0, {
      type: 'p',
      text:
        t('msg.report_site_complete', { pct: r.archives.site_complete_pct + '%' }) +
        (r.archives.metrics.documents_required != null
          ? t('msg.report_basis_suffix', { basis: basisText(t, r.archives.metrics.documents_present ?? 0, r.archives.metrics.documents_required, null) })
          : ''),
    });
  b.push(...arch);
  const ho = moduleBlocks(t, t('title.report_h_handovers'), r.handovers, undefined, 'handover');
  const cov = r.handovers.coverage;
  if (cov) ho.splice(1, 0, { type: 'p', text: coverageText(t, t('msg.report_coverage_label_handover'), cov, tz) });
  b.push(...ho);
  if (r.requests) {
    b.push(...moduleBlocks(t, t('title.report_requests'), r.requests));
    const cl = Object.entries(r.requests.clocks).filter(([, v]) => v.met + v.breached + v.overdue + v.pending > 0);
    if (cl.length)
      b.push({
        type: 'table',
        head: [t('col.report_clock'), t('col.report_met'), t('col.report_breached'), t('col.report_overdue'), t('col.report_pending')],
        rows: cl.map(([k, v]) => [codeText(t, k), String(v.met), String(v.breached), String(v.overdue), String(v.pending)]),
        right: [1, 2, 3, 4],
        empty: '',
      });
    if (r.requests.by_assignee.length)
      b.push(
        { type: 'h', text: t('title.report_request_staff') },
        {
          type: 'table',
          head: [t('col.report_staff'), t('col.report_count'), t('col.report_r_done_due'), t('col.report_r_done_met')],
          rows: r.requests.by_assignee.map((p) => [`${p.name ?? ''}（${p.staff}）`, String(p.assigned), String(p.done_due), String(p.done_met)]),
          right: [1, 2, 3],
          empty: '',
        },
      );
  }
  b.push(...moduleBlocks(t, t('title.report_h_meetings'), r.meetings, t('col.report_meeting_type')));
  if (r.meetings.attendance && Object.keys(r.meetings.attendance).length)
    b.push({
      type: 'table',
      head: [t('col.report_attendance'), t('col.report_count')],
      rows: Object.entries(r.meetings.attendance).map(([k, v]) => [codeText(t, k), String(v)]),
      right: [1],
      empty: '',
    });
  if (r.meetings.fines)
    b.push({
      type: 'table',
      head: [t('col.report_staff'), t('col.report_fines_count'), t('col.report_fines_total')],
      rows: r.meetings.fines.map((f) => [`${f.staff} ${f.name ?? ''}`.trim(), String(f.count), String(f.total_yuan)]),
      right: [1, 2],
      empty: t('msg.report_no_fines'),
    });

  if (r.patrols) {
    b.push(...moduleBlocks(t, t('title.report_h_patrols'), r.patrols));
    if (r.patrols.contractor_scores.length)
      b.push({
        type: 'table',
        head: [t('title.report_contractor_scores'), ...(['cleaning', 'greening', 'pest'] as const).map((k) => codeText(t, k))],
        rows: r.patrols.contractor_scores.map((m) => [
          m.month,
          ...(['cleaning', 'greening', 'pest'] as const).map((k) => (m.scores[k] === null ? '—' : String(m.scores[k]))),
        ]),
        right: [1, 2, 3],
        empty: '',
      });
  }
  if (r.renovation) b.push(...moduleBlocks(t, t('title.report_h_renovation'), r.renovation));
  return b;
}

/** What is overdue when the report was made, and the sign-off lines. */
function overdueBlocks(r: ReportData, t: Tr): Block[] {
  const tz = r.tz;
  const b: Block[] = [];
  b.push({ type: 'h', text: t('title.report_h_overdue', { at: formatLocal(r.generated_at, tz) }) });
  b.push({
    type: 'table',
    head: [t('col.report_module'), t('col.report_id'), t('col.report_subject'), t('col.report_what'), t('col.report_due'), t('col.report_late')],
    rows: r.overdue
      .slice(0, REPORT_OVERDUE_ROWS)
      .map((i) => [
        codeText(t, 'module_' + i.module),
        i.id,
        overdueDetailText(i) ?? '',
        codeText(t, i.what),
        formatLocal(i.due_at, tz),
        { text: formatSpan(i.overdue_minutes * 60_000), tone: 'bad' },
      ]),
    empty: t('msg.report_no_overdue'),
  });
  if (r.overdue.length > REPORT_OVERDUE_ROWS)
    b.push({ type: 'p', text: t('msg.report_overdue_more', { n: r.overdue.length - REPORT_OVERDUE_ROWS }), tone: 'muted' });
  b.push({
    type: 'signoff',
    title: t('title.report_signoff'),
    fields: [t('col.report_prepared_by'), t('col.report_reviewed_by'), t('col.report_signed_date')].map((f) => t('msg.report_sign_field', { field: f })),
  });
  return b;
}
