// `pmctl demo`: a realistic site built from fixtures/ through the real import
// and use-case paths, dated relative to "now" so something is always overdue.
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DataFolderError, RuleRefused } from '../../errors.js';
import { FIXTURES } from '../../paths.js';
import { buildDbFile, dbPath, fileProblem, openBuiltFile, openDb, writeTx, type DB } from '../../store/db.js';
import { checkpointFile, isDemoFile } from '../../store/site.js';
import { faultPoint, commitTemp, fsyncDir, leftoverTemps, removeQuietly, writeFileSafe } from '../../store/safe-file.js';
import { getMeta, setMeta, appendAudit } from '../../store/common.js';
import { type Ctx, findActor, makeCtx } from '../context.js';
import { importStaff } from '../roster/staff.js';
import { importUnits } from '../roster/units.js';
import { makeRng } from './rng.js';
import { seedDemo as seedComplaints } from './complaint.js';
import { seedDemo as seedKeys } from './key.js';
import { seedDemo as seedArchives } from './archive.js';
import { seedDemo as seedHandovers } from './handover.js';
import { seedDemo as seedMeetings } from './meeting.js';
import { seedDemo as seedRequests } from './request.js';
import { seedDemo as seedPatrols } from './patrol.js';
import { seedDemo as seedVisits } from './visit.js';
import { seedDemo as seedRenovations } from './renovation.js';

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

/**
 * A demo folder may be rebuilt; a folder with real records never is. A demo
 * being built carries a marker file (DEMO_MARK) until its database is in
 * place, so a killed demo is rebuilt by the next one instead of being taken
 * for real data.
 */
function clearOldDemo(dir: string): void {
  const file = dbPath(dir);
  const marked = existsSync(join(dir, DEMO_MARK));
  if (existsSync(file)) {
    const problem = fileProblem(file);
    let isDemo = false;
    if (!problem) {
      try {
        isDemo = isDemoFile(file);
      } catch {
        isDemo = false;
      }
    }
    // A sound pmctl database is replaced only if it is a demo's; a broken
    // file only if a demo's marker says a demo was being built here.
    if (!isDemo && !(problem && marked)) throw new RuleRefused('err.demo_real_data', { dir }, 'fix.demo_other_dir');
  }
  for (const f of [file, file + '-wal', file + '-shm', file + '-journal']) removeQuietly(f);
  // what a killed build left: temp databases and scale scratch files of dead processes
  for (const t of leftoverTemps(dir)) if (!t.alive) removeQuietly(t.file);
}

/** Present in a demo folder while it is being built. */
export const DEMO_MARK = '.pmctl-demo-building';

export type Seeder = (ctx: Ctx, rng: ReturnType<typeof makeRng>) => void;

// The patrol seeder comes last and draws from its own generator: the others' demo data stay as they were.
export const MODULE_SEEDERS: Seeder[] = [
  seedComplaints,
  seedKeys,
  seedArchives,
  seedHandovers,
  seedMeetings,
  seedVisits,
  seedRenovations,
  seedRequests,
  seedPatrols,
];

/**
 * Build the demo folder: the database is made whole under a temp name (with
 * `extra`, e.g. the scale generator, run on it too) and renamed into place.
 * Returns the opened database.
 */
export async function buildDemo(dir: string, o: DemoOptions, extra?: (ctx: Ctx) => void): Promise<DB> {
  const abs = resolve(dir);
  if (existsSync(abs) && !statSync(abs).isDirectory()) throw new DataFolderError('err.not_a_folder', { dir: abs }, 'fix.check_folder');
  mkdirSync(abs, { recursive: true, mode: 0o700 });
  clearOldDemo(abs);
  const mark = join(abs, DEMO_MARK);
  writeFileSafe(mark, String(process.pid) + '\n', { overwrite: true });
  let temp = '';
  try {
    temp = buildDbFile(abs, () => undefined);
    const db = openBuiltFile(temp);
    try {
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
      faultPoint('demo.seeded');
      if (extra) extra(ctx);
    } finally {
      db.close();
    }
    // Everything into the main file before it is renamed into place.
    checkpointFile(temp);
    faultPoint('demo.built');
    commitTemp(temp, dbPath(abs));
  } catch (e) {
    // A failure (a full disk), not a kill: nothing of the demo is left, marker included.
    removeQuietly(mark);
    throw e;
  } finally {
    if (temp) for (const f of [temp, temp + '-wal', temp + '-shm', temp + '-journal']) removeQuietly(f);
  }
  removeQuietly(mark);
  fsyncDir(abs);
  return openDb(abs);
}

export function isDemo(db: DB): boolean {
  return getMeta(db, 'demo') === '1';
}
