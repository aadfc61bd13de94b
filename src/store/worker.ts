// A worker thread with a database connection of its own, for the reads and
// writes that pay for a second core (a big report, `pmctl demo` at scale).
// The caller's thread stays synchronous: it hands work over in workerData or
// by postMessage, waits with Atomics on a SharedArrayBuffer, and reads the
// worker's replies with receiveMessageOnPort, never its event loop.
import { availableParallelism } from 'node:os';
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import { packageFile } from '../paths.js';
import { dbOptions } from './db.js';

export interface DbWorker {
  worker: Worker;
  /** Where the worker's `workerData.port` posts to. */
  port: MessagePort;
}

/**
 * Runs `source` (plain CommonJS, as it is) on a worker. Its workerData is
 * `data` plus `lib` (better-sqlite3's JavaScript, to require), `addon` (the
 * native addon pmctl loads, for its nativeBinding option) and `port`.
 * Undefined when there is no second core or no worker can start: the caller
 * then does the work itself. A worker that throws past its own handlers ends
 * quietly; `source` reports its failures through `port` and the shared memory
 * the caller waits on.
 */
export function startDbWorker(source: string, data: Record<string, unknown>): DbWorker | undefined {
  if (availableParallelism() < 2) return undefined;
  const lib = packageFile('better-sqlite3/lib/index.js');
  if (!lib) return undefined;
  try {
    const ch = new MessageChannel();
    const worker = new Worker(source, {
      eval: true,
      workerData: { ...data, lib, addon: dbOptions().nativeBinding, port: ch.port2 },
      transferList: [ch.port2],
      stdout: true,
      stderr: true,
    });
    worker.on('error', () => {});
    worker.unref();
    return { worker, port: ch.port1 };
  } catch {
    return undefined;
  }
}
