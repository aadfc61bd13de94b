// The one message catalogue: every user-facing string, in zh and en (the
// tables are in the per-module files, merged by messages.ts).
import { loadMessages } from './messages.js';
import type { Lang, Messages } from './types.js';

export type { Lang, Messages };

export type T = (key: string, params?: Record<string, string | number>) => string;

export function makeT(lang: Lang): T {
  const messages = loadMessages(lang);
  return (key, params) => {
    let s = Object.hasOwn(messages, key) ? messages[key] : key;
    if (params) s = s.replace(/\{(\w+)\}/g, (all, k: string) => (params[k] !== undefined ? String(params[k]) : all));
    return s;
  };
}
export function detectLang(flag: string | undefined, env: NodeJS.ProcessEnv): Lang {
  const pick = flag ?? env.PMCTL_LANG;
  if (pick === 'zh' || pick === 'en') return pick;
  const loc = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return loc.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

/** --lang from the raw arguments (commander has not parsed them yet). */
export function langFromArgv(argv: string[]): string | undefined {
  const i = argv.indexOf('--lang');
  if (i >= 0) return argv[i + 1];
  return argv.find((a) => a.startsWith('--lang='))?.slice(7);
}

/** The translator for help texts, chosen before options are parsed. */
export function helpT(): T {
  return makeT(detectLang(langFromArgv(process.argv), process.env));
}
