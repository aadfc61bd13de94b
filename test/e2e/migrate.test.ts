// A data folder made by an older pmctl is brought up to date on first open:
// each migration above its user_version, once, in one immediate transaction.
import { afterAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { makeSite } from './helpers.js';
import { SCHEMA_VERSION } from '../../src/store/migrations.js';

const site = makeSite({ roster: true });
afterAll(() => site.cleanup());

function indexes(): string[] {
  const d = new Database(join(site.data, 'pmctl.db'), { readonly: true });
  try {
    return (d.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'units' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
  } finally {
    d.close();
  }
}

describe('migrations', () => {
  it('a version-1 folder gains the name indexes of version 2, and archive find by name still works', () => {
    expect(indexes()).toEqual(expect.arrayContaining(['units_owner_name', 'units_tenant_name']));
    // Make the folder what pmctl 0.1 (schema version 1) left behind.
    const d = new Database(join(site.data, 'pmctl.db'));
    d.exec('DROP INDEX units_owner_name; DROP INDEX units_tenant_name; PRAGMA user_version = 1;');
    d.close();
    expect(indexes()).not.toContain('units_owner_name');
    const r = site.run(['archive', 'find', '唐丽秀', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json().map((x: { unit: string }) => x.unit)).toContain('1-1-102');
    expect(indexes()).toEqual(expect.arrayContaining(['units_owner_name', 'units_tenant_name']));
    const after = new Database(join(site.data, 'pmctl.db'), { readonly: true });
    expect(after.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    after.close();
  });

  it('a folder from a newer pmctl is refused with exit 5, untouched', () => {
    const d = new Database(join(site.data, 'pmctl.db'));
    d.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    d.close();
    const r = site.run(['staff', 'list']);
    expect(r.code).toBe(5);
    expect(r.stderr).toMatch(/newer/);
  });
});
