import type { Ctx } from '../context.js';
import type { Rng } from '../core/rng.js';
import { findActor } from '../context.js';
import { DAY, HOUR, formatIso } from '../../domain/time.js';
import { OWNER_REQUIRED, TENANT_REQUIRED } from '../../domain/archive.js';
import { addDocument, openDossier } from './dossiers.js';
import { lend } from './loans.js';
import { hold, requestDestruction, reviewDestruction } from './destruction.js';

/**
 * The demo's archive room: a dossier for every occupied unit, most of them
 * complete, some with gaps; one dossier lent and overdue, one on loan and due
 * tomorrow; an old lease under a hold; a destruction waiting for the director.
 */
export function seedDemo(ctx: Ctx, rng: Rng): void {
  const now = ctx.clock.now();
  const iso = (ms: number) => formatIso(ms, ctx.tz);
  const as = (code: string): Ctx => ({ ...ctx, actor: findActor(ctx.db, code) });
  const units = ctx.db
    .prepare("SELECT label, occupancy, move_in_date FROM units WHERE occupancy IN ('owner','tenant') ORDER BY sort_key")
    .all() as { label: string; occupancy: 'owner' | 'tenant'; move_in_date: string | null }[];
  const tenants: string[] = [];
  for (const u of units) {
    const filed = now - rng.int(200, 2400) * DAY;
    openDossier(ctx, u.label, u.occupancy, iso(filed));
    const req = u.occupancy === 'owner' ? OWNER_REQUIRED : TENANT_REQUIRED;
    const gappy = rng.chance(0.25);
    for (const t of req) {
      if (gappy && rng.chance(0.3)) continue;
      addDocument(ctx, u.label, { type: t, ref: null, at: iso(filed + rng.int(0, 30) * DAY) });
    }
    if (u.occupancy === 'tenant') tenants.push(u.label);
  }
  const sup = as('S003');
  const owners = units.filter((u) => u.occupancy === 'owner').map((u) => u.label);
  // an overdue loan to engineering and one due tomorrow
  if (owners.length > 2) {
    lend(sup, owners[1], { to: 'E003', purpose: '核对装修图纸（漏水维修）', due: iso(now - 5 * HOUR), at: iso(now - 3 * DAY) });
    lend(sup, owners[2] + '/renovation_agreement', { to: 'S006', purpose: '装修巡查核对', due: iso(now + 26 * HOUR), at: iso(now - 2 * HOUR) });
  }
  // old tenancy papers: past retention, one held for a dispute, the others on their way to the shredder
  const old: string[] = [];
  for (const label of tenants.slice(0, 3)) {
    const d = addDocument(ctx, label, { type: 'lease', ref: '旧租约', note: '上一任租户', at: iso(now - 4 * 365 * DAY) });
    old.push(d.id);
  }
  if (old.length >= 3) {
    hold(sup, old[0], '租金纠纷诉讼中');
    const x = requestDestruction(sup, old.slice(1), { reason: '超过保存期（3年）的旧租赁合同', method: 'shred', at: iso(now - 2 * DAY) });
    reviewDestruction(as('S002'), x.id, { at: iso(now - DAY) });
  }
}
