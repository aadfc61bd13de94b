// The complaint module's part of `pmctl demo`: a believable site of some 240
// units (SPEC §8 v2). Over the past 13 months the desk receives a few
// complaints and suggestions a month (the dozens of repairs a month are
// service requests, not complaints), each played through the real use cases
// with the clock set to the time of each event, so states, clocks and
// lateness are what a real desk would have produced.
//
// The desk is good but not perfect, so a supervisor's report reads true:
// - last month every clock was met but one: a repair waited for a part, was
//   delayed, and was still done a day after its new deadline — the one
//   missed target a newcomer can trace (the late 限期处理 in the clocks table);
// - the 12-month valid complaint rate misses its < 1 % with a few dozen
//   valid complaints on some 210 occupied units, and the report says why;
// - before last month, now and then a step runs late (as on any real desk);
// - this month some records are still in hand, a few of them overdue, and
//   the incidents of the last days (a power cut two hours ago, three
//   households reporting the same garage leak yesterday) are open.
import type { UnitRow } from '../roster/units.js';
import type { Ctx } from '../context.js';
import { type Actor, findActor, makeCtx } from '../context.js';
import type { Rng } from './rng.js';
import { HOUR, MINUTE, DAY, localDate, fromLocal, startOfLocalDay } from '../../domain/time.js';
import * as wf from '../complaint/workflow.js';
import { occupiedUnitsWithPhone } from '../../store/complaint.js';

const SUBJECTS: Record<string, string[]> = {
  repair: ['卫生间漏水', '楼上渗水到天花板', '入户门锁坏了', '水龙头关不严', '墙面开裂'],
  facility: ['单元门禁刷卡失灵', '楼道灯不亮', '信报箱门掉了', '地库照明不足'],
  cleaning: ['楼道垃圾未及时清运', '电梯轿厢有异味', '地库积水未清理'],
  greening: ['绿化带杂草多', '树枝遮挡窗户', '草坪浇水溅到车上'],
  noise: ['楼上深夜噪音', '广场舞音乐太吵', '空调外机噪音大'],
  renovation: ['邻居装修超时施工', '装修垃圾堆在楼道'],
  security: ['陌生人进入小区', '门岗登记不严'],
  parking: ['车位被占用', '地库出口拥堵', '访客车辆乱停'],
  fees: ['物业费账单有误', '停车费收费标准疑问'],
  service: ['前台接待态度不好', '报修后无人回复'],
  neighbour: ['邻居在楼道堆放杂物', '邻居宠物扰民'],
  theft: ['电动车被盗'],
  elevator_entrapment: ['电梯困人'],
  flooding: ['地下室进水'],
  power_cut: ['整栋楼突然停电'],
};
const SUGGESTIONS = ['建议增设儿童游乐设施', '建议延长会所开放时间', '建议增加快递柜', '建议地库增加充电桩', '建议公示维修基金使用情况'];

const WEIGHTED: string[] = [
  ...Array(14).fill('repair'),
  ...Array(6).fill('facility'),
  ...Array(6).fill('cleaning'),
  ...Array(3).fill('greening'),
  ...Array(6).fill('noise'),
  ...Array(3).fill('renovation'),
  ...Array(3).fill('security'),
  ...Array(5).fill('parking'),
  ...Array(3).fill('fees'),
  ...Array(3).fill('service'),
  ...Array(2).fill('neighbour'),
];

const DEPT: Record<string, { dept: string; handlers: string[]; boss: string }> = {
  repair: { dept: 'engineering', handlers: ['E003', 'E004', 'E005'], boss: 'E002' },
  facility: { dept: 'engineering', handlers: ['E003', 'E004', 'E005'], boss: 'E002' },
  elevator_entrapment: { dept: 'engineering', handlers: ['E003', 'E004'], boss: 'E002' },
  flooding: { dept: 'engineering', handlers: ['E004', 'E005'], boss: 'E002' },
  power_cut: { dept: 'engineering', handlers: ['E003', 'E005'], boss: 'E002' },
  cleaning: { dept: 'cleaning', handlers: ['J002', 'J003'], boss: 'J001' },
  greening: { dept: 'greening', handlers: ['L002'], boss: 'L001' },
  noise: { dept: 'security', handlers: ['B002', 'B003', 'B004'], boss: 'B001' },
  renovation: { dept: 'security', handlers: ['B002', 'B003'], boss: 'B001' },
  security: { dept: 'security', handlers: ['B002', 'B003', 'B004'], boss: 'B001' },
  parking: { dept: 'security', handlers: ['B003', 'B004'], boss: 'B001' },
  theft: { dept: 'security', handlers: ['B002'], boss: 'B001' },
  neighbour: { dept: 'cs', handlers: ['S003', 'S004'], boss: 'S003' },
  service: { dept: 'cs', handlers: ['S003', 'S004'], boss: 'S003' },
  fees: { dept: 'finance', handlers: ['F001'], boss: 'F001' },
};

const CLERKS = ['S005', 'S006', 'S007', 'S008'];
const CHANNELS = ['phone', 'phone', 'phone', 'phone', 'visit', 'visit', 'online', 'patrol', 'written'];

type UnitPick = Pick<UnitRow, 'label' | 'occupancy' | 'owner_name' | 'owner_phone' | 'tenant_name' | 'tenant_phone'>;

/** How a record is played: every step in time, now and then a step late, or last month's one late repair. */
type Mode = 'punctual' | 'loose' | 'late_resolve' | 'explain';

interface Plan {
  t: number;
  kind: 'complaint' | 'suggestion';
  category: string;
  mode: Mode;
}

/** How many complaints and suggestions the 13 months hold (besides the fixed incidents): a few a month. */
const RECORDS = 45;
const HISTORY_DAYS = 395;

export function seedDemo(ctx: Ctx, rng: Rng): void {
  const now = ctx.clock.now();
  const tz = ctx.tz;
  const units: UnitPick[] = occupiedUnitsWithPhone(ctx.db);
  if (!units.length) return;
  const actors = new Map<string, Actor>();
  const actor = (code: string) => actors.get(code) ?? (actors.set(code, findActor(ctx.db, code)), actors.get(code)!);
  // One calendar for every event's context: nothing changes it while the demo is built.
  const calendar = ctx.calendar;
  const at = (t: number, code: string) => Object.assign(makeCtx(ctx.db, { now: t, actor: actor(code), tz }), { calendar });

  const today = localDate(now, tz);
  const thisMonth = startOfLocalDay(today.slice(0, 7) + '-01', tz);
  const lastMonth = startOfLocalDay(localDate(thisMonth - DAY, tz).slice(0, 7) + '-01', tz);
  // Records whose clocks may fall due last month are played on time (the week before it too).
  const cleanFrom = lastMonth - 7 * DAY;
  const desk = (day: string) => fromLocal(`${day} ${String(rng.int(8, 18)).padStart(2, '0')}:${String(rng.int(0, 59)).padStart(2, '0')}:00`, tz);

  // Received times: spread over 13 months in desk hours, oldest first so ids follow the day's order.
  const plans: Plan[] = [];
  for (let i = 0; i < RECORDS; i++) {
    let t = desk(localDate(now - rng.int(0, HISTORY_DAYS) * DAY, tz));
    if (t > now - 20 * MINUTE) t = now - rng.int(30, 120) * MINUTE;
    const suggestion = rng.chance(0.12);
    plans.push({
      t,
      kind: suggestion ? 'suggestion' : 'complaint',
      category: suggestion ? 'other' : rng.pick(WEIGHTED),
      mode: t >= cleanFrom ? 'punctual' : 'loose',
    });
  }
  // Last month's one late repair (the visible reason its report misses timeliness).
  plans.push({ t: fromLocal(`${localDate(lastMonth + 9 * DAY, tz)} 10:20:00`, tz), kind: 'complaint', category: 'repair', mode: 'late_resolve' });
  // A few major and emergency incidents, fixed so the demo always has them.
  plans.push({ t: now - 20 * DAY - 3 * HOUR, kind: 'complaint', category: 'elevator_entrapment', mode: 'punctual' });
  plans.push({ t: now - 9 * DAY - 5 * HOUR, kind: 'complaint', category: 'theft', mode: 'punctual' });
  plans.push({ t: now - 35 * DAY, kind: 'complaint', category: 'flooding', mode: 'punctual' });
  plans.push({ t: now - 2 * HOUR, kind: 'complaint', category: 'power_cut', mode: 'punctual' });
  // A neighbour's dog: not the property's fault, explained to the owner (not a valid complaint).
  plans.push({ t: desk(localDate(now - 12 * DAY, tz)), kind: 'complaint', category: 'neighbour', mode: 'explain' });
  plans.sort((a, b) => a.t - b.t);

  for (const p of plans) playOne(rng, p, units, at, now, thisMonth);
  collective(rng, units, at, now);
}

type At = (t: number, code: string) => Ctx;

function playOne(rng: Rng, p: Plan, units: UnitPick[], at: At, now: number, thisMonth: number): void {
  const clerk = rng.pick(CLERKS);
  const u = rng.pick(units);
  const tenant = u.occupancy === 'tenant' && u.tenant_name;
  const channel = rng.pick(CHANNELS);
  const subject =
    p.mode === 'late_resolve' ? '卫生间地漏返水' : p.kind === 'suggestion' ? rng.pick(SUGGESTIONS) : rng.pick(SUBJECTS[p.category] ?? ['其他问题']);
  const c = wf.newComplaint(at(p.t, clerk), {
    unit: u.label,
    name: (tenant ? u.tenant_name : u.owner_name) ?? '业主',
    phone: (tenant ? u.tenant_phone : u.owner_phone) ?? '13800138000',
    subject,
    category: p.category,
    channel,
    kind: p.kind,
  });
  const id = c.id;
  let t = p.t;
  // This month's records may still be in hand (some of them overdue by now);
  // older ones were all seen through.
  let stallAfter = p.t >= thisMonth && now - p.t < 10 * DAY && rng.chance(0.3) ? rng.int(0, 6) : Infinity;
  // Each step happens only if its time has come; the record stops where "now" finds it.
  const next = (mins: number) => {
    t += Math.max(1, Math.round(mins)) * MINUTE;
    return t <= now && stallAfter-- > 0;
  };
  /** A step's delay: in time, or (loose records, now and then) late. */
  const gap = (onTime: [number, number], late: [number, number], chance: number) =>
    p.mode === 'loose' && rng.chance(chance) ? rng.int(late[0], late[1]) : rng.int(onTime[0], onTime[1]);
  const method = c.written ? 'written' : rng.pick(['phone', 'phone', 'sms', 'visit']);
  if (p.kind === 'suggestion') {
    // Replied within the 3 days of [002] 2.6, saying whether it was adopted and why not.
    if (next(gap([60, 2 * 24 * 60], [3 * 24 * 60 + 60, 4 * 24 * 60], 0.15))) {
      const adopted = rng.chance(0.5);
      wf.reply(
        at(t, clerk),
        id,
        adopted
          ? { method, note: '已采纳，列入下季度计划', adopted: true }
          : { method, note: '暂不采纳，已说明理由', adopted: false, reason: '涉及全体业主共有部分，须业主大会表决' },
      );
    } else return;
    if (next(rng.int(10, 120))) wf.close(at(t, clerk), id, {});
    return;
  }
  const sev = c.severity;
  const emergency = sev === 'emergency';
  if (sev !== 'general') {
    // Reported up within 5 minutes (emergency) or 30 (major): a major one to the
    // department manager and the centre leader both ([003] §6), an emergency to the company leader.
    if (next(emergency ? gap([1, 4], [6, 12], 0.1) : gap([5, 25], [35, 60], 0.1))) {
      if (sev === 'major') wf.escalate(at(t, clerk), id, { to: 'S002' });
      wf.escalate(at(t, clerk), id, { to: emergency ? 'G001' : 'S001' });
    } else return;
  }
  if (p.mode === 'explain' || (p.mode !== 'late_resolve' && rng.chance(0.07) && sev === 'general')) {
    if (next(rng.int(30, 300))) wf.explain(at(t, clerk), id, { note: '经核实属业主自身原因，已耐心解释' });
    return;
  }
  const route = DEPT[p.category] ?? DEPT.service;
  for (let round = 0; round < 2; round++) {
    const dispatchDelay = emergency ? rng.int(1, 2) : gap([5, 240], [13 * 60, 20 * 60], 0.1);
    if (!next(dispatchDelay)) return;
    wf.dispatch(at(t, clerk), id, { dept: route.dept, handler: rng.pick(route.handlers) });
    const dispatched = t;
    if (!next(emergency ? rng.int(5, 20) : gap([10, 90], [130, 240], 0.15))) return;
    if (p.mode === 'late_resolve' && round === 0) {
      // The part is ordered: two days more, agreed by the department head ...
      wf.delay(at(t, clerk), id, { reason: '需订购地漏配件', newDue: new Date(dispatched + 3 * DAY).toISOString(), by: route.boss });
      // The owner is told the same day (the 2-working-day reply is met).
      if (!next(rng.int(30, 120))) return;
      wf.reply(at(t, clerk), id, { method, note: '已告知业主配件到货时间' });
    } else if (p.mode === 'loose' && rng.chance(0.1) && sev === 'general') {
      wf.delay(at(t, clerk), id, { reason: '需订购配件', newDue: new Date(t + rng.int(2, 4) * DAY).toISOString(), by: route.boss });
    } else wf.accept(at(t, clerk), id, { by: route.boss });
    // The written report of an emergency, within its 24 hours.
    if (emergency && round === 0 && next(rng.int(20, 40))) wf.reportFiled(at(t, clerk), id, { note: '书面报告已报公司' });
    // ... and it came a day late: done after the new deadline.
    const work = p.mode === 'late_resolve' && round === 0 ? 4 * 24 * 60 : emergency ? rng.int(60, 110) : gap([60, 600], [24 * 60, 60 * 60], 0.15);
    if (!next(work)) return;
    const done = t;
    next(emergency ? rng.int(10, 30) : gap([10, 100], [150, 400], 0.15));
    if (t > now) return;
    wf.resolve(at(t, clerk), id, {
      note: p.mode === 'late_resolve' ? '已更换地漏（配件晚到一天）' : '已处理：' + subject,
      by: rng.pick(route.handlers),
      doneAt: new Date(done).toISOString(),
    });
    if (emergency && next(rng.int(30, 400))) wf.verify(at(t, clerk), id, { note: '工程、客服联合验证' });
    if (round === 0 && p.mode !== 'late_resolve' && (c.written || p.mode !== 'loose' || rng.chance(0.8))) {
      if (!next(rng.int(10, 600))) return;
      wf.reply(at(t, clerk), id, { method, note: '已告知处理结果' });
    }
    if (!next(gap([4 * 60, 20 * 60], [3 * 24 * 60, 5 * 24 * 60], 0.15))) return;
    const unhappy = round === 0 && p.mode === 'loose' && rng.chance(0.08);
    wf.visit(at(t, clerk), id, { result: unhappy ? 'unsatisfied' : rng.chance(0.8) ? 'satisfied' : 'basic', note: unhappy ? '问题仍未解决' : '回访无异议' });
    if (unhappy) continue;
    if (rng.chance(0.9) && next(rng.int(5, 120))) wf.close(at(t, rng.pick(CLERKS)), id, {});
    return;
  }
}

/** Three households report the same water in the garage: a collective, major complaint. */
function collective(rng: Rng, units: UnitPick[], at: At, now: number): void {
  let first: string | null = null;
  const ids: string[] = [];
  let t = now - 26 * HOUR;
  for (let i = 0; i < 3; i++) {
    const u = units[(i * 37 + rng.int(0, 10)) % units.length];
    const c = wf.newComplaint(at(t, 'S006'), {
      unit: u.label,
      name: u.owner_name ?? '业主',
      phone: u.owner_phone ?? '13800138000',
      subject: '地库 B1 持续渗水，车辆受损',
      category: 'facility',
      channel: 'phone',
      sameAs: first ?? undefined,
    });
    first ??= c.id;
    ids.push(c.id);
    t += rng.int(20, 90) * MINUTE;
  }
  // The third household made it major: the supervisor escalates the issue, on each linked record.
  for (const id of ids) for (const to of ['S002', 'S001']) wf.escalate(at(t + 10 * MINUTE, 'S003'), id, { to });
}
