// `check --workers N`: spread a suite's properties over worker threads (2 cores here, more on a
// user's machine). ADAPTER. Properties go round-robin by their position, so the assignment, and
// each property's result, is the same whatever N is.

import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { CheckOptions, PropertyReport } from '../core/check/check.js';
import type { RunOptions } from './loadForRun.js';

export interface WorkerJob {
  modelArg: string | undefined;
  cwd: string;
  runOptions: RunOptions;
  propertyFiles: string[];
  propertyIds: string[];
  options: Omit<CheckOptions, 'clock' | 'onProperty'>;
}

/** The compiled worker script (from source under vitest, the package's dist/ copy). */
function workerScript(): string {
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith('.js')) return join(dirname(here), 'checkWorker.js');
  let dir = dirname(here);
  while (!existsSync(join(dir, 'package.json'))) dir = dirname(dir);
  return join(dir, 'dist', 'src', 'cli', 'checkWorker.js');
}

export async function checkInWorkers(job: Omit<WorkerJob, 'propertyIds'>, ids: string[], workers: number): Promise<PropertyReport[]> {
  const n = Math.max(1, Math.min(workers, ids.length));
  const shares = Array.from({ length: n }, (_, w) => ids.filter((_, i) => i % n === w));
  const results = await Promise.all(
    shares.map(
      (propertyIds) =>
        new Promise<PropertyReport[]>((resolve, reject) => {
          const worker = new Worker(workerScript(), { workerData: { ...job, propertyIds } satisfies WorkerJob });
          worker.once('message', (r: PropertyReport[]) => {
            resolve(r);
            void worker.terminate();
          });
          worker.once('error', reject);
          worker.once('exit', (code) => code !== 0 && reject(new Error(`check worker exited with code ${code}`)));
        }),
    ),
  );
  const byId = new Map(results.flat().map((r) => [r.id, r]));
  return ids.map((id) => byId.get(id)!);
}
