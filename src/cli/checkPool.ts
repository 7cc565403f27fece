// `check` off the main thread: properties spread over worker threads (`--workers N`, by default
// every core), and always so in a real process, whose main thread must stay free to see
// SIGINT/SIGTERM. ADAPTER. The work is a queue of units (workUnits.ts: whole properties, ranges
// of one random property's runs, or ranges of runs that every random property walks together)
// that free threads take in order, consecutive ranges as one span (spanLength.ts); a unit's result
// for each property depends only on the model, options and seed, and each property's ranges merge
// into what one thread reports (settleRanges.ts), so the report is the same whatever N is. Each report comes back as soon as its property is
// decided (traces are saved then, not at the end); an interrupt is a flag in shared memory that
// the workers' searches poll; a thread that runs out of heap leaves its unit `unknown`, never a crash.

import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { MessageChannel, type MessagePort, Worker } from 'node:worker_threads';
import { notStarted, type CheckOptions, type PropertyReport } from '../core/check/check.js';
import type { Property } from '../core/properties/property.js';
import type { Scenario } from '../core/scenario.js';
import type { RunOptions } from './loadForRun.js';
import { settleRanges, type RangeResult } from './settleRanges.js';
import { spanLength } from './spanLength.js';
import { sharedNow } from './splitUnit.js';
import { jobUnits, splitsExhaustive, usefulThreads, type WorkUnit } from './workUnits.js';
import { UserPropertyError, type UserPropertyFailure } from './userProperties.js';
import { PathReplayError } from '../core/explore/random.js';

export interface WorkerJob {
  modelArg: string | undefined;
  cwd: string;
  runOptions: RunOptions;
  /**
   * The model's scenario as the main thread loaded it (`--bounds`/`--set` applied): a worker
   * builds the model from it and does not read and parse the configs again (per thread, that
   * cost as much as the rest of its start-up). Absent: read from `modelArg` and `runOptions`.
   */
  scenario?: Scenario;
  propertyFiles: string[];
  /** Every unit of the check; the pool posts a unit's index when a worker is to take it. */
  units: WorkUnit[];
  options: Omit<CheckOptions, 'clock' | 'onProperty' | 'onProgress' | 'shouldStop' | 'memoryExceeded'>;
  /** Exhaustive memory budget, MiB (undefined: the default share of the heap limit). */
  memoryMiB: number | undefined;
  /** Int32 flag, 1 once the run is interrupted. */
  stop: SharedArrayBuffer;
  /** How many properties the check has (the pool's, in suite order: a unit's `index`). */
  propertyCount: number;
  /** Int32 flag per unit and property (unit x properties + property), 1 once its result cannot matter (a range after a violation). */
  cancel: SharedArrayBuffer;
  /** Post random-mode progress (for a progress bar on a TTY), at most ten times a second. */
  progress: boolean;
}

/**
 * What the pool posts to a worker: check this unit (through unit `last`, a span of consecutive
 * ranges of one property, checked as one range); with `helpers` (ports to the other threads)
 * as the leader of a search split over threads, with `help` as one of those threads
 * (splitUnit.ts). `deadline`: the time limit, on sharedNow's clock.
 */
export interface UnitRequest {
  unit: number;
  last?: number;
  helpers?: MessagePort[];
  help?: MessagePort;
  deadline?: number;
}

/**
 * What a worker posts: ready (loaded), a unit's (or span's, by its first unit) result for one
 * property (its index in the job's suite) as soon as it is decided, the span done, progress, or the
 * user's property throwing.
 */
export type WorkerMessage =
  | { kind: 'ready' }
  | { kind: 'helped' }
  | { kind: 'unit'; unit: number; property: number; result: RangeResult }
  | { kind: 'done'; unit: number }
  | { kind: 'progress'; unit: number; property: number; done: number }
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
export function memoryBudget(mib: number | undefined): { bytes: number; exceeded: (outsideHeap?: number) => boolean } {
  const bytes = mib !== undefined ? mib * 2 ** 20 : Math.floor(v8.getHeapStatistics().heap_size_limit * DEFAULT_MEMORY_SHARE);
  let gc: (() => void) | undefined | null = null;
  return {
    bytes,
    // `outsideHeap`: what the search holds in typed arrays (its fingerprint set and BFS tree),
    // which heapUsed does not count; it is memory all the same.
    exceeded: (outsideHeap = 0) => {
      if (process.memoryUsage().heapUsed + outsideHeap <= bytes) return false;
      if (gc === null) gc = collector();
      if (!gc) return true;
      gc();
      return process.memoryUsage().heapUsed + outsideHeap > bytes;
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

/**
 * The threads `checkInWorkers` starts for this job: `workers`, or fewer when the job cannot keep
 * them busy (`perThread`: the world steps a random job needs for each thread, workUnits.ts).
 */
export function poolSize(properties: readonly Property<any>[], options: WorkerJob['options'], workers: number, perThread?: number): number {
  const units = jobUnits(
    properties.map((p) => p.id),
    options,
    workers > 1,
    workers,
  );
  return splitsExhaustive(units, options, workers) ? workers : Math.max(1, Math.min(workers, usefulThreads(units, options, perThread)));
}

const OUT_OF_MEMORY = 'the check ran out of memory (the V8 heap limit); lower --memory or --max-states';

/**
 * Check `properties` in up to `workers` threads; `onProperty` hears each report as soon as it is
 * decided. The units (workUnits.ts) form one queue: a worker that is free takes the next, so a long
 * property does not hold up the others' share, and each thread loads the model once, not per unit.
 */
export function checkInWorkers(
  job: Omit<WorkerJob, 'units' | 'stop' | 'cancel' | 'progress' | 'propertyCount'>,
  properties: readonly Property<any>[],
  workers: number,
  onProperty: (r: PropertyReport) => void,
  onProgress?: (id: string, done: number, total: number) => void,
): PoolRun {
  const ids = properties.map((p) => p.id);
  const units = jobUnits(ids, job.options, workers > 1, workers);
  const split = splitsExhaustive(units, job.options, workers);
  const n = split ? workers : Math.max(1, Math.min(workers, usefulThreads(units, job.options)));
  const stop = new SharedArrayBuffer(4);
  const stopped = new Int32Array(stop);
  // Flags, progress and results by unit and property: entry u x P + p (unitSlot).
  const P = ids.length;
  const cancel = new SharedArrayBuffer(4 * units.length * P);
  const cancelled = new Int32Array(cancel);
  const data: WorkerJob = { ...job, units, stop, cancel, progress: !!onProgress, propertyCount: P };
  // The properties each unit checks (a shared unit: all of them), and each property's units.
  const covers = units.map((u) => (u.index >= 0 ? [u.index] : (u.coversAt ?? ids.map((_, p) => p))));
  const byProperty = ids.map(() => [] as number[]);
  for (const [i, c] of covers.entries()) for (const p of c) byProperty[p].push(i);
  /** A unit none of whose properties' results can matter any more. */
  const unitCancelled = (u: number) => covers[u].every((p) => Atomics.load(cancelled, u * P + p) === 1);
  // By a span's first unit and property: its result; by a span's first unit: its last unit (undefined: not yet taken).
  const results: (RangeResult | undefined)[] = Array.from({ length: units.length * P }, () => undefined);
  const spanLast: (number | undefined)[] = units.map(() => undefined);
  const progress = Array.from({ length: units.length * P }, () => 0);
  const reports: (PropertyReport | undefined)[] = ids.map(() => undefined);
  const queue = units.map((_, i) => i);
  let outstanding = units.length;
  const threads = new Set<Worker>();
  let finish!: () => void;
  let fail!: (e: unknown) => void;
  const settledAll = new Promise<void>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });

  /** A span's result for property `p` is in: decide the property if it now can be. */
  const record = (u: number, p: number, result: RangeResult) => {
    if (reports[p] !== undefined) return;
    results[u * P + p] = result;
    // The property's ranges in run order: each span taken once, each unit not yet taken alone.
    const starts: number[] = [];
    const mine = byProperty[p];
    for (let i = 0; i < mine.length; i += (spanLast[mine[i]] ?? mine[i]) - mine[i] + 1) starts.push(mine[i]);
    const s =
      mine.length === 1
        ? { decided: true as const, report: result.report, cancel: [] }
        : settleRanges(
            starts.map((k) => results[k * P + p]),
            job.options.runs,
          );
    if (s.decided) {
      reports[p] = s.report;
      for (const c of s.cancel) Atomics.store(cancelled, starts[c] * P + p, 1);
      onProperty(s.report);
    }
  };
  /** A span is done (or will never be taken): once every unit is, the check is. */
  const finishSpan = (u: number) => {
    const last = spanLast[u] ?? u;
    outstanding -= last - u + 1;
    if (outstanding === 0) finish();
  };
  /** What an undecided unit reports for property `p`: never started (interrupt) or its thread's heap filled. */
  const unstarted = (p: number, reason?: string): RangeResult => {
    const report = reason ? { ...notStarted(properties[p], reason), interrupted: false } : notStarted(properties[p]);
    return { report, vacuity: { judged: false, best: null } };
  };
  /** Span `u` ends undecided for every property it has not reported yet. */
  const abandon = (u: number, reason?: string) => {
    for (const p of covers[u]) if (!results[u * P + p]) record(u, p, unstarted(p, reason));
    finishSpan(u);
  };
  /** The next unit worth checking; those cancelled or stopped before they start are settled here. */
  const next = (): number | undefined => {
    for (let u = queue.shift(); u !== undefined; u = queue.shift()) {
      if (unitCancelled(u)) finishSpan(u);
      else if (Atomics.load(stopped, 0) === 1) abandon(u);
      else return u;
    }
    return undefined;
  };
  // Split mode (one exhaustive property over every thread, splitUnit.ts): a unit starts once
  // every thread is free; the first takes it as leader, the others help it over MessagePorts.
  const idle: Worker[] = [];
  let groupUnit: number | undefined;
  const dispatchGroup = () => {
    if (groupUnit !== undefined || idle.length < n) return;
    const u = next();
    if (u === undefined) return;
    groupUnit = u;
    const [leader, ...helpers] = idle.splice(0);
    const channels = helpers.map(() => new MessageChannel());
    const deadline = job.options.timeLimitMs !== undefined ? sharedNow() + job.options.timeLimitMs : undefined;
    const ports = channels.map((c) => c.port1);
    leader.postMessage({ unit: u, helpers: ports, deadline } satisfies UnitRequest, ports);
    for (const [i, h] of helpers.entries()) h.postMessage({ unit: u, help: channels[i].port2, deadline } satisfies UnitRequest, [channels[i].port2]);
  };
  /** Threads ended on purpose (a split unit's threads after one of them ran out of heap). */
  const retired = new Set<Worker>();
  const start = () => {
    const worker = new Worker(workerScript(), { workerData: data });
    threads.add(worker);
    let current: number | undefined;
    const take = () => {
      current = next();
      if (current === undefined) return;
      // The head was next()'s; the rest of the span comes off the queue with it.
      const length = spanLength([current, ...queue], units, n, unitCancelled);
      const last = length > 1 ? queue[length - 2] : current;
      queue.splice(0, length - 1);
      spanLast[current] = last;
      worker.postMessage({ unit: current, ...(last > current ? { last } : {}) } satisfies UnitRequest);
    };
    const free = () => {
      idle.push(worker);
      dispatchGroup();
    };
    worker.on('message', (m: WorkerMessage) => {
      if (m.kind === 'ready') return split ? free() : take();
      if (m.kind === 'helped') return free();
      if (m.kind === 'user-error') return fail(new UserPropertyError(m.failure));
      if (m.kind === 'bad-path') return fail(new PathReplayError(m.path, m.property));
      if (m.kind === 'progress') {
        progress[m.unit * P + m.property] = m.done;
        return onProgress?.(
          ids[m.property],
          byProperty[m.property].reduce((a, k) => a + progress[k * P + m.property], 0),
          job.options.runs,
        );
      }
      if (m.kind === 'unit') return record(m.unit, m.property, m.result);
      if (split) {
        groupUnit = undefined;
        finishSpan(m.unit);
        return free();
      }
      current = undefined;
      finishSpan(m.unit);
      take();
    });
    worker.once('error', (e: NodeJS.ErrnoException) => {
      threads.delete(worker);
      if (e.code !== 'ERR_WORKER_OUT_OF_MEMORY') return fail(e);
      if (split) {
        // One thread of a split unit ran out of heap: the unit is unknown, its other threads
        // wait on the lost one, so every thread goes and fresh ones take the rest of the queue.
        const u = groupUnit;
        groupUnit = undefined;
        idle.splice(0);
        for (const t of threads) {
          retired.add(t);
          void t.terminate();
        }
        if (u !== undefined) abandon(u, OUT_OF_MEMORY);
        if (queue.length) for (let i = 0; i < n; i++) start();
        return;
      }
      // The heap filled faster than the budget is polled: the unit under way is unknown, and a
      // fresh thread (a fresh heap) takes the rest of the queue.
      const u = current;
      current = undefined;
      if (u !== undefined) abandon(u, OUT_OF_MEMORY);
      if (queue.length) start();
    });
    worker.once('exit', (code) => {
      threads.delete(worker);
      if (current !== undefined || (split && groupUnit !== undefined && !retired.has(worker))) fail(new Error(`check worker exited with code ${code}`));
    });
  };
  for (let i = 0; i < n; i++) start();
  const done = settledAll
    .then(() => reports.map((r) => r!))
    .finally(() => {
      for (const t of threads) void t.terminate();
    });
  return {
    stop: () => {
      Atomics.store(stopped, 0, 1);
    },
    done,
  };
}
