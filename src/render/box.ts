// Box-drawn terminal tables, drawn exactly as cli-table3 draws them with its
// default style (a rule between every row, one space of padding), but in one
// pass: cli-table3 costs about 0.3 ms a row, which made a few hundred overdue
// items cost more than the whole start-up budget of SPEC §9. Display widths
// follow string-width 4 (what cli-table3 uses): CJK and full-width characters
// are two columns, ANSI colour codes and combining marks none.

const ANSI_RE = /\u001b\[(?:\d*;){0,5}\d*m/g;
const ASCII_RE = /^[\x20-\x7e]*$/;
const EMOJI_HINT = /[\u00a9\u00ae\u203c-\u3299\ud83c-\ud83f]/;
// Emoji count two columns, as string-width's emoji-regex replacement does.
const EMOJI_RE = /\p{Extended_Pictographic}(?:\uFE0F|\u200D\p{Extended_Pictographic})*/gu;

function isFullwidth(cp: number): boolean {
  return (
    cp >= 0x1100 &&
    (cp <= 0x115f ||
      cp === 0x2329 ||
      cp === 0x232a ||
      (cp >= 0x2e80 && cp <= 0x3247 && cp !== 0x303f) ||
      (cp >= 0x3250 && cp <= 0x4dbf) ||
      (cp >= 0x4e00 && cp <= 0xa4c6) ||
      (cp >= 0xa960 && cp <= 0xa97c) ||
      (cp >= 0xac00 && cp <= 0xd7a3) ||
      (cp >= 0xf900 && cp <= 0xfaff) ||
      (cp >= 0xfe10 && cp <= 0xfe19) ||
      (cp >= 0xfe30 && cp <= 0xfe6b) ||
      (cp >= 0xff01 && cp <= 0xff60) ||
      (cp >= 0xffe0 && cp <= 0xffe6) ||
      (cp >= 0x1b000 && cp <= 0x1b001) ||
      (cp >= 0x1f200 && cp <= 0x1f251) ||
      (cp >= 0x20000 && cp <= 0x3fffd))
  );
}

/** Terminal columns taken by one line of text. */
export function displayWidth(s: string): number {
  if (!s) return 0;
  if (s.includes('\u001b')) s = s.replace(ANSI_RE, '');
  // Printable ASCII only: the common case, one column a character.
  if (ASCII_RE.test(s)) return s.length;
  // The emoji pattern is slow; only text with a character from its ranges needs it.
  if (EMOJI_HINT.test(s)) s = s.replace(EMOJI_RE, '  ');
  let w = 0;
  for (let i = 0; i < s.length; i++) {
    const cp = s.codePointAt(i)!;
    if (cp <= 0x1f || (cp >= 0x7f && cp <= 0x9f)) continue;
    if (cp >= 0x300 && cp <= 0x36f) continue;
    if (cp > 0xffff) i++;
    w += isFullwidth(cp) ? 2 : 1;
  }
  return w;
}

export interface BoxOptions {
  head?: string[];
  /** wraps header text (colour) */
  paintHead?: (s: string) => string;
  /** wraps border characters (colour) */
  paintBorder?: (s: string) => string;
}

/** Rows of cells (a cell may hold several lines) as a box-drawn table. */
export function boxTable(rows: string[][], o: BoxOptions = {}): string {
  const all = o.head ? [o.head, ...rows] : rows;
  const ncol = all.reduce((n, r) => Math.max(n, r.length), 0);
  if (!ncol) return '';
  const widths = new Array<number>(ncol).fill(0);
  const split = all.map((r) => {
    const cells: { lines: string[]; ws: number[] }[] = new Array(ncol);
    for (let i = 0; i < ncol; i++) {
      const text = r[i] == null ? '' : String(r[i]);
      const lines = text.includes('\n') ? text.split('\n') : [text];
      const ws = lines.length === 1 ? [displayWidth(text)] : lines.map(displayWidth);
      for (const w of ws) if (w > widths[i]) widths[i] = w;
      cells[i] = { lines, ws };
    }
    return cells;
  });
  const b = o.paintBorder ?? ((s: string) => s);
  const rule = (l: string, m: string, r: string): string => b(l + widths.map((w) => '─'.repeat(w + 2)).join(m) + r);
  const bar = b('│');
  const out: string[] = [rule('┌', '┬', '┐')];
  const mid = rule('├', '┼', '┤');
  split.forEach((cells, ri) => {
    if (ri > 0) out.push(mid);
    const height = cells.reduce((h, c) => Math.max(h, c.lines.length), 1);
    const paint = ri === 0 && o.head && o.paintHead ? o.paintHead : undefined;
    for (let li = 0; li < height; li++) {
      let line = bar;
      for (let ci = 0; ci < ncol; ci++) {
        const text = cells[ci].lines[li] ?? '';
        const w = cells[ci].ws[li] ?? 0;
        line += ' ' + (paint && text ? paint(text) : text) + ' '.repeat(widths[ci] - w) + ' ' + bar;
      }
      out.push(line);
    }
  });
  out.push(rule('└', '┴', '┘'));
  return out.join('\n');
}
