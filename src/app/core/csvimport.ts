// Every CSV import (staff, units, keys, calendar, key counts): UTF-8 with or
// without BOM or GB18030 as Excel saves it, English or Chinese headings in any
// order, values never cast, every row validated, all errors reported with
// file:line:column, all-or-nothing, idempotent upserts, --dry-run.
import { createReadStream, openSync, readSync, closeSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Transform } from 'node:stream';
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
  /** called once after all rows are written, still inside the transaction (audit the import here) */
  finish?(r: ImportResult): void;
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
  let errorCount = 0;
  const addError = (line: number, col: number | string, key: string, params?: MsgParams): void => {
    errorCount++;
    if (errors.length < maxErrors) errors.push({ prefix: `${name}:${line}:${col}:`, key, params });
  };

  // Loaded here, not at the top: every command of a module that can import
  // (staff list, unit show, …) would otherwise pay for the CSV stack at start-up.
  const [{ Transform }, { parse }, iconv] = await Promise.all([
    import('node:stream'),
    import('csv-parse'),
    encoding === 'utf8' ? undefined : import('iconv-lite').then((m) => m.default),
  ]);
  let read = 0;
  const source = createReadStream(file);
  source.on('data', (chunk) => {
    read += chunk.length;
    opts.progress?.(read, size);
  });
  let badUtf8 = false;
  const td = new TextDecoder('utf-8', { fatal: true });
  const decoder =
    encoding === 'utf8'
      ? new Transform({
          transform(chunk: Buffer, _e, cb) {
            // csv-parse decodes UTF-8 itself; this only notices invalid bytes
            // past the sample that chose the encoding.
            if (!badUtf8) {
              try {
                td.decode(chunk, { stream: true });
              } catch {
                badUtf8 = true;
              }
            }
            cb(null, chunk);
          },
        })
      : (iconv!.decodeStream(encoding) as unknown as Transform);
  const parser = parse({
    bom: true,
    cast: false,
    cast_date: false,
    relax_column_count: true, // checked below, per record, so every bad line is reported
    skip_empty_lines: true,
    trim: true,
    info: true,
  });
  source.pipe(decoder).pipe(parser);
  source.on('error', (e) => parser.destroy(e));
  // Whatever the parser or decoder rejects is a malformed file, not a crash
  // (csv-parse's codes are not all CSV_*: INVALID_OPENING_QUOTE is bare).
  const badInput = new Set<unknown>();
  parser.on('error', (e) => badInput.add(e));
  decoder.on('error', (e) => {
    badInput.add(e);
    parser.destroy(e);
  });

  let header: string[] | undefined;
  let colIndex = new Map<string, number>();
  const ignored: string[] = [];
  const seen = new KeysSeen(db);
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

  db.exec('BEGIN IMMEDIATE');
  let committed = false;
  try {
    for await (const rec of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      const line = rec.info.lines;
      const values = rec.record;
      if (!header) {
        header = values;
        const known = new Map<string, string>();
        for (const f of def.fields) {
          known.set(normHeader(f.key), f.key);
          for (const h of f.headers) known.set(normHeader(h), f.key);
        }
        header.forEach((h, i) => {
          const k = known.get(normHeader(h));
          if (!k) {
            if (h.trim()) ignored.push(h.trim());
            return;
          }
          if (colIndex.has(k)) addError(line, i + 1, 'err.csv_dup_column', { column: h });
          else colIndex.set(k, i);
        });
        for (const f of def.fields)
          if (f.required && !colIndex.has(f.key)) addError(line, '-', 'err.csv_missing_column', { column: f.key });
        if (errorCount) break;
        continue;
      }
      result.rows++;
      if (values.length !== header.length) {
        addError(line, values.length + 1, 'err.csv_column_count', { expected: header.length, found: values.length });
        continue;
      }
      const raw: Record<string, string> = {};
      for (const [k, i] of colIndex) raw[k] = values[i] ?? '';
      let rowErrors = 0;
      const rc: RowContext = {
        line,
        error: (field, key, params) => {
          rowErrors++;
          const col = colIndex.has(field) ? colIndex.get(field)! + 1 : '-';
          addError(line, col, key, { column: field, ...params });
        },
      };
      for (const f of def.fields)
        if (f.required && !f.allowEmpty && !raw[f.key]) rc.error(f.key, 'err.csv_required', { column: f.key });
      if (rowErrors) continue;
      const r = def.parse(raw, rc);
      if (!r || rowErrors) continue;
      const k = def.key(r);
      const prev = seen.add(k, line);
      if (prev !== undefined) {
        addError(line, '-', 'err.csv_dup_key', { key: k, other: prev });
        continue;
      }
      if (result.rows % GC_EVERY_ROWS === 0) collectGarbage();
      // Nothing is kept in memory per row: valid rows go straight into the
      // open transaction, which is rolled back if any row is bad.
      if (!errorCount) result[def.upsert(r)]++;
    }
    if (!header) addError(1, '-', 'err.csv_empty');
    if (badUtf8 && !errorCount) addError(1, '-', 'err.csv_not_utf8');
    if (errorCount) {
      if (errorCount > errors.length) errors.push({ key: 'err.more_errors', params: { n: errorCount - errors.length } });
      throw new UsageError('err.import_invalid', { file: name, n: errorCount }, 'fix.import_fix', errors);
    }
    def.finish?.(result);
    if (opts.dryRun) db.exec('ROLLBACK');
    else db.exec('COMMIT');
    committed = true;
  } catch (e) {
    if (e instanceof Error && (badInput.has(e) || (e as { code?: string }).code?.startsWith('CSV_')))
      throw rollbackThen(db, new UsageError('err.csv_malformed', { file: name, reason: e.message }, 'fix.import_fix'));
    throw rollbackThen(db, e);
  } finally {
    if (!committed && db.inTransaction) db.exec('ROLLBACK');
    seen.close();
    source.destroy();
  }
  return result;
}

/**
 * The natural keys met so far in the file (a key twice is an error), with the
 * line of each. Kept in memory for ordinary files; past SPILL_KEYS they move to
 * a temporary table, so memory stays flat whatever the file size (SPEC §9).
 */
const SPILL_KEYS = 50_000;
class KeysSeen {
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

/**
 * Large imports allocate fast and V8 lets its heap grow far past what is live
 * before collecting; a full collection every GC_EVERY_ROWS rows keeps the peak
 * memory of any import well under 150 MiB (SPEC §9). Costs a few ms each time.
 */
const GC_EVERY_ROWS = 10_000;
let gcFn: (() => void) | null | undefined;
function collectGarbage(): void {
  if (gcFn === undefined) {
    try {
      v8.setFlagsFromString('--expose-gc');
      gcFn = runInNewContext('gc') as () => void;
    } catch {
      gcFn = null;
    }
  }
  gcFn?.();
}

function rollbackThen(db: DB, e: unknown): unknown {
  if (db.inTransaction) db.exec('ROLLBACK');
  return e;
}
