// Every CSV import (staff, units, keys, calendar, key counts): UTF-8 with or
// without BOM or GB18030 as Excel saves it, English or Chinese headings in any
// order, values never cast, every row validated, all errors reported with
// file:line:column, all-or-nothing, idempotent upserts, --dry-run.
import { openSync, readSync, closeSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { UsageError, type Detail, type MsgParams } from '../../errors.js';
import type { DB } from '../../store/db.js';

export interface ImportField {
  key: string;
  /** accepted headings besides `key` (Chinese headings, synonyms) */
  headers: string[];
  /** the column must be in the header */
  required?: boolean;
  /** a required column whose cells may be empty */
  allowEmpty?: boolean;
}

export interface RowContext {
  line: number;
  error(field: string, key: string, params?: MsgParams): void;
}

export type UpsertOutcome = 'added' | 'updated' | 'unchanged';

export interface ImportDef<R> {
  fields: ImportField[];
  parse(raw: Record<string, string>, rc: RowContext): R | undefined;
  key(r: R): string;
  /** write one valid record inside the import's transaction */
  upsert(r: R): UpsertOutcome;
  /**
   * Columns beyond `fields` are data, not ignored (a survey: one column per
   * question): each row's raw record then also holds them as `#<index>`, and
   * `header` is called once with the file's headings.
   */
  otherColumns?: { header(headings: string[], known: ReadonlySet<number>): void };
  /** called once inside the transaction before the first row, with the file's size */
  start?(file: { size: number }): void;
  /** called once after all rows are written, still inside the transaction (audit the import here) */
  finish?(r: ImportResult): void;
  /**
   * Instead of `upsert`: valid rows in batches of `size` (big rosters: one
   * multi-row statement instead of a round trip per row), and `done` once
   * after the last batch, before `finish`. Each returns what it wrote.
   * The writer finds keys met twice in the file itself (through the table's
   * unique key, so no set of every key is kept) and reports each with
   * `duplicate`. Rows keep coming after an error, so that every duplicate is
   * reported at once; the transaction is rolled back then anyway.
   */
  batch?: {
    size: number;
    write(rows: R[], lines: number[], duplicate: (line: number, key: string, other: number) => void): Counts;
    done?(): Counts;
  };
}

export interface Counts {
  added: number;
  updated: number;
  unchanged: number;
}

export interface ImportResult {
  file: string;
  encoding: string;
  rows: number;
  added: number;
  updated: number;
  unchanged: number;
  dry_run: boolean;
  ignored_columns: string[];
}

export interface ImportOptions {
  encoding?: string;
  dryRun?: boolean;
  /** a progress callback (bytes read, total bytes) for a TTY bar */
  progress?: (read: number, total: number) => void;
  maxErrors?: number;
}

const ENCODINGS: Record<string, string> = {
  'utf8': 'utf8',
  'utf-8': 'utf8',
  'gb18030': 'gb18030',
  'gbk': 'gb18030', // GB18030 is a superset of GBK
  'gb2312': 'gb18030',
};

/** UTF-8 unless the opening bytes are not valid UTF-8, then GB18030 (Excel on Chinese Windows). */
export function detectEncoding(sample: Buffer): 'utf8' | 'gb18030' {
  if (sample.length >= 3 && sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return 'utf8';
  // A sample may end inside a multi-byte character: drop up to 3 trailing bytes.
  for (let cut = 0; cut <= 3 && cut < sample.length; cut++) {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(sample.subarray(0, sample.length - cut));
      return 'utf8';
    } catch {
      /* try a shorter cut */
    }
  }
  return 'gb18030';
}

function normHeader(h: string): string {
  return h.replace(/^\uFEFF/, '').trim().toLowerCase().replace(/[\s（）()]/g, '');
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
  skip_empty_lines: true,
  trim: true,
} as const;

/**
 * Bytes read at a time. Small on purpose: a decoded chunk and the strings cut
 * from it then die young, in V8's scavenged space; chunks of a megabyte became
 * large objects that only a full collection frees, and memory grew with the
 * file (SPEC §9: under 150 MiB whatever the size).
 */
const CHUNK = 32768;

/** Checks that fail the whole file carry the file name and line in their detail. */
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
  let encoding: string;
  if (opts.encoding) {
    const e = ENCODINGS[opts.encoding.toLowerCase()];
    if (!e) throw new UsageError('err.bad_encoding', { value: opts.encoding }, 'fix.encodings');
    encoding = e;
  } else {
    const fd = openSync(file, 'r');
    const buf = Buffer.alloc(Math.min(size, 65536));
    readSync(fd, buf, 0, buf.length, 0);
    closeSync(fd);
    encoding = detectEncoding(buf);
  }

  const maxErrors = opts.maxErrors ?? 50;
  const errors: Detail[] = [];
  const errorLines: number[] = [];
  let errorCount = 0;
  const addError = (line: number, col: number | string, key: string, params?: MsgParams): void => {
    errorCount++;
    if (errors.length < maxErrors) {
      errors.push({ prefix: `${name}:${line}:${col}:`, key, params });
      errorLines.push(line);
    }
  };

  // Loaded here, not at the top: every command of a module that can import
  // (staff list, unit show, …) would otherwise pay for the CSV stack at start-up.
  const [csvParse, iconv] = await Promise.all([
    import('csv-parse'),
    encoding === 'utf8' ? undefined : import('iconv-lite').then((m) => m.default),
  ]);

  let header: string[] | undefined;
  let makeRaw: (values: string[]) => Record<string, string> = () => ({});
  const colIndex = new Map<string, number>();
  const ignored: string[] = [];
  const seen = def.batch ? undefined : new KeysSeen(db);
  const result: ImportResult = {
    file,
    encoding: encoding === 'utf8' ? 'utf-8' : 'gb18030',
    rows: 0,
    added: 0,
    updated: 0,
    unchanged: 0,
    dry_run: !!opts.dryRun,
    ignored_columns: ignored,
  };
  const batch = def.batch;
  const pending: R[] = [];
  const pendingLines: number[] = [];
  const duplicate = (at: number, key: string, other: number): void => addError(at, '-', 'err.csv_dup_key', { key, other });
  const flush = (): void => {
    if (!pending.length) return;
    const c = batch!.write(pending, pendingLines, duplicate);
    result.added += c.added;
    result.updated += c.updated;
    result.unchanged += c.unchanged;
    pending.length = 0;
    pendingLines.length = 0;
  };
  const required = def.fields.filter((f) => f.required && !f.allowEmpty).map((f) => f.key);

  // One RowContext for every row: it only carries the current line.
  let line = 0;
  let rowErrors = 0;
  const rc: RowContext = {
    line: 0,
    error: (field, key, params) => {
      rowErrors++;
      // `#<index>`: one of otherColumns, by its place in the header.
      const col = colIndex.has(field) ? colIndex.get(field)! + 1 : /^#\d+$/.test(field) ? Number(field.slice(1)) + 1 : '-';
      addError(line, col, key, { column: field, ...params });
    },
  };
  let stop = false;

  const onRecord = (values: string[], at: number): void => {
    if (stop) return;
    line = at;
    if (!header) {
      header = values;
      const known = new Map<string, string>();
      for (const f of def.fields) {
        known.set(normHeader(f.key), f.key);
        for (const h of f.headers) known.set(normHeader(h), f.key);
      }
      const others: number[] = [];
      header.forEach((h, i) => {
        const k = known.get(normHeader(h));
        if (!k) {
          if (def.otherColumns) others.push(i);
          else if (h.trim()) ignored.push(h.trim());
          return;
        }
        if (colIndex.has(k)) addError(line, i + 1, 'err.csv_dup_column', { column: h });
        else colIndex.set(k, i);
      });
      for (const f of def.fields)
        if (f.required && !colIndex.has(f.key)) addError(line, '-', 'err.csv_missing_column', { column: f.key });
      // One object literal per row, compiled for this header: building it key
      // by key showed in profiles of big files (a megamorphic keyed store).
      // The keys are the def's own field names, never text from the file.
      makeRaw = new Function(
        'v',
        `return {${[...[...colIndex].map(([k, i]) => `${JSON.stringify(k)}: v[${i}] ?? ''`), ...others.map((i) => `"#${i}": v[${i}] ?? ''`)].join(', ')}};`,
      ) as (v: string[]) => Record<string, string>;
      def.otherColumns?.header(header, new Set(colIndex.values()));
      if (errorCount) stop = true;
      return;
    }
    result.rows++;
    if (values.length !== header.length) {
      addError(line, values.length + 1, 'err.csv_column_count', { expected: header.length, found: values.length });
      return;
    }
    const raw = makeRaw(values);
    rowErrors = 0;
    rc.line = line;
    for (let i = 0; i < required.length; i++) if (!raw[required[i]]) rc.error(required[i], 'err.csv_required', { column: required[i] });
    if (rowErrors) return;
    const r = def.parse(raw, rc);
    if (!r || rowErrors) return;
    // Nothing is kept in memory past a batch: valid rows go straight into the
    // open transaction, which is rolled back if any row is bad.
    if (batch) {
      pending.push(r);
      pendingLines.push(line);
      if (pending.length >= batch.size) flush();
      return;
    }
    const k = def.key(r);
    const prev = seen!.add(k, line);
    if (prev !== undefined) {
      addError(line, '-', 'err.csv_dup_key', { key: k, other: prev });
      return;
    }
    if (!errorCount) result[def.upsert(r)]++;
  };

  let badUtf8 = false;
  let decode: (b: Buffer, end: boolean) => string;
  if (encoding === 'utf8') {
    // Decoding here both checks the bytes (fatal) and, for a plain file,
    // gives the text to split; the BOM is dropped like csv-parse's `bom`.
    let td = new TextDecoder('utf-8', { fatal: true });
    decode = (b, end) => {
      if (!badUtf8) {
        try {
          return td.decode(b, { stream: !end });
        } catch {
          badUtf8 = true;
          td = new TextDecoder('utf-8');
        }
      }
      return td.decode(b, { stream: !end });
    };
  } else {
    const dec = iconv!.getDecoder(encoding);
    decode = (b, end) => (b.length ? dec.write(b) : '') + (end ? (dec.end() ?? '') : '');
  }

  // csv-parse's stream, driven synchronously: each chunk written is parsed at
  // once and every record handed to onRecord there (on_record), so rows go
  // into the open transaction as the file is read and none is buffered:
  // memory stays flat whatever the file's size (SPEC §9).
  const parser = csvParse.parse({
    ...CSV_PARSE_OPTIONS,
    on_record: (record: string[], context: { lines: number }) => {
      onRecord(record, context.lines);
      return undefined;
    },
  });
  let parseError: Error | undefined;
  parser.on('error', (e: Error) => {
    parseError ??= e;
  });
  const feed = (b: Buffer, end: boolean): void => {
    // csv-parse reads UTF-8 bytes; other encodings are decoded first.
    const bytes = encoding === 'utf8' ? b : Buffer.from(decode(b, end));
    if (encoding === 'utf8') decode(b, end); // only notices invalid bytes
    if (!parser.destroyed) parser.write(bytes);
  };
  /** The last record (a final line without a line end) comes once the stream ends. */
  const finish = async (): Promise<void> => {
    if (!parser.destroyed)
      await new Promise<void>((resolve) => {
        parser.once('finish', resolve);
        parser.once('close', resolve);
        parser.end();
      });
    // A fault of our own raised inside on_record (a full disk) is itself;
    // csv-parse's own errors say what is wrong with the file.
    if (parseError) throw parseError instanceof csvParse.CsvError ? new MalformedCsv(parseError.message) : parseError;
  };

  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    throw new UsageError('err.file_unreadable', { file }, 'fix.check_path');
  }
  try {
    // SQLite's page cache and its index sorter each grow to cache_size
    // (16 MB in this build): 4 MB keeps a big import well inside the memory
    // bound (SPEC §9: under 150 MiB whatever the file's size).
    db.pragma('cache_size = -4000');
    db.exec('BEGIN IMMEDIATE');
  } catch (e) {
    closeSync(fd);
    throw e;
  }
  let committed = false;
  try {
    def.start?.({ size });
    let read = 0;
    for (;;) {
      // csv-parse keeps a view of a chunk's tail: it gets a fresh buffer each time.
      const buf = Buffer.allocUnsafe(CHUNK);
      const n = readSync(fd, buf, 0, CHUNK, read);
      read += n;
      const end = n === 0 || read >= size;
      feed(buf.subarray(0, n), end);
      if (opts.progress) {
        opts.progress(read, size);
        // Let a progress bar draw between chunks.
        await new Promise((res) => setImmediate(res));
      }
      if (end || stop) break;
    }
    await finish();
    flush();
    if (!header) addError(1, '-', 'err.csv_empty');
    if (badUtf8 && !errorCount) addError(1, '-', 'err.csv_not_utf8');
    if (errorCount) {
      // Duplicates found by a batch writer come a little after their line.
      if (batch) {
        const order = errors.map((_, i) => i).sort((a, b) => errorLines[a] - errorLines[b] || a - b);
        errors.splice(0, errors.length, ...order.map((i) => errors[i]));
      }
      if (errorCount > errors.length) errors.push({ key: 'err.more_errors', params: { n: errorCount - errors.length } });
      throw new UsageError('err.import_invalid', { file: name, n: errorCount }, 'fix.import_fix', errors);
    }
    if (batch?.done) {
      const c = batch.done();
      result.added += c.added;
      result.updated += c.updated;
      result.unchanged += c.unchanged;
    }
    def.finish?.(result);
    if (opts.dryRun) db.exec('ROLLBACK');
    else db.exec('COMMIT');
    committed = true;
  } catch (e) {
    if (e instanceof MalformedCsv)
      throw rollbackThen(db, new UsageError('err.csv_malformed', { file: name, reason: e.message }, 'fix.import_fix'));
    throw rollbackThen(db, e);
  } finally {
    closeSync(fd);
    if (!committed && db.inTransaction) db.exec('ROLLBACK');
    seen?.close();
  }
  return result;
}

class MalformedCsv extends Error {}

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

function rollbackThen(db: DB, e: unknown): unknown {
  if (db.inTransaction) db.exec('ROLLBACK');
  return e;
}
