// `pmctl config`: the site's own identity — its name and its code (SPEC §15:
// head office tells sites apart by code), kept in `meta` beside the time zone —
// and its language (SPEC §1 v2), a `settings` row.
import { UsageError } from '../../errors.js';
import { getMeta, getSetting, setMeta, setSetting } from '../../store/common.js';
import { writeTx } from '../../store/db.js';
import { audit, requireWriter, type Ctx } from '../context.js';
import { checkSiteCode } from '../../domain/rollup.js';

const KEYS = ['site', 'code', 'lang'] as const;
type Key = (typeof KEYS)[number];

function key(k: string): Key {
  if (!(KEYS as readonly string[]).includes(k)) throw new UsageError('err.config_key', { key: k, keys: KEYS.join(', ') }, 'fix.config_key');
  return k as Key;
}

export function configSet(ctx: Ctx, k: string, value: string): { key: string; value: string } {
  const name = key(k);
  if (name === 'code') {
    const bad = checkSiteCode(value);
    if (bad) throw new UsageError('err.site_code', { value }, 'fix.site_code_form');
  }
  if (name === 'lang') {
    // The language the site's people read when neither --lang nor PMCTL_LANG chooses (cron has no LANG).
    value = value.trim().toLowerCase();
    if (value !== 'zh' && value !== 'en') throw new UsageError('err.bad_lang', { value }, 'fix.lang');
  }
  requireWriter(ctx, { minRole: 'manager', action: 'action.config_set' });
  writeTx(ctx.db, () => {
    const before = read(ctx, name) || null;
    if (name === 'lang') setSetting(ctx.db, name, value, ctx.clock.now(), ctx.actor?.code ?? null);
    else setMeta(ctx.db, name, value);
    audit(ctx, 'config_set', 'site', { [name]: before }, { [name]: value });
  });
  return { key: name, value };
}

export function configGet(ctx: Ctx, k: string): { key: string; value: string } {
  const name = key(k);
  return { key: name, value: read(ctx, name) };
}

function read(ctx: Ctx, name: Key): string {
  return name === 'lang' ? (getSetting<string | null>(ctx.db, 'lang', null) ?? '') : (getMeta(ctx.db, name) ?? '');
}

export function configList(ctx: Ctx): { key: string; value: string }[] {
  return KEYS.map((k) => ({ key: k, value: read(ctx, k) }));
}
