import { maskJson } from './format.js';
import type { Output, RenderOpts } from './view.js';

export function renderJson(out: Output, o: RenderOpts): string {
  return JSON.stringify(maskJson(out.json, o.reveal), null, 2) + '\n';
}
