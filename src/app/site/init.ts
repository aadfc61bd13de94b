// `pmctl init`: create the data folder and database; idempotent.
import { join, resolve } from 'node:path';
import { removeQuietly } from '../../store/safe-file.js';
import { UsageError } from '../../errors.js';
import { createDb, writeTx, type DB } from '../../store/db.js';
import { getMeta, setMeta, appendAudit, setSetting, getSetting } from '../../store/common.js';
import { SCHEMA_VERSION } from '../../store/migrations.js';
import { DEFAULT_TZ } from '../context.js';
import { checkSiteCode } from '../../domain/rollup.js';

/** demo.ts's marker (a demo being built); not imported from there to keep init light. */
const DEMO_MARK_FILE = '.pmctl-demo-building';

export interface InitResult {
  dir: string;
  site: string;
  code: string;
  timezone: string;
  schema_version: number;
  /** the site's language (`init --lang`, `config set lang`), null when the locale decides */
  lang: string | null;
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

export function initSite(dir: string, o: { site?: string; code?: string; timezone?: string; lang?: string; now: (tz: string) => number }): InitResult {
  if (o.timezone && !isTimezone(o.timezone)) throw new UsageError('err.bad_timezone', { value: o.timezone }, 'fix.timezone');
  if (o.code !== undefined && checkSiteCode(o.code)) throw new UsageError('err.site_code', { value: o.code }, 'fix.site_code_form');
  const tz = o.timezone ?? systemTimezone();
  const settings = (db: DB): boolean => {
    let initialised = false;
    const at = o.now(tz);
    writeTx(db, () => {
      if (getMeta(db, 'timezone')) return;
      initialised = true;
      setMeta(db, 'timezone', tz);
      setMeta(db, 'site', o.site ?? '');
      if (o.code) setMeta(db, 'code', o.code);
      setMeta(db, 'created_at', String(at));
      if (o.lang) setSetting(db, 'lang', o.lang, at, null);
      appendAudit(db, { at, actor: null, action: 'init', entity: 'site', after: { site: o.site ?? '', code: o.code ?? null, timezone: tz } });
    });
    return initialised;
  };
  // A new folder's database is built whole, settings included, under a temp
  // name and linked into place (store/db.ts createDb).
  const { db, created } = createDb(dir, (d) => void settings(d));
  try {
    // Several processes may init one folder at once: only the one whose file
    // was linked into place created it. A folder from before (no settings) gets them now.
    let initialised = created;
    // a demo killed here before left its marker: this folder is a real site now
    if (created) removeQuietly(join(resolve(dir), DEMO_MARK_FILE));
    if (!created && !getMeta(db, 'timezone')) initialised = settings(db);
    return {
      dir: resolve(dir),
      site: getMeta(db, 'site') ?? '',
      code: getMeta(db, 'code') ?? '',
      timezone: getMeta(db, 'timezone')!,
      schema_version: SCHEMA_VERSION,
      lang: getSetting<string | null>(db, 'lang', null),
      created: initialised,
    };
  } finally {
    db.close();
  }
}
