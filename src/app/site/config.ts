// `pmctl config`: the site's own identity — its name and its code (SPEC §15:
// head office tells sites apart by code), kept in `meta` beside the time zone —
// its language (SPEC §1 v2), and where each module's coverage starts counting
// (SPEC §8 v2, `<module>.since`), `settings` rows.
import { UsageError } from '../../errors.js';
import { getMeta, getSetting, setMeta, setSetting } from '../../store/common.js';
import { writeTx } from '../../store/db.js';
import { audit, requireWriter, type Ctx } from '../context.js';
import { checkSiteCode } from '../../domain/rollup.js';
import { parseSinceSetting } from '../report/coverage.js';

/**
 * Where a module's coverage figures start counting (see app/report/coverage.ts):
 * a local date or date and time; empty = from the module's first record.
 */
export const COVERAGE_SINCE_KEYS = ['handover.since', 'visit.since', 'patrol.since'] as const;
const isSince = (k: string) => (COVERAGE_SINCE_KEYS as readonly string[]).includes(k);

const KEYS = ['site', 'code', 'lang', ...COVERAGE_SINCE_KEYS] as const;
type Key = (typeof KEYS)[number];

function key(k: string): Key {
  if (!(KEYS as readonly string[]).includes(k)) throw new UsageError('err.config_key', { key: k, keys: KEYS.join(', ') }, 'fix.config_key');
  return k as Key;
}

/** Site identity lives in meta; the language and the `<module>.since` dates in settings (JSON), where their readers look. */
function read(db: Ctx['db'], k: Key): string {
  if (k === 'lang' || isSince(k)) {
    const v = getSetting<unknown>(db, k, null);
    return typeof v === 'string' ? v : '';
  }
  return getMeta(db, k) ?? '';
}

export function configSet(ctx: Ctx, k: string, value: string): { key: string; value: string } {
  const name = key(k);
  if (name === 'code' && checkSiteCode(value)) throw new UsageError('err.site_code', { value }, 'fix.site_code_form');
  if (name === 'lang') {
    // The language the site's people read when neither --lang nor PMCTL_LANG chooses (cron has no LANG).
    value = value.trim().toLowerCase();
    if (value !== 'zh' && value !== 'en') throw new UsageError('err.bad_lang', { value }, 'fix.lang');
  }
  if (isSince(name) && value.trim() !== '' && parseSinceSetting(value, ctx.tz) === null)
    throw new UsageError('err.config_since', { key: name, value }, 'fix.config_since');
  requireWriter(ctx, { minRole: 'manager', action: 'action.config_set' });
  writeTx(ctx.db, () => {
    const before = read(ctx.db, name) || null;
    if (name === 'lang') setSetting(ctx.db, name, value, ctx.clock.now(), ctx.actor?.code ?? null);
    else if (isSince(name)) setSetting(ctx.db, name, value.trim() === '' ? null : value.trim(), ctx.clock.now(), ctx.actor?.code ?? null);
    else setMeta(ctx.db, name, value);
    audit(ctx, 'config_set', 'site', { [name]: before }, { [name]: value });
  });
  return { key: name, value: read(ctx.db, name) };
}

export function configGet(ctx: Ctx, k: string): { key: string; value: string } {
  const name = key(k);
  return { key: name, value: read(ctx.db, name) };
}

export function configList(ctx: Ctx): { key: string; value: string }[] {
  return KEYS.map((k) => ({ key: k, value: read(ctx.db, k) }));
}
