// The benchmark site's year of patrols (SPEC §9 v2: "the generator adds a
// year of daily patrols"), written in bulk inside `pmctl demo --units N`'s
// load transaction, before the month the demo seeder walked through its use
// cases: a daily vacant-unit round (a 30-unit section of the vacant units,
// in turn), joint walks on Tuesdays and Fridays, each building's public
// areas weekly, the fire inspection monthly, and a finding every tenth day,
// fixed on time but for the last few.
import type { DB } from '../../store/db.js';
import { patrolBulk, vacantSample, buildings, firstPatrolDay } from '../../store/patrol.js';
import { DEFAULT_FIRE_EQUIPMENT, DEFAULT_JOINT_AREAS, DEFAULT_PUBLIC_AREAS } from '../../domain/patrol.js';
import { DAY, HOUR, MINUTE, addDays, fromLocal, isoWeekday, localDate } from '../../domain/time.js';

export function scalePatrols(db: DB, o: { now: number; tz: string; days?: number }): { patrols: number; items: number; findings: number } {
  const tz = o.tz;
  const today = localDate(o.now, tz);
  const demoFirst = firstPatrolDay(db) ?? today;
  const vacant = vacantSample(db, 3000);
  const blds = buildings(db);
  const w = patrolBulk(db);
  const seqs = new Map<string, number>();
  const nextId = (prefix: string, day: string) => {
    const scope = prefix + day.replace(/-/g, '');
    const n = (seqs.get(scope) ?? 0) + 1;
    seqs.set(scope, n);
    return `${scope}-${String(n).padStart(3, '0')}`;
  };
  let patrols = 0;
  let items = 0;
  let findings = 0;
  const walk = (
    kind: string,
    day: string,
    start: number,
    list: { item: string; unit: string | null }[],
    by: string,
    building: string | null = null,
    withStaff: string[] = [],
  ) => {
    const id = nextId('P', day);
    let t = start;
    list.forEach((x, k) => {
      t += 2 * MINUTE;
      w.item(id, k + 1, x.item, x.unit, 'ok', t, by);
    });
    w.patrol({ id, kind, building, day, started_at: start, finished_at: t + 5 * MINUTE, by, with_staff: JSON.stringify(withStaff) });
    patrols++;
    items += list.length;
    return id;
  };
  const areas = (xs: string[]) => xs.map((item) => ({ item, unit: null }));
  const days = o.days ?? 365;
  for (let i = days; i >= 1; i--) {
    const d = addDays(today, -i);
    if (d >= demoFirst) break;
    const at = (hhmm: string) => fromLocal(`${d} ${hhmm}:00`, tz);
    const section = vacant.length ? Array.from({ length: Math.min(30, vacant.length) }, (_, k) => vacant[(i * 30 + k) % vacant.length]) : [];
    if (section.length) {
      const pid = walk(
        'units',
        d,
        at('09:30'),
        section.map((u) => ({ item: u, unit: u })),
        'S005',
      );
      if (i % 10 === 0) {
        const opened = at('09:40');
        const late = i <= 40 && i % 20 === 0;
        w.finding({
          id: nextId('F', d),
          patrol_id: pid,
          item: section[3],
          unit: section[3],
          dept: 'engineering',
          note: '墙面渗水',
          opened_at: opened,
          solution_due_at: opened + 3 * DAY,
          planned_at: opened + DAY,
          fix_due_at: opened + 4 * DAY,
          fixed_at: late ? opened + 6 * DAY : opened + 3 * DAY + 2 * HOUR,
          by: 'E002',
        });
        findings++;
      }
    }
    const wd = isoWeekday(d);
    if (wd === 2 || wd === 5) walk('joint', d, at('14:00'), areas(DEFAULT_JOINT_AREAS), 'S003', null, ['J001', 'L001']);
    if (wd === 3) blds.forEach((b, k) => walk('public', d, at('10:00') + k * MINUTE, areas(DEFAULT_PUBLIC_AREAS), 'S006', b));
    if (d.endsWith('-05')) walk('fire', d, at('15:00'), areas(DEFAULT_FIRE_EQUIPMENT), 'B001');
  }
  w.sequences(seqs);
  return { patrols, items, findings };
}
