// The valid rows of a long import of a small roster kind (staff, keys,
// calendar, surveys), kept in the temp database while the file is read (no
// lock on the data folder's file) and read back, in file order, inside the
// import's short merge transaction. Memory stays flat whatever the file size
// (SPEC §9) and the file is never read again under the write lock.
import type { DB } from '../db.js';

export interface SpilledRows<R> {
  /** a batch of rows (plain JSON values), appended in order */
  write(rows: R[]): void;
  /** every row written, in order, a page at a time */
  read(): Iterable<R>;
  close(): void;
}

export function openSpilledRows<R>(db: DB): SpilledRows<R> {
  db.exec(`DROP TABLE IF EXISTS temp.import_rows;
CREATE TEMP TABLE import_rows (r TEXT NOT NULL);`);
  // One statement per batch: SQLite splits the array (json_each), in order.
  const ins = db.prepare('INSERT INTO temp.import_rows(r) SELECT json_quote(value) FROM json_each(?) ORDER BY key');
  const page = db.prepare('SELECT rowid AS id, r FROM temp.import_rows WHERE rowid > ? ORDER BY rowid LIMIT 1000');
  return {
    write(rows) {
      if (rows.length) ins.run(JSON.stringify(rows));
    },
    *read() {
      let from = 0;
      for (;;) {
        const rows = page.all(from) as { id: number; r: string }[];
        if (!rows.length) return;
        from = rows[rows.length - 1].id;
        for (const x of rows) yield JSON.parse(x.r) as R;
      }
    },
    close() {
      db.exec('DROP TABLE IF EXISTS temp.import_rows');
    },
  };
}
