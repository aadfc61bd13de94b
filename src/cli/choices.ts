// Choices typed on the command line, in prompts or in an imported file, read
// into their English codes through the one table per choice (domain/choices.ts)
// and the words pmctl prints for them (the catalogue's `enum.<code>` labels,
// both languages: a clerk may type either whatever --lang is).
import { CHOICES, acceptedWords, resolveChoice, type ChoiceName, type ChoiceSpec, type LabelsOf } from '../domain/choices.js';
import { UsageError } from '../errors.js';
import { loadMessages } from './i18n/messages.js';
import type { Lang } from './i18n/types.js';

/** The printed labels of a code: `enum.<code>` in zh and en. */
export function labelsOf(lang?: Lang, prefix = ''): LabelsOf {
  const first = lang ?? 'zh';
  const second: Lang = first === 'zh' ? 'en' : 'zh';
  return (code) => {
    const out: string[] = [];
    for (const l of [first, second]) {
      const s = loadMessages(l)['enum.' + prefix + code];
      if (s) out.push(s);
    }
    return out;
  };
}

/** The code for `text`, or a usage error listing the accepted words in the user's language. */
export function parseChoice(name: ChoiceName | ChoiceSpec, text: string, lang: Lang, what?: string): string {
  const spec: ChoiceSpec = typeof name === 'string' ? CHOICES[name] : name;
  const code = resolveChoice(spec, text, labelsOf(lang, spec.labelPrefix));
  if (code !== undefined) return code;
  throw new UsageError(
    'err.bad_choice',
    { what: what ?? (typeof name === 'string' ? name : ''), value: text, accepted: acceptedWords(spec, labelsOf(lang, spec.labelPrefix)).join(lang === 'zh' ? '、' : ', ') },
    'fix.choice',
  );
}
