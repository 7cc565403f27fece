// A schedule of enabled-action choices stepped as a random run steps it (runSchedule.ts: the
// choices, then the settling tail), each step handed over as the context a monitor's step gets.
// Shared by the monitor tests that feed the built-in properties by hand.

import { pickEnabled, settleAction } from '../../../src/core/explore/runSchedule.js';
import type { StepContext } from '../../../src/core/properties/property.js';
import type { Action } from '../../../src/core/world/action.js';
import { enabled } from '../../../src/core/world/enabled.js';
import type { Model } from '../../../src/core/world/model.js';
import { step } from '../../../src/core/world/step.js';
import type { World } from '../../../src/core/world/world.js';

/** Each step of `choices` from `start` (at most 200 settling steps after them): its index, action and monitor context. */
export function* scheduleSteps(model: Model, start: World, choices: readonly number[]): Generator<{ i: number; action: Action; ctx: StepContext }> {
  let world = start;
  for (let i = 0; i < choices.length + 200; i++) {
    const action = i < choices.length ? pickEnabled(enabled(model, world), choices[i]) : settleAction(world, choices.length, i);
    if (!action) return;
    const before = world;
    const r = step(model, world, action, false);
    world = r.world;
    yield { i, action, ctx: { model, index: i, action, before, after: world, obs: r.obs } };
  }
}
