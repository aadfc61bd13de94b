// `pmctl demo --units N --complaints M [--requests R]`: service requests at
// scale (by default 5 × the complaints: a 24-hour line takes far more repairs
// than complaints), written straight into the tables with their indexes
// rebuilt after. Each request's clocks come from the request clock engine
// (src/domain/request.ts on the shared src/domain/clocks.ts) for the paths a
// desk takes; old requests are closed, recent ones at every stage, and a few
// stalled ones are overdue now.
import type { Ctx } from '../context.js';
import { DAY, MINUTE, endOfLocalDay, fromLocal, localDate, addDays } from '../../domain/time.js';
import {
  REQUEST_CLOCKS,
  applyRequestClockEvent,
  requestPolicy,
  requestScope,
  type RequestClockEnv,
  type RequestClockEvent,
  type RequestClockSet,
  type RequestKind,
  type RequestScope,
} from '../../domain/request.js';
import { makeRng } from './rng.js';
import { cachedDue } from './due.js';
import { bulkRequests, callingUnits, requestIdSeq } from '../../store/request.js';

const REPAIRS = ['厨房水龙头滴水', '卫生间地漏堵塞', '入户门锁不好用', '阳台灯不亮', '马桶水箱漏水', '插座没电', '窗户关不严', '热水器打不着火'];
const URGENT = ['水管爆裂', '家中停电', '燃气有异味', '入户门锁不上'];
const HELP = ['钥匙锁在家里', '帮忙搬运重物', '代收家具送货'];
const ENQUIRY = ['物业费怎么缴纳', '停车月卡如何办理', '装修需要办理哪些手续'];
const TECHS = ['E003', 'E004', 'E005'];
const CLERKS = ['S005', 'S006', 'S007', 'S008'];
const KEY_ORDER = [...REQUEST_CLOCKS].sort();

export interface RequestScaleResult {
  requests: number;
  events: number;
  clocks: number;
  open: number;
}

/** Runs inside the caller's transaction (the scale load's). */
export function generateRequests(ctx: Ctx, o: { count: number; years: number; seed?: number }): RequestScaleResult {
  const db = ctx.db;
  const tz = ctx.tz;
  const now = ctx.clock.now();
  const r = makeRng((o.seed ?? 20261123) + 19);
  const cal = ctx.calendar();
  const units = callingUnits(db);
  if (!units.length || o.count <= 0) return { requests: 0, events: 0, clocks: 0, open: 0 };
  const bulk = bulkRequests(db);

  const dayEnds = new Map<string, number>();
  const endOfDay = (ms: number) => {
    const d = localDate(ms, tz);
    let v = dayEnds.get(d);
    if (v === undefined) dayEnds.set(d, (v = endOfLocalDay(d, tz)));
    return v;
  };
  // Due times as the clock engine computes them (dueAfter, src/domain/duration.ts).
  const due = cachedDue(cal, tz);
  const envs = new Map<RequestScope, RequestClockEnv>();
  const envOf = (s: RequestScope) => envs.get(s) ?? (envs.set(s, { scope: s, policy: (c, sc) => requestPolicy(c, sc), due, dayEnd: endOfDay }), envs.get(s)!);

  const days = Math.max(1, Math.round(o.years * 365));
  const firstDay = localDate(now - (days - 1) * DAY, tz);
  // Days the small demo already numbered continue after its last id.
  const lastPerDay = requestIdSeq(db);
  let made = 0;
  let open = 0;
  for (let d = 0; d < days && made < o.count; d++) {
    const date = addDays(firstDay, d);
    const want = d === days - 1 ? o.count - made : Math.round((o.count * (d + 1)) / days) - made;
    const dayStart = fromLocal(`${date} 07:00:00`, tz);
    const times: number[] = [];
    for (let i = 0; i < want; i++) times.push(dayStart + r.int(0, 15 * 60 - 1) * MINUTE);
    times.sort((a, b) => a - b);
    const scope = 'R' + date.replace(/-/g, '');
    let seq = lastPerDay.get(scope) ?? 0;
    for (const received of times) {
      if (received > now - 2 * MINUTE) continue;
      seq++;
      made++;
      if (one(`${scope}-${String(seq).padStart(3, '0')}`, received)) open++;
    }
    if (seq) lastPerDay.set(scope, seq);
  }

  function one(id: string, received: number): boolean {
    const x = r.next();
    const kind: RequestKind = x < 0.72 ? 'repair' : x < 0.86 ? 'help' : 'enquiry';
    const urgent = kind === 'repair' && r.chance(0.08);
    const scope = requestScope(kind, kind === 'repair' ? (urgent ? 'urgent' : 'minor') : null);
    const env = envOf(scope);
    const u = units[r.int(0, units.length - 1)];
    const tenant = u.occupancy === 'tenant' && u.tenant_name;
    const clerk = CLERKS[r.int(0, 3)];
    const tech = TECHS[r.int(0, 2)];
    const age = now - received;
    // Recent ones may be anywhere on the path; old ones went all the way.
    let stopAfter = age < 3 * DAY && r.chance(age < DAY ? 0.5 : 0.15) ? r.int(0, 4) : Infinity;
    let clocks: RequestClockSet = new Map();
    const apply = (e: RequestClockEvent) => (clocks = applyRequestClockEvent(clocks, e, env));
    const events: unknown[][] = [];
    const ev = (type: string, at: number, by: string, data: string | null = null) => events.push([id, type, at, by, clerk, data, at]);
    let status = 'received';
    let assignedAt: number | null = null;
    let appointment: number | null = null;
    let arrivedAt: number | null = null;
    let doneAt: number | null = null;
    let answeredAt: number | null = null;
    let closedAt: number | null = null;
    let satisfaction: string | null = null;
    let rework = 0;
    let t = received;
    const step = (mins: number) => (t += Math.max(1, Math.round(mins)) * MINUTE) <= now && stopAfter-- > 0;
    ev('received', received, clerk);
    apply({ type: 'received', at: received });
    if (kind === 'enquiry') {
      if (step(r.int(10, 600))) {
        answeredAt = closedAt = t;
        status = 'closed';
        ev('answered', t, clerk);
        apply({ type: 'answered', at: t });
      }
    } else if (step(urgent ? r.int(1, 7) : r.int(3, 40))) {
      assignedAt = t;
      status = 'assigned';
      if (kind === 'repair' && !urgent && r.chance(0.3)) {
        const a = fromLocal(`${addDays(localDate(t, tz), 1)} ${['09:00', '10:30', '14:00', '16:00'][r.int(0, 3)]}:00`, tz);
        appointment = a;
      }
      ev('assigned', t, clerk);
      apply({ type: 'assigned', at: t, appointment });
      const x2 = r.next();
      const arrive =
        appointment != null
          ? appointment + (x2 < 0.9 ? r.int(-4, 2) : x2 < 0.95 ? -r.int(6, 12) : r.int(3, 20)) * MINUTE
          : t + (urgent ? r.int(8, 35) : r.int(20, 240)) * MINUTE;
      if (arrive <= now && stopAfter-- > 0) {
        t = Math.max(arrive, t + MINUTE);
        arrivedAt = t;
        status = 'arrived';
        ev('arrived', t, tech);
        apply({ type: 'arrived', at: t });
        if (step(urgent ? r.int(30, 260) : kind === 'help' ? r.int(10, 90) : r.chance(0.06) ? r.int(24 * 60, 40 * 60) : r.int(20, 240))) {
          doneAt = t;
          status = 'done';
          ev('done', t, tech);
          apply({ type: 'done', at: t });
          if (step(r.chance(0.92) ? r.int(3 * 60, 30 * 60) : r.int(3 * 24 * 60, 4 * 24 * 60))) {
            satisfaction = r.chance(0.9) ? 'satisfied' : 'basic';
            ev('visited', t, clerk, `{"result":"${satisfaction}"}`);
            apply({ type: 'visited', at: t });
            closedAt = t;
            status = 'closed';
            // About one repair in two hundred comes back, and is done again.
            if (kind === 'repair' && r.chance(0.005) && step(r.int(2 * 24 * 60, 10 * 24 * 60))) {
              rework = 1;
              ev('reworked', t, clerk);
              apply({ type: 'reworked', at: t, assigned: true });
              status = 'assigned';
              closedAt = null;
              arrivedAt = doneAt = null;
              if (step(r.int(30, 300))) {
                arrivedAt = t;
                status = 'arrived';
                ev('arrived', t, tech);
                apply({ type: 'arrived', at: t });
                if (step(r.int(30, 200))) {
                  doneAt = t;
                  status = 'done';
                  ev('done', t, tech);
                  apply({ type: 'done', at: t });
                  if (step(r.int(3 * 60, 30 * 60))) {
                    ev('visited', t, clerk, '{"result":"satisfied"}');
                    apply({ type: 'visited', at: t });
                    satisfaction = 'satisfied';
                    closedAt = t;
                    status = 'closed';
                  }
                }
              }
            }
          }
        }
      }
    }
    const subject =
      kind === 'enquiry'
        ? ENQUIRY[r.int(0, ENQUIRY.length - 1)]
        : kind === 'help'
          ? HELP[r.int(0, HELP.length - 1)]
          : urgent
            ? URGENT[r.int(0, URGENT.length - 1)]
            : REPAIRS[r.int(0, REPAIRS.length - 1)];
    bulk.request([
      id,
      kind,
      kind === 'repair' ? (urgent ? 'urgent' : 'minor') : null,
      status,
      u.label,
      (tenant ? u.tenant_name : u.owner_name) ?? '业主',
      (tenant ? u.tenant_phone : u.owner_phone) ?? '13800138000',
      subject,
      'phone',
      received,
      assignedAt ? tech : null,
      assignedAt,
      appointment,
      arrivedAt,
      doneAt,
      answeredAt,
      closedAt,
      satisfaction,
      rework,
      received,
      t > now ? received : t,
    ]);
    for (const e of events) bulk.event(e);
    for (const c of KEY_ORDER) {
      const k = clocks.get(c)!;
      bulk.clock([id, c, k.started_at, k.due_at, k.done_at, k.skipped, k.policy, k.not_before ?? null]);
    }
    return status !== 'closed';
  }

  bulk.finish(lastPerDay);
  return { ...bulk.counts(), open };
}
