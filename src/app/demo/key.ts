import type { Ctx } from '../context.js';
import type { Rng } from './rng.js';
import { HOUR, DAY, formatIso } from '../../domain/time.js';
import { OWNER_KINDS } from '../../domain/keys.js';
import { addKey, copyKey, damagedKey, issueKey, lendKey, lostKey, rekeyedKey, returnKey } from '../key/keys.js';
import { firstUnits } from '../../store/key.js';

/**
 * The demo cabinet: owner keys of the first units (the move-in set issued to
 * occupied units, spares and whole sets of vacant units in the cabinet),
 * public door/window keys per building and floor, and engineering's facility
 * rooms; with loans out (some overdue), one lost key awaiting its lock change,
 * a damaged key and past history. Goes through the real use cases.
 */
export function seedDemo(ctx: Ctx, rng: Rng): void {
  const now = ctx.clock.now();
  const iso = (ms: number) => formatIso(ms, ctx.tz);
  const taken = now - 30 * DAY;
  const units = firstUnits(ctx.db, 36);
  if (!units.length) return;

  let spare: string | undefined;
  let vacantKey: string | undefined;
  for (const u of units) {
    const occupied = u.occupancy !== 'vacant' && !!u.owner_name;
    for (const kind of OWNER_KINDS) {
      const label = `${u.label} ${kind} #1`;
      addKey(ctx, { label, kind, unit: u.label, copies: kind === 'mailbox' ? '1' : '2', at: iso(taken) });
      if (occupied) issueKey(ctx, { label, toOwner: true, idChecked: true, signedBy: u.owner_name!, at: iso(taken + rng.int(1, 20) * DAY) });
      else vacantKey ??= label;
    }
    // Owners often leave a spare security-door key with the desk.
    if (occupied && rng.chance(0.3)) {
      const label = `${u.label} security_door #2`;
      addKey(ctx, { label, kind: 'security_door', unit: u.label, at: iso(taken) });
      spare ??= label;
    }
  }

  const publicKeys: string[] = [];
  for (let b = 1; b <= 5; b++) {
    for (const [suffix, kind, place] of [
      ['天台门', 'public_door', `${b}栋 顶层`],
      ['1F 消防通道门', 'public_door', `${b}栋 1F`],
      ['2F 公共窗', 'public_window', `${b}栋 2F`],
    ] as const) {
      const label = `${b}栋 ${suffix}`;
      addKey(ctx, { label, kind, place, copies: '2', at: iso(taken) });
      publicKeys.push(label);
    }
  }
  const facility = ['B2 配电房', 'B2 发电机房', 'B1 水泵房', 'B1 换热站', '1栋 电梯机房', '3栋 电梯机房', '屋顶 水箱间'];
  for (const label of facility) addKey(ctx, { label, kind: 'facility', place: label, copies: '2', at: iso(taken) });

  // History: a facility loan returned, a lost key changed, a copy cut with approval.
  lendKey(ctx, { label: 'B1 水泵房', to: 'E004', purpose: '水泵房例行巡检', due: '2h', approvedBy: 'E002', at: iso(now - 3 * DAY) });
  returnKey(ctx, { label: 'B1 水泵房', at: iso(now - 3 * DAY + 90 * 60_000) });
  lostKey(ctx, { label: 'B1 换热站', note: '维保单位交还前遗失', at: iso(now - 10 * DAY) });
  rekeyedKey(ctx, { label: 'B1 换热站', note: '已换锁芯', at: iso(now - 9 * DAY) });
  copyKey(ctx, { label: 'B2 发电机房', approvedBy: 'E001', note: '夜班值守需要', at: iso(now - 8 * DAY) });
  damagedKey(ctx, { label: publicKeys[5], note: '钥匙齿断裂', at: iso(now - 6 * DAY) });

  // Out now: an overdue facility loan, a public key due soon, an owner's spare
  // lent to a decorator with consent (overdue since last night), and a lost
  // public key whose lock change is still pending.
  lendKey(ctx, { label: 'B2 配电房', to: 'E003', purpose: '配电柜例行检修', due: '2h', approvedBy: 'E002', at: iso(now - 5 * HOUR) });
  lendKey(ctx, { label: publicKeys[0], to: 'E005', purpose: '屋面防水检查', due: '2h', at: iso(now - HOUR) });
  if (spare)
    lendKey(ctx, {
      label: spare,
      to: '陈师傅',
      purpose: '装修进场开门',
      due: '9h',
      ownerConsent: '业主电话同意（前一天 08:50）',
      phone: '13912345678',
      at: iso(now - 26 * HOUR),
    });
  if (vacantKey)
    lendKey(ctx, { label: vacantKey, to: 'S006', purpose: '空置房巡查', due: '1h', ownerConsent: '空置房巡查授权书 2026-01', at: iso(now - 3 * HOUR) });
  lostKey(ctx, { label: publicKeys[3], note: '保安巡逻时遗失', at: iso(now - 20 * HOUR) });
}
