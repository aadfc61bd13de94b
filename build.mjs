// Builds dist/ with esbuild. Start-up time is a product requirement (SPEC §9:
// `pmctl overdue` within 1.5× of bare `node -e 0`), so:
// - pure-JS dependencies are bundled: Node's ESM loader pays per file resolved
//   and loaded, far more than for the same code in one file;
// - code splitting keeps each command's code (and heavy libraries such as
//   csv-parse, iconv-lite, @inquirer/prompts) in chunks loaded only when used;
// - better-sqlite3's JavaScript is bundled too; its native addon is loaded
//   by path (src/store/db.ts passes `nativeBinding`);
// - Node built-ins imported by our own ES modules are taken through require():
//   an ESM import of `node:fs` builds a namespace of every export, which
//   touches fs's lazy ReadStream getter and loads the whole streams stack;
// - commander's eager `require('node:child_process')` (only used for
//   stand-alone executable subcommands, which pmctl has none of) is deferred:
//   loading child_process pulls in net, stream and more, ~10 ms.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';

const nodeRequire = createRequire(import.meta.url);

rmSync('dist', { recursive: true, force: true });

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

const builtinsViaRequire = {
  name: 'builtins-via-require',
  setup(b) {
    b.onResolve({ filter: /^node:[a-z_/]+$/ }, (args) =>
      args.kind === 'import-statement' && !/[\\/]node_modules[\\/]/.test(args.importer)
        ? { path: args.path, namespace: 'builtin' }
        : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'builtin' }, (args) => {
      const mod = nodeRequire(args.path);
      const names = Object.keys(mod).filter((k) => {
        const d = Object.getOwnPropertyDescriptor(mod, k);
        return d && 'value' in d && /^[A-Za-z_$][\w$]*$/.test(k) && k !== 'default';
      });
      return {
        contents:
          `const m = require(${JSON.stringify(args.path)});\nexport default m;\n` +
          names.map((k) => `export const ${k} = m.${k};`).join('\n'),
        loader: 'js',
      };
    });
  },
};

await build({
  entryPoints: ['src/cli/main.ts'],
  bundle: true,
  platform: 'node',
  format: 'esm',
  splitting: true,
  outdir: 'dist',
  target: 'node20',
  chunkNames: 'chunks/[name]-[hash]',
  // Bundled CommonJS dependencies call require() for Node built-ins.
  banner: { js: "import { createRequire as __pmctlRequire } from 'node:module'; const require = __pmctlRequire(import.meta.url);" },
  plugins: [lazyChildProcess, builtinsViaRequire],
  logLevel: 'warning',
  minify: process.env.PMCTL_MINIFY !== '0',
  legalComments: 'none',
  charset: 'utf8',
});
