import { type Ctx, findActor, makeCtx } from '../context.js';
import type { Rng } from './rng.js';
import { reviewDue, shiftBounds } from '../../domain/handover.js';
import { addDays, localDate, MINUTE } from '../../domain/time.js';
import { unitLabels } from '../../store/handover.js';
import { acceptHandover, addNote, addRequest, checkItems, getShifts, refuseHandover, reviewDay, startHandover, viewHandover } from '../handover/handover.js';

const CLERKS = ['S005', 'S006', 'S007', 'S008'];
const GUARDS = ['B002', 'B003', 'B004'];
const SUPERVISORS = ['S003', 'S004'];

const DIARY = [
  '3号楼电梯下午维保，已通知工程部，电梯口已放告示',
  '快递柜故障，已联系厂家明早上门',
  '2-1-502 业主来电预约明天上午看房',
  '地下车库B区照明两盏不亮，已报工程部',
  '今天收到物业费 6 笔，收据存根已交财务',
  '消防通道有电动车停放，已通知保安巡查清理',
];
const NIGHT = [
  '22:40 巡逻发现 4 号楼单元门未关，已关好',
  '夜间无异常，监控正常',
  '01:15 车库道闸抬杆故障，已手动放行，待工程部检修',
  '23:30 业主反映楼上噪音，已上门劝导',
];
const FAIL_NOTES: Record<string, string> = {
  radio_phone: '2号对讲机电池不足，已充电',
  cctv: '5号摄像头画面模糊，已报工程部',
  keys: '钥匙柜少一把 B2 配电房钥匙，工程部借用未还',
  patrol: '3号楼天台门未上锁，已锁好',
  desk: '打印机卡纸，已处理',
  duty_log: '值班记录 02:00 后未填写，已补记',
  pending: '2-1-502 看房预约未确认，已交代',
};
const REQUESTS = ['业主反映楼道灯不亮', '业主要求明早派水电工上门', '业主家门口有积水', '业主反映电梯按键失灵'];

/** Days of handovers before today. */
const HISTORY_DAYS = 42;
/** The day whose night shift was never handed over (a gap the coverage shows). */
const MISSED_DAY = 19;

/** Adds the handover module's part of the demo site: six weeks of handovers, one missed night, one refusal, one day left unreviewed. Runs inside the demo's write transaction. */
export function seedDemo(ctx: Ctx, rng: Rng): void {
  const now = ctx.clock.now();
  const tz = ctx.tz;
  const db = ctx.db;
  const as = (code: string, t: number): Ctx => makeCtx(db, { now: t, actor: findActor(db, code), tz });
  const today = localDate(now, tz);
  const cal = ctx.calendar();
  const units = unitLabels(db, 60);
  const shifts = getShifts(ctx);

  // The day left unreviewed: the latest one whose review is already overdue; its night brings the refusal.
  let unreviewed = addDays(today, -2);
  for (let i = 2; i <= 7; i++) {
    unreviewed = addDays(today, -i);
    if (reviewDue(unreviewed, cal, tz) < now) break;
  }

  // Six weeks of handovers, so last month's report has its coverage (SPEC §8 v2:
  // counted from the first handover); one night 19 days ago nobody handed over.
  for (let i = HISTORY_DAYS; i >= 0; i--) {
    const d = addDays(today, -i);
    for (const s of shifts) {
      const end = shiftBounds(s, d, tz).end;
      if (end + 45 * MINUTE > now) continue;
      if (i === MISSED_DAY && s.code === 'night') continue;
      // [004] §3: the desk hands its book to the monitoring room at 18:00 and takes it back at 08:00.
      const evening = s.code !== 'night';
      const clerk = rng.pick(CLERKS);
      const guard = rng.pick(GUARDS);
      const giver = evening ? clerk : guard;
      const taker = evening ? guard : clerk;
      let t = end - rng.int(2, 12) * MINUTE;
      let h = startHandover(as(giver, t), { shift: s.code, to: taker, with: 'security' });
      const diary = evening ? DIARY : NIGHT;
      addNote(as(giver, t + MINUTE), h.id, rng.pick(diary));
      if (!evening && rng.chance(0.6) && units.length) addRequest(as(giver, t + MINUTE), h.id, rng.pick(REQUESTS), rng.pick(units));

      if (!evening && d === unreviewed) {
        // The guard cannot say why the garage alarm went off: the clerk refuses ([004] 1.6) and the guard starts again.
        refuseHandover(as(taker, t + 8 * MINUTE), h.id, '车库B区报警原因保安说不清，监控录像未调取');
        t += 25 * MINUTE;
        h = startHandover(as(giver, t), { shift: s.code, to: taker, with: 'security' });
        addNote(as(giver, t + MINUTE), h.id, '已调取录像：02:10 车库B区报警为野猫触发，设备正常');
      }

      const v = viewHandover(ctx, h.id);
      const tick = t + 3 * MINUTE;
      const checklist = v.items.filter((x) => x.kind === 'checklist').map((x) => x.item);
      const fail = rng.chance(0.25) ? rng.pick(checklist) : null;
      const ok = checklist.filter((c) => c !== fail);
      if (ok.length) checkItems(as(giver, tick), h.id, { items: ok, result: 'ok' });
      if (fail) checkItems(as(giver, tick), h.id, { items: [fail], result: 'fail', note: FAIL_NOTES[fail] ?? '已处理' });
      const carried = v.items.filter((x) => x.kind !== 'checklist').map((x) => x.item);
      const ack = t + rng.int(6, 14) * MINUTE;
      if (carried.length) checkItems(as(taker, ack), h.id, { items: carried, result: 'ok' });
      acceptHandover(as(taker, ack + MINUTE), h.id);
    }
    // The supervisor signs each day the next morning ([004] 2.3), except the day left for the demo.
    const reviewAt = shiftBounds(shifts[0], addDays(d, 1), tz).start + rng.int(60, 120) * MINUTE;
    const lastEnd = Math.max(...shifts.map((s) => shiftBounds(s, d, tz).end));
    if (d !== unreviewed && reviewAt <= now && lastEnd + 45 * MINUTE <= now) reviewDay(as(rng.pick(SUPERVISORS), reviewAt), d);
  }
}
