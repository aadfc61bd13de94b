// Many rows per INSERT statement, for the bulk loads of `pmctl demo` at scale
// (complaints, requests, patrols): the per-call cost dominates single-row
// inserts. The caller holds the transaction.
import type { DB } from './db.js';

export class MultiInsert {
  private buf: unknown[] = [];
  private readonly full: ReturnType<DB['prepare']>;
  count = 0;
  constructor(
    private readonly db: DB,
    private readonly table: string,
    private readonly cols: string[],
    private readonly rows = 64,
  ) {
    this.full = db.prepare(this.sql(rows));
  }
  private sql(n: number): string {
    const one = '(' + this.cols.map(() => '?').join(',') + ')';
    return `INSERT INTO ${this.table}(${this.cols.join(',')}) VALUES ${Array(n).fill(one).join(',')}`;
  }
  /** One row's values, in column order. */
  push(...v: unknown[]): void {
    for (const x of v) this.buf.push(x);
    this.count++;
    if (this.buf.length === this.cols.length * this.rows) {
      this.full.run(this.buf);
      this.buf = [];
    }
  }
  flush(): void {
    if (this.buf.length) this.db.prepare(this.sql(this.buf.length / this.cols.length)).run(this.buf);
    this.buf = [];
  }
  close(): void {}
}
