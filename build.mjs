// Builds dist/. Start-up time is a product requirement (SPEC §9: `pmctl
// overdue` within 1.5× of bare `node -e 0`), so:
// - everything but the native addon is bundled into one CommonJS file,
//   dist/pmctl.cjs: Node's module loaders pay per file resolved and loaded;
// - esbuild turns each `await import('./commands/x.js')` into a lazily run
//   module inside that file, so a command still only runs the code it needs;
// - bin/pmctl compiles the bundle with V8's code cache (dist/pmctl-<hash>.cache,
//   trained below by running the everyday read commands once): V8 then skips
//   parsing and compiling, which is most of a command's start-up. Node 20 has
//   no compile cache for ES modules, hence CommonJS;
// - better-sqlite3's native addon is loaded by path (src/store/db.ts passes
//   `nativeBinding`);
// - the message catalogue is written as one JSON file per language
//   (dist/i18n/<lang>.json) and only the language in use is parsed;
// - commander's eager `require('node:child_process')` (only used for
//   stand-alone executable subcommands, which pmctl has none of) is deferred:
//   loading child_process pulls in net, stream and more.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = resolve('.');
rmSync('dist', { recursive: true, force: true });
mkdirSync('dist/i18n', { recursive: true });

const lazyChildProcess = {
  name: 'lazy-child-process',
  setup(b) {
    b.onResolve({ filter: /^(node:)?child_process$/ }, (args) =>
      /[\\/]node_modules[\\/]commander[\\/]/.test(args.importer) ? { path: 'lazy-child-process', namespace: 'lazy' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'lazy' }, () => ({
      contents: "module.exports = { spawn: (...a) => require('node:child_process').spawn(...a) };",
      loader: 'js',
    }));
  },
};

// Half the bundle would be iconv-lite's code tables, read on every command
// for the rare GB18030 import: these load from node_modules when needed. So
// does exceljs (a megabyte), for `--out FILE.xlsx` and .xlsx imports only
// (which load its streaming reader alone: src/store/import/filesource.ts).
const EXTERNAL = ['iconv-lite', 'chardet', 'exceljs'];

// A script compiled from a code cache has no import() callback: a lazy
// `await import('node:x')` (or of an external package) in our code becomes a
// lazily run require().
const dynamicBuiltins = {
  name: 'dynamic-builtins',
  setup(b) {
    b.onResolve({ filter: /^(node:[a-z_/]+|iconv-lite|chardet|exceljs|exceljs\/lib\/stream\/xlsx\/workbook-reader\.js)$/ }, (args) =>
      args.kind === 'dynamic-import' ? { path: args.path, namespace: 'builtin-dynamic' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'builtin-dynamic' }, (args) => ({
      contents: `module.exports = require(${JSON.stringify(args.path)});`,
      loader: 'js',
    }));
  },
};

// cli-table3 measures every cell's text with string-width several times over
// while it lays out and draws (a list of 50 rows makes thousands of calls,
// each running an emoji regular expression over the text); most of a table's
// drawing time is spent there. The widths of a string never change, so
// cli-table3 gets string-width behind a cache, and most cells' widths from
// src/render/cell-width.ts without it.
const memoStringWidth = {
  name: 'memo-string-width',
  setup(b) {
    b.onResolve({ filter: /^string-width$/ }, (args) =>
      /[\\/]node_modules[\\/]cli-table3[\\/]/.test(args.importer)
        ? { path: 'string-width', namespace: 'memo-string-width', pluginData: { resolveDir: dirname(args.importer) } }
        : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'memo-string-width' }, (args) => ({
      contents: `const stringWidth = require('string-width');
const { knownWidth } = require(${JSON.stringify(join(ROOT, 'src/render/cell-width.ts'))});
const widths = new Map();
module.exports = (s) => {
  let w = widths.get(s);
  if (w === undefined) widths.set(s, (w = (typeof s === 'string' ? knownWidth(s) : undefined) ?? stringWidth(s)));
  return w;
};`,
      loader: 'js',
      resolveDir: args.pluginData.resolveDir,
    }));
  },
};

// cli-table3 works out every cell's 16 border characters from the table's
// options, name by name, though a cell without characters of its own always
// gets the table's: a third of drawing a list. Those cells share one set per
// table here (the cells only read it). The build stops if cli-table3's code
// is not what this expects (an upgrade): the patch is then to be looked at again.
const CELL_CHARS_BEFORE = `    let chars = (this.chars = {});
    CHAR_NAMES.forEach(function (name) {
      setOption(optionsChars, tableChars, name, chars);
    });`;
const CELL_CHARS_AFTER = `    let chars = !this.options.chars && tableChars ? SHARED_CHARS.get(tableChars) : undefined;
    if (!chars) {
      chars = {};
      CHAR_NAMES.forEach(function (name) {
        setOption(optionsChars, tableChars, name, chars);
      });
      if (!this.options.chars && tableChars) SHARED_CHARS.set(tableChars, chars);
    }
    this.chars = chars;`;
const sharedCellChars = {
  name: 'shared-cell-chars',
  setup(b) {
    b.onLoad({ filter: /[\\/]node_modules[\\/]cli-table3[\\/]src[\\/]cell\.js$/ }, (args) => {
      const src = readFileSync(args.path, 'utf8');
      if (!src.includes(CELL_CHARS_BEFORE)) throw new Error(`build.mjs: ${args.path} is not the cli-table3 the shared-cell-chars patch expects`);
      return { contents: 'const SHARED_CHARS = new WeakMap();\n' + src.replace(CELL_CHARS_BEFORE, CELL_CHARS_AFTER), loader: 'js' };
    });
  },
};

// cli-table3 fills a table's gaps by asking, for every row and column,
// whether any cell of the rows so far covers it, scanning from the top: for a
// full table of r rows that is some r² × columns² / 2 comparisons (14 000 for
// a 20-row list). Scanning from the position's own row up finds the covering
// cell at once when there are no row spans, with the same answer: the loop
// only asks whether one exists. Checked against the source like the patch above.
const CONFLICT_BEFORE = `    for (let i = 0; i <= i_max; i++) {
      let row = rows[i];
      for (let j = 0; j < row.length; j++) {
        if (cellsConflict(cell, row[j])) {`;
const CONFLICT_AFTER = `    for (let i = i_max; i >= 0; i--) {
      let row = rows[i];
      for (let j = 0; j < row.length; j++) {
        if (cellsConflict(cell, row[j])) {`;
const ownRowFirst = {
  name: 'own-row-first',
  setup(b) {
    b.onLoad({ filter: /[\\/]node_modules[\\/]cli-table3[\\/]src[\\/]layout-manager\.js$/ }, (args) => {
      const src = readFileSync(args.path, 'utf8');
      if (!src.includes(CONFLICT_BEFORE)) throw new Error(`build.mjs: ${args.path} is not the cli-table3 the own-row-first patch expects`);
      return { contents: src.replace(CONFLICT_BEFORE, CONFLICT_AFTER), loader: 'js' };
    });
  },
};

// src/cli/i18n/messages.ts merges the TypeScript tables (tests use it as is);
// the binary reads the same tables from dist/i18n/<lang>.json instead.
const messagesFromJson = {
  name: 'messages-from-json',
  setup(b) {
    // Every import of the catalogue (i18n/index.ts, the choice reader in
    // cli/choices.ts): one more importer of the TypeScript tables would put
    // both languages' object literals back on every command's start-up.
    b.onResolve({ filter: /(^|\/)messages\.js$/ }, (args) =>
      /[\\/]src[\\/]cli[\\/]i18n[\\/]messages\.js$/.test(join(args.resolveDir, args.path)) ? { path: 'messages', namespace: 'i18n-json' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'i18n-json' }, () => ({
      contents: `import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '${join(ROOT, 'src/paths.ts').replace(/\\/g, '/')}';
const cache = {};
const whole = {};
const read = (name) => JSON.parse(readFileSync(join(ROOT, 'dist', 'i18n', name + '.json'), 'utf8'));
export function loadMessages(lang) {
  return (cache[lang] ??= read(lang));
}
export function loadAllMessages(lang) {
  const m = loadMessages(lang);
  if (!whole[lang]) {
    whole[lang] = true;
    Object.assign(m, read(lang + '-cold'));
  }
  return m;
}`,
      loader: 'js',
      resolveDir: ROOT,
    }));
  },
};

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  logLevel: 'warning',
  legalComments: 'none',
};

// 1. The catalogue, one JSON file per language.
const cat = await build({ ...common, entryPoints: ['src/cli/i18n/messages.ts'], format: 'esm', write: false });
const catFile = join(ROOT, 'dist', 'messages.tmp.mjs');
writeFileSync(catFile, cat.outputFiles[0].text);
const { loadMessages } = await import(pathToFileURL(catFile).href);
// Errors, their fixes, prompts and the audit log's words (40 % of the text)
// are read only when one is needed: a command that succeeds parses the rest.
const COLD = /^(err|fix|prompt|logact|logfield|logent)\./;
for (const lang of ['zh', 'en']) {
  const all = Object.entries(loadMessages(lang));
  writeFileSync(`dist/i18n/${lang}.json`, JSON.stringify(Object.fromEntries(all.filter(([k]) => !COLD.test(k)))));
  writeFileSync(`dist/i18n/${lang}-cold.json`, JSON.stringify(Object.fromEntries(all.filter(([k]) => COLD.test(k)))));
}
rmSync(catFile);

// 2. The bundles. The everyday read commands get a bundle of their own
// (dist/pmctl-<command>.cjs: the registry's other commands left out, a third
// of the code), so V8 reads, deserializes and sets up less on every run; every
// other command uses the whole one (dist/pmctl.cjs). bin/pmctl picks the file
// from the command word, as src/cli/main.ts reads it. Each file's first line
// names its build, so a code cache is only ever used with the exact text it
// was made from.
const TRAINING = {
  overdue: [['overdue'], ['overdue', '--lang', 'zh']],
  complaint: [
    ['complaint', 'list'],
    ['complaint', 'list', '--json'],
  ],
  archive: [
    ['archive', 'find', '1-1-101'],
    ['archive', 'find', '张'],
  ],
  report: [['report', 'monthly']],
  request: [
    ['request', 'list'],
    ['request', 'list', '--json'],
  ],
  patrol: [
    ['patrol', 'list'],
    ['patrol', 'list', '--json'],
  ],
  finding: [
    ['finding', 'list'],
    ['finding', 'list', '--json'],
  ],
};

/** The registry with only `command`'s module; the others cannot be reached from this bundle (bin/pmctl never runs them here). */
const onlyCommand = (command) => ({
  name: 'only-command',
  setup(b) {
    b.onLoad({ filter: /[\\/]src[\\/]cli[\\/]registry\.ts$/ }, (args) => {
      const src = readFileSync(args.path, 'utf8');
      const kept = src.replace(/import\('\.\/commands\/(\w+)\.js'\)/g, (all, name) =>
        name === command ? all : `Promise.reject(new Error('pmctl: the ${command} bundle has no ${name} command'))`,
      );
      if (!kept.includes(`import('./commands/${command}.js')`)) throw new Error(`build.mjs: no registry entry loads ./commands/${command}.js`);
      return { contents: kept, loader: 'ts' };
    });
  },
});

async function bundle(command) {
  const out = await build({
    ...common,
    entryPoints: ['src/cli/main.ts'],
    format: 'cjs',
    write: false,
    outfile: 'dist/pmctl.cjs',
    define: { 'import.meta.url': '__pmctl_import_meta_url' },
    banner: { js: "const __pmctl_import_meta_url = require('node:url').pathToFileURL(__filename).href;" },
    plugins: [lazyChildProcess, dynamicBuiltins, ...TABLE_PATCHES, messagesFromJson, ...(command ? [onlyCommand(command)] : [])],
    external: EXTERNAL,
    minify: process.env.PMCTL_MINIFY !== '0',
    // Pure ASCII: bin/pmctl reads it as latin1, which skips UTF-8 decoding.
    charset: 'ascii',
  });
  // esbuild leaves the characters of regular expression literals as they are
  // (`/[年月]/`); a \u escape means the same there (and in strings and names).
  const code = out.outputFiles[0].text.replace(/[^\x00-\x7f]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
  const encoding = /[^\x00-\x7f]/.test(code) ? 'utf8' : 'latin1';
  const hash = createHash('sha256').update(code).digest('hex').slice(0, 16);
  writeFileSync(command ? `dist/pmctl-${command}.cjs` : 'dist/pmctl.cjs', `//pmctl-build:${hash}:${encoding}:${command}\n` + code);
}

// PMCTL_TABLE_PATCHES=0 builds with cli-table3 as published, to measure what
// the three patches save (issue 16: kept only while they pay their way).
const TABLE_PATCHES = process.env.PMCTL_TABLE_PATCHES === '0' ? [] : [memoStringWidth, sharedCellChars, ownRowFirst];

const trained = process.env.PMCTL_CODE_CACHE === '0' ? [] : Object.keys(TRAINING);
await Promise.all(['', ...Object.keys(TRAINING)].map(bundle));

// 3. Train the code caches, each in one process running its commands once, on
// a throw-away demo site.
if (trained.length) {
  const site = mkdtempSync(join(tmpdir(), 'pmctl-train-'));
  const env = { ...process.env, PMCTL_NOW: '2026-11-23T10:00:00+08:00', PMCTL_DATA: site, NO_COLOR: '1' };
  delete env.PMCTL_USER;
  const bin = join(ROOT, 'bin', 'pmctl');
  const train = (runs, name) => {
    const r = spawnSync(process.execPath, [bin], {
      env: { ...env, PMCTL_CODE_CACHE_TRAIN: JSON.stringify(runs), PMCTL_CODE_CACHE_NAME: name },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    if (r.status !== 0) throw new Error(`training run ${name || 'general'} exited ${r.status}`);
  };
  try {
    const demo = spawnSync(process.execPath, [bin, 'demo', '--json'], { env: { ...env, PMCTL_CODE_CACHE: '0' }, stdio: 'ignore' });
    if (demo.status !== 0) throw new Error(`pmctl demo exited ${demo.status}`);
    for (const [name, runs] of Object.entries(TRAINING)) train(runs, name);
    train(Object.values(TRAINING).flat(), '');
  } finally {
    rmSync(site, { recursive: true, force: true });
  }
}
