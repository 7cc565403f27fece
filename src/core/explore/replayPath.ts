// replayPath: the actions of a path of action indices, replayed from the initial world: how the
// exhaustive searches, which store action indices and no Action objects, rebuild a counterexample.
// PURE.

import type { Action } from '../world/action.js';
import { enabledActions } from '../world/enabled.js';
import type { Model } from '../world/model.js';
import { step } from '../world/step.js';
import { startWorld } from './runSchedule.js';

/**
 * enabledActions is a pure function of (model, world), so the i-th action of a replayed world is
 * the one the search took; an index out of range means that determinism broke, and is an
 * internal error.
 */
export function replayPath(model: Model, indices: readonly number[]): Action[] {
  let world = startWorld(model);
  const out: Action[] = [];
  for (const [i, k] of indices.entries()) {
    const acts = enabledActions(model, world);
    if (k >= acts.length) throw new Error(`exhaustive replay: step ${i + 1} takes enabled action ${k} of ${acts.length}: enabledActions is not deterministic`);
    out.push(acts[k]);
    world = step(model, world, acts[k], false).world;
  }
  return out;
}
