// A worker thread of `check`: builds the model and loads the suite once, then checks the units the
// pool posts (a whole property, or a range of a random property's runs, one unit or a span of
// several, fast-check's `path` "K" starting at run K) and posts each result. ADAPTER
// (worker_threads). A result depends only on the model, options, seed and range, so the merged
// report equals a single-threaded one. An interrupt is the
// shared stop flag, a range that can no longer matter its own cancel flag; the memory budget is
// this thread's own heap.

import { parentPort, workerData } from 'node:worker_threads';
import { check } from '../core/check/check.js';
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
    shouldStop: () => (Atomics.load(stop, 0) === 1 || Atomics.load(cancel, m.unit) === 1 ? 'interrupted' : sharedNow() > deadline),
    memoryExceeded,
  };
  if (m.help) {
    await serveHelper(model, p, m.help, budgets);
    post({ kind: 'helped' });
    return;
  }
  const report = await checkSplit(model, p, job.options, m.helpers!, budgets);
  if (!report) return checkUnit(m.unit);
  post({ kind: 'unit', unit: m.unit, result: { report, vacuity: { judged: !report.vacuous, best: null } } });
}

/** Check unit `u`, or the span of consecutive ranges `u`..`last` of its property as one range. */
function checkUnit(u: number, last = u): void {
  const unit = job.units[u];
  const p = properties.find((x) => x.id === unit.property)!;
  let lastProgress = 0;
  const onProgress = (_id: string, done: number, total: number) => {
    const now = performance.now();
    if (now - lastProgress < 100 && done < total) return;
    lastProgress = now;
    post({ kind: 'progress', unit: u, done });
  };
  // A range needs its vacuity stage to merge; a whole property's report already has its own.
  const watched = unit.chunks > 1 ? recordVacuity(p) : undefined;
  const runs = job.units.slice(u, last + 1).reduce((n, x) => n + x.runs!, 0);
  const range = unit.chunks > 1 ? { runs, path: unit.from > 0 ? String(unit.from) : undefined } : {};
  const report = check(model, [watched?.property ?? p], {
    ...job.options,
    ...range,
    clock: () => performance.now(),
    shouldStop: () => Atomics.load(stop, 0) === 1 || Atomics.load(cancel, u) === 1,
    memoryExceeded,
    onProgress: job.progress ? onProgress : undefined,
  }).properties[0];
  post({ kind: 'unit', unit: u, result: { report, vacuity: watched?.result() ?? { judged: !report.vacuous, best: null } } });
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
