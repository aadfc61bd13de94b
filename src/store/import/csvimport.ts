// Every roster import (staff, units, keys, calendar, key counts, surveys),
// from a CSV in UTF-8 (BOM or not), GB18030 or UTF-16 with any of `,` `，` tab
// `;`, or from an .xlsx workbook (filesource.ts). Headings in English, Chinese
// or a common variant, trimmed and width-folded, or mapped with --map
// (headings.ts); values never cast; every row validated (row-check.ts), all
// errors reported at once naming the file, line and the file's own heading
// (problems.ts); all-or-nothing; idempotent upserts; --dry-run; --rejects.
//
// The write lock is held only for the merge (issue 14 #11): the file is read
// and validated first, outside any write transaction (valid rows kept in
// memory, or for big rosters in a temp staging table), then written in one
// short immediate transaction.
//
// One named exception to "no function over 100 lines" in this folder:
// filesource.ts's csvSource, moved here whole while the reading side of
// filesource.ts is being changed on another branch; split it after that merges.
import { statSync } from 'node:fs';
import { basename } from 'node:path';
import { UsageError } from '../../errors.js';
import { beginImmediate, noteMerging, type DB } from '../db.js';
import { faultPoint } from '../safe-file.js';
import { openSpilledRows, type SpilledRows } from './spilled-rows.js';
import { csvSource, isXlsx, xlsxSource, ENCODING_NAME, type Source } from './filesource.js';
import { DuplicateKeys, type Counts, type ImportDef, type ImportOptions, type ImportResult } from './def.js';
import { Columns, headingResolver, mapTargets } from './headings.js';
import { Problems } from './problems.js';
import { RowCheck } from './row-check.js';
import { KeysSeen } from './keys-seen.js';

export * from './def.js';
export { detectEncoding } from './filesource.js';
export { limitOf, maskEcho } from './row-check.js';
export { KeysSeen } from './keys-seen.js';

/**
 * csv-parse's options (SPEC §2: values are never cast; a BOM is dropped;
 * column counts are checked per record so every bad line is reported).
 */
const CSV_PARSE_OPTIONS = {
  bom: true,
  cast: false,
  cast_date: false,
  relax_column_count: true, // checked per record, so every bad line is reported
  relax_quotes: true, // a stray quote inside a name is kept, not a failure of the whole file
  skip_empty_lines: true,
  trim: true,
  // One huge line is refused as it is read, memory flat (issue 14): far above
  // any real roster row (every field at its limit, TEXT_LIMITS).
  max_record_size: 65536,
} as const;

/** Valid rows kept in memory before the merge; past it they go to the temp database (spilled-rows.ts). */
const BUFFER_MAX = 20_000;
/** Rows per batch written to the temp database once spilled. */
const SPILL_BATCH = 1000;

export async function runImport<R>(db: DB, file: string, def: ImportDef<R>, opts: ImportOptions = {}): Promise<ImportResult> {
  let size: number;
  try {
    const st = statSync(file);
    if (!st.isFile()) throw new Error('not a file');
    size = st.size;
  } catch {
    throw new UsageError('err.file_unreadable', { file }, 'fix.check_path');
  }
  const name = basename(file);
  const resolve = headingResolver(def.fields, mapTargets(def.fields, opts.map ?? []));
  const source: Source = isXlsx(file)
    ? await xlsxSource(file, { sheet: opts.sheet, name })
    : await csvSource(file, size, { encoding: opts.encoding, knownHeading: (h) => !!resolve(h), parseOptions: CSV_PARSE_OPTIONS, name });
  return new ImportRun(db, { file, name, size }, source, resolve, def, opts).run();
}

/** One import of one file: pass 1 reads and checks it, pass 2 merges it. */
class ImportRun<R> {
  private readonly problems: Problems;
  private readonly columns: Columns;
  private readonly check: RowCheck<R>;
  private readonly result: ImportResult;
  private readonly stage: ImportDef<R>['stage'];
  /** valid rows kept in memory (the whole file's, or the next batch to spill) */
  private readonly buffered: R[] = [];
  /** valid rows past BUFFER_MAX, in the temp database */
  private spilled?: SpilledRows<R>;
  /** the next rows for the def's staging table, and their lines */
  private readonly pending: R[] = [];
  private readonly pendingLines: number[] = [];
  /** the header had errors: the rest of the file is not read */
  private headerStop = false;
  /** the connection's WAL auto-checkpoint, turned off for the merge */
  private autoCheckpoint?: number;

  constructor(
    private readonly db: DB,
    private readonly file: { file: string; name: string; size: number },
    private readonly source: Source,
    resolve: (h: string) => string | undefined,
    private readonly def: ImportDef<R>,
    private readonly opts: ImportOptions,
  ) {
    this.problems = new Problems(file.name, opts.maxErrors ?? 50, !!opts.rejects);
    this.columns = new Columns(source, resolve);
    this.check = new RowCheck(def, this.columns, this.problems, source);
    this.stage = def.stage;
    const fmt = source.format;
    this.result = {
      file: file.file,
      format: fmt.kind,
      encoding: fmt.kind === 'csv' ? ENCODING_NAME[fmt.encoding] : 'xlsx',
      ...(fmt.kind === 'csv' ? { separator: fmt.delimiter === '\t' ? 'tab' : fmt.delimiter } : {}),
      rows: 0,
      added: 0,
      updated: 0,
      unchanged: 0,
      dry_run: !!opts.dryRun,
      ignored_columns: this.columns.ignored,
      sha256: '',
      warnings: this.problems.warnings,
      lock_ms: 0,
    };
  }

  async run(): Promise<ImportResult> {
    const { db, stage, problems, result } = this;
    if (stage) {
      stage.open();
      // The staging rows go into the temp database in one transaction of its
      // own: it takes no lock on the data folder's file.
      db.exec('BEGIN');
    }
    try {
      await this.readPass();
      const fmt = this.source.format;
      if (fmt.kind === 'xlsx') result.sheet = fmt.sheet;
      if (!this.columns.header) problems.error(1, '-', 'err.csv_empty');
      if (problems.count) throw await this.failure();
      problems.countMoreWarnings();
      await this.mergePass();
    } finally {
      stage?.close();
      this.spilled?.close();
      if (this.autoCheckpoint !== undefined) db.pragma(`wal_autocheckpoint = ${this.autoCheckpoint}`);
    }
    if (!result.dry_run) {
      try {
        db.pragma('wal_checkpoint(PASSIVE)');
      } catch {
        // committed already: a checkpoint left undone is done by a later one
      }
    }
    return result;
  }

  /** The error of a file with errors (problems.ts), the rejected rows written first when asked. */
  private failure(): Promise<UsageError> {
    return this.problems.failure({ byLine: !!this.stage, source: this.source, sink: this.opts.rejects, header: this.columns.header });
  }

  private reportDuplicate = (at: number, key: string, first: number): void => this.problems.error(at, '-', 'err.csv_dup_key', { key, other: first });

  /** Pass 1: the file read and every row checked, outside any write transaction. */
  private async readPass(): Promise<void> {
    const { db, stage, problems } = this;
    const seen = stage ? undefined : new KeysSeen(db);
    const progress = this.opts.progress;
    try {
      this.result.sha256 = await this.source.read(
        (values, at) => this.record(values, at, seen),
        () => this.headerStop,
        progress
          ? async (read: number, total: number): Promise<void> => {
              progress(read, total);
              // Let a progress bar draw between chunks.
              await new Promise((res) => setImmediate(res));
            }
          : undefined,
      );
      if (stage) {
        this.flush();
        if (this.columns.header && !this.headerStop) stage.duplicates(this.reportDuplicate, problems.count > 0);
      }
      if (this.spilled && !problems.count) {
        this.spilled.write(this.buffered);
        this.buffered.length = 0;
      }
    } finally {
      if (stage && db.inTransaction) db.exec('COMMIT');
      seen?.close();
    }
  }

  /** One record of the file: the header, or a data row checked and kept. */
  private record(values: string[], at: number, seen: KeysSeen | undefined): void {
    // A row of empty cells (Excel's trailing ",,,,") is an empty line.
    let any = false;
    for (let i = 0; i < values.length && !any; i++) if (values[i]) any = true;
    if (!any) return;
    if (!this.columns.header) {
      this.columns.read(values, at, this.def, this.problems, this.result.encoding);
      if (this.problems.count) this.headerStop = true;
      return;
    }
    this.result.rows++;
    const r = this.check.row(values, at);
    if (!r) return;
    if (this.stage) {
      this.pending.push(r);
      this.pendingLines.push(at);
      if (this.pending.length >= this.stage.size) this.flush();
      return;
    }
    this.keep(r, at, seen!);
  }

  /** The pending rows into the def's staging table. */
  private flush(): void {
    if (!this.pending.length) return;
    this.stage!.write(this.pending, this.pendingLines);
    this.pending.length = 0;
    this.pendingLines.length = 0;
  }

  /** A valid row of a def with no staging table: its key checked, then kept for the merge. */
  private keep(r: R, at: number, seen: KeysSeen): void {
    const k = this.def.key(r);
    const prev = seen.add(k, at);
    if (prev !== undefined) {
      this.problems.error(at, '-', 'err.csv_dup_key', { key: k, other: prev });
      return;
    }
    if (this.problems.count) return;
    const buffered = this.buffered;
    buffered.push(r);
    if (this.spilled ? buffered.length >= SPILL_BATCH : buffered.length > BUFFER_MAX) {
      // A long file of a small roster kind: the valid rows go to the
      // temp database (no lock on the data folder) and are read back
      // by the merge, never the file again under the lock.
      this.spilled ??= openSpilledRows<R>(this.db);
      this.spilled.write(buffered);
      buffered.length = 0;
    }
  }

  /** Pass 2: the merge, in one short immediate transaction. */
  private async mergePass(): Promise<void> {
    const { db, def, result } = this;
    // SQLite's page cache and its index sorter each grow to cache_size: 4 MB
    // keeps a big import well inside the memory bound (SPEC §9).
    db.pragma('cache_size = -4000');
    // The WAL is checkpointed after the commit, outside the lock, and by
    // this process (not by the next clerk whose commit would find it long).
    this.autoCheckpoint = db.pragma('wal_autocheckpoint', { simple: true }) as number;
    db.pragma('wal_autocheckpoint = 0');
    beginImmediate(db);
    const locked = performance.now();
    // Writers that find the lock held by this merge wait on (store/db.ts).
    const unnote = noteMerging(db);
    let committed = false;
    try {
      def.start?.({ size: this.file.size });
      if (this.stage) {
        const c = this.mergeStaged(unnote);
        if (!c) throw await this.failure();
        result.added += c.added;
        result.updated += c.updated;
        result.unchanged += c.unchanged;
      } else if (this.spilled) {
        for (const r of this.spilled.read()) result[def.upsert(r)]++;
      } else {
        for (const r of this.buffered) result[def.upsert(r)]++;
      }
      def.finish?.(result);
      // Tests and the fault script: a kill with the whole merge written but not committed.
      faultPoint('import.merged');
      if (this.opts.dryRun) db.exec('ROLLBACK');
      else db.exec('COMMIT');
      committed = true;
      result.lock_ms = Math.round(performance.now() - locked);
    } finally {
      if (!committed && db.inTransaction) db.exec('ROLLBACK');
      unnote();
    }
  }

  /**
   * The def's staging table merged. A key twice in the file, found by the
   * table's key: the merge rolled back and, outside the lock again, every
   * duplicate of the file reported at once (undefined).
   */
  private mergeStaged(unnote: () => void): Counts | undefined {
    try {
      return this.stage!.merge();
    } catch (e) {
      if (!(e instanceof DuplicateKeys)) throw e;
      this.db.exec('ROLLBACK');
      unnote();
      this.stage!.duplicates(this.reportDuplicate, true);
      return undefined;
    }
  }
}
