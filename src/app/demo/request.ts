// The service-request part of `pmctl demo`: a 24-hour line's stream over the
// past 8 weeks (some 40 a month: mostly minor repairs, a few urgent ones,
// help and enquiries), played through the real use cases with the clock at
// each event's time. Technicians mostly arrive inside the appointment window;
// a few do not, one or two repairs come back, and a couple are overdue now.
import type { Ctx } from '../context.js';
import { type Actor, findActor, makeCtx } from '../context.js';
import type { Rng } from './rng.js';
import { DAY, HOUR, MINUTE, fromLocal, localDate, addDays } from '../../domain/time.js';
import * as wf from '../request/workflow.js';
import { callingUnits } from '../../store/request.js';

const REPAIRS = [
  '厨房水龙头滴水',
  '卫生间地漏堵塞',
  '入户门锁不好用',
  '阳台灯不亮',
  '马桶水箱漏水',
  '插座没电',
  '窗户关不严',
  '热水器打不着火',
  '暖气不热',
  '门铃不响',
];
const URGENT = ['水管爆裂', '家中停电', '燃气有异味', '入户门锁不上', '下水道返水'];
const HELP = ['钥匙锁在家里', '老人行动不便需搬重物', '帮忙联系快递', '代收家具送货'];
const ENQUIRY = ['物业费怎么缴纳', '停车月卡如何办理', '装修需要办理哪些手续', '小区何时停水', '出租房屋要登记吗'];
const FIXES = ['已更换配件', '已疏通', '已维修，恢复正常', '已调试正常', '已更换灯泡'];
const TECHS = ['E003', 'E004', 'E005'];
const CLERKS = ['S005', 'S006', 'S007', 'S008'];

interface UnitPick {
  label: string;
  occupancy: string;
  owner_name: string | null;
  owner_phone: string | null;
  tenant_name: string | null;
  tenant_phone: string | null;
}

export function seedDemo(ctx: Ctx, rng: Rng): void {
  const now = ctx.clock.now();
  const units: UnitPick[] = callingUnits(ctx.db);
  if (!units.length) return;
  const actors = new Map<string, Actor>();
  const actor = (code: string) => actors.get(code) ?? (actors.set(code, findActor(ctx.db, code)), actors.get(code)!);
  const calendar = ctx.calendar;
  const at = (t: number, code: string) => Object.assign(makeCtx(ctx.db, { now: t, actor: actor(code), tz: ctx.tz }), { calendar });

  type Plan = { t: number; kind: 'repair' | 'help' | 'enquiry'; urgent: boolean; rework?: boolean; stall?: 'assign' | 'done' };
  const plans: Plan[] = [];
  for (let i = 0; i < 76; i++) {
    const day = localDate(now - rng.int(1, 55) * DAY, ctx.tz);
    const t = fromLocal(`${day} ${String(rng.int(7, 21)).padStart(2, '0')}:${String(rng.int(0, 59)).padStart(2, '0')}:00`, ctx.tz);
    const x = rng.next();
    const kind = x < 0.72 ? 'repair' : x < 0.86 ? 'help' : 'enquiry';
    plans.push({ t, kind, urgent: kind === 'repair' && rng.chance(0.1) });
  }
  // Fixed so the demo always has them: two reworks, an urgent repair nobody has taken, a repair left undone.
  plans.push({ t: now - 20 * DAY - 2 * HOUR, kind: 'repair', urgent: false, rework: true });
  plans.push({ t: now - 6 * DAY - 4 * HOUR, kind: 'repair', urgent: false, rework: true });
  plans.push({ t: now - 25 * MINUTE, kind: 'repair', urgent: true, stall: 'assign' });
  plans.push({ t: now - 30 * HOUR, kind: 'repair', urgent: false, stall: 'done' });
  plans.sort((a, b) => a.t - b.t);

  for (const p of plans) {
    const clerk = rng.pick(CLERKS);
    const u = rng.pick(units);
    const tenant = u.occupancy === 'tenant' && u.tenant_name;
    const subject = p.kind === 'enquiry' ? rng.pick(ENQUIRY) : p.kind === 'help' ? rng.pick(HELP) : p.urgent ? rng.pick(URGENT) : rng.pick(REPAIRS);
    const r = wf.newRequest(at(p.t, clerk), {
      kind: p.kind,
      urgency: p.kind === 'repair' ? (p.urgent ? 'urgent' : 'minor') : undefined,
      place: u.label,
      name: (tenant ? u.tenant_name : u.owner_name) ?? '业主',
      phone: (tenant ? u.tenant_phone : u.owner_phone) ?? '13800138000',
      subject,
      channel: rng.pick(['phone', 'phone', 'phone', 'phone', 'visit', 'online']),
    });
    let t = p.t;
    const next = (mins: number) => (t += Math.max(1, Math.round(mins)) * MINUTE) <= now;
    if (p.kind === 'enquiry') {
      if (next(rng.int(10, 300))) wf.answer(at(t, clerk), r.id, { note: '已电话答复' });
      continue;
    }
    if (p.stall === 'assign') continue;
    if (!next(p.urgent ? rng.int(1, 6) : rng.int(5, 40))) continue;
    const tech = rng.pick(TECHS);
    // Minor repairs: often an appointment the next day or later the same day.
    let appointment: number | null = null;
    if (p.kind === 'repair' && !p.urgent && rng.chance(0.5)) {
      const d = rng.chance(0.5) ? localDate(t, ctx.tz) : addDays(localDate(t, ctx.tz), 1);
      const a = fromLocal(`${d} ${rng.pick(['09:00', '10:30', '14:00', '15:30', '17:00'])}:00`, ctx.tz);
      appointment = a > t + 30 * MINUTE ? a : null;
    }
    wf.assign(at(t, clerk), r.id, { to: tech, appointment: appointment != null ? new Date(appointment).toISOString() : undefined });
    // Up to two rounds: the work, and the work again after a rework (asked for, or an unsatisfied visit).
    for (let round = 0; round < 2; round++) {
      // Arrival: at the appointment, within the window mostly; otherwise soon after assignment.
      let arrive: number;
      if (appointment != null && round === 0) {
        const x = rng.next();
        const off = x < 0.85 ? rng.int(-4, 2) : x < 0.93 ? -rng.int(6, 15) : rng.int(3, 25);
        arrive = Math.max(t + MINUTE, appointment + off * MINUTE);
      } else arrive = t + (p.urgent ? rng.int(8, 28) : rng.int(20, 180)) * MINUTE;
      if (arrive > now) break;
      t = arrive;
      wf.arrive(at(t, tech), r.id, {});
      if (p.stall === 'done') break;
      if (!next(p.urgent ? rng.int(30, 200) : p.kind === 'help' ? rng.int(10, 60) : rng.chance(0.1) ? rng.int(20 * 60, 30 * 60) : rng.int(20, 180))) break;
      wf.done(at(t, tech), r.id, {
        note: round ? '彻底更换' : p.kind === 'help' ? '已协助处理' : rng.pick(FIXES),
        charge: rng.chance(0.15) ? String(rng.int(2, 12) * 10) : undefined,
      });
      if (!next(rng.chance(0.9) ? rng.int(3 * 60, 30 * 60) : rng.int(3 * 24 * 60, 4 * 24 * 60))) break;
      const unhappy = round === 0 && !p.rework && rng.chance(0.02);
      wf.visit(at(t, clerk), r.id, { result: unhappy ? 'unsatisfied' : rng.chance(0.88) ? 'satisfied' : 'basic', note: unhappy ? '问题没解决' : '回访无异议' });
      if (unhappy) continue;
      if (!(p.rework && round === 0) || !next(rng.int(2 * 24 * 60, 5 * 24 * 60))) break;
      wf.rework(at(t, clerk), r.id, { reason: '同一故障又出现' });
    }
  }
}
