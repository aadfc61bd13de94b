// Units roster SQL: the staging table of an import (a temp table: filled
// while the file is read, with no lock on the data folder), the merge into
// `units` in the import's short immediate transaction, and single-unit reads
// and writes for `unit add/update`.
import type { DB } from './db.js';

export const UNIT_VALUE_COLUMNS = [
  'label',
  'building',
  'unit',
  'floor',
  'room',
  'area_m2',
  'occupancy',
  'owner_name',
  'owner_phone',
  'owner_id_number',
  'tenant_name',
  'tenant_phone',
  'move_in_date',
] as const;

export type UnitValues = Record<(typeof UNIT_VALUE_COLUMNS)[number], string | number | null>;
/** A row of `units`. */
export type UnitRecord = UnitValues & { sort_key: string; created_at: number; updated_at: number };

export interface MergeCounts {
  added: number;
  updated: number;
  unchanged: number;
}

/** A label met twice in the file, found by the table's primary key during the merge. */
export class DuplicateInFile extends Error {}

export interface UnitStage {
  /** a batch of valid rows, with their sort keys and lines, into the staging table (no lock on the data folder) */
  write(rows: UnitValues[], sortKeys: string[], lines: number[]): void;
  /**
   * Labels met twice in the file. Looked for here (before the lock) when
   * `force` (the file has other errors: all are reported at once) or when
   * units exist already; otherwise the merge finds them through the primary key.
   */
  duplicates(report: (line: number, key: string, first: number) => void, force: boolean): void;
  /**
   * Inside the immediate transaction: the changed units updated and each
   * audited with its before and after (`actor`), then every new unit, each
   * in one statement.
   */
  merge(now: number, actor: string | null): MergeCounts & { maxRowid: number };
  close(): void;
}

/**
 * The staging table: each batch of hundreds of rows goes in as one JSON
 * value, split into rows by SQLite (binding every value from JavaScript cost
 * more than parsing the file); the merge is then one INSERT … SELECT.
 */
export function openUnitStage(db: DB): UnitStage {
  // The temp database's page cache is 16 MB by default in this build: small
  // is enough for appending batches (SPEC §9: an import under 150 MiB).
  db.exec(`PRAGMA temp.cache_size = -2000;
DROP TABLE IF EXISTS temp.unit_staged;
CREATE TEMP TABLE unit_staged (${[...UNIT_VALUE_COLUMNS, 'sort_key', 'line'].join(', ')});`);
  const ins = db.prepare(
    `INSERT INTO temp.unit_staged SELECT ${[...UNIT_VALUE_COLUMNS, 'sort_key', 'line'].map((c, i) => `j.value ->> ${i}`).join(', ')} FROM json_each(?) j`,
  );
  const nonEmpty = (): boolean => !!db.prepare('SELECT 1 FROM main.units LIMIT 1').get();
  return {
    write(rows, sortKeys, lines) {
      const out: unknown[] = new Array(rows.length);
      for (let i = 0; i < rows.length; i++) {
        const u = rows[i];
        out[i] = [
          u.label,
          u.building,
          u.unit,
          u.floor,
          u.room,
          u.area_m2,
          u.occupancy,
          u.owner_name,
          u.owner_phone,
          u.owner_id_number,
          u.tenant_name,
          u.tenant_phone,
          u.move_in_date,
          sortKeys[i],
          lines[i],
        ];
      }
      ins.run(JSON.stringify(out));
    },
    duplicates(report, force) {
      if (!force && !nonEmpty()) return;
      const rows = db
        .prepare(
          `WITH s AS (SELECT label, line FROM temp.unit_staged),
                d AS (SELECT label, min(line) AS first FROM s GROUP BY label HAVING count(*) > 1)
           SELECT s.line AS line, s.label AS label, d.first AS first FROM s JOIN d ON d.label = s.label AND s.line > d.first ORDER BY s.line`,
        )
        .all() as { line: number; label: string; first: number }[];
      for (const r of rows) report(r.line, r.label, r.first);
    },
    merge(now, actor) {
      const maxRowid = (db.prepare('SELECT max(rowid) AS m FROM main.units').get() as { m: number | null }).m ?? 0;
      const c: MergeCounts = { added: 0, updated: 0, unchanged: 0 };
      let existing = 0;
      let changed = 0;
      if (maxRowid > 0) existing = (db.prepare('SELECT count(*) AS n FROM temp.unit_staged s JOIN main.units u ON u.label = s.label').get() as { n: number }).n;
      if (existing > 0) {
        // Staged units that exist already: those that differ set aside (in
        // the temp database, not in memory), in file order.
        const same = UNIT_VALUE_COLUMNS.map((k) => `u.${k} IS s.${k}`).join(' AND ');
        const cols = UNIT_VALUE_COLUMNS.map((k) => `u.${k} AS "u.${k}", s.${k} AS "s.${k}"`).join(', ');
        db.exec(`DROP TABLE IF EXISTS temp.unit_changed;
CREATE TEMP TABLE unit_changed AS
  SELECT s.sort_key AS sort_key, ${cols} FROM temp.unit_staged s JOIN main.units u ON u.label = s.label WHERE NOT (${same}) ORDER BY s.line;`);
        changed = (db.prepare('SELECT count(*) AS n FROM temp.unit_changed').get() as { n: number }).n;
      }
      const staged = (db.prepare('SELECT count(*) AS n FROM temp.unit_staged').get() as { n: number }).n;
      // A big import into a small table, or one changing most of the units:
      // the secondary indexes are dropped and built again at the end (a sort
      // instead of a random b-tree write per row and index). Same
      // definitions, read back from the schema; a failed or killed import
      // rolls the drop back with the rest.
      const incoming = staged - existing;
      let rebuild: { name: string; sql: string }[] = [];
      if ((incoming >= 1000 && maxRowid * 2 < incoming) || (changed >= 1000 && changed * 2 > maxRowid)) {
        rebuild = db
          .prepare("SELECT name, sql FROM main.sqlite_master WHERE type = 'index' AND tbl_name = 'units' AND sql IS NOT NULL")
          .all() as typeof rebuild;
        for (const i of rebuild) db.exec(`DROP INDEX main."${i.name.replace(/"/g, '""')}"`);
      }
      if (changed > 0) {
        // Each changed unit audited with its before and after, then all
        // updated: two statements whatever their number (one by one, 100 000
        // changed units held the lock 7 s).
        const json = (side: 'u' | 's'): string => `json_object(${UNIT_VALUE_COLUMNS.map((k) => `'${k}', c."${side}.${k}"`).join(', ')})`;
        db.prepare(
          `INSERT INTO main.audit(at, actor, action, entity, before, after)
           SELECT ?, ?, 'unit.update', 'unit:' || c."s.label", ${json('u')}, ${json('s')} FROM temp.unit_changed c ORDER BY c.rowid`,
        ).run(now, actor);
        const set = UNIT_VALUE_COLUMNS.filter((k) => k !== 'label')
          .map((k) => `${k} = c."s.${k}"`)
          .join(', ');
        c.updated = db
          .prepare(`UPDATE main.units SET ${set}, sort_key = c.sort_key, updated_at = ? FROM temp.unit_changed c WHERE main.units.label = c."s.label"`)
          .run(now).changes;
      }
      if (existing > 0) {
        c.unchanged = existing - c.updated;
        db.exec('DROP TABLE temp.unit_changed');
      }
      if (incoming > 0) {
        try {
          c.added = db
            .prepare(
              `INSERT INTO main.units(${UNIT_VALUE_COLUMNS.join(', ')}, sort_key, created_at, updated_at)
               SELECT ${UNIT_VALUE_COLUMNS.join(', ')}, sort_key, ?, ? FROM temp.unit_staged s
                ${existing ? 'WHERE NOT EXISTS (SELECT 1 FROM main.units u WHERE u.label = s.label)' : ''}`,
            )
            .run(now, now).changes;
        } catch (e) {
          const code = (e as { code?: string }).code;
          if (code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE') throw new DuplicateInFile();
          throw e;
        }
      }
      for (const i of rebuild) db.exec(i.sql);
      return { ...c, maxRowid };
    },
    close() {
      db.exec('DROP TABLE IF EXISTS temp.unit_staged; DROP TABLE IF EXISTS temp.unit_changed;');
    },
  };
}

/**
 * The labels of the units an import added (rowids past `maxRowid`: the rows
 * its transaction inserted), kept beside the import's one audit entry
 * (`audit_labels`, schema 15) in one text: 450 000 labels are one row of a
 * few megabytes written by SQLite in one pass, not 450 000 audit rows and
 * their index entries under the write lock. Returns how many labels.
 */
export function recordAddedUnits(db: DB, auditId: number, maxRowid: number): number {
  const n = (db.prepare('SELECT count(*) AS n FROM main.units WHERE rowid > ?').get(maxRowid) as { n: number }).n;
  if (n)
    db.prepare(
      `INSERT INTO main.audit_labels(audit_id, kind, labels)
       SELECT ?, 'unit', char(10) || group_concat(label, char(10)) || char(10) FROM main.units WHERE rowid > ?`,
    ).run(auditId, maxRowid);
  return n;
}

export function findUnitRow(db: DB, label: string): Record<string, unknown> | undefined {
  return db.prepare('SELECT * FROM units WHERE label = ?').get(label) as Record<string, unknown> | undefined;
}

/** Units in natural order (sort_key): of one building and one occupancy code if given, one page if `limit`. */
export function unitRows(db: DB, f: { building?: string; occupancy?: string; limit?: number; offset?: number }): UnitRecord[] {
  const where: string[] = [];
  const args: (string | number)[] = [];
  if (f.building) {
    where.push('building = ?');
    args.push(f.building);
  }
  if (f.occupancy) {
    where.push('occupancy = ?');
    args.push(f.occupancy);
  }
  const lim = f.limit ? ` LIMIT ${Math.max(0, Math.floor(f.limit))} OFFSET ${Math.max(0, Math.floor(f.offset ?? 0))}` : '';
  return db.prepare(`SELECT * FROM units ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY sort_key${lim}`).all(...args) as UnitRecord[];
}

/** Labels starting with `prefix` (taken literally), in natural order. */
export function unitLabelsStarting(db: DB, prefix: string, limit: number): string[] {
  return (
    db
      .prepare("SELECT label FROM units WHERE label LIKE ? ESCAPE '\\' ORDER BY sort_key LIMIT ?")
      .all(prefix.replace(/[\\%_]/g, (c) => '\\' + c) + '%', limit) as {
      label: string;
    }[]
  ).map((r) => r.label);
}

export function insertUnitRow(db: DB, u: UnitValues, sortKey: string, now: number): void {
  db.prepare(
    `INSERT INTO units(${UNIT_VALUE_COLUMNS.join(', ')}, sort_key, created_at, updated_at) VALUES (${UNIT_VALUE_COLUMNS.map(() => '?').join(', ')}, ?, ?, ?)`,
  ).run(...UNIT_VALUE_COLUMNS.map((k) => u[k]), sortKey, now, now);
}

export function updateUnitRow(db: DB, u: UnitValues, sortKey: string, now: number): void {
  db.prepare(
    `UPDATE units SET ${UNIT_VALUE_COLUMNS.filter((k) => k !== 'label')
      .map((k) => `${k} = ?`)
      .join(', ')}, sort_key = ?, updated_at = ? WHERE label = ?`,
  ).run(...UNIT_VALUE_COLUMNS.filter((k) => k !== 'label').map((k) => u[k]), sortKey, now, u.label);
}
