// A report as CSV is the rates table for people (SPEC §8 v2): one row per rate
// of the standard (and per coverage figure), in the reader's language, with
// percent text (66.7%, not 0.6666666666666666), numerator, denominator, the
// 95 % interval under 20, and the source by title. Written with --out it gets
// a UTF-8 BOM (io.writeFile), so Excel on Chinese Windows opens it as is.
// Scripts that want the figures read `--json` (SPEC §10 names).
import { sourceText, type Tr } from './report-doc.js';
import { pctText, type Rate } from '../domain/rates.js';
import type { ReportData } from '../app/report/build.js';
import type { Column, Row } from './view.js';
import { formatLocal } from '../domain/time.js';

/** The table's headings (message keys), in order. */
export const REPORT_CSV_HEADINGS = [
  'col.report_rate',
  'col.report_value',
  'col.report_target',
  'col.report_result',
  'col.report_num',
  'col.report_den',
  'col.report_ci95',
  'col.report_source',
] as const;

function targetText(r: Rate): string {
  const p = pctText(r.target);
  return r.cmp === '<' ? '< ' + p : r.target === 1 ? p : '≥ ' + p;
}

function resultText(t: Tr, met: boolean | null): string {
  return met === null ? t('msg.report_nothing_due') : met ? t('msg.report_met') : t('msg.report_missed');
}

/** Headings and rows of the rates table, already in the reader's language (a heading is each row's key). */
export function reportRatesTable(r: ReportData, t: Tr): { columns: Column[]; rows: Row[] } {
  const h = REPORT_CSV_HEADINGS.map((k) => t(k));
  const row = (cells: string[]): Row => Object.fromEntries(h.map((k, i) => [k, cells[i] ?? '']));
  const ci = (x: { low: number; high: number } | null) => (x ? `${pctText(x.low)}–${pctText(x.high)}` : '');
  const rows = r.rates.map((x) =>
    row([
      t('col.rate_' + x.name),
      pctText(x.value),
      targetText(x),
      resultText(t, x.met),
      String(x.numerator),
      String(x.denominator),
      ci(x.ci),
      sourceText(t, x.source),
    ]),
  );
  const cov = r.handovers.coverage;
  if (cov)
    rows.push(
      row([
        t('msg.report_coverage_label_handover') + (cov.basis === 'period' ? '' : t('msg.report_csv_since', { at: formatLocal(cov.since, r.tz) })),
        pctText(cov.value),
        '',
        '',
        String(cov.num),
        String(cov.den),
        ci(cov.ci),
        '',
      ]),
    );
  return { columns: h.map((k) => ({ key: k, label: k })), rows };
}
