import { describe, expect, it } from 'vitest';
import { mdText, visible, visibleKeepColour } from '../../src/render/safe-text.js';

describe('terminal-safe text (issue 14, defect 8)', () => {
  it.each([
    ['clear screen', 'A\x1b[2JB', 'A␛[2JB'],
    ['window title', '\x1b]0;owned\x07', '␛]0;owned␇'],
    ['NUL and CR', 'a\0b\rc', 'a␀b␍c'],
    ['DEL', 'x\x7fy', 'x␡y'],
    ['C1 CSI', 'x\u009b2Jy', 'x<U+009B>2Jy'],
    ['bidi override', 'abc\u202Egpj.exe', 'abc<U+202E>gpj.exe'],
    ['isolate', '\u2066x\u2069', '<U+2066>x<U+2069>'],
    ['tab', 'a\tb', 'a b'],
    ['newline kept, CJK kept', '张三\n李四', '张三\n李四'],
  ])('%s', (_what, input, shown) => expect(visible(input)).toBe(shown));

  it('pmctl’s own colours survive, other escapes do not', () => {
    expect(visibleKeepColour('\x1b[31mred\x1b[39m \x1b[2J')).toBe('\x1b[31mred\x1b[39m ␛[2J');
  });

  it('markdown cells escape |, newlines and HTML', () => {
    expect(mdText('<script>alert(1)</script> | a\nb & c')).toBe('&lt;script&gt;alert(1)&lt;/script&gt; \\| a<br>b &amp; c');
  });
});
