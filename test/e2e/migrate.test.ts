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
    return (d.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'units' ORDER BY name").all() as { name: string }[]).map(
      (r) => r.name,
    );
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

  it("the roster's buildings follow the units: a backfill on upgrade, then triggers on add, move and delete", () => {
    const file = join(site.data, 'pmctl.db');
    const names = () => {
      const d = new Database(file, { readonly: true });
      try {
        return d.prepare('SELECT name, units, occupied FROM unit_buildings ORDER BY sort_key').all() as { name: string; units: number; occupied: number }[];
      } finally {
        d.close();
      }
    };
    const fromUnits = () => {
      const d = new Database(file, { readonly: true });
      try {
        return (
          d.prepare("SELECT building AS name, COUNT(*) AS units, SUM(occupancy <> 'vacant') AS occupied FROM units GROUP BY building").all() as {
            name: string;
            units: number;
            occupied: number;
          }[]
        ).sort((a, b) => a.name.localeCompare(b.name, 'en', { numeric: true }));
      } finally {
        d.close();
      }
    };
    // An older folder (the test above left it marked newer): no table yet; the upgrade fills it from the units.
    let d = new Database(file);
    d.exec(
      'DROP TRIGGER units_building_add; DROP TRIGGER units_building_remove; DROP TRIGGER units_building_change; DROP TABLE unit_buildings; PRAGMA user_version = 14;',
    );
    d.close();
    expect(site.run(['unit', 'list', '--json']).code).toBe(0);
    expect(names()).toEqual(fromUnits());
    expect(names().length).toBeGreaterThan(1);
    // Natural order: 10 after 9.
    expect(site.run(['unit', 'add', '10-1-101', '--floor', '1', '--area', '80', '--occupancy', 'vacant'], { as: 'S005' }).code).toBe(0);
    expect(names().at(-1)).toEqual({ name: '10', units: 1, occupied: 0 });
    // A vacant flat let: one more occupied unit in its building.
    expect(site.run(['unit', 'update', '10-1-101', '--occupancy', 'tenant', '--tenant-name', '周敏'], { as: 'S005' }).code).toBe(0);
    expect(names().at(-1)).toEqual({ name: '10', units: 1, occupied: 1 });
    d = new Database(file);
    d.exec("UPDATE units SET building = '11' WHERE label = '10-1-101'");
    d.close();
    expect(names().map((b) => b.name)).not.toContain('10');
    expect(names().at(-1)).toEqual({ name: '11', units: 1, occupied: 1 });
    expect(names()).toEqual(fromUnits());
    d = new Database(file);
    d.exec("DELETE FROM units WHERE label = '10-1-101'");
    d.close();
    expect(names()).toEqual(fromUnits());
  });
});
