// `pmctl export --bundle FILE.pmctl`: the site as head office reads it (SPEC
// §15) — one consistent snapshot however busy the writers are, with its
// manifest. See src/store/bundle.ts for the file's format.
import { dirname, resolve } from 'node:path';
import { RuleRefused } from '../../errors.js';
import { getMeta } from '../../store/common.js';
import { packBundle, sha256, siteCounts, snapshotBytes, openSnapshot, schemaVersion } from '../../store/bundle.js';
import { writeTx } from '../../store/db.js';
import type { BundleManifest } from '../../domain/rollup.js';
import { audit, type Ctx } from '../context.js';

export interface ExportResult {
  manifest: Omit<BundleManifest, 'format' | 'format_version'>;
  bytes: Buffer;
}

/** The bundle's bytes; the caller writes them (one safe writer for every file pmctl makes). */
export function exportBundle(ctx: Ctx, o: { redact: boolean; dataDir: string }): ExportResult {
  const code = getMeta(ctx.db, 'code') ?? '';
  if (!code) throw new RuleRefused('err.no_site_code', {}, 'fix.site_code');
  const at = ctx.clock.now();
  // The scratch copy holds every resident's data until it is read back: it
  // stays inside the data folder (0700), never in a shared temp folder.
  const snapshot = snapshotBytes(ctx.db, resolve(o.dataDir), o.redact);
  const copy = openSnapshot(snapshot);
  let counts: Record<string, number>;
  let schema: number;
  try {
    counts = siteCounts(copy);
    schema = schemaVersion(copy);
  } finally {
    copy.close();
  }
  const manifest = {
    site: getMeta(ctx.db, 'site') ?? '',
    code,
    timezone: ctx.tz,
    schema_version: schema,
    created_at: at,
    sha256: sha256(snapshot),
    bytes: snapshot.length,
    redacted: o.redact,
    counts,
  };
  writeTx(ctx.db, () => audit(ctx, 'export', 'site', null, { sha256: manifest.sha256, redacted: o.redact, folder: dirname(resolve(o.dataDir)) }));
  return { manifest, bytes: packBundle(manifest, snapshot) };
}
