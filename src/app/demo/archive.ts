import type { Ctx } from '../context.js';
import type { Rng } from './rng.js';
import { findActor } from '../context.js';
import { DAY, HOUR, formatIso } from '../../domain/time.js';
import { requiredDocs } from '../../domain/archive.js';
import { addDocument, openDossier, updateDossier } from '../archive/dossiers.js';
import { lend } from '../archive/loans.js';
import { hold, requestDestruction, reviewDestruction } from '../archive/destruction.js';
import { occupiedUnits } from '../../store/archive.js';

/**
 * The demo's archive room: a dossier for every occupied unit, most of them
 * complete, some with gaps; one dossier lent and overdue, one on loan and due
 * tomorrow; an old lease under a hold; a destruction waiting for the director.
 */
export function seedDemo(ctx: Ctx, rng: Rng): void {
  const now = ctx.clock.now();
  const iso = (ms: number) => formatIso(ms, ctx.tz);
  const as = (code: string): Ctx => ({ ...ctx, actor: findActor(ctx.db, code) });
  const units = occupiedUnits(ctx.db);
  // three let units changed tenants: the previous lease (4 years old) was replaced by the current one
  const relet = new Set(
    units
      .filter((u) => u.occupancy === 'tenant')
      .slice(0, 3)
      .map((u) => u.label),
  );
  const old: string[] = [];
  // Units whose required papers are all on file: the loans below need a document that exists,
  // whatever the random gaps came out as on the day the demo runs.
  const complete: string[] = [];
  for (const u of units) {
    const filed = now - rng.int(200, 1400) * DAY;
    const isRelet = relet.has(u.label);
    openDossier(ctx, u.label, u.occupancy, iso(isRelet ? now - 4 * 365 * DAY - 10 * DAY : filed));
    const req = requiredDocs(u.occupancy);
    const gappy = !isRelet && rng.chance(0.25);
    if (!gappy && u.occupancy === 'owner') complete.push(u.label);
    for (const t of req) {
      if (gappy && rng.chance(0.3)) continue;
      if (isRelet && t === 'lease') {
        old.push(addDocument(ctx, u.label, { type: 'lease', ref: '旧租约', note: '上一任租户', at: iso(now - 4 * 365 * DAY) }).id);
        updateDossier(ctx, u.label, { doc: 'lease', ref: '现租约', at: iso(filed) });
        continue;
      }
      addDocument(ctx, u.label, { type: t, ref: null, at: iso(filed + rng.int(0, 30) * DAY) });
    }
  }
  const sup = as('S003');
  // an overdue loan to engineering and one due tomorrow
  if (complete.length > 2) {
    lend(sup, complete[1], { to: 'E003', purpose: '核对装修图纸（漏水维修）', due: iso(now - 5 * HOUR), at: iso(now - 3 * DAY) });
    lend(sup, complete[2] + '/renovation_agreement', { to: 'S006', purpose: '装修巡查核对', due: iso(now + 26 * HOUR), at: iso(now - 2 * HOUR) });
  }
  // the replaced leases are past retention: one held for a dispute, the others on their way to the shredder
  if (old.length >= 3) {
    hold(sup, old[0], '租金纠纷诉讼中');
    const x = requestDestruction(sup, old.slice(1), { reason: '超过保存期（3年）的旧租赁合同', method: 'shred', at: iso(now - 2 * DAY) });
    reviewDestruction(as('S002'), x.id, { at: iso(now - DAY) });
  }
}
