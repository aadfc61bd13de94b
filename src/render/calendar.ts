// The month grid of `pmctl calendar show`: Monday first, 休 / 班 marks.
import Table from 'cli-table3';
import type { DayInfo } from '../domain/calendar.js';
import { isoWeekday } from '../domain/time.js';
import { painter } from './paint.js';
import type { RenderOpts } from './view.js';

function mark(d: DayInfo, o: RenderOpts): string {
  const day = String(+d.date.slice(8));
  const c = painter(o);
  switch (d.reason) {
    case 'holiday':
    case 'site_holiday':
      return c.red(`${day} ${o.t('cal.mark_holiday')}${d.reason === 'site_holiday' ? '*' : ''}`);
    case 'adjusted_workday':
    case 'site_workday':
      return c.yellow(`${day} ${o.t('cal.mark_workday')}${d.reason === 'site_workday' ? '*' : ''}`);
    case 'weekend':
      return c.dim(day);
    default:
      return day;
  }
}

export function monthGrid(month: string, days: DayInfo[], o: RenderOpts): string {
  const head = [1, 2, 3, 4, 5, 6, 7].map((i) => o.t('cal.wd' + i));
  const t = new Table({ head, style: { head: o.color ? ['cyan'] : [], border: o.color ? ['gray'] : [] } });
  let row: string[] = new Array(isoWeekday(days[0].date) - 1).fill('');
  for (const d of days) {
    row.push(mark(d, o));
    if (row.length === 7) {
      t.push(row);
      row = [];
    }
  }
  if (row.length) t.push([...row, ...new Array(7 - row.length).fill('')]);
  const lines = [painter(o).bold(month), t.toString()];
  const named = days.filter((d) => d.reason !== 'weekday' && d.reason !== 'weekend');
  for (const d of named) lines.push(`  ${d.date}  ${o.t('enum.' + d.reason)}${d.name ? '  ' + d.name : ''}`);
  lines.push(o.t('cal.legend'));
  return lines.join('\n');
}
