// The natural keys of an import's rows, for a key met twice in the file.
import type { DB } from '../db.js';

/**
 * The natural keys met so far in the file (a key twice is an error), with the
 * line of each. Kept in memory for ordinary files; past SPILL_KEYS they move to
 * a temporary table, so memory stays flat whatever the file size (SPEC §9).
 */
const SPILL_KEYS = 50_000;
export class KeysSeen {
  private map: Map<string, number> | null = new Map();
  private ins?: { get(k: string, line: number): unknown };
  private sel?: { get(k: string): unknown };
  constructor(private readonly db: DB) {}
  /** Records `key`; returns the line it was first seen on if it was. */
  add(key: string, line: number): number | undefined {
    if (this.map) {
      const prev = this.map.get(key);
      if (prev !== undefined) return prev;
      this.map.set(key, line);
      if (this.map.size > SPILL_KEYS) this.spill();
      return undefined;
    }
    if (this.ins!.get(key, line)) return undefined;
    return (this.sel!.get(key) as { line: number }).line;
  }
  private spill(): void {
    // A temp table lives outside the import's transaction and the main file.
    this.db.exec('CREATE TEMP TABLE IF NOT EXISTS import_keys (k TEXT PRIMARY KEY, line INTEGER NOT NULL) WITHOUT ROWID');
    this.db.exec('DELETE FROM temp.import_keys');
    const ins = this.db.prepare('INSERT INTO temp.import_keys(k, line) VALUES (?, ?) ON CONFLICT(k) DO NOTHING RETURNING 1');
    for (const [k, l] of this.map!) ins.get(k, l);
    this.map = null;
    this.ins = ins;
    this.sel = this.db.prepare('SELECT line FROM temp.import_keys WHERE k = ?');
  }
  close(): void {
    if (!this.map) this.db.exec('DROP TABLE IF EXISTS temp.import_keys');
    this.map = null;
  }
}
