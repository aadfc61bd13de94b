// Every roster import (staff, units, keys, calendar, key counts), from a CSV
// in UTF-8 (BOM or not), GB18030 or UTF-16 with any of `,` `，` tab `;`, or
// from an .xlsx workbook (filesource.ts). Headings in English, Chinese or a
// common variant, trimmed and width-folded, or mapped with --map; values never
// cast; every row validated, all errors reported at once naming the file,
// line and the file's own heading; all-or-nothing; idempotent upserts;
// --dry-run; --rejects.
//
// The write lock is held only for the merge (issue 14 #11): the file is read
// and validated first, outside any write transaction (valid rows kept in
// memory, or for big rosters in a temp staging table), then written in one
// short immediate transaction.
import { statSync } from 'node:fs';
import { basename } from 'node:path';
import { UsageError, type Detail, type MsgParams } from '../../errors.js';
import { beginImmediate, noteMerging, type DB } from '../db.js';
import { openSpilledRows, type SpilledRows } from './spilled-rows.js';
import { faultPoint } from '../safe-file.js';
import { maskId, maskPhone } from '../../domain/people.js';
import { hasForbiddenControl, overLimit, TEXT_LIMITS, type TextKind } from '../../domain/limits.js';
import type { LabelsOf } from '../../domain/choices.js';
import { foldHeading, maskPhoneCell } from '../../domain/roster.js';
import { csvSource, isXlsx, xlsxSource, ENCODING_NAME, type Source, type SourceFormat } from './filesource.js';

export { detectEncoding } from './filesource.js';

export interface ImportField {
  key: string;
  /** accepted headings besides `key` (Chinese headings, synonyms) */
  headers: string[];
  /** the column must be in the header */
  required?: boolean;
  /** a required column whose cells may be empty */
  allowEmpty?: boolean;
  /** the text limit of its cells (domain/limits.ts; default: note) */
  limit?: TextKind;
  /** masked when a value is echoed in an error */
  mask?: 'phone' | 'id';
}

export interface RowContext {
  line: number;
  error(field: string, key: string, params?: MsgParams): void;
  warn(field: string, key: string, params?: MsgParams): void;
  /** the file's own heading of a field (for messages) */
  heading(field: string): string;
}

export type UpsertOutcome = 'added' | 'updated' | 'unchanged';

export interface Counts {
  added: number;
  updated: number;
  unchanged: number;
}

export interface ImportDef<R> {
  fields: ImportField[];
  parse(raw: Record<string, string>, rc: RowContext): R | undefined;
  key(r: R): string;
  /** write one valid record inside the merge transaction */
  upsert(r: R): UpsertOutcome;
  /**
   * Columns beyond `fields` are data, not ignored (a survey: one column per
   * question): each row's raw record then also holds them as `#<index>`, and
   * `header` is called once with the file's headings.
   */
  otherColumns?: { header(headings: string[], known: ReadonlySet<number>): void };
  /** called once inside the merge transaction before the first row, with the file's size */
  start?(file: { size: number }): void;
  /** called once after all rows are written, still inside the transaction (audit the import here) */
  finish?(r: ImportResult): void;
  /**
   * Big rosters: valid rows go in batches into a temp staging table while the
   * file is read (no write lock), duplicates are found there, and `merge`
   * writes them all at once inside the short immediate transaction.
   */
  stage?: {
    size: number;
    open(): void;
    write(rows: R[], lines: number[]): void;
    /** keys met twice in the file: report each later line with the first (`force`: the file has other errors) */
    duplicates(report: (line: number, key: string, first: number) => void, force: boolean): void;
    /** may throw DuplicateKeys (a key twice in the file, found by the table's key): rolled back, then reported */
    merge(): Counts;
    close(): void;
  };
}

/** Thrown by a stage's merge when the file holds a key twice (found through the table's unique key). */
export class DuplicateKeys extends Error {}

export interface ImportResult {
  file: string;
  format: 'csv' | 'xlsx';
  encoding: string;
  sheet?: string;
  separator?: string;
  rows: number;
  added: number;
  updated: number;
  unchanged: number;
  dry_run: boolean;
  ignored_columns: string[];
  sha256: string;
  warnings: Detail[];
  /** how long the write lock was held (the merge), in milliseconds */
  lock_ms: number;
}

/** Where rejected rows go (the CLI writes them in the input's format and encoding). */
export interface RejectSink {
  write(format: SourceFormat, header: string[], rows: AsyncIterable<{ cells: string[]; line: number; errors: Detail[] }>): Promise<void>;
}

export interface ImportOptions {
  encoding?: string;
  dryRun?: boolean;
  /** a progress callback (bytes read, total bytes) for a TTY bar */
  progress?: (read: number, total: number) => void;
  maxErrors?: number;
  /** a site's own headings: [file heading, column] */
  map?: [string, string][];
  /** the worksheet of an .xlsx (default: the first) */
  sheet?: string;
  /** the printed labels of a choice's codes (the CLI's catalogue), for values typed in Chinese */
  labelsOf?: LabelsOf;
  rejects?: RejectSink;
}

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

/** Valid rows kept in memory before the merge; past it they go to the temp database (store/import-rows.ts). */
const BUFFER_MAX = 20_000;
/** Rows per batch written to the temp database once spilled. */
const SPILL_BATCH = 1000;
/** The most warnings kept (a count stands for the rest). */
const MAX_WARNINGS = 20;
/** The most bad lines remembered for --rejects. */
const MAX_REJECTS = 1_000_000;

/** Resolve --map targets (a column key or any of its headings) against a def's fields. */
function mapTargets(fields: ImportField[], map: [string, string][]): Map<string, string> {
  const out = new Map<string, string>();
  for (const [heading, target] of map) {
    const t = foldHeading(target);
    const f = fields.find((x) => foldHeading(x.key) === t || x.headers.some((h) => foldHeading(h) === t));
    if (!f) throw new UsageError('err.map_unknown_column', { value: target, columns: fields.map((x) => x.key).join(', ') }, 'fix.map');
    out.set(foldHeading(heading), f.key);
  }
  return out;
}

/** The field a heading names: --map first, then the alias tables (with and without a bracketed note). */
function headingResolver(fields: ImportField[], map: Map<string, string>): (h: string) => string | undefined {
  const known = new Map<string, string>();
  for (const f of fields) {
    for (const h of [f.key, ...f.headers]) {
      const k = foldHeading(h);
      if (!known.has(k)) known.set(k, f.key);
    }
  }
  return (h) => {
    const a = foldHeading(h);
    if (!a) return undefined;
    const b = foldHeading(h, true);
    return map.get(a) ?? map.get(b) ?? known.get(a) ?? known.get(b);
  };
}

/** Headings that look like a wrong encoding: replacement characters or letters no roster uses. */
function looksGarbled(h: string): boolean {
  return /[\uFFFD\u0080-\u009f\u0100-\u024f\u0370-\u04ff\ue000-\uf8ff]/.test(h);
}

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
  const xlsx = isXlsx(file);
  const source: Source = xlsx
    ? await xlsxSource(file, { sheet: opts.sheet, name })
    : await csvSource(file, size, { encoding: opts.encoding, knownHeading: (h) => !!resolve(h), parseOptions: CSV_PARSE_OPTIONS, name });

  const maxErrors = opts.maxErrors ?? 50;
  const errors: Detail[] = [];
  const errorLines: number[] = [];
  let errorCount = 0;
  const rejectLines = opts.rejects ? new Map<number, Detail[]>() : undefined;
  const addError = (line: number, col: string, key: string, params?: MsgParams): void => {
    errorCount++;
    if (errors.length < maxErrors) {
      errors.push({ prefix: `${name}:${line}:${col}:`, key, params });
      errorLines.push(line);
    }
    if (rejectLines && line > headerLine && (rejectLines.size < MAX_REJECTS || rejectLines.has(line))) {
      const list = rejectLines.get(line) ?? [];
      list.push({ key, params });
      rejectLines.set(line, list);
    }
  };
  const warnings: Detail[] = [];
  let warningCount = 0;

  let header: string[] | undefined;
  let headerLine = 0;
  let makeRaw: (values: string[]) => Record<string, string> = () => ({});
  const colIndex = new Map<string, number>();
  const ignored: string[] = [];
  const fmt = source.format;
  const result: ImportResult = {
    file,
    format: fmt.kind,
    encoding: fmt.kind === 'csv' ? ENCODING_NAME[fmt.encoding] : 'xlsx',
    ...(fmt.kind === 'csv' ? { separator: fmt.delimiter === '\t' ? 'tab' : fmt.delimiter } : {}),
    rows: 0,
    added: 0,
    updated: 0,
    unchanged: 0,
    dry_run: !!opts.dryRun,
    ignored_columns: ignored,
    sha256: '',
    warnings,
    lock_ms: 0,
  };
  const required = def.fields.filter((f) => f.required && !f.allowEmpty).map((f) => f.key);
  const limited = def.fields.map((f) => ({ key: f.key, limit: f.limit ?? limitOf(f.key) }));
  const maskOf = new Map(def.fields.filter((f) => f.mask).map((f) => [f.key, f.mask!]));
  /** A field's place in the header: its column, or `#<index>` for one of otherColumns. */
  const placeOf = (field: string): number | undefined =>
    colIndex.has(field) ? colIndex.get(field)! : /^#\d+$/.test(field) ? Number(field.slice(1)) : undefined;
  const heading = (field: string): string => {
    const i = placeOf(field);
    return i !== undefined && header?.[i] !== undefined ? header[i].trim() : field;
  };
  const colOf = (field: string): string => {
    const i = placeOf(field);
    return i !== undefined ? source.col(i) : '-';
  };
  /** Echoed values of personal columns are masked (SPEC §1). */
  const masked = (field: string, params: MsgParams | undefined): MsgParams => {
    const p: MsgParams = { ...params, column: heading(field) };
    const m = maskOf.get(field);
    if (m && typeof p.value === 'string') p.value = m === 'id' ? maskId(p.value) : maskPhoneCell(p.value);
    return p;
  };

  let line = 0;
  let rowErrors = 0;
  const rc: RowContext = {
    line: 0,
    error: (field, key, params) => {
      rowErrors++;
      addError(line, colOf(field), key, masked(field, params));
    },
    warn: (field, key, params) => {
      warningCount++;
      if (warnings.length < MAX_WARNINGS) warnings.push({ prefix: `${name}:${line}:${colOf(field)}:`, key, params: masked(field, params) });
    },
    heading,
  };

  const onHeader = (values: string[], at: number): void => {
    header = values;
    headerLine = at;
    let hits = 0;
    const others: number[] = [];
    header.forEach((h, i) => {
      const k = resolve(h);
      if (!k) {
        if (def.otherColumns) others.push(i);
        else if (h.trim()) ignored.push(h.trim());
        return;
      }
      hits++;
      if (colIndex.has(k)) addError(at, source.col(i), 'err.csv_dup_column', { column: h.trim(), other: header![colIndex.get(k)!].trim() });
      else colIndex.set(k, i);
    });
    const missing = def.fields.filter((f) => f.required && !colIndex.has(f.key));
    if (missing.length) {
      const shown = header.join(fmt.kind === 'csv' ? fmt.delimiter : ' | ').slice(0, 80);
      if (header.length === 1 && fmt.kind === 'csv') {
        // Nothing split the header: not one of the separators pmctl reads.
        addError(at, '-', 'err.csv_separator', { header: shown });
      } else if (!hits && looksGarbled(header.join(''))) {
        addError(at, '-', 'err.csv_encoding_wrong', { header: shown, encoding: result.encoding });
      } else {
        for (const f of missing) addError(at, '-', 'err.csv_missing_column', { column: f.key, heading: f.headers[0] ?? f.key });
        if (!hits) addError(at, '-', 'err.csv_no_known_heading', { header: shown });
      }
    }
    // One object literal per row, compiled for this header: building it key
    // by key showed in profiles of big files (a megamorphic keyed store).
    // The keys are the def's own field names, never text from the file.
    makeRaw = new Function(
      'v',
      `return {${[...[...colIndex].map(([k, i]) => `${JSON.stringify(k)}: v[${i}] ?? ''`), ...others.map((i) => `"#${i}": v[${i}] ?? ''`)].join(', ')}};`,
    ) as (v: string[]) => Record<string, string>;
    def.otherColumns?.header(header, new Set(colIndex.values()));
  };

  /** Validates one data record; the valid record, or undefined. */
  const validate = (values: string[], at: number): R | undefined => {
    line = at;
    result.rows++;
    if (values.length > header!.length) {
      // Extra cells are an error only when they hold something (Excel pads rows with empty cells).
      let extra = false;
      for (let i = header!.length; i < values.length; i++) if (values[i]) extra = true;
      if (extra) {
        addError(line, source.col(header!.length), 'err.csv_column_count', { expected: header!.length, found: values.length });
        return undefined;
      }
    } else if (values.length < header!.length && fmt.kind === 'csv') {
      addError(line, source.col(values.length), 'err.csv_column_count', { expected: header!.length, found: values.length });
      return undefined;
    }
    const raw = makeRaw(values);
    rowErrors = 0;
    rc.line = line;
    for (let i = 0; i < required.length; i++) if (!raw[required[i]]) rc.error(required[i], 'err.csv_required');
    // The same text limits as the command line (domain/limits.ts), NUL and control characters refused.
    for (let i = 0; i < limited.length; i++) {
      const v = raw[limited[i].key];
      if (!v) continue;
      if (hasForbiddenControl(v)) rc.error(limited[i].key, 'err.text_control', { opt: limited[i].key });
      else if (overLimit(limited[i].limit, v)) rc.error(limited[i].key, 'err.text_too_long', { opt: limited[i].key, limit: TEXT_LIMITS[limited[i].limit], over: overLimit(limited[i].limit, v) });
    }
    if (rowErrors) return undefined;
    const r = def.parse(raw, rc);
    if (!r || rowErrors) return undefined;
    return r;
  };

  const progress = opts.progress
    ? async (read: number, total: number): Promise<void> => {
        opts.progress!(read, total);
        // Let a progress bar draw between chunks.
        await new Promise((res) => setImmediate(res));
      }
    : undefined;

  // ---- Pass 1: read and validate, outside any write transaction.
  const stage = def.stage;
  const buffered: R[] = [];
  let spilled: SpilledRows<R> | undefined;
  const seen = stage ? undefined : new KeysSeen(db);
  const pending: R[] = [];
  const pendingLines: number[] = [];
  const flush = (): void => {
    if (!pending.length) return;
    stage!.write(pending, pendingLines);
    pending.length = 0;
    pendingLines.length = 0;
  };
  let headerStop = false;
  const reportDuplicate = (at: number, key: string, first: number): void => addError(at, '-', 'err.csv_dup_key', { key, other: first });
  /** The error of a file with errors: the rejects written first when asked. */
  const failure = async (): Promise<UsageError> => {
    // Duplicates found in the staging table come after the other errors.
    if (stage) {
      const order = errors.map((_, i) => i).sort((a, b) => errorLines[a] - errorLines[b] || a - b);
      errors.splice(0, errors.length, ...order.map((i) => errors[i]));
    }
    if (errorCount > errors.length) errors.push({ key: 'err.more_errors', params: { n: errorCount - errors.length } });
    const rejected = !!(opts.rejects && header && rejectLines!.size);
    if (rejected) await writeRejects(source, opts.rejects!, header!, rejectLines!, headerLine);
    return new UsageError('err.import_invalid', { file: name, n: errorCount }, rejected ? 'fix.import_fix_rejects' : 'fix.import_fix', errors);
  };
  let autoCheckpoint: number | undefined;
  if (stage) {
    stage.open();
    // The staging rows go into the temp database in one transaction of its
    // own: it takes no lock on the data folder's file.
    db.exec('BEGIN');
  }
  try {
    try {
      result.sha256 = await source.read(
        (values, at) => {
          // A row of empty cells (Excel's trailing ",,,,") is an empty line.
          let any = false;
          for (let i = 0; i < values.length && !any; i++) if (values[i]) any = true;
          if (!any) return;
          if (!header) {
            onHeader(values, at);
            if (errorCount) headerStop = true;
            return;
          }
          const r = validate(values, at);
          if (!r) return;
          if (stage) {
            pending.push(r);
            pendingLines.push(line);
            if (pending.length >= stage.size) flush();
            return;
          }
          const k = def.key(r);
          const prev = seen!.add(k, line);
          if (prev !== undefined) {
            addError(line, '-', 'err.csv_dup_key', { key: k, other: prev });
            return;
          }
          if (errorCount) return;
          buffered.push(r);
          if (spilled ? buffered.length >= SPILL_BATCH : buffered.length > BUFFER_MAX) {
            // A long file of a small roster kind: the valid rows go to the
            // temp database (no lock on the data folder) and are read back
            // by the merge, never the file again under the lock.
            spilled ??= openSpilledRows<R>(db);
            spilled.write(buffered);
            buffered.length = 0;
          }
        },
        () => headerStop,
        progress,
      );
      if (stage) {
        flush();
        if (header && !headerStop) stage.duplicates(reportDuplicate, errorCount > 0);
      }
      if (spilled && !errorCount) {
        spilled.write(buffered);
        buffered.length = 0;
      }
    } finally {
      if (stage && db.inTransaction) db.exec('COMMIT');
      seen?.close();
    }
    if (fmt.kind === 'xlsx') result.sheet = fmt.sheet;
    if (!header) addError(1, '-', 'err.csv_empty');
    if (errorCount) throw await failure();
    if (warningCount > warnings.length) warnings.push({ key: 'warn.more_warnings', params: { n: warningCount - warnings.length } });

    // ---- Pass 2: the merge, in one short immediate transaction.
    // SQLite's page cache and its index sorter each grow to cache_size: 4 MB
    // keeps a big import well inside the memory bound (SPEC §9).
    db.pragma('cache_size = -4000');
    // The WAL is checkpointed after the commit, outside the lock, and by
    // this process (not by the next clerk whose commit would find it long).
    autoCheckpoint = db.pragma('wal_autocheckpoint', { simple: true }) as number;
    db.pragma('wal_autocheckpoint = 0');
    beginImmediate(db);
    const locked = performance.now();
    // Writers that find the lock held by this merge wait on (store/db.ts).
    const unnote = noteMerging(db);
    let committed = false;
    try {
      def.start?.({ size });
      if (stage) {
        let c: Counts;
        try {
          c = stage.merge();
        } catch (e) {
          if (!(e instanceof DuplicateKeys)) throw e;
          // Outside the lock again: every duplicate of the file, reported at once.
          db.exec('ROLLBACK');
          unnote();
          stage.duplicates(reportDuplicate, true);
          throw await failure();
        }
        result.added += c.added;
        result.updated += c.updated;
        result.unchanged += c.unchanged;
      } else if (spilled) {
        for (const r of spilled.read()) result[def.upsert(r)]++;
      } else {
        for (const r of buffered) result[def.upsert(r)]++;
      }
      def.finish?.(result);
      // Tests and the fault script: a kill with the whole merge written but not committed.
      faultPoint('import.merged');
      if (opts.dryRun) db.exec('ROLLBACK');
      else db.exec('COMMIT');
      committed = true;
      result.lock_ms = Math.round(performance.now() - locked);
    } finally {
      if (!committed && db.inTransaction) db.exec('ROLLBACK');
      unnote();
    }
  } finally {
    stage?.close();
    spilled?.close();
    if (autoCheckpoint !== undefined) db.pragma(`wal_autocheckpoint = ${autoCheckpoint}`);
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

/** The bad rows again, read from the file, each with its errors, to the sink. */
async function writeRejects(source: Source, sink: RejectSink, header: string[], bad: Map<number, Detail[]>, headerLine: number): Promise<void> {
  const queue: { cells: string[]; line: number; errors: Detail[] }[] = [];
  await source.read(
    (cells, line) => {
      if (line === headerLine) return;
      const errs = bad.get(line);
      if (errs) queue.push({ cells, line, errors: errs });
    },
    () => false,
  );
  async function* rows() {
    yield* queue;
  }
  await sink.write(source.format, header, rows());
}

/** A rejected phone or ID number as an error may show it. */
export function maskEcho(field: string, value: string): string {
  if (/(^|_)phone$/.test(field)) return maskPhone(value);
  if (/(^|_)id_number$|^id$/.test(field)) return maskId(value);
  return value;
}

/** A column's text limit by its name, unless the field says (names, phones, notes; codes and labels otherwise). */
export function limitOf(key: string): TextKind {
  if (/(^|_)name$/.test(key)) return 'name';
  if (/(^|_)phone$/.test(key)) return 'phone';
  if (/^(note|notes|description|remark|remarks|minutes)$/.test(key)) return 'note';
  if (/^(place|location|subject|reason|purpose|topic)$/.test(key)) return 'subject';
  return 'label';
}

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
