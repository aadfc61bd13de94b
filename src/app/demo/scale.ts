// `pmctl demo --units N --complaints M`: a synthetic site at scale for the
// benchmark of SPEC §9 (100 000 units, 1 000 000 complaints over 5 years).
// Rows are written directly, many to a statement, with the secondary indexes
// dropped during the load and rebuilt after it (a sorted index build is far
// cheaper than a million random index inserts); on a big site the clock rows
// are written on a second thread meanwhile (threadedSink in src/store/scale.ts,
// with every statement of the load). Complaint events and clocks
// follow the complaint module's clock engine (src/domain/clocks.ts,
// applyClockEvent) for the ordinary paths a desk takes: received → dispatched
// → accepted → resolved → replied → visited → closed, explained as not valid,
// and suggestions replied to; major and emergency complaints are escalated,
// emergencies also get a written report and a joint verification. Old records
// are closed; recent ones are at every stage, and a few stalled ones make
// clocks overdue now.
import { scalePatrols } from './patrol-scale.js';
import { type CATEGORIES, type CHANNELS, CLOCKS, defaultPolicy, scopeOf, severityFor, type ClockName, type Severity } from '../../domain/clocks.js';
import type { DEPARTMENTS } from '../../domain/people.js';
import { cachedDue } from './due.js';
import type { Ctx } from '../context.js';
import { DAY, HOUR, MINUTE, endOfLocalDay, localDate } from '../../domain/time.js';
import { idCheckDigit, unitSortKey } from '../../domain/people.js';
import { makeRng, type Rng } from './rng.js';
import { appendAudit } from '../../store/common.js';
import { MultiInsert } from '../../store/batch.js';
import { UNIT_VALUE_COLUMNS } from '../../store/roster.js';
import {
  activeStaff,
  beginBulkLoad,
  commitBulkLoad,
  finishBulkLoad,
  lastIdOf,
  lastNumericBuilding,
  rebuildIndexes,
  setLastId,
  threadedSink,
  unitCount,
  unitsWithOccupants,
  type RowSink,
} from '../../store/scale.js';
import { faultPoint } from '../../store/safe-file.js';
import { generateRequests, type RequestScaleResult } from './request-scale.js';

export interface ScaleOptions {
  /** total units wanted (the fixture units count towards it) */
  units: number;
  complaints: number;
  /** service requests (SPEC §11); 0 or absent: none */
  requests?: number;
  years?: number;
  seed?: number;
}

export interface ScaleResult {
  units_added: number;
  complaints: number;
  events: number;
  clocks: number;
  open: number;
  seconds: number;
  requests?: RequestScaleResult;
}

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建文辉玲红梅兰凤云飞鹏波斌宇浩凯俊帆帅旭琳晨瑶雪婷颖倩怡欣悦涵';

const personName = (r: Rng): string =>
  SURNAMES[r.int(0, SURNAMES.length - 1)] + GIVEN[r.int(0, GIVEN.length - 1)] + (r.chance(0.6) ? GIVEN[r.int(0, GIVEN.length - 1)] : '');
const mobile = (r: Rng): string => '13' + String(r.int(0, 999_999_999)).padStart(9, '0');
function idNumber(r: Rng): string {
  const s = `330106${r.int(1950, 1999)}${String(r.int(1, 12)).padStart(2, '0')}${String(r.int(1, 28)).padStart(2, '0')}${String(r.int(0, 999)).padStart(3, '0')}`;
  return s + idCheckDigit(s);
}

/** Categories (the domain's codes) with weights, subjects, and the department that handles them. */
const CATS: [(typeof CATEGORIES)[number], number, (typeof DEPARTMENTS)[number], string[]][] = [
  ['repair', 22, 'engineering', ['卫生间漏水', '楼上渗水到天花板', '入户门锁坏了', '水龙头关不严', '墙面开裂']],
  ['facility', 14, 'engineering', ['单元门禁刷卡失灵', '楼道灯不亮', '信报箱门掉了', '地库照明不足']],
  ['cleaning', 14, 'cleaning', ['楼道垃圾未及时清运', '电梯轿厢有异味', '地库积水未清理']],
  ['greening', 6, 'greening', ['绿化带杂草多', '树枝遮挡窗户']],
  ['noise', 10, 'security', ['楼上深夜噪音', '广场舞音乐太吵', '空调外机噪音大']],
  ['renovation', 6, 'security', ['邻居装修超时施工', '装修垃圾堆在楼道']],
  ['security', 5, 'security', ['陌生人进入小区', '门岗登记不严']],
  ['parking', 9, 'security', ['车位被占用', '地库出口拥堵', '访客车辆乱停']],
  ['fees', 5, 'finance', ['物业费账单有误', '停车费收费标准疑问']],
  ['service', 4, 'cs', ['前台接待态度不好', '报修后无人回复']],
  ['neighbour', 3, 'cs', ['邻居在楼道堆放杂物', '邻居宠物扰民']],
  ['other', 2, 'cs', ['其他问题']],
  ['theft', 0.6, 'security', ['电动车被盗']],
  ['equipment_failure', 0.5, 'engineering', ['中央空调停机', '发电机故障']],
  ['flooding', 0.3, 'engineering', ['地库进水']],
  ['elevator_entrapment', 0.3, 'engineering', ['电梯困人']],
  ['power_cut', 0.2, 'engineering', ['整栋楼突然停电']],
];
const CHANNEL_WEIGHTS: [(typeof CHANNELS)[number], number][] = [
  ['phone', 50],
  ['visit', 25],
  ['online', 15],
  ['written', 5],
  ['patrol', 5],
];
const SUGGESTIONS = ['建议增加充电桩', '建议延长会所开放时间', '建议增设快递柜', '建议小区增加儿童游乐设施'];

function weighted<T>(items: [T, number, ...unknown[]][]): (r: Rng) => [T, number, ...unknown[]] {
  const total = items.reduce((s, i) => s + i[1], 0);
  return (r) => {
    let x = r.next() * total;
    for (const i of items) if ((x -= i[1]) < 0) return i;
    return items[items.length - 1];
  };
}

interface Clock {
  started_at: number | null;
  due_at: number | null;
  done_at: number | null;
  skipped: number;
  policy: string | null;
}

/** A complaint's clocks in the order of the clock table's key (complaint, clock): each row lands at its end. */
const CLOCKS_IN_KEY_ORDER = [...CLOCKS].sort();

/**
 * Sites of this many complaints or more get their clock rows written on a
 * second thread (threadedSink, src/store/scale.ts); PMCTL_SCALE_THREAD_MIN
 * overrides it (tests run that path on small sites).
 */
const THREAD_MIN = 50_000;
const CLOCK_COLS = ['complaint_id', 'clock', 'started_at', 'due_at', 'done_at', 'skipped', 'policy'];

export function generateScale(ctx: Ctx, o: ScaleOptions): ScaleResult {
  const t0 = Date.now();
  const min = Number(process.env.PMCTL_SCALE_THREAD_MIN ?? THREAD_MIN);
  const clocks: RowSink =
    (o.complaints >= min ? threadedSink(ctx.db, { table: 'complaint_clocks', cols: CLOCK_COLS, rows: 128 }) : undefined) ??
    new MultiInsert(ctx.db, 'complaint_clocks', CLOCK_COLS, 128);
  try {
    return load(ctx, o, clocks, t0);
  } finally {
    clocks.close();
  }
}

function load(ctx: Ctx, o: ScaleOptions, kBatch: RowSink, t0: number): ScaleResult {
  const db = ctx.db;
  const tz = ctx.tz;
  const now = ctx.clock.now();
  const r = makeRng(o.seed ?? 20261123);
  const cal = ctx.calendar();
  const years = o.years ?? 5;

  // Due times as the clock engine computes them (dueAfter, src/domain/duration.ts).
  const due = cachedDue(cal, tz);

  // A demo folder is rebuilt, never repaired (see beginBulkLoad); the folder is back in WAL mode after.
  const rebuild = beginBulkLoad(db, ['units', 'complaints', 'complaint_events', 'complaint_clocks']);

  // ---- units ----------------------------------------------------------------
  const existing = unitCount(db);
  const firstBuilding = lastNumericBuilding(db) + 1;
  const unitBatch = new MultiInsert(db, 'units', [...UNIT_VALUE_COLUMNS, 'sort_key', 'created_at', 'updated_at']);
  const toAdd = Math.max(0, o.units - existing);
  for (let i = 0; i < toAdd; i++) {
    // Buildings of 2 units × 30 floors × 4 rooms.
    const building = String(firstBuilding + Math.floor(i / 240));
    const k = i % 240;
    const unit = String(Math.floor(k / 120) + 1);
    const floor = Math.floor((k % 120) / 4) + 1;
    const room = String(floor * 100 + (k % 4) + 1);
    const x = r.next();
    const occ = x < 0.75 ? 'owner' : x < 0.9 ? 'tenant' : 'vacant';
    const tenant = occ === 'tenant' ? personName(r) : null;
    unitBatch.push(
      `${building}-${unit}-${room}`,
      building,
      unit,
      String(floor),
      room,
      Math.round((60 + r.next() * 120) * 10) / 10,
      occ,
      personName(r),
      mobile(r),
      r.chance(0.5) ? idNumber(r) : null,
      tenant,
      tenant ? mobile(r) : null,
      occ === 'vacant' ? null : `${r.int(2010, 2025)}-${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`,
      unitSortKey(building, unit, floor, room),
      now,
      now,
    );
  }
  unitBatch.flush();

  // ---- complaints -------------------------------------------------------------
  const units = unitsWithOccupants(db);
  const staff = activeStaff(db);
  const clerks = staff.filter((s) => s.department === 'cs' && s.role === 'clerk').map((s) => s.code);
  const desk = clerks.length ? clerks : staff.map((s) => s.code);
  const handlers = new Map<string, string[]>();
  for (const s of staff) handlers.set(s.department, [...(handlers.get(s.department) ?? []), s.code]);
  const pickCat = weighted(CATS);
  const pickChannel = weighted(CHANNEL_WEIGHTS);

  const cBatch = new MultiInsert(
    db,
    'complaints',
    [
      'id',
      'kind',
      'status',
      'outcome',
      'severity',
      'category',
      'channel',
      'unit',
      'name',
      'phone',
      'subject',
      'written',
      'first_contact',
      'dept',
      'handler',
      'valid',
      'satisfaction',
      'received_at',
      'heard_at',
      'dispatched_at',
      'resolved_at',
      'closed_at',
      'created_at',
      'updated_at',
    ],
    32,
  );
  const eBatch = new MultiInsert(db, 'complaint_events', ['complaint_id', 'type', 'at', 'by', 'actor', 'note', 'data', 'recorded_at'], 64);

  const days = Math.round(years * 365.25);
  const startDay = localDate(now - days * DAY, tz);
  // Each day's share: more on working days than on rest days, some noise,
  // today only for the part of its office hours already gone. Counts come
  // from the running total, so they add up to exactly the number asked for.
  const dayStarts: number[] = [];
  const weights: number[] = [];
  for (let d = 0; ; d++) {
    const dayStart = endOfLocalDay(startDay, tz) + 1 - DAY + d * DAY;
    if (dayStart > now) break;
    const elapsed = Math.min(1, Math.max(0, (now - dayStart - 7 * HOUR) / (15 * HOUR)));
    const w = (cal.isWorkday(localDate(dayStart, tz)) ? 1.1 : 0.75) * (0.8 + 0.4 * r.next()) * (dayStart + DAY > now ? elapsed : 1);
    dayStarts.push(dayStart);
    weights.push(w);
  }
  const totalW = weights.reduce((a, b) => a + b, 0) || 1;
  let made = 0;
  let open = 0;
  let cumW = 0;
  for (let d = 0; d < dayStarts.length; d++) {
    const dayStart = dayStarts[d];
    const date = localDate(dayStart, tz);
    const scope = 'C' + date.replace(/-/g, '');
    cumW += weights[d];
    const n = d === dayStarts.length - 1 ? o.complaints - made : Math.round((o.complaints * cumW) / totalW) - made;
    if (n <= 0) continue;
    // Office hours mostly: 07:00–22:00, sorted so ids follow time.
    const times: number[] = [];
    const opens = dayStart + 7 * HOUR;
    const span = Math.max(0, Math.min(15 * HOUR, now - opens));
    for (let i = 0; i < n; i++) times.push(span ? opens + Math.floor(r.next() * span) : Math.min(now, dayStart + r.next() * (now - dayStart)));
    times.sort((a, b) => a - b);
    let seq = lastIdOf(db, scope);
    for (const received of times) {
      if (received > now) break;
      seq++;
      made++;
      const id = `${scope}-${String(seq).padStart(3, '0')}`;
      if (genComplaint(id, received)) open++;
    }
    setLastId(db, scope, seq);
  }
  faultPoint('scale.loaded');
  cBatch.flush();
  eBatch.flush();
  kBatch.flush();

  function genComplaint(id: string, received: number): boolean {
    const u = units[r.int(0, units.length - 1)];
    const suggestion = r.chance(0.06);
    const [category, , dept, subjects] = pickCat(r) as [string, number, string, string[]];
    const severity: Severity = suggestion ? 'general' : severityFor(category);
    const sc = scopeOf(suggestion ? 'suggestion' : 'complaint', severity);
    const channel = pickChannel(r)[0] as string;
    const written = channel === 'written' ? 1 : 0;
    const byTenant = u.occupancy === 'tenant' && r.chance(0.7);
    const name = (byTenant ? u.tenant_name : u.owner_name) ?? personName(r);
    const phone = (byTenant ? u.tenant_phone : u.owner_phone) ?? mobile(r);
    const clerk = desk[r.int(0, desk.length - 1)];
    const handler = (handlers.get(dept) ?? desk)[r.int(0, (handlers.get(dept) ?? desk).length - 1)];
    const heard = r.chance(0.1) ? received - r.int(10, 600) * MINUTE : null;
    const age = now - received;
    // A few recent records stall at one step: those are the ones overdue now.
    const stall = age < 30 * DAY && r.chance(0.01) ? r.int(1, 5) : 0;
    const at = (t: number) => (t <= now ? t : null);

    const clocks = new Map<ClockName, Clock>();
    const blank = (c: ClockName) =>
      clocks.set(c, { started_at: null, due_at: null, done_at: null, skipped: defaultPolicy(c, sc) === null ? 1 : 0, policy: null });
    const start = (c: ClockName, t: number) => {
      const p = defaultPolicy(c, sc);
      if (p === null) blank(c);
      else clocks.set(c, { started_at: t, due_at: due(t, p), done_at: null, skipped: 0, policy: p });
    };
    const stop = (c: ClockName, t: number) => {
      const k = clocks.get(c)!;
      if (!k.skipped && k.started_at != null && k.done_at == null) k.done_at = t;
    };
    // Steps are decided first, then applied to the clocks in time order, as
    // the engine would see them recorded one after another.
    const steps: { t: number; row: unknown[]; apply?: () => void }[] = [];
    const event = (type: string, t: number, by: string, note: string | null = null, data: string | null = null, apply?: () => void) =>
      steps.push({ t, row: [id, type, t, by, clerk, note, data, t], apply });

    for (const c of CLOCKS) blank(c);
    // v2: the board tier applies only after a board escalation (the generator takes none).
    for (const c of ['board_escalate', 'board_report'] as const) clocks.set(c, { started_at: null, due_at: null, done_at: null, skipped: 1, policy: null });
    start('intake', heard ?? received);
    stop('intake', received);
    for (const c of ['dispatch', 'reply', 'escalate', 'written_report', 'suggestion_reply'] as const) start(c, received);
    eBatch.push(id, 'received', received, clerk, clerk, null, heard ? JSON.stringify({ heard_at: heard }) : null, received);

    let status = 'received';
    let outcome: string | null = null;
    let valid: number | null = null;
    let satisfaction: string | null = null;
    let dispatchedAt: number | null = null;
    let resolvedAt: number | null = null;
    let closedAt: number | null = null;
    let deptOut: string | null = null;
    let handlerOut: string | null = null;
    let last = received;
    let verified = false;

    if (severity !== 'general') {
      const t = at(received + r.int(1, severity === 'emergency' ? 8 : 45) * MINUTE);
      if (t && stall !== 1) event('escalated', t, clerk, null, null, () => stop('escalate', t));
      if (severity === 'emergency') {
        const w = at(received + r.int(2, 30) * HOUR);
        if (w && stall !== 1) event('report_filed', w, clerk, null, null, () => stop('written_report', w));
      }
    }

    const replyAt = (from: number) => {
      const t = at(from + r.int(20, 60 * 40) * MINUTE);
      if (!t || stall === 4) return;
      event('replied', t, clerk, null, JSON.stringify({ method: written ? 'written' : r.pick(['phone', 'visit', 'sms']) }), () => {
        stop('reply', t);
        stop('suggestion_reply', t);
      });
    };

    if (suggestion) {
      const t = at(received + r.int(1, 90) * HOUR);
      if (t && stall === 0) {
        event('replied', t, clerk, null, JSON.stringify({ method: r.pick(['phone', 'sms']), adopted: r.chance(0.4) }), () => stop('suggestion_reply', t));
        const c = at(t + r.int(5, 60) * MINUTE);
        if (c) {
          status = 'closed';
          outcome = 'resolved';
          closedAt = c;
          event('closed', c, clerk);
        }
      }
    } else if (r.chance(0.03) && severity === 'general') {
      // Explained to the complainant as not a reasonable complaint.
      const t = at(received + r.int(30, 60 * 20) * MINUTE);
      if (t && stall === 0) {
        event('explained', t, clerk, '已向业主解释', null, () => {
          stop('reply', t);
          for (const k of clocks.values()) if (k.done_at == null && !k.skipped) k.skipped = 1;
        });
        status = 'closed';
        outcome = 'explained';
        valid = 0;
        closedAt = t;
      }
    } else {
      const late = r.chance(0.04);
      const td = at(received + (severity === 'emergency' ? r.int(1, 5) : r.int(5, late ? 900 : 600)) * MINUTE);
      if (td && stall !== 2) {
        event('dispatched', td, clerk, null, JSON.stringify({ dept, handler }), () => {
          stop('dispatch', td);
          start('accept', td);
          start('resolve', td);
        });
        status = 'dispatched';
        valid = 1;
        dispatchedAt = td;
        deptOut = dept;
        handlerOut = handler;
        last = td;
        const ta = at(td + r.int(5, late ? 200 : 110) * MINUTE);
        if (ta && stall !== 3) {
          event('accepted', ta, handler, null, null, () => stop('accept', ta));
          status = 'accepted';
          last = ta;
          const windowMin = severity === 'emergency' ? 240 : 1440;
          const done = ta + r.int(30, Math.floor(windowMin * (late ? 1.5 : 0.95))) * MINUTE;
          const recorded = at(done + r.int(5, late ? 180 : 110) * MINUTE);
          if (recorded && stall !== 5) {
            event('resolved', recorded, handler, '已处理', JSON.stringify({ done_at: done }), () => {
              stop('accept', done);
              stop('resolve', done);
              start('feedback', done);
              stop('feedback', recorded);
              start('return_visit', done);
              start('verify', done);
              // v2 ([003] §8): the clerk recording the result is the first contact here: nobody to tell.
              clocks.set('first_contact', { started_at: null, due_at: null, done_at: null, skipped: 1, policy: null });
            });
            status = 'resolved';
            resolvedAt = done;
            last = recorded;
            if (severity === 'emergency') {
              const v = at(recorded + r.int(1, 9) * HOUR);
              if (v) {
                verified = true;
                event('verified', v, clerk, null, null, () => stop('verify', v));
              }
            }
          }
        }
      }
      replyAt(received);
      if (status === 'resolved') {
        const tv = at(last + r.int(2, late ? 80 : 44) * HOUR);
        if (tv) {
          // Unsatisfied ones go back for re-dispatch; only recent ones are still in that loop.
          satisfaction = r.chance(0.85) ? 'satisfied' : age > 30 * DAY || r.chance(0.8) ? 'basic' : 'unsatisfied';
          event('visited', tv, clerk, null, JSON.stringify({ result: satisfaction }), () => {
            stop('return_visit', tv);
            if (!written) stop('reply', tv);
          });
          const tc = at(tv + r.int(5, 120) * MINUTE);
          if (tc && (verified || severity !== 'emergency') && satisfaction !== 'unsatisfied') {
            status = 'closed';
            outcome = 'resolved';
            closedAt = tc;
            event('closed', tc, clerk);
          }
        }
      }
    }

    steps.sort((a, b) => a.t - b.t);
    for (const st of steps) {
      st.apply?.();
      eBatch.push(...st.row);
    }
    cBatch.push(
      id,
      suggestion ? 'suggestion' : 'complaint',
      status,
      outcome,
      severity,
      category,
      channel,
      u.label,
      name,
      phone,
      suggestion ? r.pick(SUGGESTIONS) : r.pick(subjects),
      written,
      clerk,
      deptOut,
      handlerOut,
      valid,
      satisfaction,
      received,
      heard,
      dispatchedAt,
      resolvedAt,
      closedAt,
      received,
      closedAt ?? last,
    );
    for (const c of CLOCKS_IN_KEY_ORDER) {
      const k = clocks.get(c)!;
      kBatch.push(id, c, k.started_at, k.due_at, k.done_at, k.skipped, k.policy);
    }
    return status !== 'closed';
  }

  rebuildIndexes(db, rebuild);
  // A year of patrols before the demo's month (SPEC §9 v2), read through the rebuilt unit indexes.
  scalePatrols(db, { now, tz: ctx.tz });
  const result: ScaleResult = {
    units_added: toAdd,
    complaints: made,
    events: eBatch.count,
    clocks: kBatch.count,
    open,
    seconds: 0,
  };
  if (o.requests) result.requests = generateRequests(ctx, { count: o.requests, years, seed: o.seed });
  appendAudit(db, { at: now, actor: ctx.actor?.code ?? null, action: 'demo.scale', entity: 'site', after: result });
  commitBulkLoad(db);
  // Before ANALYZE and the journal mode, which would reach an attached scratch file too.
  kBatch.close();
  finishBulkLoad(db);
  result.seconds = Math.round((Date.now() - t0) / 100) / 10;
  return result;
}
