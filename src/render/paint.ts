// Colour for terminal output. chalk is loaded only when colour is on: its
// import probes the terminal through Node's tty module, which loads net and
// streams, and plain output (pipes, cron, NO_COLOR, --no-color) needs none of it.
import type { RenderOpts } from './view.js';

const STYLES = ['bold', 'dim', 'underline', 'red', 'yellow', 'green', 'magenta', 'gray', 'cyan'] as const;
export type Style = (typeof STYLES)[number];
export type Painter = Record<Style, (text: string) => string>;

const plain = (text: string) => text;
const PLAIN = Object.fromEntries(STYLES.map((s) => [s, plain])) as Painter;

let chalk: typeof import('chalk') | undefined;

/** Called once before rendering when colour is on (see src/cli/run.ts). */
export async function loadColour(): Promise<void> {
  chalk ??= await import('chalk');
}

export function painter(o: Pick<RenderOpts, 'color'>): Painter {
  if (!o.color) return PLAIN;
  if (!chalk) throw new Error('painter: loadColour() was not awaited');
  return new chalk.Chalk({ level: 1 });
}
