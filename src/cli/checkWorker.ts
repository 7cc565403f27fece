// A worker thread of `check`: builds the model and loads the suite once, then checks the units the
// pool posts (a whole property, a range of a random property's runs, or a range every random
// property walks together, one unit or a span of several, fast-check's `path` "K" starting at run
// K) and posts each property's result as soon as it is decided, then that the span is done. ADAPTER
// (worker_threads). A result depends only on the model, options, seed and range, so the merged
// report equals a single-threaded one. An interrupt is the
// shared stop flag, a range that can no longer matter its own cancel flag; the memory budget is
// this thread's own heap.

import { parentPort, workerData } from 'node:worker_threads';
import { check, checkShared } from '../core/check/check.js';
import { PathReplayError } from '../core/explore/random.js';
import { memoryBudget, type UnitRequest, type WorkerJob, type WorkerMessage } from './checkPool.js';
import { createModel } from '../core/world/model.js';
import { recordVacuity } from './recordVacuity.js';
import { checkSplit, serveHelper, sharedNow, type ThreadBudgets } from './splitUnit.js';
import { loadSuite, UserPropertyError } from './userProperties.js';

const job = workerData as WorkerJob;
const stop = new Int32Array(job.stop);
const cancel = new Int32Array(job.cancel);
const post = (m: WorkerMessage) => parentPort!.postMessage(m);
// From the main thread's scenario when it sent one: the config reader and parser are then never loaded here.
const model = job.scenario ? createModel(job.scenario, { mutant: job.runOptions.mutant ?? null }) : (await import('./loadForRun.js')).loadForRun(job.modelArg, job.runOptions, job.cwd).model!;
const { properties } = await loadSuite(job.propertyFiles, job.cwd);
const memoryExceeded = memoryBudget(job.memoryMiB).exceeded;

/**
 * One exhaustive property checked with other threads (splitUnit.ts): as the leader, with `helpers`
 * the ports to the others, or as a helper serving `help`, after which the pool hears it is free.
 * Past the memory budget the leader checks the property alone (checkUnit).
 */
async function checkSplitUnit(m: UnitRequest): Promise<void> {
  const unit = job.units[m.unit];
  const p = properties.find((x) => x.id === unit.property)!;
  const deadline = m.deadline ?? Infinity;
  const budgets: ThreadBudgets = {
    shouldStop: () => (Atomics.load(stop, 0) === 1 || Atomics.load(cancel, m.unit * job.propertyCount + unit.index) === 1 ? 'interrupted' : sharedNow() > deadline),
    memoryExceeded,
  };
  if (m.help) {
    await serveHelper(model, p, m.help, budgets, job.options.scopes ?? []);
    post({ kind: 'helped' });
    return;
  }
  const report = await checkSplit(model, p, job.options, m.helpers!, budgets);
  if (!report) return checkUnit(m.unit);
  post({ kind: 'unit', unit: m.unit, property: unit.index, result: { report, vacuity: { judged: !report.vacuous, best: null } } });
  post({ kind: 'done', unit: m.unit });
}

/** Progress posts for unit `u`, at most ten a second per property (`at`: the property's index in the job's suite). */
function progressOf(u: number, at: (id: string) => number) {
  if (!job.progress) return undefined;
  const last = new Map<number, number>();
  return (id: string, done: number, total: number) => {
    const property = at(id);
    const now = performance.now();
    if (now - (last.get(property) ?? 0) < 100 && done < total) return;
    last.set(property, now);
    post({ kind: 'progress', unit: u, property, done });
  };
}

/**
 * A shared unit (workUnits.ts jobUnits): runs `u`..`last` for every property of the job on one walk
 * (check.ts checkShared), each property's result posted as soon as it is decided.
 */
function checkSharedUnit(u: number, last: number): void {
  const unit = job.units[u];
  const ids = unit.covers!;
  const ps = ids.map((id) => properties.find((x) => x.id === id)!);
  // A range needs its vacuity stage to merge; a whole check's reports already have their own.
  const watched = unit.chunks > 1 ? ps.map((p) => recordVacuity(p)) : undefined;
  const runs = unit.chunks > 1 ? job.units.slice(u, last + 1).reduce((n, x) => n + x.runs!, 0) : job.options.runs;
  checkShared(
    model,
    watched?.map((w) => w.property) ?? ps,
    {
      ...job.options,
      runs,
      from: unit.from,
      clock: () => performance.now(),
      shouldStop: () => Atomics.load(stop, 0) === 1,
      memoryExceeded,
      onProgress: progressOf(u, (id) => ids.indexOf(id)),
    },
    {
      onDecided: (i, report) => post({ kind: 'unit', unit: u, property: i, result: { report, vacuity: watched?.[i].result() ?? { judged: !report.vacuous, best: null } } }),
      dropped: (i) => Atomics.load(cancel, u * job.propertyCount + i) === 1,
      // A later range's failure matters only if the ranges before it hold: shrunk at the end of the span, if still wanted.
      defer: unit.from > 0,
    },
  );
  post({ kind: 'done', unit: u });
}

/**
 * A group of exhaustive properties (workUnits.ts searchGroups): searched taking turns, sharing
 * world steps (check.ts), each property's result posted as soon as it is decided, by its position
 * among the job's properties (WorkUnit.coversAt).
 */
function checkSearchGroup(u: number): void {
  const unit = job.units[u];
  const order = (id: string) => unit.coversAt![unit.covers!.indexOf(id)];
  check(
    model,
    unit.covers!.map((id) => properties.find((x) => x.id === id)!),
    {
      ...job.options,
      clock: () => performance.now(),
      shouldStop: () => Atomics.load(stop, 0) === 1,
      memoryExceeded,
      onProperty: (report) => post({ kind: 'unit', unit: u, property: order(report.id), result: { report, vacuity: { judged: !report.vacuous, best: null } } }),
    },
  );
  post({ kind: 'done', unit: u });
}

/** Check unit `u`, or the span of consecutive ranges `u`..`last` of its property as one range. */
function checkUnit(u: number, last = u): void {
  const unit = job.units[u];
  if (unit.covers && job.options.mode === 'exhaustive') return checkSearchGroup(u);
  if (unit.covers) return checkSharedUnit(u, last);
  const p = properties.find((x) => x.id === unit.property)!;
  // A range needs its vacuity stage to merge; a whole property's report already has its own.
  const watched = unit.chunks > 1 ? recordVacuity(p) : undefined;
  const runs = job.units.slice(u, last + 1).reduce((n, x) => n + x.runs!, 0);
  const range = unit.chunks > 1 ? { runs, path: unit.from > 0 ? String(unit.from) : undefined } : {};
  const report = check(model, [watched?.property ?? p], {
    ...job.options,
    ...range,
    clock: () => performance.now(),
    shouldStop: () => Atomics.load(stop, 0) === 1 || Atomics.load(cancel, u * job.propertyCount + unit.index) === 1,
    memoryExceeded,
    onProgress: progressOf(u, () => unit.index),
  }).properties[0];
  post({ kind: 'unit', unit: u, property: unit.index, result: { report, vacuity: watched?.result() ?? { judged: !report.vacuous, best: null } } });
  post({ kind: 'done', unit: u });
}

const failed = (e: unknown) => {
  if (e instanceof PathReplayError) post({ kind: 'bad-path', path: e.path, property: e.property });
  else if (e instanceof UserPropertyError) post({ kind: 'user-error', failure: e.failure });
  else throw e;
};

parentPort!.on('message', (m: UnitRequest) => {
  if (m.helpers || m.help) {
    checkSplitUnit(m).catch((e) => {
      try {
        failed(e);
      } catch (other) {
        // Not the user's: let it end the thread, as a throw in a message handler does.
        setImmediate(() => {
          throw other;
        });
      }
    });
    return;
  }
  try {
    checkUnit(m.unit, m.last);
  } catch (e) {
    failed(e);
  }
});
post({ kind: 'ready' });
