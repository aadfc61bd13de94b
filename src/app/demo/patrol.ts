// The patrol module's part of the demo (SPEC §12): a month of daily vacant-unit
// patrols with one day skipped, joint walks twice a week (one week short),
// weekly public-area patrols per building, the monthly fire inspection, the
// contractor ratings of the months already over, and findings: one fixed on
// time, one fixed late, one still open within its 3 days, and one whose
// solution is overdue. Everything goes through the use cases, at its own time.
import * as store from '../../store/patrol.js';
import { type Ctx, findActor, makeCtx } from '../context.js';
import { makeRng, type Rng } from './rng.js';
import { DAY, HOUR, MINUTE, addDays, fromLocal, isoWeekday, localDate } from '../../domain/time.js';
import { monthEnd } from '../../domain/patrol.js';
import { buildings } from '../../store/patrol.js';
import { checkItem, finishPatrol, ratePatrol, startPatrol } from '../patrol/patrols.js';
import { fixFinding, planFinding } from '../patrol/findings.js';

const CLERKS = ['S005', 'S006', 'S007', 'S008'];
const DAYS = 30;
/** The day nobody patrolled the vacant units, days before today. */
export const SKIPPED_DAY = 6;

export function seedDemo(ctx: Ctx, _shared: Rng): void {
  const rng = makeRng(20261206);
  const db = ctx.db;
  const tz = ctx.tz;
  const now = ctx.clock.now();
  const today = localDate(now, tz);
  const at = (code: string, t: number): Ctx => makeCtx(db, { now: t, tz, actor: findActor(db, code) });
  const wall = (d: string, hhmm: string) => fromLocal(`${d} ${hhmm}:00`, tz);

  /** A patrol from start to finish, every item ok unless `issues` says otherwise. */
  const walk = (
    kind: 'units' | 'public' | 'joint' | 'fire',
    by: string,
    start: number,
    o: { building?: string; with?: string[]; issues?: Record<string, { note: string; fixed?: boolean; dept?: string }> } = {},
  ) => {
    const v = startPatrol(at(by, start), { kind, building: o.building, with: o.with ?? [] });
    let t = start;
    const found: Record<string, string> = {};
    for (const it of v.items) {
      t += 2 * MINUTE;
      const issue = o.issues?.[it.item];
      const c = checkItem(at(by, t), {
        id: v.patrol.id,
        item: String(it.seq),
        result: issue ? 'issue' : 'ok',
        note: issue?.note,
        fixed: issue?.fixed,
        dept: issue?.dept,
      });
      if (c.finding) found[it.item] = c.finding.id;
    }
    finishPatrol(at(by, t + 5 * MINUTE), { id: v.patrol.id });
    return { id: v.patrol.id, found };
  };

  const vacant = store.vacantUnits(db);
  for (let i = DAYS; i >= 1; i--) {
    const d = addDays(today, -i);
    const wd = isoWeekday(d);
    // Daily vacant-unit patrol, one day skipped; now and then a window left open, shut on the spot.
    if (i !== SKIPPED_DAY) {
      const spot = rng.int(0, 3) === 0 ? { [vacant[rng.int(0, vacant.length - 1)]]: { note: '窗户未关，已关好', fixed: true } } : {};
      walk('units', CLERKS[i % CLERKS.length], wall(d, '09:30'), { issues: spot });
    }
    // Joint walks on Tuesdays and Fridays; the week two weeks back had only one.
    const shortWeek = i >= 8 && i <= 14;
    if ((wd === 2 || (wd === 5 && !shortWeek)) && i > 0) {
      const issues: Record<string, { note: string; dept?: string }> = {};
      // The short week's one walk finds broken bins; nobody gives a solution (overdue).
      if (shortWeek) issues['垃圾收集点'] = { note: '3号楼垃圾桶破损两个，需更换', dept: 'cleaning' };
      walk('joint', 'S003', wall(d, '14:00'), { with: ['J001', 'L001'], issues });
    }
    // Public areas of every building on Wednesdays.
    if (wd === 3) {
      buildings(db).forEach((b, n) => {
        const issues: Record<string, { note: string; dept?: string }> = {};
        // Every 7-day window holds one Wednesday: one lift finding (fixed on time), one wall finding (fixed late).
        if (i >= 15 && i <= 21 && b === '3') issues['电梯'] = { note: '轿厢照明一盏不亮' };
        if (i >= 22 && i <= 28 && b === '1') issues['墙面'] = { note: '大堂墙面渗水发霉' };
        walk('public', CLERKS[n % CLERKS.length], wall(d, '10:00') + n * 40 * MINUTE, { building: b, issues });
      });
    }
    // The fire inspection on the 5th of each month.
    if (d.slice(8) === '05') walk('fire', 'B001', wall(d, '15:00'));
    // Contractors rated on a month's last day.
    if (d === monthEnd(d.slice(0, 7)))
      for (const [c, s] of [
        ['cleaning', 92],
        ['greening', 88],
        ['pest', 95],
      ] as const)
        ratePatrol(at('S003', wall(d, '17:00')), { month: d.slice(0, 7), contractor: c, score: s, note: c === 'greening' ? '草坪修剪不及时' : '按合同完成' });
  }

  // Fixed on time: the lift light, planned the next day, fixed in two.
  const liftF = store.firstFindingOf(db, '电梯');
  if (liftF) {
    const lift = liftF.id;
    const opened = liftF.opened_at;
    planFinding(at('E002', opened + DAY), { id: lift, note: '更换照明灯管', due: '2d' });
    fixFinding(at('E003', opened + 2 * DAY), { id: lift, note: '已更换灯管' });
  }
  // Fixed late: the lobby wall, its fix took a week past the deadline.
  const wallRow = store.firstFindingOf(db, '墙面');
  if (wallRow) {
    const wallF = wallRow.id;
    const opened = wallRow.opened_at;
    planFinding(at('E002', opened + 2 * DAY), { id: wallF, note: '查找渗水点，修补防水后重新粉刷', due: '5d' });
    fixFinding(at('E002', opened + 14 * DAY), { id: wallF, note: '防水修补、墙面粉刷完成' });
  }
  // The bins (12 days ago) never got a solution: overdue. And one open within its 3 days, from yesterday's units patrol.
  // A second round yesterday afternoon finds a leak: open, its solution due in 3 days.
  const y = addDays(today, -1);
  walk('units', 'S006', Math.min(wall(y, '16:00'), now - 3 * HOUR), { issues: { [vacant[0]]: { note: '卫生间天花板渗水，疑楼上漏水' } } });
}
