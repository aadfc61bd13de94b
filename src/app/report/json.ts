// The report as `--json` prints it (SPEC §10): period {since, until},
// complaints {received, closed, open, by_category}, clocks {<clock>: {met,
// breached, overdue}}, rates {<rate>: {value, target, met}}, and more.
import { formatIso } from '../../domain/time.js';
import type { ReportData } from './build.js';
import type { ModuleSection } from './modules.js';

/** A section with its coverage as JSON: value, num, den, ci95, since (ISO), basis. */
function withCoverage(s: ModuleSection, iso: (ms: number) => string): Record<string, unknown> {
  if (!s.coverage) return { ...s };
  const c = s.coverage;
  return { ...s, coverage: { value: c.value, num: c.num, den: c.den, ci95: c.ci ? [c.ci.low, c.ci.high] : null, since: iso(c.since), basis: c.basis } };
}

export function reportJson(r: ReportData): Record<string, unknown> {
  const iso = (ms: number) => formatIso(ms, r.tz);
  const json: Record<string, unknown> = {
    report: r.kind,
    site: r.site,
    generated_at: iso(r.generated_at),
    as_of: iso(r.as_of),
    period: { since: iso(r.period.since), until: iso(r.period.until), label: r.period.label, days: r.period.days },
    complaints: r.complaints,
    clocks: r.clocks,
    rates: Object.fromEntries(
      r.rates.map((x) => [
        x.name,
        {
          value: x.value,
          target: x.target,
          met: x.met,
          num: x.numerator,
          den: x.denominator,
          // 95 % Wilson interval, only while den < 20 (null otherwise)
          ci95: x.ci ? [x.ci.low, x.ci.high] : null,
          comparison: x.cmp,
          numerator: x.numerator,
          denominator: x.denominator,
          source: x.source,
          ...(x.name === 'valid_complaint_rate' ? { counted_since: iso(r.valid_rate_window.since), counted_until: iso(r.valid_rate_window.until) } : {}),
        },
      ]),
    ),
    occupied_units: r.occupied_units,
    hot_spots: { units: r.hot_units, categories: r.hot_categories },
    trend: r.trend.map((p) => ({ label: p.label, since: iso(p.since), until: iso(p.until), received: p.received })),
    keys: r.keys,
    archives: r.archives,
    handovers: withCoverage(r.handovers, iso),
    meetings: r.meetings,
    ...(r.patrols ? { patrols: r.patrols } : {}),
    renovation: r.renovation,
    requests: r.requests,
    overdue: r.overdue.map((i) => ({
      module: i.module,
      id: i.id,
      what: i.what,
      due_at: iso(i.due_at),
      overdue_minutes: i.overdue_minutes,
      ...(i.detail !== undefined ? { detail: i.detail } : {}),
    })),
  };
  if (r.analysis) json.analysis = r.analysis;
  return json;
}
