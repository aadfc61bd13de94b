// What an import found wrong in a file: its errors (the first `maxErrors`
// shown, every one counted, each prefixed `file:line:column:`), its warnings
// (the first MAX_WARNINGS), and for --rejects the bad data lines with their
// errors, written back out through the caller's sink.
import { UsageError, type Detail, type MsgParams } from '../../errors.js';
import type { RejectSink } from './def.js';
import type { Source } from './filesource.js';

/** The most warnings kept (a count stands for the rest). */
const MAX_WARNINGS = 20;
/** The most bad lines remembered for --rejects. */
const MAX_REJECTS = 1_000_000;

export class Problems {
  readonly errors: Detail[] = [];
  /** the line of each error kept */
  private readonly errorLines: number[] = [];
  /** every error, kept or not */
  count = 0;
  readonly warnings: Detail[] = [];
  private warningCount = 0;
  /** the bad data lines and their errors (--rejects) */
  private readonly rejectLines?: Map<number, Detail[]>;
  /** the header's line: an error on it is no rejected row */
  headerLine = 0;

  constructor(
    /** the file's name, for the prefixes */
    private readonly name: string,
    private readonly maxErrors: number,
    rejects: boolean,
  ) {
    if (rejects) this.rejectLines = new Map();
  }

  error(line: number, col: string, key: string, params?: MsgParams): void {
    this.count++;
    if (this.errors.length < this.maxErrors) {
      this.errors.push({ prefix: `${this.name}:${line}:${col}:`, key, params });
      this.errorLines.push(line);
    }
    const bad = this.rejectLines;
    if (bad && line > this.headerLine && (bad.size < MAX_REJECTS || bad.has(line))) {
      const list = bad.get(line) ?? [];
      list.push({ key, params });
      bad.set(line, list);
    }
  }

  warn(line: number, col: string, key: string, params: MsgParams): void {
    this.warningCount++;
    if (this.warnings.length < MAX_WARNINGS) this.warnings.push({ prefix: `${this.name}:${line}:${col}:`, key, params });
  }

  /** The warnings past MAX_WARNINGS, as a count. */
  countMoreWarnings(): void {
    if (this.warningCount > this.warnings.length) this.warnings.push({ key: 'warn.more_warnings', params: { n: this.warningCount - this.warnings.length } });
  }

  /**
   * The error of a file with errors, the rejected rows written first when
   * asked (`sink`, and a header was read). `byLine`: the errors put in line
   * order first (duplicates found in a staging table come after the others).
   */
  async failure(o: { byLine: boolean; source: Source; sink?: RejectSink; header?: string[] }): Promise<UsageError> {
    const errors = this.errors;
    if (o.byLine) {
      const order = errors.map((_, i) => i).sort((a, b) => this.errorLines[a] - this.errorLines[b] || a - b);
      errors.splice(0, errors.length, ...order.map((i) => errors[i]));
    }
    if (this.count > errors.length) errors.push({ key: 'err.more_errors', params: { n: this.count - errors.length } });
    const rejected = !!(o.sink && o.header && this.rejectLines!.size);
    if (rejected) await writeRejects(o.source, o.sink!, o.header!, this.rejectLines!, this.headerLine);
    return new UsageError('err.import_invalid', { file: this.name, n: this.count }, rejected ? 'fix.import_fix_rejects' : 'fix.import_fix', errors);
  }
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
