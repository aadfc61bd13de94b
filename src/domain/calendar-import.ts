// Other official calendar sources, pure text in, official days out: the
// per-year JSON of the holiday-cn project and an ICS calendar whose （班）/(班)
// events are adjusted working days (every other event is a holiday).
import { addDays } from './time.js';
import { dayYear, type NoticeProblem, type OfficialDay, type OfficialSet } from './calendar-notice.js';

export type ParseResult = { ok: true; set: OfficialSet; warnings: NoticeProblem[] } | { ok: false; errors: NoticeProblem[] };

function validIso(s: unknown): s is string {
  if (typeof s !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const t = new Date(s + 'T00:00:00Z');
  return !Number.isNaN(t.getTime()) && t.toISOString().slice(0, 10) === s;
}

function finish(days: OfficialDay[], errors: NoticeProblem[], years?: number[]): ParseResult {
  const byDate = new Map<string, OfficialDay>();
  for (const d of days) {
    const had = byDate.get(d.date);
    if (had && had.type !== d.type) errors.push({ line: 0, key: 'err.notice_both', params: { date: d.date } });
    else if (!had) byDate.set(d.date, d);
  }
  if (!byDate.size && !errors.length) errors.push({ line: 0, key: 'err.calendar_no_days', params: {} });
  if (errors.length) return { ok: false, errors };
  const list = [...byDate.values()].sort((a, b) => (a.date < b.date ? -1 : 1));
  const ys = years ?? [...new Set(list.map(dayYear))].sort((a, b) => a - b);
  return { ok: true, set: { years: ys, days: list.filter((d) => ys.includes(dayYear(d))) }, warnings: [] };
}

/** holiday-cn's `{"year": 2027, "days": [{"name": "元旦", "date": "2027-01-01", "isOffDay": true}]}`. */
export function parseHolidayCn(text: string): ParseResult {
  let j: unknown;
  try {
    j = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    return { ok: false, errors: [{ line: 0, key: 'err.calendar_json', params: { reason: (e as Error).message } }] };
  }
  const o = j as { year?: unknown; days?: unknown };
  if (!o || typeof o !== 'object' || !Number.isInteger(o.year) || !Array.isArray(o.days))
    return { ok: false, errors: [{ line: 0, key: 'err.calendar_json_shape', params: {} }] };
  const errors: NoticeProblem[] = [];
  const days: OfficialDay[] = [];
  o.days.forEach((d: { name?: unknown; date?: unknown; isOffDay?: unknown }, i: number) => {
    if (!d || !validIso(d.date) || typeof d.isOffDay !== 'boolean') {
      errors.push({ line: 0, key: 'err.calendar_json_day', params: { n: i + 1, value: JSON.stringify(d).slice(0, 80) } });
      return;
    }
    days.push({ date: d.date, type: d.isOffDay ? 'holiday' : 'workday', name: typeof d.name === 'string' ? d.name : '' });
  });
  return finish(days, errors, [o.year as number]);
}

const WORK_MARK = /[(（]\s*班\s*[)）]|补班|上班/;
const REST_MARK = /\s*[(（]\s*休\s*[)）]\s*|\s*[(（]\s*班\s*[)）]\s*/g;

function icsDate(v: string | undefined): string | undefined {
  const m = v && /(\d{4})(\d{2})(\d{2})/.exec(v);
  if (!m) return undefined;
  const s = `${m[1]}-${m[2]}-${m[3]}`;
  return validIso(s) ? s : undefined;
}

/** An iCalendar file: all-day events, （班）/(班) events are working days, the others holidays. */
export function parseIcs(text: string): ParseResult {
  const lines = text
    .replace(/^\uFEFF/, '')
    .replace(/\r?\n[ \t]/g, '')
    .split(/\r?\n/);
  if (!lines.some((l) => l.trim().toUpperCase() === 'BEGIN:VCALENDAR')) return { ok: false, errors: [{ line: 0, key: 'err.calendar_ics', params: {} }] };
  const errors: NoticeProblem[] = [];
  const days: OfficialDay[] = [];
  let ev: Record<string, string> | undefined;
  let evLine = 0;
  lines.forEach((l, i) => {
    const t = l.trim();
    if (t.toUpperCase() === 'BEGIN:VEVENT') {
      ev = {};
      evLine = i + 1;
      return;
    }
    if (!ev) return;
    if (t.toUpperCase() === 'END:VEVENT') {
      const from = icsDate(ev.DTSTART);
      const summary = (ev.SUMMARY ?? '').replace(/\\,/g, ',').replace(/\\n/gi, ' ').trim();
      if (!from) errors.push({ line: evLine, key: 'err.calendar_ics_event', params: { summary: summary || '?' } });
      else {
        // DTEND of an all-day event is exclusive; none means one day.
        const end = icsDate(ev.DTEND);
        const until = end && end > from ? end : addDays(from, 1);
        const type = WORK_MARK.test(summary) ? 'workday' : 'holiday';
        const name =
          summary
            .replace(REST_MARK, '')
            .replace(/补班|上班|放假|休$/g, '')
            .trim() || summary;
        for (let d = from, n = 0; d < until && n < 60; d = addDays(d, 1), n++) days.push({ date: d, type, name });
      }
      ev = undefined;
      return;
    }
    const m = /^([A-Z-]+)(?:;[^:]*)?:(.*)$/i.exec(t);
    if (m) ev[m[1].toUpperCase()] = m[2];
  });
  return finish(days, errors);
}
