import { type Ctx, findActor, makeCtx } from '../context.js';
import type { Rng } from './rng.js';
import { DAY, HOUR, MINUTE, addDays, localDate, startOfLocalDay } from '../../domain/time.js';
import type { Attendance } from '../../domain/meeting.js';
import {
  addAction,
  completeAction,
  planMeetings,
  recordAttendance,
  recordDisruption,
  recordLeave,
  recordMinutes,
  scheduleMeeting,
} from '../meeting/meetings.js';
import { issueDueWarnings } from '../meeting/warnings.js';
import { inviteeCodes, meetingsBetween } from '../../store/meeting.js';

const MORNING_MINUTES = [
  '总结前日工作：报修 6 单已完成 5 单，1 单待配件；今日重点：5 号楼装修巡查、空置房巡楼。',
  '前日投诉 2 起已反馈业主；今日安排：回访 3 户，催缴 11 月物业费。',
  '前日交接班无遗留；今日重点：1 号楼电梯年检配合，大堂保洁抽查。',
  '前日夜班保安报告地库积水已处理；今日：复查排水沟、通知工程部。',
];

/**
 * The meeting module's part of the demo: the last month's and this month's
 * plan, attendance of the past month with a few late, early, absent, excused
 * and one disruption (so fines add up), minutes, a special meeting announced a
 * week ahead, and action items: one done in time, one overdue (its owner
 * warned), one still open.
 */
export function seedDemo(ctx: Ctx, rng: Rng): void {
  const db = ctx.db;
  const tz = ctx.tz;
  const now = ctx.clock.now();
  const at = (ms: number, actor: string): Ctx => makeCtx(db, { now: ms, tz, actor: findActor(db, actor) });
  const today = localDate(now, tz);
  const month = today.slice(0, 7);
  const prevMonth = localDate(startOfLocalDay(month + '-01', tz) - DAY, tz).slice(0, 7);

  // The supervisor plans each month a few days before it starts.
  for (const ym of [prevMonth, month]) planMeetings(at(startOfLocalDay(ym + '-01', tz) - 5 * DAY + 16 * HOUR, 'S003'), ym);

  const since = startOfLocalDay(addDays(today, -30), tz);
  const held = meetingsBetween(db, since, now);
  let disrupted = false;
  let mornings = 0;
  let minutesIdx = 0;
  for (const m of held) {
    const invited = inviteeCodes(db, m.id);
    const groups = new Map<Attendance, string[]>();
    for (const code of invited) {
      const r = rng.next();
      const s: Attendance = r < 0.06 ? 'late' : r < 0.08 ? 'early' : r < 0.1 ? 'absent' : r < 0.13 ? 'excused' : 'present';
      if (s === 'excused') recordLeave(at(startOfLocalDay(localDate(m.starts_at, tz), tz) - 7 * HOUR, code), m.id, code, { note: '请假条' });
      groups.set(s, [...(groups.get(s) ?? []), code]);
    }
    const clerk = at(m.starts_at + 30 * MINUTE, 'S005');
    for (const [s, codes] of groups) recordAttendance(clerk, m.id, codes, s, s === 'late' ? { note: '未按时到会' } : {});
    const present = groups.get('present') ?? [];
    if (!disrupted && m.type === 'morning' && present.length > 2 && ++mornings >= 5) {
      recordDisruption(clerk, m.id, present[present.length - 1], '会议期间大声接听私人电话');
      disrupted = true;
    }
    if (m.type === 'monthly')
      recordMinutes(
        at(m.starts_at + 2 * HOUR, 'S005'),
        m.id,
        '各主管汇报上月工作：投诉 18 起，已结 16 起；需工程部协调 3 号楼外墙渗水；市场拓展部讲评并确认责任到人、限期完成。',
      );
    else recordMinutes(clerk, m.id, MORNING_MINUTES[minutesIdx++ % MORNING_MINUTES.length]);
  }

  // Action items: from a morning meeting about ten days ago, one done in time and one left overdue.
  const earlier = held.filter((m) => m.type === 'morning' && m.starts_at < now - 9 * DAY);
  const src = earlier[earlier.length - 1] ?? held[0];
  if (src) {
    const c = at(src.starts_at + HOUR, 'S005');
    const done = addAction(c, src.id, { owner: 'S003', due: localDate(src.starts_at + 3 * DAY, tz), text: '整改 3 号楼大堂保洁问题并上报结果' });
    completeAction(at(done.due_at - 6 * HOUR, 'S003'), done.id, { result: '已与保洁公司沟通，大堂每日加拖两次，复查合格' });
    addAction(c, src.id, { owner: 'S004', due: localDate(now - 2 * DAY, tz), text: '完成 10 月不满意投诉的二次回访并书面上报' });
  }
  const monthly = held.filter((m) => m.type === 'monthly').pop();
  if (monthly)
    addAction(at(monthly.starts_at + 2 * HOUR, 'S005'), monthly.id, {
      owner: 'E002',
      due: localDate(Math.max(now, monthly.starts_at) + 5 * DAY, tz),
      text: '协调 3 号楼外墙渗水维修方案',
    });

  // A special meeting announced a week and more ahead.
  scheduleMeeting(at(now - HOUR, 'S003'), {
    type: 'special',
    at: localDate(now + 10 * DAY, tz) + ' 14:00',
    topic: '冬季消防安全专题会议',
    location: '服务中心会议室',
    attendees: ['S002', 'S003', 'S004', 'S005', 'S006', 'E002', 'B001'],
  });

  issueDueWarnings(ctx, now);
}
