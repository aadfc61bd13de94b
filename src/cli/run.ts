// The thin layer between commander and the use cases: global options, the
// lazily opened context, rendering, and the overdue warning line.
import type { Command } from 'commander';
import { extname } from 'node:path';
import { PmError, RuleRefused, UsageError } from '../errors.js';
import { roleAtLeast } from '../domain/people.js';
import type { ChoiceName } from '../domain/choices.js';
import { type Ctx, findActor, makeCtx, rosterEmpty, siteTimezone, audit, DEFAULT_TZ } from '../app/context.js';
import { openDb, writeTx, type DB } from '../store/db.js';
import { actorChoices, staffNames } from '../store/people.js';
import { checkTarget, writeFileSafe } from '../store/safe-file.js';
import { parseTimeAnyYear } from '../domain/time.js';
import { detectLang, makeT, type Lang, type T } from './i18n/index.js';
import { Prompter } from './prompt.js';
import { choiceCode, parseChoice } from './choices.js';
import type { Actor } from '../app/context.js';
import type { Output, RenderOpts } from '../render/view.js';
import { isTerminal, writeErr, writeOut } from './stdio.js';
import { checkTextInput } from './text-input.js';

export type Format = 'table' | 'json' | 'csv' | 'md' | 'html' | 'xlsx';
const FORMATS: Format[] = ['table', 'json', 'csv', 'md', 'html'];

/** `--out FILE`: the one place that decides a file's format, from its extension. */
const OUT_FORMATS: Record<string, Format> = {
  '.csv': 'csv',
  '.json': 'json',
  '.md': 'md',
  '.markdown': 'md',
  '.html': 'html',
  '.htm': 'html',
  '.xlsx': 'xlsx',
};

/** The format of an --out file, or a usage error (exit 2) for any other extension. */
export function outFormat(file: string): Format {
  const f = OUT_FORMATS[extname(file).toLowerCase()];
  if (!f) throw new UsageError('err.bad_out_ext', { file }, 'fix.out_ext');
  return f;
}

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
  /** options holding a choice (`category: 'category'`): read into the English code before the handler runs */
  choices?: Record<string, ChoiceName>;
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
  /**
   * Write a file through the safe writer (store/safe-file.ts): whole or not at
   * all, new files 0600, never the data folder's database; an existing file
   * is replaced only with --yes or after a TTY confirmation. Text csv gets a BOM.
   */
  writeFile(path: string, content: string | Buffer, format?: Format): Promise<void>;
  /** rows a table shows (Infinity for --json/--csv/--md/--out, or --limit 0) */
  screenRows(): number;
  /** read a choice typed by a person (an option value, a positional word) */
  choice(name: ChoiceName, text: string): string;
  close(): void;
}

export function isTty(): boolean {
  return (isTerminal(1) && isTerminal(0)) || process.env.PMCTL_ASSUME_TTY === '1';
}

function pickFormat(g: Globals, spec: ActionSpec, dataDir: string): Format {
  if (g.out) {
    // What the file is comes first (the live database, a sidecar, a link or a
    // device is refused whatever its name ends in), then its format.
    checkTarget(String(g.out), dataDir);
    return outFormat(String(g.out));
  }
  const f = (g.json ? 'json' : g.csv ? 'csv' : (g.format ?? 'table')) as Format;
  if (!FORMATS.includes(f)) throw new UsageError('err.bad_format', { value: String(g.format) }, 'fix.formats');
  if (f === 'html' && !spec.formats?.includes('html')) throw new UsageError('err.format_unsupported', { value: f }, 'fix.formats');
  return f;
}

export function makeIo(opts: Record<string, any>, spec: ActionSpec): Io {
  const env = process.env;
  const g = opts as Globals;
  if (g.lang && g.lang !== 'zh' && g.lang !== 'en') throw new UsageError('err.bad_lang', { value: g.lang }, 'fix.lang');
  const dataDir = g.data ?? env.PMCTL_DATA ?? './pmctl-data';
  const lang = detectLang(g.lang, env, dataDir);
  const t = makeT(lang);
  const format = pickFormat(g, spec, dataDir);
  const interactive = g.input !== false && isTerminal(1) && isTerminal(0);
  const color = isTerminal(1) && !env.NO_COLOR && g.color !== false;
  // The database once opened (closed by close()) and the context made on it.
  const open: { db?: DB; ctx?: Ctx } = {};

  const now = (tz = DEFAULT_TZ): number => {
    const fixed = env.PMCTL_NOW;
    if (!fixed) return Date.now();
    try {
      return parseTimeAnyYear(fixed, Date.now(), tz);
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
      if (!open.ctx) open.ctx = await openContext(io, spec, open);
      return open.ctx;
    },
    renderOpts(tz) {
      let names: Map<string, string> | undefined;
      const person = (code: string) => {
        if (!open.db) return undefined;
        names ??= staffNames(open.db);
        return names.get(code);
      };
      return { t, lang, tz: tz ?? open.ctx?.tz ?? DEFAULT_TZ, color, reveal: !!g.reveal, person };
    },
    emit(out) {
      return emitOutput(io, out);
    },
    info(line) {
      if (!g.quiet && (g.out || (format !== 'json' && format !== 'csv'))) writeErr(line + '\n');
    },
    screenRows() {
      // --limit N is obeyed in every format (0 = all). Without it a table on a
      // terminal is one screen (SPEC §1 v2); a pipe, a file, --json and --csv
      // get everything.
      const l = opts.limit;
      if (l !== undefined) {
        const n = Number(l);
        if (!Number.isInteger(n) || n < 0) throw new UsageError('err.bad_limit', { value: String(l) }, 'fix.limit');
        return n === 0 ? Infinity : n;
      }
      return format === 'table' && !g.out && (isTerminal(1) || env.PMCTL_ASSUME_TTY === '1') ? SCREEN_ROWS : Infinity;
    },
    choice(name, text) {
      return parseChoice(name, text, lang);
    },
    async writeFile(path, content, f) {
      const target = checkTarget(path, dataDir);
      if (target.exists && !g.yes) await io.prompt.confirmOverwrite(path);
      // CSV files are for Excel: a UTF-8 byte-order mark (the same as render/csv.ts's BOM).
      const data = typeof content === 'string' && f === 'csv' && !content.startsWith('\uFEFF') ? '\uFEFF' + content : content;
      writeFileSafe(path, data, { dataDir, overwrite: true });
    },
    close() {
      open.db?.close();
      open.db = undefined;
    },
  };
  return io;
}

/**
 * An Io's context: the data folder opened (exit 5 if missing; `open.db` is set
 * first, so close() closes it whatever fails next), the actor resolved — from
 * --as or PMCTL_USER, else asked on a terminal when the command records
 * something or reveals — and --reveal checked and audited.
 */
async function openContext(io: Io, spec: ActionSpec, open: { db?: DB }): Promise<Ctx> {
  const { g, env, t, lang } = io;
  const db = (open.db = openDb(io.dataDir));
  const tz = siteTimezone(db);
  const fixedNow = io.now(tz);
  const code = g.as ?? env.PMCTL_USER;
  let actor: Actor | null = null;
  if (code) {
    try {
      actor = findActor(db, code);
    } catch (e) {
      // Reading needs no actor: a cron job keeps working when the clerk in its environment leaves.
      if (spec.write || !(e instanceof PmError)) throw e;
      if (!g.quiet) writeErr(t('warn.reader_unknown', { code }) + '\n');
    }
  }
  if (!actor && (spec.write || g.reveal) && io.interactive && !rosterEmpty(db)) {
    // The desk's clerks first: they are the ones at the keyboard.
    const staff = actorChoices(db);
    const picked = await io.prompt.choose(
      'prompt.actor',
      staff.map((s) => ({
        value: s.code,
        name: (lang === 'zh' ? `${s.name}（${s.code}）` : `${s.name} (${s.code})`) + ` ${t('enum.' + s.department)} ${t('role.' + s.role)}`,
      })),
    );
    actor = findActor(db, picked);
  }
  const ctx = makeCtx(db, { now: env.PMCTL_NOW ? fixedNow : () => Date.now(), actor, tz });
  ctx.choice = (name, text) => choiceCode(name, text, lang);
  if (g.reveal) {
    // Full phone and ID numbers: a supervisor or above, named in the audit row (issue 14).
    if (!rosterEmpty(db)) {
      if (!actor) throw new RuleRefused('err.reveal_actor', {}, 'fix.reveal_actor');
      if (!roleAtLeast(actor.role, 'supervisor'))
        throw new RuleRefused('err.reveal_role', { code: actor.code, role: 'role.' + actor.role }, 'fix.reveal_actor');
    }
    ctx.reveal = true;
    writeTx(db, () => audit(ctx, 'reveal', null, null, { argv: process.argv.slice(2) }));
  }
  return ctx;
}

/**
 * Rows of a table on a terminal before "N more — --limit 0": a clerk works
 * down the most urgent, and 20 rows with the heading and the "N more" line fit
 * a 24-line terminal (a longer table scrolls the most urgent out of sight).
 */
export const SCREEN_ROWS = 20;

/**
 * A document (Output.doc) in the format asked for: md, html and the table
 * format get the report's A4 layout as pre-rendered text; xlsx is laid out
 * in render; json and csv read `json` and `table` as for any output. A paper
 * form (Output.form) gets the same layout in md and html.
 */
async function layOut(io: Io, out: Output, color: boolean): Promise<Output> {
  if (out.form && (io.format === 'md' || io.format === 'html')) {
    const { outputBlocks } = await import('../render/output-blocks.js');
    const R = await import('../render/report-out.js');
    const blocks = outputBlocks(out, io.renderOpts(), out.form.heading, out.form.sub, out.form.signature);
    if (io.format === 'html') return { ...out, html: R.renderReportHtml(blocks, io.lang, io.t('msg.report_footer', { version: 'pmctl' })) };
    return { ...out, md: R.renderReportMd(blocks) };
  }
  if (!out.doc || io.format === 'json' || io.format === 'csv' || io.format === 'xlsx') return out;
  const R = await import('../render/report-out.js');
  const blocks = out.doc();
  if (io.format === 'md') return { ...out, md: R.renderReportMd(blocks) };
  if (io.format === 'html') return { ...out, html: R.renderReportHtml(blocks, io.lang, io.t('msg.report_footer', { version: 'pmctl' })) };
  return { ...out, text: R.renderReportTerminal(blocks, color) };
}

async function render(io: Io, out: Output): Promise<string | Buffer> {
  const o = io.renderOpts();
  const toFile = !!io.g.out;
  out = await layOut(io, out, o.color);
  switch (io.format) {
    case 'json':
      return (await import('../render/json.js')).renderJson(out, o);
    case 'csv':
      // A file is for people (Excel): headings and values in their language; stdout is for scripts.
      return toFile ? (await import('../render/csv.js')).renderHumanCsv(out, o) : (await import('../render/csv.js')).renderCsv(out, o);
    case 'md':
      return (await import('../render/md.js')).renderMd(out, o);
    case 'html':
      if (out.html !== undefined) return out.html;
      if (!toFile && !io.g.format) throw new UsageError('err.format_unsupported', { value: 'html' }, 'fix.formats');
      return (await import('../render/html.js')).renderHtml(out, o);
    case 'xlsx':
      // A document: one sheet per table, headings in the reader's language.
      if (out.doc) return (await import('../render/report-xlsx.js')).renderReportXlsx(out.doc());
      return (await import('../render/xlsx.js')).renderXlsx(out, o);
    default: {
      const width = isTerminal(1) ? process.stdout.columns || 80 : undefined;
      return (await import('../render/table.js')).renderTable(out, { ...o, width });
    }
  }
}

async function emitOutput(io: Io, out: Output): Promise<void> {
  // A table on a terminal shows a screen; everything else (a document too) is complete.
  const cap = io.screenRows();
  if (out.table && !out.doc && out.table.rows.length > cap) {
    const more = out.table.rows.length - cap;
    out = { ...out, table: { ...out.table, rows: out.table.rows.slice(0, cap) }, notes: [...(out.notes ?? []), io.t('msg.more_rows', { n: more })] };
  }
  const text = await render(io, out);
  if (io.g.out) {
    await io.writeFile(io.g.out, text, io.format);
    io.info(io.t('msg.written', { file: io.g.out }));
  } else writeOut(typeof text === 'string' ? text : text.toString('utf8'));
}

/** The backup-age line in the user's language (doctor's note and the warning line). */
export async function backupWarning(io: Io): Promise<string> {
  const { backupStatus } = await import('../app/site/backup.js');
  const b = backupStatus(await io.ctx());
  const days = Math.floor(b.age_ms / 86_400_000);
  const zh: Record<string, string> = { d: '天', h: '小时', m: '分钟' };
  const max = io.lang === 'zh' ? b.max_age.replace(/^(\d+)([dhm])$/, (_, n: string, u: string) => n + zh[u]) : b.max_age;
  return b.last_at == null ? io.t('warn.backup_never', { days, max }) : io.t('warn.backup_stale', { days, max });
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
  // v2 ([000] §2.7): a last backup older than the site's setting (default 7 days) gets its own line.
  try {
    const { backupStatus } = await import('../app/site/backup.js');
    if (backupStatus(ctx).stale) writeErr((await backupWarning(io)) + '\n');
  } catch {
    /* an older folder being read: the warning waits for the next command */
  }
  const { overdueSummary } = await import('../app/overdue.js');
  const s = overdueSummary(ctx);
  if (s.total) {
    const parts = s.groups.map((gr) => io.t('warn.group', { n: gr.count, what: io.t(`warn.what.${gr.module}`, { n: gr.count }) }));
    const line = io.t('warn.overdue', { n: s.total, parts: parts.join(io.lang === 'zh' ? '，' : ', ') });
    const { wrapLine } = await import('../render/table.js');
    writeErr((isTerminal(1) ? wrapLine(line, process.stdout.columns || 80) : line) + '\n');
  }
  // From 1 December: next year's official calendar (the State Council notice) not imported yet.
  const { nextYearUnofficial } = await import('../app/calendar/calendar-import.js');
  const next = nextYearUnofficial(ctx);
  if (next) {
    const { wrapLine } = await import('../render/table.js');
    const line = io.t('warn.next_year_unofficial', { year: next });
    writeErr((isTerminal(1) ? wrapLine(line, process.stdout.columns || 80) : line) + '\n');
  }
}

type Handler = (io: Io, ...args: any[]) => Promise<Output | void> | Output | void;

/** Wrap a use-case handler as a commander action. */
export function action(spec: ActionSpec, handler: Handler, opts: { warn?: boolean } = {}) {
  return async (...args: unknown[]): Promise<void> => {
    const cmd = args[args.length - 1] as Command;
    const positional = args.slice(0, -2);
    const io = makeIo(cmd.optsWithGlobals(), spec);
    checkTextInput(io.opts, positional);
    for (const [k, name] of Object.entries(spec.choices ?? {})) {
      const v = io.opts[k];
      if (typeof v === 'string' && v !== '') io.opts[k] = parseChoice(name, v, io.lang);
    }
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
