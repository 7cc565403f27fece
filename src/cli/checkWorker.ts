// A worker thread of `check`: loads the model itself, checks the properties it is given and posts
// each report as soon as it is decided. ADAPTER (worker_threads). Each property's result depends
// only on the model, options and seed, so the merged report equals a single-threaded one. An
// interrupt is the shared stop flag; the memory budget is this thread's own heap.

import { parentPort, workerData } from 'node:worker_threads';
import { check } from '../core/check/check.js';
import { PathReplayError } from '../core/explore/random.js';
import { memoryBudget, type WorkerJob, type WorkerMessage } from './checkPool.js';
import { loadForRun } from './loadForRun.js';
import { loadSuite, UserPropertyError } from './userProperties.js';

const job = workerData as WorkerJob;
const stop = new Int32Array(job.stop);
const post = (m: WorkerMessage) => parentPort!.postMessage(m);
let lastProgress = 0;
const onProgress = (id: string, done: number, total: number) => {
  const now = performance.now();
  if (now - lastProgress < 100 && done < total) return;
  lastProgress = now;
  post({ kind: 'progress', id, done, total });
};
const run = loadForRun(job.modelArg, job.runOptions, job.cwd);
const { properties } = await loadSuite(job.propertyFiles, job.cwd);
const mine = job.propertyIds.map((id) => properties.find((p) => p.id === id)!);
try {
  check(run.model!, mine, {
    ...job.options,
    clock: () => performance.now(),
    shouldStop: () => Atomics.load(stop, 0) === 1,
    memoryExceeded: memoryBudget(job.memoryMiB).exceeded,
    onProgress: job.progress ? onProgress : undefined,
    onProperty: (report) => post({ kind: 'property', report }),
  });
} catch (e) {
  if (e instanceof PathReplayError) post({ kind: 'bad-path', path: e.path, property: e.property });
  else if (e instanceof UserPropertyError) post({ kind: 'user-error', failure: e.failure });
  else throw e;
}
