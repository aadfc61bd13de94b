// Builds dist/ with esbuild. Start-up time is a product requirement (SPEC §9:
// `pmctl overdue` within 1.5× of bare `node -e 0`), so:
// - pure-JS dependencies are bundled: Node's ESM loader pays per file resolved
//   and loaded, far more than for the same code in one file;
// - code splitting keeps each command's code (and heavy libraries such as
//   csv-parse, iconv-lite, @inquirer/prompts) in chunks loaded only when used;
// - better-sqlite3 stays external (a native addon; src/store/db.ts loads its
//   .node file directly);
// - commander's eager `require('node:child_process')` (only used for
//   stand-alone executable subcommands, which pmctl has none of) is deferred:
//   loading child_process pulls in net, stream and more, ~10 ms.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';

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

await build({
  entryPoints: ['src/cli/main.ts'],
  bundle: true,
  platform: 'node',
  format: 'esm',
  splitting: true,
  outdir: 'dist',
  target: 'node20',
  external: ['better-sqlite3'],
  chunkNames: 'chunks/[name]-[hash]',
  // Bundled CommonJS dependencies call require() for Node built-ins.
  banner: { js: "import { createRequire as __pmctlRequire } from 'node:module'; const require = __pmctlRequire(import.meta.url);" },
  plugins: [lazyChildProcess],
  logLevel: 'warning',
  minify: process.env.PMCTL_MINIFY !== '0',
  legalComments: 'none',
});
