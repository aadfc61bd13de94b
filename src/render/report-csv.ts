// The report as ONE long CSV table, so Excel filters and pivots it and any CSV
// parser reads it with one header:
//
//   section,item,measure,value,target,met,label
//
// `section` names the part of the report (period, rates, complaints,
// by_category, by_severity, by_channel, by_dept, clocks, hot_units,
// hot_categories, trend, analysis, keys, archives, handovers, meetings,
// overdue); `item` the thing counted (a rate, a category code, a clock, a
// unit…); `measure` what is counted; `value` the number (fractions for rates
// and shares, 0.95 for 95 %); `target` and `met` only on rate values; `label`
// the item in the reader's language. Codes stay English. Cells go through
// csvOf (formula-injection guard); the file gets a UTF-8 BOM when written
// with --out.
import { csvOf } from './csv.js';
import { codeText, type Tr } from './report-doc.js';
import type { ReportData } from '../app/report/build.js';
import type { ModuleSection } from '../app/report/modules.js';
import type { Tally } from '../app/report/complaints.js';
import { formatIso } from '../domain/time.js';
import type { Column, RenderOpts, Row } from './view.js';

export const REPORT_CSV_COLUMNS = ['section', 'item', 'measure', 'value', 'target', 'met', 'label'] as const;

export function reportCsvRows(r: ReportData, t: Tr): Row[] {
  const rows: Row[] = [];
  const add = (section: string, item: string, measure: string, value: unknown, label = '', extra: Partial<Row> = {}) =>
    rows.push({ section, item, measure, value: value ?? '', target: '', met: '', label, ...extra });
  const iso = (ms: number) => formatIso(ms, r.tz);

  add('period', 'report', 'kind', r.kind, t('title.report_' + r.kind));
  add('period', 'since', 'time', iso(r.period.since));
  add('period', 'until', 'time', iso(r.period.until));
  add('period', 'label', 'text', r.period.label);
  add('period', 'as_of', 'time', iso(r.as_of));
  add('period', 'generated_at', 'time', iso(r.generated_at));

  for (const x of r.rates) {
    const label = t('col.rate_' + x.name);
    add('rates', x.name, 'value', x.value, label, { target: x.target, met: x.met === null ? '' : String(x.met) });
    add('rates', x.name, 'numerator', x.numerator, label);
    add('rates', x.name, 'denominator', x.denominator, label);
  }
  for (const k of ['received', 'complaints', 'suggestions', 'valid', 'explained', 'unresolvable', 'undecided', 'closed', 'open', 'delayed'] as const)
    add('complaints', k, 'count', r.complaints[k], t('col.report_c_' + k));
  const tally = (section: string, by: Record<string, Tally>) => {
    for (const [k, v] of Object.entries(by))
      for (const m of ['received', 'valid', 'explained', 'closed', 'open'] as const) add(section, k, m, v[m], codeText(t, k));
  };
  tally('by_category', r.complaints.by_category);
  tally('by_severity', r.complaints.by_severity);
  tally('by_channel', r.complaints.by_channel);
  tally('by_dept', r.complaints.by_dept);
  for (const [k, v] of Object.entries(r.clocks))
    for (const m of ['met', 'breached', 'overdue', 'pending'] as const) add('clocks', k, m, v[m], codeText(t, k));
  for (const u of r.hot_units) add('hot_units', u.unit, 'count', u.count, u.categories.join(';'));
  for (const c of r.hot_categories) {
    add('hot_categories', c.category, 'count', c.count, codeText(t, c.category));
    add('hot_categories', c.category, 'share', c.share, codeText(t, c.category));
  }
  for (const p of r.trend) add('trend', p.label, 'received', p.received, iso(p.since));
  if (r.analysis)
    for (const a of r.analysis.top) {
      const label = codeText(t, a.category);
      add('analysis', a.category, 'received', a.received, label);
      add('analysis', a.category, 'share', a.share, label);
      for (const m of a.by_month) add('analysis', a.category, 'month:' + m.label, m.received, label);
      add('analysis', a.category, 'previous_quarter', a.previous_quarter, label);
      for (const m of ['valid', 'explained', 'resolve_late', 'unsatisfied', 'repeat_units'] as const) add('analysis', a.category, m, a[m], label);
      for (const c of a.causes) add('analysis', a.category, 'cause', c.count, c.cause);
    }
  const mod = (section: string, s: ModuleSection) => {
    add(section, 'available', 'flag', String(s.available), s.missing_tables.join(';'));
    for (const [k, v] of Object.entries(s.metrics)) add(section, k, 'count', v, t('col.report_m_' + k));
    for (const [k, v] of Object.entries(s.by_status ?? {})) add(section, k, 'by_status', v, codeText(t, k));
  };
  mod('keys', r.keys);
  mod('archives', r.archives);
  if (r.archives.site_complete_pct != null) add('archives', 'site_complete_pct', 'percent', r.archives.site_complete_pct, t('col.report_m_site_complete_pct'));
  mod('handovers', r.handovers);
  mod('meetings', r.meetings);
  for (const [k, v] of Object.entries(r.meetings.attendance ?? {})) add('meetings', k, 'attendance', v, codeText(t, k));
  for (const f of r.meetings.fines ?? []) {
    add('meetings', f.staff, 'fines_yuan', f.total_yuan, f.name ?? '');
    add('meetings', f.staff, 'fines_count', f.count, f.name ?? '');
  }
  for (const i of r.overdue) add('overdue', `${i.module}:${i.id}`, i.what, i.overdue_minutes, iso(i.due_at));
  return rows;
}

export function renderReportCsv(r: ReportData, o: RenderOpts): string {
  const cols: Column[] = REPORT_CSV_COLUMNS.map((k) => ({ key: k, label: k }));
  return csvOf(cols, reportCsvRows(r, o.t), o);
}
