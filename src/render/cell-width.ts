// Column widths of table cells, for cli-table3 (see build.mjs, which puts
// this in front of the string-width it measures with). string-width builds
// two regular expressions on every call, one of them emoji-regex's, whose
// first use compiles a pattern of some 10 KB: a few milliseconds of every
// table. Most cells are printable ASCII, Chinese text, full-width
// punctuation and a few symbols of our own (…, ≥, ✓, ✗, box lines), whose
// widths need none of that.

/**
 * Characters East Asian Wide in string-width's table (two columns), and
 * narrow ones (one column) besides printable ASCII; none of them begins an
 * emoji. A test checks every one against string-width.
 */
const WIDE = '\u3000-\u303e\u4e00-\u9fff\uff01-\uff60\uffe0-\uffe6';
const NARROW = '\x20-\x7e\u2010-\u2027\u2200-\u22ff\u2500-\u257f\u2713\u2717';
const SIMPLE = new RegExp(`^[${NARROW}${WIDE}]*$`);
const WIDE_CHAR = new RegExp(`[${WIDE}]`, 'g');

/** The width string-width gives `s`, when it is known without it; otherwise undefined. */
export function knownWidth(s: string): number | undefined {
  if (!SIMPLE.test(s)) return undefined;
  return s.length + (s.match(WIDE_CHAR)?.length ?? 0);
}
