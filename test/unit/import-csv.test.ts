// The import engine's own splitter must give exactly what csv-parse gives
// (records, their line numbers) for every file it takes on, and refuse the
// files it cannot split alike; the fast unit sort key and date parser must
// agree with the reference ones.
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { PlainCsv, plainSplit } from '../../src/app/core/csvimport.js';
import { fastSortKey, parseDay } from '../../src/app/core/units.js';
import { unitSortKey } from '../../src/domain/people.js';
// @ts-expect-error plain ES module shared with the benchmark
import { rng } from '../../bench/gen.mjs';

const dir = mkdtempSync(join(tmpdir(), 'pmctl-csv-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
function fileOf(bytes: Buffer): string {
  const f = join(dir, `f${n++}.csv`);
  writeFileSync(f, bytes);
  return f;
}

/** csv-parse with the import's options: [line, ...values] per record. */
function reference(bytes: Buffer): (string | number)[][] {
  return (parse(bytes, { bom: true, cast: false, relax_column_count: true, skip_empty_lines: true, trim: true, info: true }) as unknown as { record: string[]; info: { lines: number } }[]).map(
    (r) => [r.info.lines, ...r.record],
  );
}

/** The engine's splitter fed in pieces cut at random places. */
function ours(bytes: Buffer, delimiter: string, r: () => number): (string | number)[][] {
  const out: (string | number)[][] = [];
  const p = new PlainCsv(delimiter, (values, line) => out.push([line, ...values]));
  const text = new TextDecoder().decode(bytes); // drops a BOM, like the engine's decoder
  for (let i = 0; i < text.length; ) {
    const k = 1 + Math.floor(r() * 12);
    p.write(text.slice(i, i + k));
    i += k;
  }
  p.end();
  return out;
}

const CELLS = ['a', 'b1', '中文', ' ', '  x ', '\t', '\ty\t', '\f', '\v', '\u3000', '\u3000z\u3000', '\u00a0', '0101', '13800138000', '', ''];

function randomFile(r: () => number, eol: string): string {
  const lines: string[] = [];
  const nLines = 1 + Math.floor(r() * 8);
  for (let i = 0; i < nLines; i++) {
    if (r() < 0.15) {
      lines.push(r() < 0.5 ? '' : ' \t');
      continue;
    }
    const cells = Array.from({ length: 1 + Math.floor(r() * 4) }, () => CELLS[Math.floor(r() * CELLS.length)]);
    lines.push(cells.join(','));
  }
  return (r() < 0.2 ? '\uFEFF' : '') + lines.join(eol) + (r() < 0.5 ? eol : '');
}

describe('plain CSV splitting', () => {
  it('gives csv-parse’s records and line numbers on 1500 random quote-free files (LF, CRLF, CR)', () => {
    const r = rng(20261122);
    let tried = 0;
    for (let i = 0; i < 1500; i++) {
      const eol = ['\n', '\r\n', '\r'][i % 3];
      const bytes = Buffer.from(randomFile(r, eol));
      const plain = plainSplit(fileOf(bytes), bytes.length, 1 + Math.floor(r() * 16));
      // A file without any line end is split on the default, like csv-parse.
      if (!plain) throw new Error('refused a plain file: ' + JSON.stringify(bytes.toString()));
      expect(ours(bytes, plain.delimiter, r), JSON.stringify(bytes.toString())).toEqual(reference(bytes));
      tried++;
    }
    expect(tried).toBe(1500);
  });

  it('refuses what only csv-parse reads right: quotes, and mixed line ends', () => {
    for (const s of ['a,"b"\n', 'a\nb\r\nc\n', 'a\r\nb\nc\r\n', 'a\r\nb\rc\r\n', 'a\rb\nc', 'a\r\nb\r', 'x"y\n']) {
      const bytes = Buffer.from(s);
      for (const chunk of [1, 2, 3, 1 << 20]) expect(plainSplit(fileOf(bytes), bytes.length, chunk), JSON.stringify(s)).toBeNull();
    }
  });

  it('finds the line end csv-parse would, across chunk edges', () => {
    const cases: [string, string][] = [['a,b\r\nc', '\r\n'], ['a,b\nc', '\n'], ['a,b\rc', '\r'], ['ab', '\n'], ['ab\r', '\r'], ['', '\n']];
    for (const [s, d] of cases)
      for (const chunk of [1, 2, 3, 4, 1 << 20]) expect(plainSplit(fileOf(Buffer.from(s)), s.length, chunk)?.delimiter, JSON.stringify(s)).toBe(d);
  });
});

describe('unit sort key and dates', () => {
  it('fastSortKey equals unitSortKey', () => {
    const parts = ['1', '01', '0', '00', '10', '101', '0101', '12345678', '123456789', 'A', 'B2', 'b1', '-1', '3栋', '东区12', '', '007'];
    for (const b of parts) for (const u of parts) for (const f of ['1', '-1', 'B2', '12', '0']) for (const r of ['101', '0101', '1502', 'A1'])
      expect(fastSortKey(b, u, f, r)).toBe(unitSortKey(b, u, f, r));
  });

  /** The parser as it was, with a Date per value. */
  function refDay(v: string): string | undefined {
    const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(v.trim());
    if (!m) return undefined;
    const mo = +m[2];
    const d = +m[3];
    if (mo < 1 || mo > 12 || d < 1 || d > 31) return undefined;
    const s = `${m[1]}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
    return new Date(s + 'T00:00:00Z').getUTCDate() === d ? s : undefined;
  }

  it('parseDay agrees with the Date-based parser', () => {
    const days: string[] = ['2024-02-29', '2023-02-29', '1900-02-29', '2000-02-29', '2026-04-31', '2026-13-01', '2026-00-10', '2026-01-00', '2026/3/1', '2026.3.1', '2026年3月1日', ' 2026-03-01 ', '2026-3-1', '20260301', '2026-0a-01', 'abcd-ef-gh'];
    const r = rng(5);
    for (let i = 0; i < 2000; i++) {
      const y = 1890 + Math.floor(r() * 220);
      const mo = Math.floor(r() * 14);
      const d = Math.floor(r() * 33);
      days.push(`${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`, `${y}/${mo}/${d}`);
    }
    for (const v of days) expect(parseDay(v), v).toBe(refDay(v));
  });
});
