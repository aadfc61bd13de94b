// Text from the database reaches a terminal only as visible characters
// (issue 14, defect 8): C0 and C1 control characters, DEL and the Unicode
// bidirectional overrides and isolates become visible placeholders, so a name
// or subject can neither clear the screen, set the window title, nor reorder
// what a clerk reads. Newlines stay (cells wrap on them). JSON and CSV are
// left exact; Markdown also escapes `|`, newlines and HTML.

/** C0 (but \n), DEL, C1, bidi embeddings/overrides/isolates and marks. */
const UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

function placeholder(ch: string): string {
  const c = ch.charCodeAt(0);
  if (c === 0x09) return ' ';
  if (c < 0x20) return String.fromCharCode(0x2400 + c); // ␀ … ␟, ␛ for ESC
  if (c === 0x7f) return '\u2421'; // ␡
  return `<U+${c.toString(16).toUpperCase().padStart(4, '0')}>`;
}

/** Text as it may be shown on a terminal. */
export function visible(s: string): string {
  return s.replace(UNSAFE, placeholder);
}

/**
 * The same for text that already carries pmctl's own colours (chalk's SGR
 * sequences `ESC[…m`): those are kept, every other control is shown.
 */
export function visibleKeepColour(s: string): string {
  return s.replace(/(\u001b\[[0-9;]*m)|[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (m, sgr) =>
    sgr ? sgr : placeholder(m),
  );
}

/** A Markdown table cell or line: controls shown, HTML escaped, `|` escaped, newlines as <br>. */
export function mdText(s: string): string {
  return visible(s).replace(/\\/g, '\\\\').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');
}
