// The visit module's part of the demo (SPEC §14): areas for three clerks, the
// last quarter's visits (one clerk behind target, so the quarter's end shows
// up as overdue), this quarter's so far, last July's satisfaction survey, an
// owners' forum and two community events (the latter short of its post-event
// visits).
import { sha256Hex } from '../../store/hash.js';
import { findActor, makeCtx, type Ctx } from '../context.js';
import type { Rng } from './rng.js';
import { setSetting, nextId } from '../../store/common.js';
import { visitStore } from '../../store/visit.js';
import { DAY, HOUR, formatLocal, localDate, startOfLocalDay } from '../../domain/time.js';
import { previousQuarter, quarterOf, visitTarget, DEFAULT_VISIT_TARGET } from '../../domain/visit.js';
import { recordVisit, setArea } from '../visit/visits.js';
import { addEvent, recordEvent } from '../visit/events.js';

const NOTES = ['询问入住情况，无意见', '介绍物业服务热线', '住户反映服务满意', '提醒冬季防火', '登记住户联系方式变更'];
const QUESTIONS = ['客服接待', '维修服务', '保洁卫生', '绿化养护', '秩序维护', '总体评价'];

export function seedDemo(ctx: Ctx, rng: Rng): void {
  const db = ctx.db;
  const tz = ctx.tz;
  const now = ctx.clock.now();
  const as = (ms: number, code: string): Ctx => makeCtx(db, { now: ms, tz, actor: findActor(db, code) });
  const cur = quarterOf(localDate(now, tz), tz);
  const prev = previousQuarter(cur, tz);
  // The site began its visit rounds with the last quarter.
  setSetting(db, 'visit.since', prev.from, prev.since, 'S003');
  const areas: [string, string[]][] = [
    ['S005', ['1', '2']],
    ['S006', ['3', '4']],
    ['S007', ['5']],
  ];
  for (const [code, b] of areas) setArea(as(prev.since, 'S003'), code, b);

  // Each clerk's visits spread over a window: the last quarter (S006 stops short
  // of the target), and this quarter up to now.
  const visit = (code: string, units: string[], n: number, from: number, until: number): void => {
    const picks = [...units].sort(() => rng.next() - 0.5).slice(0, n);
    const times = picks.map(() => from + Math.floor(rng.next() * Math.max(1, until - from - DAY))).sort((a, b) => a - b);
    picks.forEach((unit, i) => {
      const t = startOfLocalDay(localDate(times[i], tz), tz) + (9 + Math.floor(rng.next() * 8)) * HOUR;
      if (t >= now) return;
      recordVisit(as(now, code), {
        unit,
        method: rng.next() < 0.7 ? 'home' : 'phone',
        note: NOTES[Math.floor(rng.next() * NOTES.length)],
        at: formatLocal(t, tz),
      });
    });
  };
  for (const [code, b] of areas) {
    const units = visitStore.occupiedUnits(db, b);
    const target = visitTarget(units.length, DEFAULT_VISIT_TARGET);
    visit(code, units, code === 'S006' ? target - 4 : target + 1, prev.since, prev.until);
    const share = (now - cur.since) / (cur.until - cur.since);
    visit(code, units, Math.floor(target * share * 0.9), cur.since, now);
  }

  // Last July's survey: about a fifth of the households, mostly satisfied.
  const y = Number(localDate(now, tz).slice(0, 4)) - (Number(localDate(now, tz).slice(5, 7)) > 7 ? 0 : 1);
  const takenAt = startOfLocalDay(`${y}-07-20`, tz) + 17 * HOUR;
  if (takenAt < now) {
    const occupied = visitStore.occupiedUnits(db, ['1', '2', '3', '4', '5']).filter(() => rng.next() < 0.2);
    const id = nextId(db, 'SV', `${y}0720`);
    visitStore.insertSurvey(db, {
      id,
      name: `${y}年度业主满意度调查`,
      taken_from: `${y}-07-10`,
      taken_to: `${y}-07-20`,
      imported_at: takenAt,
      imported_by: 'S003',
      file: `${y}年7月满意度调查.xlsx`,
      sha256: sha256Hex(id),
      respondents: occupied.length,
      questions: JSON.stringify(QUESTIONS),
    });
    const put = visitStore.answerWriter(db);
    occupied.forEach((unit, line) =>
      QUESTIONS.forEach((_, q) => {
        const r = rng.next();
        put({
          survey_id: id,
          line: line + 2,
          unit,
          date: `${y}-07-${String(10 + (line % 10)).padStart(2, '0')}`,
          question: q,
          score: r < 0.55 ? 5 : r < 0.88 ? 4 : r < 0.95 ? 3 : 2,
        });
      }),
    );
  }

  // An owners' forum in the last quarter; a community event each quarter.
  const forumAt = startOfLocalDay(localDate(prev.since + 40 * DAY, tz), tz) + 19 * HOUR;
  const forum = addEvent(as(forumAt - 10 * DAY, 'S003'), { type: 'forum', at: formatLocal(forumAt, tz), topic: '业主恳谈会：停车管理与装修巡查' });
  recordEvent(as(forumAt + 4 * DAY, 'S003'), forum.id, { attendance: 36, satisfaction: 86, visited: 5 });
  const ev1At = startOfLocalDay(localDate(prev.since + 60 * DAY, tz), tz) + 14 * HOUR;
  const ev1 = addEvent(as(ev1At - 14 * DAY, 'S003'), { type: 'community', at: formatLocal(ev1At, tz), topic: '中秋游园会' });
  recordEvent(as(ev1At + 5 * DAY, 'S005'), ev1.id, { attendance: 120, satisfaction: 93, visited: 15 });
  const ev2At = startOfLocalDay(localDate(now - 20 * DAY, tz), tz) + 14 * HOUR;
  const ev2 = addEvent(as(ev2At - 10 * DAY, 'S003'), { type: 'community', at: formatLocal(ev2At, tz), topic: '社区义诊' });
  // Only 3 of 60 visited afterwards: short of [002] 2.10's 10 %.
  recordEvent(as(ev2At + 3 * DAY, 'S006'), ev2.id, { attendance: 60, satisfaction: 88, visited: 3 });
}
