// Choices typed on the command line, in prompts or in an imported file, read
// into their English codes through the one table per choice (domain/choices.ts)
// and the words pmctl prints for them (the catalogue's labels, both
// languages: a clerk may type either whatever --lang is).
import { CHOICES, acceptedWords, resolveChoice, type ChoiceName, type ChoiceSpec, type LabelsOf } from '../domain/choices.js';
import { UsageError } from '../errors.js';
import { loadMessages } from './i18n/messages.js';
import type { Lang } from './i18n/types.js';

/** The printed labels of a code: `<prefix><code>` for each of the choice's prefixes, in zh and en. */
export function labelsOf(lang?: Lang, spec?: ChoiceSpec): LabelsOf {
  const first = lang ?? 'zh';
  const second: Lang = first === 'zh' ? 'en' : 'zh';
  const prefixes = spec?.labels ?? ['enum.'];
  return (code) => {
    const out: string[] = [];
    for (const l of [first, second]) {
      const m = loadMessages(l);
      for (const p of prefixes) {
        const s = m[p + code];
        if (s && !out.includes(s)) out.push(s);
      }
    }
    return out;
  };
}

/** The code for `text`, or undefined (imports report the row themselves). */
export function choiceCode(name: ChoiceName, text: string, lang: Lang = 'zh'): string | undefined {
  const spec: ChoiceSpec = CHOICES[name];
  return resolveChoice(spec, text, labelsOf(lang, spec));
}

/** The code for `text`, or a usage error listing the accepted words in the user's language. */
export function parseChoice(name: ChoiceName | ChoiceSpec, text: string, lang: Lang, what?: string): string {
  const spec: ChoiceSpec = typeof name === 'string' ? CHOICES[name] : name;
  const code = resolveChoice(spec, String(text), labelsOf(lang, spec));
  if (code !== undefined) return code;
  const m = loadMessages(lang);
  const label = what ?? (typeof name === 'string' ? (m['choice.' + name] ?? name) : '');
  throw new UsageError(
    'err.bad_choice',
    { what: label, value: text, accepted: acceptedWords(spec, labelsOf(lang, spec)).join(lang === 'zh' ? '、' : ', ') },
    'fix.choice',
  );
}

/** Every word of a comma-separated list (`S005,S006`, `迟到，早退`). */
export function parseChoices(name: ChoiceName, text: string, lang: Lang): string[] {
  return String(text)
    .split(/[,，、]/)
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => parseChoice(name, s, lang));
}
