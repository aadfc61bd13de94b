// What an import is given (a def: its columns, how a row is parsed, keyed and
// written) and what it gives back (the counts and what was found), for every
// roster kind that runs through the engine (csvimport.ts).
import type { Detail, MsgParams } from '../../errors.js';
import type { TextKind } from '../../domain/limits.js';
import type { LabelsOf } from '../../domain/choices.js';
import type { SourceFormat } from './filesource.js';

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
