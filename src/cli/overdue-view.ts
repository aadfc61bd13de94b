// The overdue list as every module shows it (overdue, status, demo dashboard).
import type { RankedItem } from '../app/overdue.js';
import { formatIso } from '../domain/time.js';
import type { Output, RenderOpts, Section } from '../render/view.js';
import { overdueDetailText, personText } from '../render/format.js';

/** What people read in the id and detail columns: shifts by name, staff by name (undefined `o`: plain data, for scripts). */
function humanParts(i: RankedItem, o?: Pick<RenderOpts, 't' | 'lang' | 'person'>): { id: string; detail?: string } {
  if (!o) return { id: i.id, detail: i.detail };
  // A month's contractor rating: the contractor by name (2026-11 保洁), not its code.
  if (i.what === 'contractor_rating' && /^\d{4}-\d{2}\/\w+$/.test(i.id)) {
    const [month, who] = i.id.split('/');
    return { id: `${month} ${o.t('enum.' + who)}`, detail: i.detail };
  }
  if (!i.shift && !i.who) return { id: i.id, detail: overdueDetailText(i) };
  const shiftKey = 'hoshift.' + i.shift;
  const shift = i.shift ? (o.t(shiftKey) === shiftKey ? i.shift : o.t(shiftKey)) : '';
  const when = i.shift_date ? `${i.shift_date} ${shift}` : shift;
  const who = i.who ? personText(i.who, o) : '';
  const colon = o.lang === 'zh' ? '：' : ': ';
  const id = i.what === 'no_handover' && i.shift_date ? when : i.id;
  if (i.module === 'handover' && i.what === 'no_handover') return { id, detail: i.detail };
  if (i.module === 'handover') return { id, detail: i.who ? `${when} → ${who}` : `${when}${colon}${i.note ?? ''}` };
  return { id, detail: [who, i.note].filter(Boolean).join(' ') };
}

export function overdueJson(items: RankedItem[], tz: string) {
  return items.map((i) => ({
    module: i.module,
    id: i.id,
    what: i.what,
    due_at: formatIso(i.due_at, tz),
    overdue_minutes: i.overdue_minutes,
    ...(i.severity ? { severity: i.severity } : {}),
    ...(i.detail ? { detail: i.detail } : {}),
  }));
}

export function overdueSection(items: RankedItem[], title = 'title.overdue', o?: Pick<RenderOpts, 't' | 'lang' | 'person'>): Section {
  return {
    title,
    empty: 'msg.nothing_overdue',
    columns: [
      // "还剩 3分" already says due soon: on a narrow terminal the state goes first.
      { key: 'state', label: 'col.state', type: 'state', drop: 1 },
      { key: 'severity', label: 'col.severity', type: 'state' },
      { key: 'module', label: 'col.module', type: 'state', enumPrefix: 'module_', drop: 3 },
      { key: 'id', label: 'col.id' },
      { key: 'what', label: 'col.what', type: 'state' },
      { key: 'due_at', label: 'col.due_at', type: 'time', drop: 2 },
      { key: 'late', label: 'col.late', type: 'lateness' },
      { key: 'detail', label: 'col.detail' },
    ],
    // Only what is not general shows a severity: the eye goes to it.
    rows: items.map((i) => ({
      ...i,
      ...humanParts(i, o),
      severity: i.severity && i.severity !== 'general' ? i.severity : null,
      state: i.overdue ? 'overdue' : 'due_soon',
      late: i.overdue_minutes * 60000,
    })),
  };
}

export function overdueOutput(items: RankedItem[], tz: string, o?: Pick<RenderOpts, 't' | 'lang' | 'person'>): Output {
  return { json: overdueJson(items, tz), table: overdueSection(items, undefined, o) };
}
