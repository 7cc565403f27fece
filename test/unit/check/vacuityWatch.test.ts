// The vacuity watch (vacuity.ts) reads a monitor state only when it is not the one it read last,
// and once a step has judged it hands the property's own methods over. Held here to the
// straightforward watch it replaced (every state read at every step until one judged): over
// random schedules on several models, for each built-in property, both watches record the same
// (judged, and the furthest stage with its reason) after every step, and the steps report the same.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BUILTIN_PROPERTIES } from '../../../properties/index.js';
import { furthest, recordVacuity, type VacuityRecord } from '../../../src/core/check/vacuity.js';
import { startWorld } from '../../../src/core/explore/runSchedule.js';
import { applyOverrides } from '../../../src/core/overrides.js';
import type { Property, StepContext, Vacuity } from '../../../src/core/properties/property.js';
import { SEED_LAB } from '../../../src/core/seedLab.js';
import { createModel, type Model } from '../../../src/core/world/model.js';
import type { World } from '../../../src/core/world/world.js';
import { scheduleSteps } from './scheduleSteps.js';

/** Every state read, every step, until a step judged: the watch as it was. */
function straightforward<S>(p: Property<S>): { init(model: Model, world: World): S; step(s: S, ctx: StepContext): ReturnType<Property<S>['step']>; result(): VacuityRecord } {
  let judged = false;
  let best: Vacuity | null = null;
  return {
    init(model, world) {
      const s = p.init(model, world);
      if (!judged) best = furthest(best, p.vacuity!(s, model));
      return s;
    },
    step(s, ctx) {
      const r = p.step(s, ctx);
      if (r.judged) judged = true;
      else if (!judged) best = furthest(best, p.vacuity!(r.state, ctx.model));
      return r;
    },
    result: () => ({ judged, best }),
  };
}

/** Models where the monitors judge early, late or never (no move, no send), so every stage is met. */
const MODELS: { name: string; model: () => Model }[] = [
  { name: 'seed lab', model: () => createModel(SEED_LAB) },
  { name: 'seed lab, timestamped', model: () => createModel(applyOverrides(SEED_LAB, { sets: ['registration=timestamped'] }).scenario!) },
  { name: 'seed lab, no move', model: () => createModel(applyOverrides(SEED_LAB, { bounds: ['moves=0'] }).scenario!) },
  { name: 'seed lab, one move, no send', model: () => createModel(applyOverrides(SEED_LAB, { bounds: ['moves=1,sends=0,losses=0'] }).scenario!) },
  { name: 'seed lab, no-smr', model: () => createModel(SEED_LAB, { mutant: 'no-smr' }) },
];

/** Runs of one check: each a schedule of enabled-action choices, then the settling tail (runSchedule.ts). */
const runsArb = fc.array(fc.array(fc.nat(), { maxLength: 60, size: 'max' }), { minLength: 1, maxLength: 12 });

describe('vacuity watch', () => {
  for (const { name, model: make } of MODELS) {
    it(`should record what reading every state records, step by step (${name})`, () => {
      const model = make();
      const start = startWorld(model);
      fc.assert(
        fc.property(runsArb, (runs) => {
          for (const p of BUILTIN_PROPERTIES) {
            const mine = recordVacuity(p);
            const ref = straightforward(p);
            for (const choices of runs) {
              let a = mine.property.init(model, start);
              let b = ref.init(model, start);
              expect(mine.result(), `${p.id}, init`).toEqual(ref.result());
              for (const { i, action, ctx } of scheduleSteps(model, start, choices)) {
                const x = mine.property.step(a, ctx);
                const y = ref.step(b, ctx);
                const at = `${p.id}, step ${i} (${action.type})`;
                expect(x.violation, at).toBe(y.violation);
                expect(x.judged, at).toBe(y.judged);
                expect(p.key(x.state), at).toBe(p.key(y.state));
                expect(mine.result(), at).toEqual(ref.result());
                if (x.violation) break;
                a = x.state;
                b = y.state;
              }
            }
          }
        }),
        { seed: 7, numRuns: 15 },
      );
    });
  }
});
