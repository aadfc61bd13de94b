// The weekly report on complaints recorded with the real complaint commands:
// one known week (2026-W47, Mon 11-16 … Sun 11-22), every rate and clock count.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { FIXTURES, makeSite, type Site } from './helpers.js';

const OCCUPIED = (parse(readFileSync(join(FIXTURES, 'units.csv')), { columns: true }) as { occupancy: string }[]).filter(
  (u) => u.occupancy !== 'vacant',
).length;

describe('weekly report on complaints recorded with the complaint commands', () => {
  let site: Site;
  const ids: Record<string, string> = {};
  const step = (args: string[], at: string) => {
    const r = site.run(args, { as: 'S005', now: at });
    expect(r.code, args.join(' ') + '\n' + r.stderr).toBe(0);
    return r;
  };
  const intake = (key: string, at: string, o: { unit: string; subject: string; category: string; channel: string; kind?: string }) => {
    ids[key] = step(
      [
        'complaint',
        'new',
        '--unit',
        o.unit,
        '--name',
        '测试业主',
        '--phone',
        '13800138000',
        '--subject',
        o.subject,
        '--category',
        o.category,
        '--channel',
        o.channel,
        ...(o.kind ? ['--kind', o.kind] : []),
        '--json',
      ],
      at,
    ).json().id;
  };

  beforeAll(() => {
    site = makeSite({ roster: true, now: '2026-11-10 08:00' });
    // F (week 46): resolved late, replied in time, visited late (its visit fell due in week 47), basic.
    intake('F', '2026-11-10 09:00', { unit: '1-1-102', subject: '垃圾桶满溢', category: 'cleaning', channel: 'phone' });
    step(['complaint', 'dispatch', ids.F, '--dept', 'cleaning', '--handler', 'J002', '--due', '24h'], '2026-11-10 09:30');
    step(['complaint', 'accept', ids.F], '2026-11-10 10:00');
    step(['complaint', 'resolve', ids.F, '--note', '垃圾清运不及时'], '2026-11-12 10:00');
    step(['complaint', 'reply', ids.F, '--method', 'phone', '--note', '已清运'], '2026-11-12 11:00');
    step(['complaint', 'visit', ids.F, '--result', 'basic', '--note', '基本满意'], '2026-11-17 09:00');
    step(['complaint', 'close', ids.F], '2026-11-17 09:05');
    // A: everything on time, visited satisfied, closed.
    intake('A', '2026-11-16 09:00', { unit: '1-1-101', subject: '楼上夜间装修', category: 'noise', channel: 'phone' });
    step(['complaint', 'dispatch', ids.A, '--dept', 'engineering', '--handler', 'E003', '--due', '24h'], '2026-11-16 09:30');
    step(['complaint', 'accept', ids.A, '--by', 'E002'], '2026-11-16 10:00');
    step(['complaint', 'resolve', ids.A, '--note', '夜间装修施工', '--by', 'E003'], '2026-11-16 15:00');
    step(['complaint', 'reply', ids.A, '--method', 'phone', '--note', '已告知处理结果'], '2026-11-16 15:30');
    step(['complaint', 'visit', ids.A, '--result', 'satisfied', '--note', '满意'], '2026-11-17 10:00');
    step(['complaint', 'close', ids.A], '2026-11-17 10:05');
    // D: a suggestion replied in time.
    intake('D', '2026-11-16 11:00', { unit: '3-1-101', subject: '增加绿化座椅', category: 'greening', channel: 'written', kind: 'suggestion' });
    // B: delayed, resolved after the new deadline, never replied, not visited.
    intake('B', '2026-11-17 14:00', { unit: '1-1-101', subject: '水龙头漏水', category: 'repair', channel: 'visit' });
    step(['complaint', 'dispatch', ids.B, '--dept', 'engineering', '--handler', 'E003', '--due', '4h'], '2026-11-17 15:00');
    step(['complaint', 'delay', ids.B, '--reason', '配件缺货', '--new-due', '2026-11-18 08:00'], '2026-11-17 16:00');
    step(['complaint', 'reply', ids.D, '--method', 'written', '--note', '已采纳，下月安装（书面答复）', '--adopted', 'yes'], '2026-11-18 10:00');
    step(['complaint', 'resolve', ids.B, '--note', '配件缺货', '--by', 'E003'], '2026-11-18 09:00');
    // C: explained as unreasonable.
    intake('C', '2026-11-20 20:00', { unit: '2-1-301', subject: '邻居说话声', category: 'noise', channel: 'online' });
    step(['complaint', 'explain', ids.C, '--note', '属正常生活声音，已解释'], '2026-11-21 10:00');
    // E: received Saturday, never dispatched.
    intake('E', '2026-11-21 09:00', { unit: '2-1-301', subject: '车位被占', category: 'parking', channel: 'phone' });
  });
  afterAll(() => site.cleanup());

  it('every rate and clock count of the week, exactly', () => {
    const r = site.run(['report', 'weekly', '--week', 'last', '--json'], { now: '2026-11-23 10:00' });
    expect(r.code, r.stderr).toBe(0);
    const j = r.json();
    const rate = (value: number | null, met: boolean | null, numerator: number, denominator: number) => ({ value, met, numerator, denominator });
    expect(j.rates).toMatchObject({
      // A and C had every clock due in the week met; B (resolved late, reply and visit overdue),
      // E (dispatch overdue) and F (visited late) not.
      timeliness: rate(2 / 5, false, 2, 5),
      valid_handled: rate(1, true, 2, 2),
      // A replied in time, B overdue (C's and E's replies fall due next week).
      reply_on_time: rate(1 / 2, false, 1, 2),
      // A visited, F visited late, B's visit overdue.
      return_visit: rate(2 / 3, false, 2, 3),
      satisfaction: rate(1, true, 2, 2), // satisfied + basic
      suggestion_reply: rate(1, true, 1, 1),
      // Issue 17: the 12 months ending at the week's end (F of week 46 with A and B), not the week annualised.
      valid_complaint_rate: rate(3 / OCCUPIED, false, 3, OCCUPIED),
    });
    expect(j.clocks).toMatchObject({
      intake: { met: 5, breached: 0, overdue: 0 },
      dispatch: { met: 2, breached: 0, overdue: 1 },
      accept: { met: 2, breached: 0, overdue: 0 },
      resolve: { met: 1, breached: 1, overdue: 0 },
      reply: { met: 1, breached: 0, overdue: 1 },
      return_visit: { met: 1, breached: 1, overdue: 1 },
      suggestion_reply: { met: 1, breached: 0, overdue: 0 },
    });
    expect(j.complaints).toMatchObject({
      received: 5,
      complaints: 4,
      suggestions: 1,
      valid: 2,
      explained: 1,
      undecided: 1,
      delayed: 1,
      by_category: { noise: { received: 2, valid: 1, explained: 1 }, repair: { received: 1 }, parking: { received: 1 } },
      by_dept: { engineering: { received: 2 } },
    });
    expect(j.hot_spots.units).toEqual([
      { unit: '1-1-101', count: 2, categories: ['noise', 'repair'] },
      { unit: '2-1-301', count: 2, categories: ['noise', 'parking'] },
    ]);
    // Overdue now, from the complaint module's provider.
    expect(j.overdue).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ module: 'complaint', id: ids.E, what: 'dispatch' }),
        expect.objectContaining({ module: 'complaint', id: ids.B, what: 'reply' }),
      ]),
    );
  });

  it('the month so far: every rate, with a reply not yet due left out', () => {
    const j = site.run(['report', 'monthly', '--json'], { now: '2026-11-23 10:00' }).json();
    const rate = (value: number | null, met: boolean | null, numerator: number, denominator: number) => ({ value, met, numerator, denominator });
    expect(j.rates).toMatchObject({
      timeliness: rate(2 / 5, false, 2, 5),
      valid_handled: rate(1, true, 3, 3),
      // A, C (answered by the explanation before its due time) and F met; B overdue; E's not yet due.
      reply_on_time: rate(3 / 4, false, 3, 4),
      return_visit: rate(2 / 3, false, 2, 3),
      satisfaction: rate(1, true, 2, 2),
      suggestion_reply: rate(1, true, 1, 1),
      valid_complaint_rate: rate(3 / OCCUPIED, false, 3, OCCUPIED),
    });
    expect(j.clocks).toMatchObject({
      intake: { met: 6, breached: 0, overdue: 0, pending: 0 },
      resolve: { met: 1, breached: 2, overdue: 0, pending: 0 },
      reply: { met: 3, breached: 0, overdue: 1, pending: 1 },
      return_visit: { met: 1, breached: 1, overdue: 1, pending: 0 },
    });
    expect(j.complaints).toMatchObject({ received: 6, complaints: 5, suggestions: 1, valid: 3, closed: 3 });
  });

  it('the quarterly analysis shows the recorded causes', () => {
    const j = site.run(['report', 'quarterly', '--json'], { now: '2026-11-23 10:00' }).json();
    const noise = j.analysis.top.find((x: { category: string }) => x.category === 'noise');
    expect(noise).toMatchObject({ received: 2, valid: 1, explained: 1, causes: [{ cause: '夜间装修施工', count: 1 }] });
    const repair = j.analysis.top.find((x: { category: string }) => x.category === 'repair');
    expect(repair).toMatchObject({ resolve_late: 1, causes: [{ cause: '配件缺货', count: 1 }] });
  });
});
