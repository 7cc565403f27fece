// `check` off the main thread: properties spread over worker threads (`--workers N`), and always
// so in a real process, whose main thread must stay free to see SIGINT/SIGTERM. ADAPTER.
// Properties go round-robin by their position, so the assignment, and each property's result,
// is the same whatever N is. Each report comes back as soon as its property is decided (traces
// are saved then, not at the end); an interrupt is a flag in shared memory that the workers'
// searches poll; a worker that runs out of heap leaves its properties `unknown`, never a crash.

import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Worker } from 'node:worker_threads';
import { notStarted, type CheckOptions, type PropertyReport } from '../core/check/check.js';
import type { Property } from '../core/properties/property.js';
import type { RunOptions } from './loadForRun.js';
import { UserPropertyError, type UserPropertyFailure } from './userProperties.js';
import { PathReplayError } from '../core/explore/random.js';

export interface WorkerJob {
  modelArg: string | undefined;
  cwd: string;
  runOptions: RunOptions;
  propertyFiles: string[];
  propertyIds: string[];
  options: Omit<CheckOptions, 'clock' | 'onProperty' | 'onProgress' | 'shouldStop' | 'memoryExceeded'>;
  /** Exhaustive memory budget, MiB (undefined: the default share of the heap limit). */
  memoryMiB: number | undefined;
  /** Int32 flag, 1 once the run is interrupted. */
  stop: SharedArrayBuffer;
  /** Post random-mode progress (for a progress bar on a TTY), at most ten times a second. */
  progress: boolean;
}

/** What a worker posts: one message per decided property, or the user's property throwing. */
export type WorkerMessage =
  | { kind: 'property'; report: PropertyReport }
  | { kind: 'progress'; id: string; done: number; total: number }
  | { kind: 'user-error'; failure: UserPropertyFailure }
  | { kind: 'bad-path'; path: string; property: string };

/** The share of V8's heap limit exhaustive search may fill before it answers `unknown`. */
export const DEFAULT_MEMORY_SHARE = 0.75;

/** V8's garbage collector as a function (`--expose-gc` switched on late, the way test runners do), if it can be had. */
function collector(): (() => void) | undefined {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (typeof exposed === 'function') return exposed;
  try {
    v8.setFlagsFromString('--expose-gc');
    const gc: unknown = runInNewContext('gc');
    return typeof gc === 'function' ? (gc as () => void) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The memory budget as the core's `memoryExceeded` callback: heap in use over `mib` MiB, or over
 * the default share of this isolate's heap limit (`v8.getHeapStatistics().heap_size_limit`).
 * Garbage (a previous property's frontier) does not count: over the budget, the heap is collected
 * and measured again.
 */
export function memoryBudget(mib: number | undefined): { bytes: number; exceeded: () => boolean } {
  const bytes = mib !== undefined ? mib * 2 ** 20 : Math.floor(v8.getHeapStatistics().heap_size_limit * DEFAULT_MEMORY_SHARE);
  let gc: (() => void) | undefined | null = null;
  return {
    bytes,
    exceeded: () => {
      if (process.memoryUsage().heapUsed <= bytes) return false;
      if (gc === null) gc = collector();
      if (!gc) return true;
      gc();
      return process.memoryUsage().heapUsed > bytes;
    },
  };
}

/** The compiled worker script (from source under vitest, the package's dist/ copy). */
function workerScript(): string {
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith('.js')) return join(dirname(here), 'checkWorker.js');
  let dir = dirname(here);
  while (!existsSync(join(dir, 'package.json'))) dir = dirname(dir);
  return join(dir, 'dist', 'src', 'cli', 'checkWorker.js');
}

export interface PoolRun {
  /** Ask every worker to stop (an interrupt): undecided properties come back `unknown (interrupted)`. */
  stop(): void;
  /** Every property's report, in the order of `properties`. */
  done: Promise<PropertyReport[]>;
}

/** Check `properties` in `workers` threads; `onProperty` hears each report as soon as it is decided. */
export function checkInWorkers(
  job: Omit<WorkerJob, 'propertyIds' | 'stop' | 'progress'>,
  properties: readonly Property<any>[],
  workers: number,
  onProperty: (r: PropertyReport) => void,
  onProgress?: (id: string, done: number, total: number) => void,
): PoolRun {
  const ids = properties.map((p) => p.id);
  const stop = new SharedArrayBuffer(4);
  const flag = new Int32Array(stop);
  const n = Math.max(1, Math.min(workers, ids.length));
  const shares = Array.from({ length: n }, (_, w) => ids.filter((_, i) => i % n === w));
  const byId = new Map<string, PropertyReport>();
  const threads: Worker[] = [];
  const one = (propertyIds: string[]) =>
    new Promise<void>((resolve, reject) => {
      const worker = new Worker(workerScript(), { workerData: { ...job, propertyIds, stop, progress: !!onProgress } satisfies WorkerJob });
      threads.push(worker);
      worker.on('message', (m: WorkerMessage) => {
        if (m.kind === 'user-error') return reject(new UserPropertyError(m.failure));
        if (m.kind === 'bad-path') return reject(new PathReplayError(m.path, m.property));
        if (m.kind === 'progress') return onProgress?.(m.id, m.done, m.total);
        byId.set(m.report.id, m.report);
        onProperty(m.report);
        if (propertyIds.every((id) => byId.has(id))) resolve();
      });
      worker.once('error', (e: NodeJS.ErrnoException) => {
        if (e.code !== 'ERR_WORKER_OUT_OF_MEMORY') return reject(e);
        // The heap filled faster than the budget is polled: what this worker had not decided is unknown.
        for (const id of propertyIds.filter((x) => !byId.has(x))) {
          const r = { ...notStarted(properties.find((p) => p.id === id)!, 'the check ran out of memory (the V8 heap limit); lower --memory or --max-states'), interrupted: false };
          byId.set(id, r);
          onProperty(r);
        }
        resolve();
      });
      worker.once('exit', (code) => (propertyIds.every((id) => byId.has(id)) ? resolve() : reject(new Error(`check worker exited with code ${code}`))));
    });
  const done = Promise.all(shares.map(one))
    .then(() => ids.map((id) => byId.get(id)!))
    .finally(() => {
      for (const t of threads) void t.terminate();
    });
  return {
    stop: () => {
      Atomics.store(flag, 0, 1);
    },
    done,
  };
}
