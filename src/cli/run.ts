// The thin layer between commander and the use cases: global options, the
// lazily opened context, rendering, and the overdue warning line.
import type { Command } from 'commander';
import { writeFileSync, chmodSync } from 'node:fs';
import { UsageError } from '../errors.js';
import { type Ctx, findActor, makeCtx, rosterEmpty, siteTimezone, audit, DEFAULT_TZ } from '../app/context.js';
import { openDb, writeTx, type DB } from '../store/db.js';
import { parseTime } from '../domain/time.js';
import { detectLang, makeT, type Lang, type T } from './i18n/index.js';
import { Prompter } from './prompt.js';
import type { Output, RenderOpts } from '../render/view.js';
import { isTerminal, writeErr, writeOut } from './stdio.js';

export type Format = 'table' | 'json' | 'csv' | 'md' | 'html';
const FORMATS: Format[] = ['table', 'json', 'csv', 'md', 'html'];

export interface Globals {
  data?: string;
  as?: string;
  format?: string;
  json?: boolean;
  csv?: boolean;
  lang?: string;
  color?: boolean;
  input?: boolean;
  yes?: boolean;
  reveal?: boolean;
  quiet?: boolean;
  out?: string;
}

export interface ActionSpec {
  /** 'none' for commands that manage the folder themselves (init, demo) */
  db?: 'open' | 'none';
  /** records something: needs an actor once the roster has staff */
  write?: boolean;
  /** formats beyond table/json/csv/md that this command renders */
  formats?: Format[];
}

export interface Io {
  /** the command's options merged with the global ones */
  opts: Record<string, any>;
  g: Globals;
  t: T;
  lang: Lang;
  format: Format;
  interactive: boolean;
  dataDir: string;
  env: NodeJS.ProcessEnv;
  prompt: Prompter;
  /** open the data folder (exit 5 if missing), resolve the actor */
  ctx(): Promise<Ctx>;
  /** "now" before a database is open (PMCTL_NOW read in `tz`) */
  now(tz?: string): number;
  renderOpts(tz?: string): RenderOpts;
  /** render an Output in the chosen format (to --out FILE when given) */
  emit(out: Output): Promise<void>;
  /** a human line on stderr (not in --quiet, --json or --csv) */
  info(line: string): void;
  /** write a file created 0600 (exports hold personal data); csv gets a BOM */
  writeFile(path: string, content: string | Buffer, format?: Format): void;
  close(): void;
}

export function isTty(): boolean {
  return (isTerminal(1) && isTerminal(0)) || process.env.PMCTL_ASSUME_TTY === '1';
}

function pickFormat(g: Globals, spec: ActionSpec): Format {
  const f = (g.json ? 'json' : g.csv ? 'csv' : (g.format ?? 'table')) as Format;
  if (!FORMATS.includes(f)) throw new UsageError('err.bad_format', { value: String(g.format) }, 'fix.formats');
  if (f === 'html' && !spec.formats?.includes('html')) throw new UsageError('err.format_unsupported', { value: f }, 'fix.formats');
  return f;
}

export function makeIo(opts: Record<string, any>, spec: ActionSpec): Io {
  const env = process.env;
  const g = opts as Globals;
  const lang = detectLang(g.lang, env);
  if (g.lang && g.lang !== 'zh' && g.lang !== 'en') throw new UsageError('err.bad_lang', { value: g.lang }, 'fix.lang');
  const t = makeT(lang);
  const format = pickFormat(g, spec);
  const interactive = g.input !== false && isTerminal(1) && isTerminal(0);
  const dataDir = g.data ?? env.PMCTL_DATA ?? './pmctl-data';
  const color = isTerminal(1) && !env.NO_COLOR && g.color !== false;
  let db: DB | undefined;
  let ctx: Ctx | undefined;

  const now = (tz = DEFAULT_TZ): number => {
    const fixed = env.PMCTL_NOW;
    if (!fixed) return Date.now();
    try {
      return parseTime(fixed, Date.now(), tz);
    } catch {
      throw new UsageError('err.bad_now', { value: fixed }, 'fix.time_format');
    }
  };

  const io: Io = {
    opts,
    g,
    t,
    lang,
    format,
    interactive,
    dataDir,
    env,
    prompt: new Prompter(interactive, t),
    now,
    async ctx() {
      if (ctx) return ctx;
      db = openDb(dataDir);
      const tz = siteTimezone(db);
      const fixedNow = now(tz);
      const code = g.as ?? env.PMCTL_USER;
      let actor = code ? findActor(db, code) : null;
      if (!actor && spec.write && interactive && !rosterEmpty(db)) {
        const staff = db.prepare('SELECT code, name, role FROM staff WHERE active = 1 ORDER BY code').all() as {
          code: string;
          name: string;
          role: string;
        }[];
        const picked = await io.prompt.choose(
          'prompt.actor',
          staff.map((s) => ({ value: s.code, name: `${s.code} ${s.name} (${t('role.' + s.role)})` })),
        );
        actor = findActor(db, picked);
      }
      ctx = makeCtx(db, { now: env.PMCTL_NOW ? fixedNow : () => Date.now(), actor, tz });
      if (g.reveal) {
        ctx.reveal = true;
        const c = ctx;
        writeTx(db, () => audit(c, 'reveal', null, null, { argv: process.argv.slice(2) }));
      }
      return ctx;
    },
    renderOpts(tz) {
      return { t, lang, tz: tz ?? ctx?.tz ?? DEFAULT_TZ, color, reveal: !!g.reveal };
    },
    emit(out) {
      return emitOutput(io, out);
    },
    info(line) {
      if (!g.quiet && format !== 'json' && format !== 'csv') writeErr(line + '\n');
    },
    writeFile(path, content, f) {
      // CSV files are for Excel: a UTF-8 byte-order mark (the same as render/csv.ts's BOM).
      // A Buffer (an .xlsx workbook) is written as it is.
      writeFileSync(path, typeof content === 'string' && f === 'csv' ? '\uFEFF' + content : content, { mode: 0o600 });
      // An existing file keeps its mode on overwrite: exports hold personal data.
      chmodSync(path, 0o600);
    },
    close() {
      db?.close();
      db = undefined;
    },
  };
  return io;
}

async function render(io: Io, out: Output): Promise<string> {
  const o = io.renderOpts();
  switch (io.format) {
    case 'json':
      return (await import('../render/json.js')).renderJson(out, o);
    case 'csv':
      return (await import('../render/csv.js')).renderCsv(out, o);
    case 'md':
      return (await import('../render/md.js')).renderMd(out, o);
    case 'html':
      if (out.html === undefined) throw new UsageError('err.format_unsupported', { value: 'html' }, 'fix.formats');
      return out.html;
    default:
      return (await import('../render/table.js')).renderTable(out, o);
  }
}

async function emitOutput(io: Io, out: Output): Promise<void> {
  const text = await render(io, out);
  if (io.g.out) {
    io.writeFile(io.g.out, text, io.format);
    io.info(io.t('msg.written', { file: io.g.out }));
  } else writeOut(text);
}

/** One line on stderr after a command on a TTY when anything is overdue. */
async function overdueWarning(io: Io): Promise<void> {
  if (io.g.quiet || io.format === 'json' || io.format === 'csv') return;
  if (!(isTty() && (isTerminal(2) || process.env.PMCTL_ASSUME_TTY === '1'))) return;
  let ctx: Ctx;
  try {
    ctx = await io.ctx();
  } catch {
    return; // no data folder yet: nothing can be overdue
  }
  const { overdueSummary } = await import('../app/overdue.js');
  const s = overdueSummary(ctx);
  if (s.total) {
    const parts = s.groups.map((gr) => io.t('warn.group', { n: gr.count, what: io.t(`warn.what.${gr.module}`, { n: gr.count }) }));
    writeErr(io.t('warn.overdue', { n: s.total, parts: parts.join(io.lang === 'zh' ? '，' : ', ') }) + '\n');
  }
  // From 1 December: next year's official calendar (the State Council notice) not imported yet.
  const { nextYearUnofficial } = await import('../app/core/calendar-import.js');
  const next = nextYearUnofficial(ctx);
  if (next) writeErr(io.t('warn.next_year_unofficial', { year: next }) + '\n');
}

type Handler = (io: Io, ...args: any[]) => Promise<Output | void> | Output | void;

/** Wrap a use-case handler as a commander action. */
export function action(spec: ActionSpec, handler: Handler, opts: { warn?: boolean } = {}) {
  return async (...args: unknown[]): Promise<void> => {
    const cmd = args[args.length - 1] as Command;
    const positional = args.slice(0, -2);
    const io = makeIo(cmd.optsWithGlobals(), spec);
    if (io.renderOpts().color) await (await import('../render/paint.js')).loadColour();
    try {
      const out = await handler(io, ...positional);
      if (out) await emitOutput(io, out);
      if (opts.warn !== false && spec.db !== 'none') await overdueWarning(io);
    } finally {
      io.close();
    }
  };
}
