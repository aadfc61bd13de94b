// The one message catalogue: every user-facing string, in zh and en (the
// tables are in the per-module files, merged by messages.ts).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadAllMessages, loadMessages } from './messages.js';
import type { Lang, Messages } from './types.js';

export type { Lang, Messages };

export type T = (key: string, params?: Record<string, string | number>) => string;

export function makeT(lang: Lang): T {
  const messages = loadMessages(lang);
  return (key, params) => {
    // A key not among the everyday messages: the rest of the catalogue is read, once.
    let s = Object.hasOwn(messages, key) || Object.hasOwn(loadAllMessages(lang), key) ? messages[key] : key;
    if (params) s = s.replace(/\{(\w+)\}/g, (all, k: string) => (params[k] !== undefined ? String(params[k]) : all));
    return s;
  };
}
/** The data folder's language file (`pmctl init --lang`, `config set lang`): a copy of the setting, cheap to read. */
export const LANG_FILE = 'lang';

/** The site's language, when one was set; read only when no flag or PMCTL_LANG chose. */
export function siteLang(dataDir: string | undefined): Lang | undefined {
  if (!dataDir) return undefined;
  try {
    const s = readFileSync(join(dataDir, LANG_FILE), 'utf8').trim();
    return s === 'zh' || s === 'en' ? s : undefined;
  } catch {
    return undefined;
  }
}

/** --lang, else $PMCTL_LANG, else the site's language, else the locale. */
export function detectLang(flag: string | undefined, env: NodeJS.ProcessEnv, dataDir?: string): Lang {
  const pick = flag ?? env.PMCTL_LANG;
  if (pick === 'zh' || pick === 'en') return pick;
  const site = siteLang(dataDir);
  if (site) return site;
  const loc = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return loc.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

/** --lang from the raw arguments (commander has not parsed them yet). */
export function langFromArgv(argv: string[]): string | undefined {
  const i = argv.indexOf('--lang');
  if (i >= 0) return argv[i + 1];
  return argv.find((a) => a.startsWith('--lang='))?.slice(7);
}

/** --data from the raw arguments, else $PMCTL_DATA, else ./pmctl-data. */
export function dataFromArgv(argv: string[], env: NodeJS.ProcessEnv): string {
  const i = argv.indexOf('--data');
  if (i >= 0 && argv[i + 1]) return argv[i + 1];
  return argv.find((a) => a.startsWith('--data='))?.slice(7) ?? env.PMCTL_DATA ?? './pmctl-data';
}

/** The translator for help texts, chosen before options are parsed. */
export function helpT(): T {
  return makeT(detectLang(langFromArgv(process.argv), process.env, dataFromArgv(process.argv, process.env)));
}
