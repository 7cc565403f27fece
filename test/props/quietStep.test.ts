// A quiet step (step.ts, verbose = false: what searches use) leaves out only the `log`
// observations: the next world and every other observation are those of a verbose step.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MUTANTS } from '../../src/core/mutants.js';
import { applyOverrides } from '../../src/core/overrides.js';
import { SEED_LAB } from '../../src/core/seedLab.js';
import { enabledActions } from '../../src/core/world/enabled.js';
import { initialWorld } from '../../src/core/world/initial.js';
import { worldKey } from '../../src/core/world/key.js';
import { createModel } from '../../src/core/world/model.js';
import { step } from '../../src/core/world/step.js';

const scenario = applyOverrides(SEED_LAB, { bounds: ['moves=2,losses=1,duplicates=1,reboots=1,spoofs=1'] }).scenario!;
const models = [createModel(scenario), createModel({ ...scenario, registration: 'timestamped' }), ...MUTANTS.map((m) => createModel(scenario, { mutant: m.id }))];

describe('step, quiet', () => {
  it('should give the verbose step’s world and observations, less the log lines', () => {
    fc.assert(
      fc.property(fc.nat(models.length - 1), fc.array(fc.nat(), { maxLength: 50 }), (mi, choices) => {
        const model = models[mi];
        let w = initialWorld(model);
        let logs = 0;
        for (const n of choices) {
          const acts = enabledActions(model, w);
          const a = acts[n % acts.length];
          const loud = step(model, w, a, true);
          const quiet = step(model, w, a, false);
          expect(worldKey(quiet.world)).toBe(worldKey(loud.world));
          expect(quiet.world.seq).toBe(loud.world.seq);
          expect(quiet.obs).toEqual(loud.obs.filter((o) => o.kind !== 'log'));
          logs += loud.obs.length - quiet.obs.length;
          w = loud.world;
        }
        // The verbose side does log (or the comparison above would prove nothing).
        if (choices.length > 5) expect(logs).toBeGreaterThan(0);
      }),
      { seed: 3, numRuns: 200 },
    );
  });
});
