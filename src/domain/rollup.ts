// Head office (SPEC §15): what a site bundle must say about itself, and how
// sites' rates add up. Pure: counts in, company figures out.
import { ratio, validComplaintRate, type Rate, type RateName } from './rates.js';

/** The bundle's manifest (stored as rows of its `manifest` table; see store/bundle.ts). */
export interface BundleManifest {
  format: string;
  format_version: number;
  site: string;
  code: string;
  timezone: string;
  schema_version: number;
  /** when the snapshot was taken, epoch ms */
  created_at: number;
  /** of the embedded database's bytes */
  sha256: string;
  bytes: number;
  redacted: boolean;
  counts: Record<string, number>;
}

export const BUNDLE_FORMAT = 'pmctl-bundle';
export const BUNDLE_FORMAT_VERSION = 1;

export type BundleProblem =
  | { problem: 'not_bundle' }
  | { problem: 'newer_format'; found: number }
  | { problem: 'newer_schema'; found: number; known: number }
  | { problem: 'checksum'; expected: string; found: string };

/** Why a bundle cannot be rolled up, or null. `sha256` is the hash of the embedded bytes as read. */
export function checkBundle(m: Partial<BundleManifest>, sha256: string, knownSchema: number): BundleProblem | null {
  if (m.format !== BUNDLE_FORMAT || typeof m.format_version !== 'number') return { problem: 'not_bundle' };
  if (m.format_version > BUNDLE_FORMAT_VERSION) return { problem: 'newer_format', found: m.format_version };
  if (typeof m.schema_version !== 'number' || m.schema_version > knownSchema)
    return { problem: 'newer_schema', found: Number(m.schema_version), known: knownSchema };
  if (m.sha256 !== sha256) return { problem: 'checksum', expected: String(m.sha256), found: sha256 };
  return null;
}

/** A snapshot taken before the period ended cannot hold all of it. */
export function isStale(snapshotAt: number, periodUntil: number): boolean {
  return snapshotAt < periodUntil;
}

/** Running sums of one rate across sites. */
export interface RateSum {
  name: RateName;
  num: number;
  den: number;
}

/** Adds one site's rates into the running sums (memory: one entry per rate name, whatever the number of sites). */
export function addRates(sums: Map<RateName, RateSum>, rates: readonly Rate[]): void {
  for (const r of rates) {
    const s = sums.get(r.name) ?? { name: r.name, num: 0, den: 0 };
    s.num += r.numerator;
    s.den += r.denominator;
    sums.set(r.name, s);
  }
}

/**
 * The company's rate from summed numerators and denominators, by the same
 * rule as one site's (never an average of percentages). The valid-complaint
 * rate is the sites' valid complaints of the 12 months ending at the period's
 * end over their occupied units (never annualised).
 */
export function totalRate(s: RateSum): Rate {
  if (s.name === 'valid_complaint_rate') return validComplaintRate(s.num, s.den);
  return ratio(s.name, s.num, s.den);
}

/**
 * Rank of each site on one rate: 1 is best (highest for an at-least target,
 * lowest for a below target); sites with no value are not ranked (null).
 * Ties share a rank.
 */
export function rankSites(values: readonly (number | null)[], cmp: '>=' | '<' | '<='): (number | null)[] {
  const better = (a: number, b: number) => (cmp === '>=' ? a > b : a < b);
  return values.map((v) => (v === null ? null : 1 + values.filter((o) => o !== null && better(o, v)).length));
}

/** A site code: letters, digits, `-` and `_`, up to 32 (it names files and rows at head office). Null when fine. */
export function checkSiteCode(code: string): 'bad_site_code' | null {
  return /^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$/.test(code) ? null : 'bad_site_code';
}

/** A demo seed from a site code (FNV-1a): the same code always builds the same site. */
export function seedOf(code: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < code.length; i++) h = Math.imul(h ^ code.charCodeAt(i), 0x01000193) >>> 0;
  return h % 1_000_000_007;
}
