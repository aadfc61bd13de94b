// The company roll-up as every format shows it (SPEC §10: {period, sites:
// [{site, bundle_at, stale, rates, counts}], total: {rates, counts}}, each
// rate as in a report plus num, den and, per site, its rank).
import type { RollupResult, SiteRow } from '../../app/rollup/rollup.js';
import type { Rate } from '../../domain/rates.js';
import { pctText } from '../../domain/rates.js';
import { formatIso } from '../../domain/time.js';
import type { Column, Output, Row, Section } from '../view.js';

type Tr = (k: string, p?: Record<string, string | number>) => string;

function rateJson(r: Rate & { rank?: number | null }) {
  return {
    value: r.value,
    target: r.target,
    met: r.met,
    num: r.numerator,
    den: r.denominator,
    comparison: r.cmp,
    ...(r.rank !== undefined ? { rank: r.rank } : {}),
  };
}

export function rollupJson(r: RollupResult) {
  const iso = (ms: number, tz = r.tz) => formatIso(ms, tz);
  return {
    period: { since: iso(r.period.since), until: iso(r.period.until), label: r.period.label },
    sites: r.sites.map((s: SiteRow) => ({
      site: s.site,
      code: s.code,
      file: s.file,
      bundle_at: iso(s.bundle_at, s.timezone),
      stale: s.stale,
      redacted: s.redacted,
      rates: Object.fromEntries(s.rates.map((x) => [x.name, rateJson(x)])),
      counts: s.counts,
    })),
    total: { rates: Object.fromEntries(r.total.rates.map((x) => [x.name, rateJson(x)])), counts: r.total.counts },
    skipped: r.skipped.map((k) => ({ file: k.file, site: k.site ?? null, code: k.code ?? null, ...k.why })),
  };
}

function skipRow(t: Tr) {
  return (k: RollupResult['skipped'][number]): Row => ({
    file: k.file,
    site: [k.site, k.code && `(${k.code})`].filter(Boolean).join(' ') || '—',
    why: t('rollup.skip.' + k.why.problem, k.why),
  });
}

/** "93.3% #1": the value and the site's rank on it (no rank: no value). */
function cell(r: (Rate & { rank: number | null }) | undefined): string {
  if (!r || r.value === null) return '—';
  return `${pctText(r.value)} #${r.rank}`;
}

export function rollupOutput(r: RollupResult, t: Tr): Output {
  const names = r.total.rates.map((x) => x.name);
  const siteCols: Column[] = [
    { key: 'site', label: 'col.site' },
    { key: 'code', label: 'col.site_code' },
    { key: 'bundle_at', label: 'col.bundle_at', type: 'time' },
    { key: 'stale', label: 'col.stale', type: 'bool' },
    { key: 'received', label: 'col.complaints_received', type: 'number' },
    ...names.map((n) => ({ key: n, label: 'col.rate_' + n })),
  ];
  const siteRows: Row[] = r.sites.map((s) => ({
    site: s.site,
    code: s.code,
    bundle_at: s.bundle_at,
    stale: s.stale,
    received: s.counts.complaints_received ?? 0,
    ...Object.fromEntries(names.map((n) => [n, cell(s.rates.find((x) => x.name === n))])),
  }));
  const totalRows: Row[] = r.total.rates.map((x) => ({
    rate: t('col.rate_' + x.name),
    num: x.numerator,
    den: x.denominator,
    value: pctText(x.value),
    target: (x.cmp === '<' ? '< ' : x.cmp === '<=' ? '≤ ' : '≥ ') + pctText(x.target),
    met: x.met === null ? '—' : t(x.met ? 'msg.rate_met' : 'msg.rate_missed'),
  }));
  const sections: Section[] = [
    {
      title: 'title.rollup_total',
      columns: [
        { key: 'rate', label: 'col.rate' },
        { key: 'num', label: 'col.num', type: 'number' },
        { key: 'den', label: 'col.den', type: 'number' },
        { key: 'value', label: 'col.value' },
        { key: 'target', label: 'col.target' },
        { key: 'met', label: 'col.met' },
      ],
      rows: totalRows,
    },
  ];
  if (r.skipped.length)
    sections.push({
      title: 'title.rollup_skipped',
      columns: [
        { key: 'file', label: 'col.file' },
        { key: 'site', label: 'col.site' },
        { key: 'why', label: 'col.skip_reason' },
      ],
      rows: r.skipped.map(skipRow(t)),
    });
  return {
    json: rollupJson(r),
    table: { title: 'title.rollup_sites', columns: siteCols, rows: siteRows, empty: 'msg.rollup_no_sites' },
    sections,
    notes: [t('msg.rollup_note', { period: r.period.label || '', sites: r.sites.length })],
  };
}
