// The built-in monitors copy their state at its first change in a step and return it as it is
// when nothing changed (properties/*.ts): a step must never change the state it was given, which
// an exhaustive search stores and steps again from, and which the previous step's answer may be.
// Held here over random schedules on several models: every state handed to a step is deeply
// frozen (a write to it throws), and each step's state keys the same after the step as before.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BUILTIN_PROPERTIES } from '../../../properties/index.js';
import { startWorld } from '../../../src/core/explore/runSchedule.js';
import { applyOverrides } from '../../../src/core/overrides.js';
import { SEED_LAB } from '../../../src/core/seedLab.js';
import { createModel, type Model } from '../../../src/core/world/model.js';
import { scheduleSteps } from './scheduleSteps.js';

/** Budgets wide enough for moves, losses, reboots and retransmissions (the monitors' every branch). */
const WIDE = 'moves=3,losses=2,duplicates=1,reboots=1,spoofs=1,timerExpiries=6,sends=6,garps=1';

const MODELS: { name: string; model: () => Model }[] = [
  { name: 'seed lab', model: () => createModel(applyOverrides(SEED_LAB, { bounds: [WIDE] }).scenario!) },
  { name: 'seed lab, timestamped, 5 s bound', model: () => createModel(applyOverrides(SEED_LAB, { bounds: [WIDE], sets: ['registration=timestamped', 'convergence.seconds=5'] }).scenario!) },
  { name: 'seed lab, merge-rlocs', model: () => createModel(applyOverrides(SEED_LAB, { bounds: [WIDE] }).scenario!, { mutant: 'merge-rlocs' }) },
  // One move and no loss: hosts settle and ITRs send to them again (eventual-reachability's pairs).
  { name: 'seed lab, timestamped, one move', model: () => createModel(applyOverrides(SEED_LAB, { bounds: ['moves=1,losses=0'], sets: ['registration=timestamped'] }).scenario!) },
];

/** `x` and everything reachable from it, frozen (plain objects and arrays: monitor states). */
function deepFreeze<T>(x: T): T {
  if (x !== null && typeof x === 'object' && !Object.isFrozen(x)) {
    Object.freeze(x);
    for (const v of Object.values(x)) deepFreeze(v);
  }
  return x;
}

describe('monitor states', () => {
  for (const { name, model: make } of MODELS) {
    it(`should be left as they were by every step (${name})`, () => {
      const model = make();
      const start = startWorld(model);
      fc.assert(
        fc.property(fc.array(fc.nat(), { maxLength: 60, size: 'max' }), (choices) => {
          let states = BUILTIN_PROPERTIES.map((p) => deepFreeze(p.init(model, start)));
          for (const { i, action, ctx } of scheduleSteps(model, start, choices)) {
            states = BUILTIN_PROPERTIES.map((p, k) => {
              const key = p.key(states[k]);
              const next = p.step(states[k], ctx).state;
              expect(p.key(states[k]), `${p.id}, step ${i} (${action.type})`).toBe(key);
              return deepFreeze(next);
            });
          }
        }),
        { seed: 11, numRuns: 300 },
      );
    });
  }
});
