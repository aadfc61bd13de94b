import { maskJson } from './format.js';
import type { Output, RenderOpts } from './view.js';

export function renderJson(out: Output, o: RenderOpts): string {
  const json = typeof out.json === 'function' ? (out.json as () => unknown)() : out.json;
  return JSON.stringify(maskJson(json, o.reveal), null, 2) + '\n';
}
