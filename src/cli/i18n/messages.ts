// The catalogue as flat per-language tables. Each module keeps its messages in
// its own file; they are merged here. The build (build.mjs) swaps this module
// for one that reads the same tables from dist/i18n/<lang>.json: JSON.parse of
// one language costs far less start-up time than evaluating every message of
// both languages as object literals on every command.
import core from './core.js';
import complaint from './complaint.js';
import key from './key.js';
import archive from './archive.js';
import handover from './handover.js';
import meeting from './meeting.js';
import report from './report.js';
import scale from './scale.js';
import rollup from './rollup.js';
import request from './request.js';
import patrol from './patrol.js';
import calendar from './calendar.js';
import safety from './safety.js';
import desk from './desk.js';
import visit from './visit.js';
import renovation from './renovation.js';
import roster from './roster.js';
import type { Lang, Messages } from './types.js';

const ALL: Messages = {
  ...core,
  ...complaint,
  ...key,
  ...archive,
  ...handover,
  ...meeting,
  ...report,
  ...scale,
  ...rollup,
  ...calendar,
  ...patrol,
  ...safety,
  ...desk,
  ...request,
  ...visit,
  ...renovation,
  ...roster,
};

const flat: Partial<Record<Lang, Record<string, string>>> = {};

export function loadMessages(lang: Lang): Record<string, string> {
  return (flat[lang] ??= Object.fromEntries(Object.entries(ALL).map(([k, m]) => [k, m[lang]])));
}

/**
 * Every message, the rarely needed ones included. Here that is loadMessages;
 * the build's catalogue leaves errors, fixes, prompts and the log's words out
 * of loadMessages until this is called.
 */
export function loadAllMessages(lang: Lang): Record<string, string> {
  return loadMessages(lang);
}
