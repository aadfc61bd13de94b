// Where the package's own files (schema.sql, fixtures/) are, whether running
// from dist/ (bundled) or src/ (tests).
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(start: string): string {
  let d = start;
  for (let i = 0; i < 8; i++) {
    const p = join(d, 'package.json');
    if (existsSync(p) && existsSync(join(d, 'schema.sql'))) {
      try {
        if (JSON.parse(readFileSync(p, 'utf8')).name === 'pmctl') return d;
      } catch {
        /* keep looking */
      }
    }
    d = dirname(d);
  }
  throw new Error('pmctl: cannot find the package root (schema.sql) from ' + start);
}

export const ROOT = findRoot(dirname(fileURLToPath(import.meta.url)));
export const SCHEMA_FILE = join(ROOT, 'schema.sql');
export const FIXTURES = join(ROOT, 'fixtures');

/**
 * A file of an installed package (`better-sqlite3/build/…`), or null. Where npm
 * puts it is checked first: resolving through require() walks the module
 * paths, about a millisecond of every command's start-up.
 */
export function packageFile(rel: string): string | null {
  const usual = join(ROOT, 'node_modules', rel);
  if (existsSync(usual)) return usual;
  try {
    return createRequire(import.meta.url).resolve(rel);
  } catch {
    return null;
  }
}
