// Every choice, every code: the English code and every label pmctl prints for
// it (zh and en) read back to that code, and an unknown word lists the
// accepted words in the user's language (SPEC §1 v2).
import { describe, expect, it } from 'vitest';
import { CHOICES, type ChoiceName, type ChoiceSpec } from '../../src/domain/choices.js';
import { labelsOf, parseChoice } from '../../src/cli/choices.js';
import { loadMessages } from '../../src/cli/i18n/messages.js';

const names = Object.keys(CHOICES) as ChoiceName[];

describe('every choice reads back what pmctl prints', () => {
  for (const name of names) {
    const spec: ChoiceSpec = CHOICES[name];
    it(name, () => {
      for (const code of spec.codes) {
        expect(parseChoice(name, code, 'zh')).toBe(code);
        expect(parseChoice(name, code.toUpperCase(), 'en')).toBe(code);
        const labels = labelsOf('zh', spec)(code);
        // Every code has a printed word in both languages.
        const zh = loadMessages('zh');
        const en = loadMessages('en');
        const prefixes = spec.labels ?? ['enum.'];
        expect(
          prefixes.some((p) => zh[p + code]),
          `${name}.${code} has a zh label`,
        ).toBeTruthy();
        expect(
          prefixes.some((p) => en[p + code]),
          `${name}.${code} has an en label`,
        ).toBeTruthy();
        for (const l of labels) {
          for (const lang of ['zh', 'en'] as const) expect(parseChoice(name, l, lang), `${name}: "${l}"`).toBe(code);
        }
        for (const s of spec.synonyms?.[code] ?? []) {
          const got = parseChoice(name, s, 'zh');
          // A synonym never shadows a printed word of another code.
          if (got !== code)
            expect(
              spec.codes.some((c) => c !== code && labelsOf('zh', spec)(c).includes(s)),
              `${name}: synonym "${s}"`,
            ).toBe(true);
        }
      }
    });
  }

  it('an unknown word lists the accepted words in the user language', () => {
    expect(() => parseChoice('category', '天气', 'zh')).toThrow();
    try {
      parseChoice('replyMethod', '飞鸽', 'zh');
    } catch (e) {
      const p = (e as { params: Record<string, string> }).params;
      expect(p.accepted).toContain('电话（phone）');
      expect(p.what).toBe('答复方式');
    }
    try {
      parseChoice('visitResult', 'meh', 'en');
    } catch (e) {
      expect((e as { params: Record<string, string> }).params.accepted).toContain('basically satisfied (basic)');
    }
  });
});
