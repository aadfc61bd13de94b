// `pmctl config`: the site's own settings that are not a module's (today: lang).
import { UsageError } from '../../errors.js';
import { writeTx } from '../../store/db.js';
import { getSetting, setSetting } from '../../store/common.js';
import { audit, requireWriter, type Ctx } from '../context.js';

export const SETTINGS = ['lang'] as const;
export type SettingName = (typeof SETTINGS)[number];

export interface SettingRow {
  name: SettingName;
  value: string | null;
}

export function listSettings(ctx: Ctx): SettingRow[] {
  return SETTINGS.map((name) => ({ name, value: getSetting<string | null>(ctx.db, name, null) }));
}

export function setSiteSetting(ctx: Ctx, name: string, value: string): SettingRow {
  if (!(SETTINGS as readonly string[]).includes(name)) throw new UsageError('err.bad_setting', { value: name }, 'fix.setting');
  const v = value.trim().toLowerCase();
  if (name === 'lang' && v !== 'zh' && v !== 'en') throw new UsageError('err.bad_lang', { value }, 'fix.lang');
  return writeTx(ctx.db, () => {
    requireWriter(ctx, { minRole: 'supervisor', action: 'action.config' });
    const before = getSetting<string | null>(ctx.db, name, null);
    setSetting(ctx.db, name, v, ctx.clock.now(), ctx.actor?.code ?? null);
    audit(ctx, 'config.set', 'setting:' + name, { [name]: before }, { [name]: v });
    return { name: name as SettingName, value: v };
  });
}
