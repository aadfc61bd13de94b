import type { Ctx } from '../context.js';
import type { Rng } from '../core/rng.js';

/** Adds the complaint module's part of the demo site. Runs inside the demo's write transaction. */
export function seedDemo(_ctx: Ctx, _rng: Rng): void {}
