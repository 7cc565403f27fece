// The workloads bench/instructions.ts counts instructions of, one per process: the seed lab's bare
// walk (`walk N`: N world steps, walks of 60 from the initial world, the same walks every time),
// the same walk of the generated 32-site / 256-host model (`walk-generated N`: the growth figure,
// counted), random mode inside `check` with the six built-in properties on the timestamped seed
// lab (`check R`: R runs, seed 1, as the bench's timed check figure) or the seed lab's exhaustive
// search (`search D`: no-blackhole-after-smr on the F2 scope to depth D). `N`/`R`/`D` 0 stops after
// loading the modules and building the model: the start-up that is subtracted.
// Prints the work done (steps, or states and transitions) as JSON. NOT PURE (process).

import { BUILTIN_PROPERTIES } from '../properties/index.js';
import { check } from '../src/core/check/check.js';
import { exhaustiveCheck } from '../src/core/explore/exhaustive.js';
import { mulberry32 } from '../src/core/mulberry32.js';
import { applyOverrides } from '../src/core/overrides.js';
import { SEED_LAB } from '../src/core/seedLab.js';
import { enabled } from '../src/core/world/enabled.js';
import { initialWorld } from '../src/core/world/initial.js';
import { createModel } from '../src/core/world/model.js';
import { step } from '../src/core/world/step.js';
import { generatedScenario, timestampedSeedLab } from './sections.js';
import { countWorldSteps } from './worldSteps.js';

/** The F2 scope (bench/sections.ts F2_SCOPE, every budget given). */
export const F2_ALL = 'moves=1,losses=0,sends=2,garps=0,spoofs=0,timerExpiries=1,duplicates=0,reboots=0';

const [kind, size] = [process.argv[2], Number(process.argv[3])];
if (kind === 'walk' || kind === 'walk-generated') {
  const model = createModel(kind === 'walk' ? SEED_LAB : generatedScenario(32, 256));
  const rnd = mulberry32(1);
  const start = initialWorld(model);
  let steps = 0;
  while (steps < size) {
    let world = start;
    for (let i = 0; i < 60 && steps < size; i++, steps++) {
      const acts = enabled(model, world);
      world = step(model, world, acts.at(Math.floor(rnd() * acts.count)), false).world;
    }
  }
  console.log(JSON.stringify({ steps }));
} else if (kind === 'check') {
  const model = createModel(timestampedSeedLab());
  if (size === 0) console.log(JSON.stringify({ runs: 0, steps: 0 }));
  else {
    // World steps taken (worldSteps.ts), as the bench's timed figure counts them.
    const { steps } = countWorldSteps(() => check(model, BUILTIN_PROPERTIES, { mode: 'random', runs: size, seed: 1, maxSteps: model.scenario.bounds.steps, depth: 0, maxStates: 0 }));
    console.log(JSON.stringify({ runs: size, steps }));
  }
} else if (kind === 'search') {
  const model = createModel(applyOverrides(SEED_LAB, { bounds: [F2_ALL] }).scenario!, { cached: true });
  const property = BUILTIN_PROPERTIES.find((p) => p.id === 'no-blackhole-after-smr')!;
  if (size === 0) console.log(JSON.stringify({ states: 0, transitions: 0 }));
  else {
    const r = exhaustiveCheck(model, property, { depth: size, maxStates: 3_000_000 });
    console.log(JSON.stringify({ states: r.distinctStates, transitions: r.transitions }));
  }
} else {
  console.error('usage: instructionWorkload.js walk|walk-generated|check|search N');
  process.exit(2);
}
