// A worker thread's body for bench/parallelCapacity.ts walkThreadsMs: the bench's bare walk on the
// seed lab for a fixed number of world steps (the same walks every time), then a message.
// NOT PURE (worker thread); loaded only by walkThreadsMs.

import { parentPort, workerData } from 'node:worker_threads';
import { mulberry32 } from '../src/core/mulberry32.js';
import { SEED_LAB } from '../src/core/seedLab.js';
import { enabled } from '../src/core/world/enabled.js';
import { initialWorld } from '../src/core/world/initial.js';
import { createModel } from '../src/core/world/model.js';
import { step } from '../src/core/world/step.js';

const model = createModel(SEED_LAB);
const rnd = mulberry32(1);
const start = initialWorld(model);
let steps = 0;
while (steps < (workerData as number)) {
  let world = start;
  // Walks of 60 steps from the initial world, as the bench's bare walk (run.ts measure).
  for (let i = 0; i < 60; i++, steps++) {
    const acts = enabled(model, world);
    world = step(model, world, acts.at(Math.floor(rnd() * acts.count)), false).world;
  }
}
parentPort!.postMessage(steps);
