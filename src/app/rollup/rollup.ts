// `pmctl rollup`: the company's figures from site bundles and data folders
// (SPEC §15). Each input is opened read-only, one at a time, its rates
// computed by the report's own code (src/app/report/rates.ts) and its
// database closed before the next: memory holds one site at a time and one
// running sum per rate. Company totals come from summed numerators and
// denominators, never from averaged percentages.
import { existsSync, statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { makeCtx } from '../context.js';
import { getMeta } from '../../store/common.js';
import { dbPath, type DB } from '../../store/db.js';
import { openFolderReadonly, openSnapshot, readBundle, schemaVersion } from '../../store/bundle.js';
import { SCHEMA_VERSION } from '../../store/migrations.js';
import { addRates, checkBundle, isStale, rankSites, totalRate, type BundleProblem, type RateSum } from '../../domain/rollup.js';
import type { Rate, RateName } from '../../domain/rates.js';
import { reportPeriod, type ReportKind } from '../../domain/report-period.js';
import type { Period } from '../../domain/time.js';
import { periodFigures } from '../report/rates.js';

export interface PeriodChoice {
  kind: ReportKind;
  word?: string;
  since?: string;
  until?: string;
}

export interface SiteRow {
  file: string;
  site: string;
  code: string;
  timezone: string;
  /** when the figures were taken: the bundle's snapshot, or now for a data folder */
  bundle_at: number;
  stale: boolean;
  redacted: boolean;
  period: Period;
  rates: (Rate & { rank: number | null })[];
  counts: Record<string, number>;
}

export type SkipReason =
  BundleProblem | { problem: 'unreadable'; reason: string } | { problem: 'duplicate_code'; code: string; other: string } | { problem: 'no_code' };

export interface RollupResult {
  period: Period;
  tz: string;
  sites: SiteRow[];
  total: { rates: Rate[]; counts: Record<string, number> };
  /** `site`/`code`: as the bundle's manifest names them, when it could be read */
  skipped: { file: string; why: SkipReason; site?: string; code?: string }[];
}

/** A data folder (its pmctl.db) or a bundle file. */
function inputKind(p: string): 'folder' | 'bundle' {
  return existsSync(p) && statSync(p).isDirectory() ? 'folder' : 'bundle';
}

interface Opened {
  db: DB;
  at: number;
  redacted: boolean;
}

interface Refused {
  why: SkipReason;
  site?: string;
  code?: string;
}

function open(file: string, now: number): Opened | Refused {
  try {
    if (inputKind(file) === 'folder') {
      const db = openFolderReadonly(dbPath(file));
      const v = schemaVersion(db);
      if (v > SCHEMA_VERSION) {
        db.close();
        const named = { site: getMeta(db, 'site') ?? undefined, code: getMeta(db, 'code') ?? undefined };
        db.close();
        return { why: { problem: 'newer_schema', found: v, known: SCHEMA_VERSION }, ...named };
      }
      return { db, at: now, redacted: false };
    }
    const b = readBundle(file);
    const named = { site: b.manifest.site, code: b.manifest.code };
    const problem = checkBundle(b.manifest, b.sha256, SCHEMA_VERSION);
    if (problem) return { why: problem, ...named };
    // The checksum proves these are the bytes the site's VACUUM INTO wrote:
    // no integrity check of its pages is needed on top.
    const db = openSnapshot(b.bytes);
    return { db, at: Number(b.manifest.created_at), redacted: !!b.manifest.redacted };
  } catch (e) {
    return { why: { problem: 'unreadable', reason: (e as Error).message } };
  }
}

/** Every input, one at a time. */
export function rollup(inputs: string[], choice: PeriodChoice, now: number, defaultTz: string): RollupResult {
  const files = inputs.map((f) => resolve(f));
  const sums = new Map<RateName, RateSum>();
  const counts: Record<string, number> = {};
  const sites: SiteRow[] = [];
  const skipped: RollupResult['skipped'] = [];
  const byCode = new Map<string, string>();
  let head: { period: Period; tz: string } | undefined;
  for (const file of files) {
    const o = open(file, now);
    if (!('db' in o)) {
      skipped.push({ file, ...o });
      continue;
    }
    try {
      const code = getMeta(o.db, 'code') ?? '';
      const tz = getMeta(o.db, 'timezone') ?? defaultTz;
      const site = getMeta(o.db, 'site') ?? basename(file);
      if (!code) {
        skipped.push({ file, site, why: { problem: 'no_code' } });
        continue;
      }
      const other = byCode.get(code);
      if (other) {
        skipped.push({ file, site, code, why: { problem: 'duplicate_code', code, other } });
        continue;
      }
      byCode.set(code, file);
      const period = reportPeriod(choice.kind, { word: choice.word, since: choice.since, until: choice.until }, now, tz);
      head ??= { period, tz };
      // What the site knew: a bundle's figures stand as of its snapshot.
      const asOf = Math.min(now, o.at);
      const ctx = makeCtx(o.db, { now: asOf, tz });
      const { rates, counts: c } = periodFigures(ctx, period);
      addRates(sums, rates);
      for (const [k, n] of Object.entries(c)) counts[k] = (counts[k] ?? 0) + n;
      sites.push({
        file,
        site,
        code,
        timezone: tz,
        bundle_at: o.at,
        stale: isStale(o.at, period.until),
        redacted: o.redacted,
        period,
        rates: rates.map((r) => ({ ...r, rank: null })),
        counts: c,
      });
    } finally {
      o.db.close();
    }
  }
  const period = head?.period ?? reportPeriod(choice.kind, { word: choice.word, since: choice.since, until: choice.until }, now, defaultTz);
  const totalRates = [...sums.values()].map((s) => totalRate(s));
  // Ranks per rate, across the sites that have a value.
  for (const t of totalRates) {
    const values = sites.map((s) => s.rates.find((r) => r.name === t.name)?.value ?? null);
    const ranks = rankSites(values, t.cmp);
    sites.forEach((s, i) => {
      const r = s.rates.find((x) => x.name === t.name);
      if (r) r.rank = ranks[i];
    });
  }
  return { period, tz: head?.tz ?? defaultTz, sites, total: { rates: totalRates, counts }, skipped };
}
