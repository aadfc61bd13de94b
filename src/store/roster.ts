// Units roster SQL: the staging table of an import (a temp table: filled
// while the file is read, with no lock on the data folder), the merge into
// `units` in the import's short immediate transaction, and single-unit reads
// and writes for `unit add/update`.
import type { DB } from './db.js';

export const UNIT_VALUE_COLUMNS = [
  'label', 'building', 'unit', 'floor', 'room', 'area_m2', 'occupancy', 'owner_name', 'owner_phone',
  'owner_id_number', 'tenant_name', 'tenant_phone', 'move_in_date',
] as const;

export type UnitValues = Record<(typeof UNIT_VALUE_COLUMNS)[number], string | number | null>;

const STAGE_COLS = [...UNIT_VALUE_COLUMNS, 'sort_key', 'line'];
const BATCH = 64;

export interface MergeCounts {
  added: number;
  updated: number;
  unchanged: number;
}

export interface UnitStage {
  write(rows: (UnitValues & { sort_key: string })[], lines: number[]): void;
  duplicates(report: (line: number, key: string, first: number) => void): void;
  /** inside the immediate transaction: updates (each with `onUpdate` for its audit), then every new unit in one statement */
  merge(now: number, onUpdate: (before: Record<string, unknown>, after: Record<string, unknown>) => void): MergeCounts & { maxRowid: number };
  close(): void;
}

export function openUnitStage(db: DB): UnitStage {
  db.exec(`DROP TABLE IF EXISTS temp.unit_stage;
CREATE TEMP TABLE unit_stage (${STAGE_COLS.join(', ')}, existing INTEGER NOT NULL DEFAULT 0);`);
  const sql = (n: number) =>
    `INSERT INTO temp.unit_stage(${STAGE_COLS.join(', ')}) VALUES ${Array(n).fill(`(${STAGE_COLS.map(() => '?').join(',')})`).join(',')}`;
  const insMany = db.prepare(sql(BATCH));
  const params: unknown[] = [];
  const push = (u: UnitValues & { sort_key: string }, line: number): void => {
    params.push(
      u.label, u.building, u.unit, u.floor, u.room, u.area_m2, u.occupancy, u.owner_name, u.owner_phone,
      u.owner_id_number, u.tenant_name, u.tenant_phone, u.move_in_date, u.sort_key, line,
    );
  };
  return {
    write(rows, lines) {
      for (let i = 0; i < rows.length; i += BATCH) {
        const n = Math.min(BATCH, rows.length - i);
        params.length = 0;
        for (let k = i; k < i + n; k++) push(rows[k], lines[k]);
        (n === BATCH ? insMany : db.prepare(sql(n))).run(params);
      }
    },
    duplicates(report) {
      db.exec('CREATE INDEX temp.unit_stage_label ON unit_stage(label, line)');
      const rows = db
        .prepare(
          `SELECT s.line AS line, s.label AS label, d.first AS first
             FROM (SELECT label, min(line) AS first FROM temp.unit_stage GROUP BY label HAVING count(*) > 1) d
             JOIN temp.unit_stage s ON s.label = d.label AND s.line > d.first
            ORDER BY s.line`,
        )
        .all() as { line: number; label: string; first: number }[];
      for (const r of rows) report(r.line, r.label, r.first);
    },
    merge(now, onUpdate) {
      const maxRowid = (db.prepare('SELECT max(rowid) AS m FROM main.units').get() as { m: number | null }).m ?? 0;
      const staged = (db.prepare('SELECT count(*) AS n FROM temp.unit_stage').get() as { n: number }).n;
      const c: MergeCounts = { added: 0, updated: 0, unchanged: 0 };
      // Staged units that exist already: marked, counted when the same,
      // updated where they differ (read in pages: memory stays flat).
      let existing = 0;
      if (maxRowid > 0) {
        existing = db.prepare('UPDATE temp.unit_stage SET existing = 1 WHERE label IN (SELECT label FROM main.units)').run().changes;
      }
      if (existing) {
        const same = UNIT_VALUE_COLUMNS.map((k) => `u.${k} IS s.${k}`).join(' AND ');
        const cols = UNIT_VALUE_COLUMNS.map((k) => `u.${k} AS "u.${k}", s.${k} AS "s.${k}"`).join(', ');
        const page = db.prepare(
          `SELECT s.rowid AS srow, s.sort_key AS sort_key, ${cols}
             FROM temp.unit_stage s CROSS JOIN main.units u ON u.label = s.label
            WHERE s.existing = 1 AND s.rowid > ? AND NOT (${same}) ORDER BY s.rowid LIMIT 500`,
        );
        const upd = db.prepare(
          `UPDATE main.units SET floor=?, area_m2=?, occupancy=?, owner_name=?, owner_phone=?, owner_id_number=?, tenant_name=?,
             tenant_phone=?, move_in_date=?, sort_key=?, updated_at=? WHERE label=?`,
        );
        let from = 0;
        for (;;) {
          const rows = page.all(from) as Record<string, unknown>[];
          if (!rows.length) break;
          for (const m of rows) {
            from = m.srow as number;
            const before: Record<string, unknown> = {};
            const after: Record<string, unknown> = {};
            for (const k of UNIT_VALUE_COLUMNS) {
              before[k] = m['u.' + k];
              after[k] = m['s.' + k];
            }
            upd.run(after.floor, after.area_m2, after.occupancy, after.owner_name, after.owner_phone, after.owner_id_number, after.tenant_name,
              after.tenant_phone, after.move_in_date, m.sort_key, now, after.label);
            onUpdate(before, after);
            c.updated++;
          }
        }
        c.unchanged = existing - c.updated;
      }
      // A big import into a small table: the secondary indexes are dropped
      // and built again after the insert (a sort instead of a random b-tree
      // insert per row and index). Same definitions, read back from the
      // schema; a failed or killed import rolls the drop back with the rest.
      const incoming = staged - existing;
      let rebuild: { name: string; sql: string }[] = [];
      if (incoming >= 1000 && maxRowid * 2 < incoming) {
        rebuild = db.prepare("SELECT name, sql FROM main.sqlite_master WHERE type = 'index' AND tbl_name = 'units' AND sql IS NOT NULL").all() as typeof rebuild;
        for (const i of rebuild) db.exec(`DROP INDEX main."${i.name.replace(/"/g, '""')}"`);
      }
      c.added = db
        .prepare(
          `INSERT INTO main.units(${UNIT_VALUE_COLUMNS.join(', ')}, sort_key, created_at, updated_at)
           SELECT ${UNIT_VALUE_COLUMNS.join(', ')}, sort_key, ?, ? FROM temp.unit_stage WHERE existing = 0 ORDER BY rowid`,
        )
        .run(now, now).changes;
      for (const i of rebuild) db.exec(i.sql);
      return { ...c, maxRowid };
    },
    close() {
      db.exec('DROP TABLE IF EXISTS temp.unit_stage');
    },
  };
}

/**
 * One audit entry per unit added by an import (rowids past `maxRowid`), written
 * by SQLite in one pass; `after` names the file and its sha256 rather than
 * repeating the row (the unit as added is the row itself until a later change).
 */
export function auditAddedUnits(db: DB, at: number, actor: string | null, after: string, maxRowid: number): number {
  return db
    .prepare(
      `INSERT INTO audit(at, actor, action, entity, before, after)
       SELECT ?, ?, 'unit.add', 'unit:' || label, NULL, ? FROM main.units WHERE rowid > ? ORDER BY label`,
    )
    .run(at, actor, after, maxRowid).changes;
}

export function findUnitRow(db: DB, label: string): Record<string, unknown> | undefined {
  return db.prepare('SELECT * FROM units WHERE label = ?').get(label) as Record<string, unknown> | undefined;
}

export function insertUnitRow(db: DB, u: UnitValues, sortKey: string, now: number): void {
  db.prepare(
    `INSERT INTO units(${UNIT_VALUE_COLUMNS.join(', ')}, sort_key, created_at, updated_at) VALUES (${UNIT_VALUE_COLUMNS.map(() => '?').join(', ')}, ?, ?, ?)`,
  ).run(...UNIT_VALUE_COLUMNS.map((k) => u[k]), sortKey, now, now);
}

export function updateUnitRow(db: DB, u: UnitValues, sortKey: string, now: number): void {
  db.prepare(
    `UPDATE units SET ${UNIT_VALUE_COLUMNS.filter((k) => k !== 'label').map((k) => `${k} = ?`).join(', ')}, sort_key = ?, updated_at = ? WHERE label = ?`,
  ).run(...UNIT_VALUE_COLUMNS.filter((k) => k !== 'label').map((k) => u[k]), sortKey, now, u.label);
}
