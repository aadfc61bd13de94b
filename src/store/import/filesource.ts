// Where the rows of an import come from (SPEC §2 "Every CSV import", "Real
// rosters (v2)"): a CSV or text file in UTF-8 (with or without BOM),
// GB18030/GBK or UTF-16 (Excel's "Unicode 文本"), separated by `,` `，` tab
// or `;`; or an .xlsx workbook read streamed, cells as the text a clerk sees.
//
// The encoding is decided for the whole file, never row by row: a file valid
// in neither encoding throughout, or mixing them, is refused naming its first
// bad line (issue 14 #7).
import { openSync, readSync, closeSync } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import { createSha256 } from '../../store/hash.js';
import { setFlagsFromString } from 'node:v8';
import { extname } from 'node:path';
import { UsageError } from '../../errors.js';

export type Encoding = 'utf8' | 'gb18030' | 'utf16le' | 'utf16be';

export type SourceFormat = { kind: 'csv'; encoding: Encoding; bom: boolean; delimiter: string; eol: string } | { kind: 'xlsx'; sheet: string };

/** One record: its cells, and its line (CSV) or row number (xlsx). */
export type OnRecord = (cells: string[], line: number) => void;

export interface Source {
  format: SourceFormat;
  /** Reads every record once; `stop()` returning true ends early. Resolves with the file's sha256. */
  read(onRecord: OnRecord, stop: () => boolean, progress?: (read: number, total: number) => Promise<void> | void): Promise<string>;
  /** the column label for an error prefix: 3 for CSV, C for a workbook */
  col(i: number): string;
}

const ENCODINGS: Record<string, Encoding> = {
  utf8: 'utf8',
  'utf-8': 'utf8',
  gb18030: 'gb18030',
  gbk: 'gb18030', // GB18030 is a superset of GBK
  gb2312: 'gb18030',
  cp936: 'gb18030',
  utf16: 'utf16le',
  'utf-16': 'utf16le',
  utf16le: 'utf16le',
  'utf-16le': 'utf16le',
  unicode: 'utf16le',
  utf16be: 'utf16be',
  'utf-16be': 'utf16be',
};

export const ENCODING_NAME: Record<Encoding, string> = { utf8: 'utf-8', gb18030: 'gb18030', utf16le: 'utf-16le', utf16be: 'utf-16be' };

export function parseEncoding(v: string): Encoding {
  const e = ENCODINGS[v.toLowerCase()];
  if (!e) throw new UsageError('err.bad_encoding', { value: v }, 'fix.encodings');
  return e;
}

/** Bytes read at a time: small on purpose, so chunks and the strings cut from them die young (SPEC §9). */
const CHUNK = 32768;

export function isXlsx(file: string): boolean {
  return /^\.xls[xm]$/i.test(extname(file));
}

// ---------------------------------------------------------------- encodings

/** GB18030 byte structure: 1 byte ASCII, 2 bytes 81–FE 40–7E/80–FE, 4 bytes 81–FE 30–39 81–FE 30–39. */
export function isGb18030(b: Buffer, from = 0, to = b.length): boolean {
  let i = from;
  while (i < to) {
    const c = b[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    if (c === 0x80 || c === 0xff || i + 1 >= to) return false;
    const d = b[i + 1];
    if ((d >= 0x40 && d <= 0x7e) || (d >= 0x80 && d <= 0xfe)) {
      i += 2;
      continue;
    }
    if (d >= 0x30 && d <= 0x39 && i + 3 < to && b[i + 2] >= 0x81 && b[i + 2] <= 0xfe && b[i + 3] >= 0x30 && b[i + 3] <= 0x39) {
      i += 4;
      continue;
    }
    return false;
  }
  return true;
}

/** Text a Chinese roster holds: ASCII, CJK, full-width forms and common signs (㎡, ², ·, —, “”). */
const CHINESE_TEXT =
  /^[\x00-\x7f\u00a0-\u00ff\u2010-\u206f\u2160-\u218f\u2460-\u24ff\u3000-\u303f\u3200-\u33ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]*$/;

function hasHigh(b: Buffer, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (b[i] >= 0x80) return true;
  return false;
}

type LineKind = 'ascii' | 'utf8' | 'gb' | 'neither';

/** What one line is: UTF-8 only when it decodes to Chinese text (a GBK line is rarely valid UTF-8, never Chinese). */
function lineKind(b: Buffer, from: number, to: number): LineKind {
  if (!hasHigh(b, from, to)) return 'ascii';
  const slice = b.subarray(from, to);
  if (isUtf8(slice) && CHINESE_TEXT.test(slice.toString('utf8'))) return 'utf8';
  if (isGb18030(b, from, to)) return 'gb';
  if (isUtf8(slice)) return 'utf8';
  return 'neither';
}

interface Verdict {
  encoding?: Encoding;
  /** the first line that cannot be read in the file's encoding */
  bad?: { line: number; reason: 'mixed' | 'neither'; first?: number };
}

/** Calls `each(buf, from, to, line)` for each line of the file (by LF), whole lines only. */
function eachLine(fd: number, size: number, each: (b: Buffer, from: number, to: number, line: number) => boolean): void {
  let carry: Buffer = Buffer.alloc(0);
  let pos = 0;
  let line = 0;
  for (;;) {
    const buf = Buffer.allocUnsafe(CHUNK * 4);
    const n = readSync(fd, buf, 0, buf.length, pos);
    pos += n;
    const b = carry.length ? Buffer.concat([carry, buf.subarray(0, n)]) : buf.subarray(0, n);
    let start = 0;
    for (;;) {
      const nl = b.indexOf(0x0a, start);
      if (nl < 0) break;
      line++;
      if (!each(b, start, nl, line)) return;
      start = nl + 1;
    }
    carry = Buffer.from(b.subarray(start));
    if (n === 0 || pos >= size) {
      if (carry.length) each(carry, 0, carry.length, line + 1);
      return;
    }
  }
}

/**
 * The whole file's encoding: UTF-8 if it is valid UTF-8 throughout (checked
 * natively, the usual case), else GB18030 if every line is, with no line of
 * Chinese in UTF-8 among them. Otherwise the first line that breaks it.
 */
function scanEncoding(fd: number, size: number): Verdict {
  // The fast path: one streaming UTF-8 check over the whole file.
  const td = new TextDecoder('utf-8', { fatal: true });
  let pos = 0;
  let utf8 = true;
  const buf = Buffer.allocUnsafe(CHUNK * 4);
  try {
    for (;;) {
      const n = readSync(fd, buf, 0, buf.length, pos);
      pos += n;
      const end = n === 0 || pos >= size;
      td.decode(buf.subarray(0, n), { stream: !end });
      if (end) break;
    }
  } catch {
    utf8 = false;
  }
  if (utf8) return { encoding: 'utf8' };
  let first: { kind: LineKind; line: number } | undefined;
  let verdict: Verdict = { encoding: 'gb18030' };
  eachLine(fd, size, (b, from, to, line) => {
    const k = lineKind(b, from, to);
    if (k === 'ascii') return true;
    if (k === 'neither') {
      verdict = { bad: { line, reason: 'neither' } };
      return false;
    }
    if (!first) first = { kind: k, line };
    else if (k !== first.kind) {
      verdict = { bad: { line, reason: 'mixed', first: first.line } };
      return false;
    }
    return true;
  });
  return verdict;
}

/** The first line not valid in `encoding` (for an encoding given with --encoding), or 0. */
function firstInvalidLine(fd: number, size: number, encoding: 'utf8' | 'gb18030'): number {
  let bad = 0;
  eachLine(fd, size, (b, from, to, line) => {
    const ok = encoding === 'utf8' ? isUtf8(b.subarray(from, to)) : isGb18030(b, from, to);
    if (!ok) bad = line;
    return ok;
  });
  return bad;
}

function bomOf(sample: Buffer): { encoding: Encoding; length: number } | undefined {
  if (sample.length >= 3 && sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return { encoding: 'utf8', length: 3 };
  if (sample.length >= 2 && sample[0] === 0xff && sample[1] === 0xfe) return { encoding: 'utf16le', length: 2 };
  if (sample.length >= 2 && sample[0] === 0xfe && sample[1] === 0xff) return { encoding: 'utf16be', length: 2 };
  return undefined;
}

/** UTF-16 without a BOM: most ASCII characters have a zero byte beside them. */
function utf16Guess(sample: Buffer): Encoding | undefined {
  const n = Math.min(sample.length, 4096) & ~1;
  if (n < 4) return undefined;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i += 2) {
    if (sample[i] === 0) even++;
    if (sample[i + 1] === 0) odd++;
  }
  if (odd > n / 8 && even < odd / 8) return 'utf16le';
  if (even > n / 8 && odd < even / 8) return 'utf16be';
  return undefined;
}

/** Kept for callers of the former API: the opening bytes' likely encoding. */
export function detectEncoding(sample: Buffer): Encoding {
  return bomOf(sample)?.encoding ?? utf16Guess(sample) ?? (isUtf8(sample) ? 'utf8' : 'gb18030');
}

// ---------------------------------------------------------------- CSV

const DELIMITERS = [',', '，', '\t', ';'];

/** The separator of the header line: the one whose cells name most known headings, then the one giving most cells. */
export function detectDelimiter(headerLine: string, known: (h: string) => boolean): string {
  let best = ',';
  let bestScore = -1;
  for (const d of DELIMITERS) {
    const cells = headerLine.split(d);
    const hits = cells.filter((c) => known(c.replace(/^"|"$/g, ''))).length;
    const score = hits * 1000 + (cells.length > 1 ? cells.length : 0);
    if (score > bestScore) {
      best = d;
      bestScore = score;
    }
  }
  return best;
}

export interface CsvParseOptions {
  [k: string]: unknown;
}

export async function csvSource(
  file: string,
  size: number,
  opts: { encoding?: string; knownHeading: (h: string) => boolean; parseOptions: CsvParseOptions; name: string },
): Promise<Source> {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    throw new UsageError('err.file_unreadable', { file }, 'fix.check_path');
  }
  let encoding: Encoding;
  let bom = false;
  let sample: Buffer;
  try {
    sample = Buffer.alloc(Math.min(size, 65536));
    readSync(fd, sample, 0, sample.length, 0);
    const b = bomOf(sample);
    bom = !!b;
    if (opts.encoding) encoding = parseEncoding(opts.encoding);
    else if (b) encoding = b.encoding;
    else {
      const u16 = utf16Guess(sample);
      if (u16) encoding = u16;
      else {
        const v = scanEncoding(fd, size);
        if (v.bad)
          throw new UsageError(
            v.bad.reason === 'mixed' ? 'err.encoding_mixed' : 'err.encoding_neither',
            { file: opts.name, line: v.bad.line, first: v.bad.first ?? 0 },
            'fix.encoding_resave',
          );
        encoding = v.encoding!;
      }
    }
    if ((encoding === 'utf8' || encoding === 'gb18030') && (opts.encoding || bom)) {
      // A file whose encoding is given (or marked) must be valid in it throughout.
      const bad = firstInvalidLine(fd, size, encoding);
      if (bad) throw new UsageError('err.encoding_invalid_line', { file: opts.name, line: bad, encoding: ENCODING_NAME[encoding] }, 'fix.encoding_resave');
    }
  } finally {
    closeSync(fd);
  }

  const iconv = encoding === 'gb18030' ? (await import('iconv-lite')).default : undefined;

  /** A decoder to text for everything but UTF-8 (which csv-parse reads as bytes). */
  const makeDecoder = (): ((b: Buffer, end: boolean) => string) | undefined => {
    if (encoding === 'utf8') return undefined;
    if (encoding === 'gb18030') {
      const dec = iconv!.getDecoder('gb18030');
      return (b, end) => (b.length ? dec.write(b) : '') + (end ? (dec.end() ?? '') : '');
    }
    const td = new TextDecoder(encoding === 'utf16le' ? 'utf-16le' : 'utf-16be', { fatal: true });
    return (b, end) => td.decode(b, { stream: !end });
  };

  // The header line, decoded, for the separator and the line ending.
  const dec0 = makeDecoder();
  const text0 = dec0 ? dec0(sample, false) : sample.toString('utf8');
  const nl = text0.indexOf('\n');
  const headerLine = (nl >= 0 ? text0.slice(0, nl) : text0).replace(/^\uFEFF/, '').replace(/\r$/, '');
  const delimiter = detectDelimiter(headerLine, opts.knownHeading);
  const eol = nl > 0 && text0[nl - 1] === '\r' ? '\r\n' : '\n';
  const format: SourceFormat = { kind: 'csv', encoding, bom, delimiter, eol };

  return {
    format,
    col: (i) => String(i + 1),
    async read(onRecord, stop, progress) {
      const hash = createSha256();
      const decode = makeDecoder() ?? utf8Decoder();
      const { parse: parseSync, CsvError } = await import('csv-parse/sync');
      let line = 0; // lines consumed so far
      let carry = ''; // text after the last line end, or a quoted field still open
      let first = true;
      const maxRecord = (opts.parseOptions as { max_record_size?: number }).max_record_size ?? 65536;
      /**
       * Whole lines. Text with no quote at all is split on the separator (a
       * roster from Excel rarely quotes: most of a big file takes this way);
       * text with quotes goes through csv-parse, once its quotes are balanced.
       */
      const lines = (text: string, end: boolean): void => {
        if (text.indexOf('"') < 0) {
          let at = 0;
          for (;;) {
            const nl = text.indexOf('\n', at);
            if (nl < 0 && !end) break;
            const stopAt = nl < 0 ? text.length : nl;
            if (nl < 0 && stopAt === at) break;
            line++;
            let l = text.slice(at, stopAt);
            if (l.charCodeAt(l.length - 1) === 13) l = l.slice(0, -1);
            if (l.length) {
              const cells = l.split(delimiter);
              for (let i = 0; i < cells.length; i++) cells[i] = cells[i].trim();
              onRecord(cells, line);
            }
            if (nl < 0 || stop()) break;
            at = nl + 1;
          }
          return;
        }
        const base = line;
        let records: { record: string[]; info: { lines: number } }[];
        try {
          // csv-parse's types do not know `info: true`: each record comes as { record, info }.
          const parsed: unknown = parseSync(text, { ...opts.parseOptions, bom: false, delimiter, info: true });
          records = parsed as typeof records;
        } catch (e) {
          if (e instanceof CsvError) throw new UsageError('err.csv_malformed', { file: opts.name, reason: e.message }, 'fix.import_fix');
          throw e;
        }
        for (const r of records) {
          onRecord(r.record, base + r.info.lines);
          if (stop()) break;
        }
        let n = 0;
        for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
        line = base + n + (end && text.length && !text.endsWith('\n') ? 1 : 0);
      };
      const quotesOpen = (t: string): boolean => {
        let q = 0;
        for (let i = t.indexOf('"'); i >= 0; i = t.indexOf('"', i + 1)) q++;
        return q % 2 === 1;
      };
      let fd2: number;
      try {
        fd2 = openSync(file, 'r');
      } catch {
        throw new UsageError('err.file_unreadable', { file }, 'fix.check_path');
      }
      try {
        let read = 0;
        for (;;) {
          const buf = Buffer.allocUnsafe(CHUNK * 2);
          const n = readSync(fd2, buf, 0, buf.length, read);
          read += n;
          const end = n === 0 || read >= size;
          const bytes = buf.subarray(0, n);
          hash.update(bytes);
          let chunk: string;
          try {
            chunk = decode(bytes, end);
          } catch {
            throw new UsageError('err.encoding_invalid_line', { file: opts.name, line: '?', encoding: ENCODING_NAME[encoding] }, 'fix.encoding_resave');
          }
          if (first) {
            chunk = chunk.replace(/^\uFEFF/, '');
            first = false;
          }
          let text = carry + chunk;
          if (!end) {
            const cut = text.lastIndexOf('\n');
            if (cut < 0 || quotesOpen(text.slice(0, cut + 1))) {
              carry = text;
              text = '';
            } else {
              carry = text.slice(cut + 1);
              text = text.slice(0, cut + 1);
            }
          } else carry = '';
          // One huge line (a 60 MB name) is refused as soon as it passes the
          // record limit: memory stays flat, nothing is parsed further.
          if (carry.length > maxRecord)
            throw new UsageError(
              'err.csv_malformed',
              { file: opts.name, reason: `Max Record Size of ${maxRecord} characters exceeded on line ${line + 1}` },
              'fix.import_fix',
            );
          if (text) lines(text, end);
          if (progress) await progress(read, size);
          if (end || stop()) break;
        }
      } finally {
        closeSync(fd2);
      }
      return hash.digest('hex');
    },
  };
}

/** UTF-8 text of a checked file (the BOM is dropped by the caller). */
function utf8Decoder(): (b: Buffer, end: boolean) => string {
  const td = new TextDecoder('utf-8', { ignoreBOM: true });
  return (b, end) => td.decode(b, { stream: !end });
}

// ---------------------------------------------------------------- xlsx

/** Excel's column letters: 0 → A, 26 → AA. */
export function colLetter(i: number): string {
  let s = '';
  let n = i + 1;
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

const pad2 = (n: number): string => (n < 10 ? '0' : '') + n;

/** A number as Excel's General format shows it: 12 digits or more become `4.40301E+17`. */
export function generalNumber(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  if (a >= 1e11 || (a > 0 && a < 1e-9)) {
    const [m, e] = v.toExponential(5).split('e');
    const mant = m.replace(/\.?0+$/, '');
    const exp = Number(e);
    return `${mant}E${exp < 0 ? '-' : '+'}${pad2(Math.abs(exp))}`;
  }
  if (Number.isInteger(v)) return String(v);
  return String(Number(v.toPrecision(10)));
}

/** A cell's number as its format shows it: `0000` pads (`0101`), `0.0` fixes decimals, `@`/General as Excel. */
export function formatNumber(v: number, numFmt: string | undefined): string {
  const f = (numFmt ?? '').trim();
  if (/^0+$/.test(f)) return Number.isInteger(v) ? String(v).padStart(f.length, '0') : generalNumber(v);
  const m = /^0\.(0+)$/.exec(f);
  if (m) return v.toFixed(m[1].length);
  if (f === '0' || f === '#0' || f === '#') return String(Math.round(v));
  return generalNumber(v);
}

/** A date cell as the date a clerk sees (`2020-05-01`, with the time when it has one). */
export function formatDate(d: Date): string {
  const day = `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
  const h = d.getUTCHours();
  const mi = d.getUTCMinutes();
  return h || mi ? `${day} ${pad2(h)}:${pad2(mi)}` : day;
}

interface CellLike {
  value: unknown;
  numFmt?: string;
  text?: unknown;
}

/** The text a clerk sees in a cell. */
export function cellText(cell: CellLike): string {
  return valueText(cell.value, cell.numFmt);
}

function valueText(v: unknown, numFmt: string | undefined): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number') return formatNumber(v, numFmt);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : formatDate(v);
  const o = v as Record<string, unknown>;
  if (Array.isArray(o.richText))
    return (o.richText as { text: string }[])
      .map((r) => r.text)
      .join('')
      .trim();
  if ('result' in o) return valueText(o.result, numFmt);
  if ('formula' in o || 'sharedFormula' in o) return '';
  if (typeof o.text === 'string') return o.text.trim();
  if (typeof o.error === 'string') return o.error;
  return String(v);
}

type SharedStringText = string | { richText?: { text?: string }[] } | null | undefined;
type ParseItem = { eventType?: string; value?: unknown; index?: number; text?: SharedStringText };

/**
 * A workbook's shared strings, as exceljs emits them, kept 1 024 to a string
 * (300 000 strings each a JS string of its own cost about 30 MiB more at the
 * peak of an import).
 */
class SharedStrings {
  private blocks: string[] = [];
  private ends: Uint32Array[] = [];
  private open: string[] = [];
  get count(): number {
    return this.blocks.length * 1024 + this.open.length;
  }
  add(t: SharedStringText): void {
    const s = typeof t === 'string' ? t : t && Array.isArray(t.richText) ? t.richText.map((r) => r.text ?? '').join('') : '';
    this.open.push(s);
    if (this.open.length === 1024) {
      const ends = new Uint32Array(1024);
      let at = 0;
      for (let i = 0; i < 1024; i++) ends[i] = at += this.open[i].length;
      this.blocks.push(this.open.join(''));
      this.ends.push(ends);
      this.open = [];
    }
  }
  /** String `i` as a clerk sees it; a workbook naming one it does not hold is refused, never read as empty. */
  text(i: number, file: string): string {
    const b = i >> 10;
    const k = i & 1023;
    let s: string | undefined;
    if (b < this.blocks.length) s = this.blocks[b].slice(k ? this.ends[b][k - 1] : 0, this.ends[b][k]);
    else if (b === this.blocks.length) s = this.open[k];
    if (s === undefined) throw new UsageError('err.xlsx_unreadable', { file, reason: `shared string ${i} missing` }, 'fix.xlsx_resave');
    return s.trim();
  }
}

type WorkbookReaderClass = typeof import('exceljs').stream.xlsx.WorkbookReader;

/**
 * exceljs's streaming WorkbookReader, loaded alone: the package's main entry
 * also loads the whole workbook model, its writers (archiver, JSZip) and CSV (0.2 s and
 * about 8 MiB more on each import). The main entry if that file ever moves.
 */
async function loadWorkbookReader(): Promise<WorkbookReaderClass> {
  try {
    return (await import('exceljs/lib/stream/xlsx/workbook-reader.js')).default;
  } catch {
    return (await import('exceljs')).default.stream.xlsx.WorkbookReader;
  }
}

export async function xlsxSource(file: string, opts: { sheet?: string; name: string }): Promise<Source> {
  const WorkbookReader = await loadWorkbookReader();
  const format: SourceFormat = { kind: 'xlsx', sheet: opts.sheet ?? '' };
  return {
    format,
    col: colLetter,
    async read(onRecord, stop) {
      const hash = createSha256();
      {
        // The provenance hash of the file as it is on disk.
        let fd: number;
        try {
          fd = openSync(file, 'r');
        } catch {
          throw new UsageError('err.file_unreadable', { file }, 'fix.check_path');
        }
        try {
          const buf = Buffer.allocUnsafe(CHUNK * 4);
          let pos = 0;
          for (;;) {
            const n = readSync(fd, buf, 0, buf.length, pos);
            if (!n) break;
            hash.update(buf.subarray(0, n));
            pos += n;
          }
        } finally {
          closeSync(fd);
        }
      }
      // V8's allocation-site pretenuring misfires on this reader: a few
      // allocation sites whose first objects happen to survive a young
      // collection (which ones varies from run to run) are switched to
      // allocate in the old generation for good, and the per-row garbage of
      // the sheet's parse then piles up there, to about four times the live
      // heap, before a full collection. Measured on a 300 000-row roster:
      // 302–330 MiB peak with it, 196–199 MiB without, and about 1 s less
      // CPU; exceljs alone read that file in 173–330 MiB from one run to the
      // next, as the decisions fell. Off for the read only, and back on after
      // (unless pmctl was started with it off).
      const pretenuring = !process.execArgv.includes('--no-allocation-site-pretenuring');
      if (pretenuring) setFlagsFromString('--no-allocation-site-pretenuring');
      // Shared strings are emitted and kept here, 1 024 to a string, not
      // cached by exceljs as one JS string each: a 300 000-row roster peaked
      // at 161 MiB instead of 190 (171 instead of 203 with sharedStrings.xml
      // before the sheet), for 1–3 % more CPU. exceljs then always unzips the
      // sheet to a temp file first, as it does anyway when sharedStrings.xml
      // comes after the sheet (exceljs's own writers, and the test rosters).
      const reader = new WorkbookReader(file, {
        sharedStrings: 'emit',
        hyperlinks: 'ignore',
        styles: 'cache',
        worksheets: 'emit',
        entries: 'ignore',
      });
      const shared = new SharedStrings();
      let found = false;
      const names: string[] = [];
      try {
        for await (const item of { [Symbol.asyncIterator]: () => reader.parse() } as AsyncIterable<ParseItem>) {
          if (item.eventType === undefined && typeof item.index === 'number') {
            // exceljs 4.4 yields each shared string bare, as { index, text }, in order
            if (item.index !== shared.count)
              throw new UsageError('err.xlsx_unreadable', { file: opts.name, reason: `shared string ${item.index} out of order` }, 'fix.xlsx_resave');
            shared.add(item.text);
            continue;
          }
          if (item.eventType === 'shared-strings') {
            // as its README has it
            const v = item.value as { text?: SharedStringText } | SharedStringText;
            shared.add(v && typeof v === 'object' && 'text' in v ? v.text : (v as SharedStringText));
            continue;
          }
          if (item.eventType !== 'worksheet') continue;
          const w = item.value as { name: string; state?: string } & AsyncIterable<{ number: number; cellCount: number; getCell(i: number): CellLike }>;
          names.push(w.name);
          const wanted = opts.sheet ? w.name === opts.sheet || w.name.trim() === opts.sheet.trim() : !found && w.state !== 'hidden' && w.state !== 'veryHidden';
          if (!wanted || found) {
            // Skipped sheets are read through (the zip is one stream).
            for await (const _ of w) void _;
            continue;
          }
          found = true;
          format.sheet = w.name;
          for await (const row of w) {
            if (stop()) break;
            const n = row.cellCount;
            const cells: string[] = new Array(n);
            let any = false;
            for (let i = 1; i <= n; i++) {
              const cell = row.getCell(i);
              const v = cell.value as { sharedString?: unknown } | null;
              const t = v !== null && typeof v === 'object' && typeof v.sharedString === 'number' ? shared.text(v.sharedString, opts.name) : cellText(cell);
              cells[i - 1] = t;
              if (t) any = true;
            }
            if (any) onRecord(cells, row.number);
          }
          if (!opts.sheet) break;
        }
      } catch (e) {
        if (e instanceof UsageError) throw e;
        if (!found) throw new UsageError('err.xlsx_unreadable', { file: opts.name, reason: (e as Error).message ?? String(e) }, 'fix.xlsx_resave');
        throw e;
      } finally {
        if (pretenuring) setFlagsFromString('--allocation-site-pretenuring');
      }
      if (!found)
        throw opts.sheet
          ? new UsageError('err.xlsx_no_sheet', { file: opts.name, sheet: opts.sheet, sheets: names.join(', ') }, 'fix.xlsx_sheet')
          : new UsageError('err.xlsx_unreadable', { file: opts.name, reason: 'no worksheet' }, 'fix.xlsx_resave');
      return hash.digest('hex');
    },
  };
}
