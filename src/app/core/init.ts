// `pmctl init`: create the data folder and database; idempotent.
import { resolve } from 'node:path';
import { UsageError } from '../../errors.js';
import { createDb, writeTx } from '../../store/db.js';
import { getMeta, setMeta, appendAudit } from '../../store/common.js';
import { SCHEMA_VERSION } from '../../store/migrations.js';
import { DEFAULT_TZ } from '../context.js';
import { checkSiteCode } from '../../domain/rollup.js';

export interface InitResult {
  dir: string;
  site: string;
  code: string;
  timezone: string;
  schema_version: number;
  created: boolean;
}

export function systemTimezone(): string {
  try {
    const z = Intl.DateTimeFormat().resolvedOptions().timeZone;
    // A container's bare UTC says nothing about where the site is.
    return z && z !== 'UTC' && z !== 'Etc/UTC' ? z : DEFAULT_TZ;
  } catch {
    return DEFAULT_TZ;
  }
}

export function isTimezone(z: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: z });
    return true;
  } catch {
    return false;
  }
}

export function initSite(dir: string, o: { site?: string; code?: string; timezone?: string; now: (tz: string) => number }): InitResult {
  if (o.timezone && !isTimezone(o.timezone)) throw new UsageError('err.bad_timezone', { value: o.timezone }, 'fix.timezone');
  if (o.code !== undefined && checkSiteCode(o.code)) throw new UsageError('err.site_code', { value: o.code }, 'fix.site_code_form');
  const { db } = createDb(dir);
  try {
    // Several processes may init one folder at once: the one that writes the
    // site's settings under the write lock is the one that created it.
    let initialised = false;
    if (!getMeta(db, 'timezone')) {
      const tz = o.timezone ?? systemTimezone();
      const at = o.now(tz);
      writeTx(db, () => {
        if (getMeta(db, 'timezone')) return;
        initialised = true;
        setMeta(db, 'timezone', tz);
        setMeta(db, 'site', o.site ?? '');
        if (o.code) setMeta(db, 'code', o.code);
        setMeta(db, 'created_at', String(at));
        appendAudit(db, { at, actor: null, action: 'init', entity: 'site', after: { site: o.site ?? '', code: o.code ?? null, timezone: tz } });
      });
    }
    return {
      dir: resolve(dir),
      site: getMeta(db, 'site') ?? '',
      code: getMeta(db, 'code') ?? '',
      timezone: getMeta(db, 'timezone')!,
      schema_version: SCHEMA_VERSION,
      created: initialised,
    };
  } finally {
    db.close();
  }
}
