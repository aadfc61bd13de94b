// node:crypto on demand: loading it costs several milliseconds, and most
// commands (every list, `overdue`) never hash anything. Only the commands
// that write a file, import or export one pay for it.
import { createRequire } from 'node:module';
import type * as Crypto from 'node:crypto';

let crypto: typeof Crypto | undefined;
const load = (): typeof Crypto => (crypto ??= createRequire(import.meta.url)('node:crypto') as typeof Crypto);

/** A streaming SHA-256 (update as the bytes come, then digest). */
export function createSha256(): Crypto.Hash {
  return load().createHash('sha256');
}

export function sha256Hex(data: string | Uint8Array): string {
  return load().createHash('sha256').update(data).digest('hex');
}

/** `bytes` random bytes as hex (temp-file names). */
export function randomHex(bytes: number): string {
  return load().randomBytes(bytes).toString('hex');
}
