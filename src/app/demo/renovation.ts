import type { Ctx } from '../context.js';
import { findActor } from '../context.js';
import type { Rng } from './rng.js';
import { DAY, HOUR, addDays, formatIso, localDate } from '../../domain/time.js';
import { idCheckDigit } from '../../domain/people.js';
import { extinguishersNeeded } from '../../domain/renovation.js';
import { unitFacts } from '../../store/renovation.js';
import { addPass, applyRenovation, approveRenovation, inspectRenovation, recordExtinguishers, reviewRenovation } from '../renovation/renovation.js';
import { listUnits } from '../roster/units.js';

function idNumber(rng: Rng, birth: string): string {
  const first17 = '110105' + birth.replace(/-/g, '') + String(rng.int(100, 999));
  return first17 + idCheckDigit(first17);
}

/**
 * Two active renovations (SPEC §13 demo): one inspected and in order, one
 * with a rectification notice still open (past its 3 days). Through the real
 * use cases, dated relative to now.
 */
export function seedDemo(ctx: Ctx, rng: Rng): void {
  const now = ctx.clock.now();
  const iso = (ms: number) => formatIso(ms, ctx.tz);
  const units = listUnits(ctx, { limit: 60 }).filter((u) => u.occupancy !== 'vacant');
  if (units.length < 2) return;
  const as = (code: string): Ctx => ({ ...ctx, actor: findActor(ctx.db, code) });
  const eng = as('E002');
  const mgr = as('S002');
  const today = localDate(now, ctx.tz);
  const sites = [
    {
      unit: units[units.length - 1].label,
      contractor: '安居装饰工程有限公司',
      phone: '13912345678',
      scope: '厨房卫生间翻新、更换水电管线',
      deposit: 300000,
      violation: false,
    },
    {
      unit: units[units.length - 5].label,
      contractor: '美家装饰',
      phone: '13787654321',
      scope: '客厅吊顶、墙面刷漆、阳台封窗',
      deposit: 200000,
      violation: true,
    },
  ];
  for (const s of sites) {
    const v = applyRenovation(ctx, {
      unit: s.unit,
      contractor: s.contractor,
      contractorPhone: s.phone,
      scope: s.scope,
      start: addDays(today, -7),
      end: addDays(today, 40),
      depositFen: s.deposit,
      at: iso(now - 10 * DAY),
    });
    reviewRenovation(eng, v.id, 'ok', '图纸已审：不动承重墙，防水层做闭水试验', iso(now - 9 * DAY));
    approveRenovation(mgr, v.id, iso(now - 8 * DAY));
    const area = unitFacts(ctx.db, s.unit)?.area_m2 ?? null;
    recordExtinguishers(ctx, v.id, extinguishersNeeded(area), iso(now - 8 * DAY + HOUR));
    addPass(ctx, v.id, {
      name: s.violation ? '刘建军' : '陈国栋',
      idNumber: idNumber(rng, '1982-04-16'),
      trade: 'electrician',
      certificate: '特种作业操作证 T1101' + rng.int(10000, 99999),
      at: iso(now - 8 * DAY + 2 * HOUR),
    });
    addPass(ctx, v.id, { name: s.violation ? '张小平' : '周立新', idNumber: idNumber(rng, '1990-09-03'), trade: 'mason', at: iso(now - 8 * DAY + 2 * HOUR) });
    if (s.violation)
      inspectRenovation(ctx, v.id, {
        result: 'violation',
        serious: false,
        note: '阳台堆放装修材料及易燃物品，未关闭通向公共通道的门窗',
        at: iso(now - 4 * DAY),
      });
    else inspectRenovation(ctx, v.id, { result: 'ok', serious: false, note: '现场整洁，灭火器到位，出入证齐全', at: iso(now - 2 * DAY) });
  }
}
