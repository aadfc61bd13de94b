// The one message catalogue: every user-facing string, in zh and en. Each
// module keeps its messages in its own file; they are merged here.
import core from './core.js';
import complaint from './complaint.js';
import key from './key.js';
import archive from './archive.js';
import handover from './handover.js';
import meeting from './meeting.js';
import report from './report.js';
import scale from './scale.js';
import type { Lang, Messages } from './types.js';

export type { Lang, Messages };

export const catalogue: Messages = { ...core, ...complaint, ...key, ...archive, ...handover, ...meeting, ...report, ...scale };

export type T = (key: string, params?: Record<string, string | number>) => string;

export function makeT(lang: Lang): T {
  return (key, params) => {
    const m = catalogue[key];
    let s = m ? m[lang] : key;
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
