// `pmctl demo`: a realistic site built from fixtures/ through the real import
// and use-case paths, dated relative to "now" so something is always overdue.
import { existsSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { RuleRefused } from '../../errors.js';
import { FIXTURES } from '../../paths.js';
import { createDb, dbOptions, dbPath, writeTx, type DB } from '../../store/db.js';
import { getMeta, setMeta, appendAudit } from '../../store/common.js';
import { type Ctx, findActor, makeCtx } from '../context.js';
import { importStaff } from './staff.js';
import { importUnits } from './units.js';
import { makeRng } from './rng.js';
import { seedDemo as seedComplaints } from '../complaint/demo.js';
import { seedDemo as seedKeys } from '../key/demo.js';
import { seedDemo as seedArchives } from '../archive/demo.js';
import { seedDemo as seedHandovers } from '../handover/demo.js';
import { seedDemo as seedMeetings } from '../meeting/demo.js';
import { seedDemo as seedVisits } from '../visit/demo.js';
import { seedDemo as seedRenovations } from '../renovation/demo.js';
import Database from 'better-sqlite3';

export const DEMO_SITE = '阳光花园管理处';
export const DEMO_TZ = 'Asia/Shanghai';
/** The demo's front-desk clerk (fixtures/staff.csv), the actor of its records. */
export const DEMO_CLERK = 'S005';

export interface DemoOptions {
  now: number;
  seed?: number;
  /** the site's name and code (SPEC §15: demo sites a rollup tells apart) */
  site?: string;
  code?: string;
}

/** A demo folder may be rebuilt; a folder with real records never is. */
function clearOldDemo(dir: string): void {
  const file = dbPath(dir);
  if (!existsSync(file)) return;
  let isDemo = false;
  try {
    const db = new Database(file, dbOptions({ fileMustExist: true }));
    try {
      isDemo = (db.prepare("SELECT value FROM meta WHERE key = 'demo'").get() as { value: string } | undefined)?.value === '1';
    } finally {
      db.close();
    }
  } catch {
    isDemo = false;
  }
  if (!isDemo) throw new RuleRefused('err.demo_real_data', { dir }, 'fix.demo_other_dir');
  for (const f of [file, file + '-wal', file + '-shm']) if (existsSync(f)) unlinkSync(f);
}

export type Seeder = (ctx: Ctx, rng: ReturnType<typeof makeRng>) => void;

export const MODULE_SEEDERS: Seeder[] = [seedComplaints, seedKeys, seedArchives, seedHandovers, seedMeetings, seedVisits, seedRenovations];

export async function buildDemo(dir: string, o: DemoOptions): Promise<DB> {
  clearOldDemo(dir);
  const { db } = createDb(dir);
  writeTx(db, () => {
    setMeta(db, 'timezone', DEMO_TZ);
    setMeta(db, 'site', o.site ?? DEMO_SITE);
    if (o.code) setMeta(db, 'code', o.code);
    setMeta(db, 'created_at', String(o.now));
    setMeta(db, 'demo', '1');
    appendAudit(db, { at: o.now, actor: null, action: 'demo', entity: 'site', after: { site: o.site ?? DEMO_SITE, code: o.code ?? null } });
  });
  const boot = makeCtx(db, { now: o.now, tz: DEMO_TZ });
  await importStaff(boot, join(FIXTURES, 'staff.csv'), {});
  const ctx = makeCtx(db, { now: o.now, tz: DEMO_TZ, actor: findActor(db, DEMO_CLERK) });
  await importUnits(ctx, join(FIXTURES, 'units.csv'), {});
  const rng = makeRng(o.seed ?? 20261122);
  for (const seed of MODULE_SEEDERS) writeTx(db, () => seed(ctx, rng));
  return db;
}

export function isDemo(db: DB): boolean {
  return getMeta(db, 'demo') === '1';
}
