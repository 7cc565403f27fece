// What the machine gives two threads at this moment: the same fixed work in 1 thread and in 2
// threads at once, wall time. On an idle 2-core machine 2 threads take as long as 1 (capacity
// 2.0x); on cores other jobs keep busy, less. The worker-pool figures are read against it.
// Two kinds of work: a plain CPU loop (the cores alone), and the bare walk of the seed lab (the
// engine's own work: a heap of its own per thread, the collector's and compiler's threads, memory
// traffic), the most any split of the engine's work over 2 threads could get here (issue 9).
// NOT PURE (worker threads, timing); called from bench/run.ts.

import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';

/** A loop of about 0.5-1 s of one core, with no memory traffic (nothing but the core is measured). */
const LOOP = `
const { parentPort, workerData } = require('node:worker_threads');
let x = 0;
for (let i = 0; i < workerData; i++) x = (x * 31 + i) % 1000003;
parentPort.postMessage(x);
`;

/** Wall ms for `threads` threads started by `start` at once, each ended by its first message. */
async function threadsMs(threads: number, start: () => Worker): Promise<number> {
  const t0 = performance.now();
  await Promise.all(
    Array.from(
      { length: threads },
      () =>
        new Promise<void>((resolve, reject) => {
          const w = start();
          w.once('message', () => void w.terminate().then(() => resolve()));
          w.once('error', reject);
        }),
    ),
  );
  return performance.now() - t0;
}

/** Wall ms for `threads` threads each running the same loop of `iterations`. */
export function spinThreadsMs(threads: number, iterations = 100_000_000): Promise<number> {
  return threadsMs(threads, () => new Worker(LOOP, { eval: true, workerData: iterations }));
}

/** Wall ms for `threads` threads each taking the same `steps` world steps of the seed lab's bare walk (walkThread.ts), start-up included. */
export function walkThreadsMs(threads: number, steps = 1_000_000): Promise<number> {
  return threadsMs(threads, () => new Worker(new URL('./walkThread.js', import.meta.url), { workerData: steps }));
}
