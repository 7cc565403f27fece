import { createModel } from '/work/main/dist/src/core/world/model.js';
import { applyOverrides } from '/work/main/dist/src/core/overrides.js';
import { SEED_LAB } from '/work/main/dist/src/core/seedLab.js';
import { BUILTIN_PROPERTIES } from '/work/main/dist/properties/index.js';
import * as rs from '/work/main/dist/src/core/explore/runSchedule.js';
import { worldFingerprint } from '/work/main/dist/src/core/world/key.js';
import { enabledActions } from '/work/main/dist/src/core/world/enabled.js';
import { step } from '/work/main/dist/src/core/world/step.js';
import fc from 'fast-check';
const s = applyOverrides(SEED_LAB, { sets: ['registration=timestamped'] }).scenario;
const model = createModel(s);
const seen = new Set(); const pairs = new Set(); let total = 0;
fc.assert(fc.property(fc.array(fc.nat(), { maxLength: model.scenario.bounds.steps, size: 'max' }), (choices) => {
  let w = rs.startWorld(model);
  for (let i = 0; i < choices.length + 200; i++) {
    let a;
    if (i < choices.length) a = rs.pick(enabledActions(model, w), choices[i]);
    else { if (w.msgs.length === 0) break; a = { type: 'msg.deliver', id: w.msgs[0].id }; }
    if (!a) break;
    const f = worldFingerprint(w);
    seen.add(f); pairs.add(f + ':' + JSON.stringify(a)); total++;
    w = step(model, w, a, false).world;
  }
  return true;
}), { numRuns: +process.argv[2] || 1000, seed: 1 });
console.log({ steps: model.scenario.bounds.steps, total, distinctWorlds: seen.size, distinctPairs: pairs.size, hit: 1 - pairs.size / total });
