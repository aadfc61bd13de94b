// knownWidth (src/render/cell-width.ts) answers for string-width in front of
// cli-table3: wherever it answers, it must answer exactly as string-width.
import { describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { knownWidth } from '../../src/render/cell-width.js';

// The string-width cli-table3 itself resolves (and build.mjs wraps).
const req = createRequire(createRequire(import.meta.url).resolve('cli-table3'));
const stringWidth = req('string-width') as (s: string) => number;

describe('knownWidth', () => {
  it('every character it accepts, one by one, as string-width measures it', () => {
    let accepted = 0;
    for (let c = 0; c <= 0xffff; c++) {
      if (c >= 0xd800 && c <= 0xdfff) continue; // lone surrogates
      const s = String.fromCharCode(c);
      const k = knownWidth(s);
      if (k === undefined) continue;
      accepted++;
      if (k !== stringWidth(s)) expect({ char: c.toString(16), k }).toEqual({ char: c.toString(16), k: stringWidth(s) });
    }
    // ASCII, CJK punctuation, the unified ideographs, the full-width forms, the symbols
    expect(accepted).toBeGreaterThan(21_400);
  });

  it.each([
    ['', 0],
    ['C20261001-003', 13],
    ['3-2-1201 入户门锁坏了', 21],
    ['维修（漏水）：３号楼', 20],
    ['100%', 4],
    ['≥ 95%', 5],
    ['✓ met', 5],
    ['✗ missed', 8],
    ['…', 1],
    ['┌──┬──┐', 7],
  ])('%j is %i columns wide', (s, w) => {
    expect(knownWidth(s)).toBe(w);
    expect(stringWidth(s)).toBe(w);
  });

  it.each([
    ['colour codes', '\u001b[31mred\u001b[39m'],
    ['an emoji', '好👍'],
    ['a keycap', '1\ufe0f\u20e3'],
    ['a tab', 'a\tb'],
    ['a combining accent', 'e\u0301'],
    ['Hangul', '한국'],
    ['U+303F, half width', '\u303f'],
  ])('leaves %s to string-width', (_what, s) => {
    expect(knownWidth(s)).toBeUndefined();
  });

  it('random mixes of what it accepts', () => {
    const pool = 'aZ09 -_.:/()%#*维修投诉安保绿化保洁电梯漏水门锁、。，：（）「」【】１２３ＡＢｃ￥￡…—“”≥≤✓✗─│┌┼';
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    for (let i = 0; i < 2000; i++) {
      const n = Math.floor(next() * 30);
      let s = '';
      for (let j = 0; j < n; j++) s += pool[Math.floor(next() * pool.length)];
      expect(knownWidth(s)).toBe(stringWidth(s));
    }
  });
});
