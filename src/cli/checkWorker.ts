// A worker thread of `check --workers N`: loads the model itself, checks the properties it is
// given and posts their reports back. ADAPTER (worker_threads). Each property's result depends
// only on the model, options and seed, so the merged report equals a single-threaded one.

import { parentPort, workerData } from 'node:worker_threads';
import { check } from '../core/check/check.js';
import type { WorkerJob } from './checkPool.js';
import { loadForRun } from './loadForRun.js';
import { loadProperties } from './loadProperties.js';

const job = workerData as WorkerJob;
const run = loadForRun(job.modelArg, job.runOptions, job.cwd);
const { properties } = await loadProperties(job.propertyFiles, job.cwd);
const mine = job.propertyIds.map((id) => properties.find((p) => p.id === id)!);
const report = check(run.model!, mine, { ...job.options, clock: () => performance.now() });
parentPort!.postMessage(report.properties);
