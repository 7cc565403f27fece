// Random mode for several properties at once: one fast-check generation loop whose predicate steps
// each schedule's world ONCE and feeds every property still undecided (issue 9). PURE.
// Why: each property's own check (random.ts) runs fast-check with the same seed, arbitrary and
// model, so until a property fails every property walks the same worlds; the world's step is most
// of the cost. Here each property keeps its own monitor state and is fed until its first
// violation; the walk stops after the run in which some property first fails, so that its own
// check (fast-check `path: "K"`, random.ts) can replay run K and shrink it exactly as before, and
// then goes on from run K + 1 for the others. What a property is told (runs, steps) is what its
// own check would have taken: the steps of each run to its end, or to its violation.

import fc from 'fast-check';
import type { Property } from '../properties/property.js';
import type { Action } from '../world/action.js';
import { enabled } from '../world/enabled.js';
import type { Model } from '../world/model.js';
import { step } from '../world/step.js';
import { scheduleArb } from './random.js';
import { pickIndex, settleAction, startWorld } from './runSchedule.js';

export interface WalkOptions {
  /** Runs from `from`: the walk checks runs [from, from + runs). */
  runs: number;
  from: number;
  seed: number;
  maxSteps: number;
  /** Polled before every run: true ends the walk (an interrupt). */
  shouldStop?: () => boolean;
  /** Polled before every run, per property: true drops it (its result can no longer matter). */
  dropped?: (i: number) => boolean;
  /** After every run, for each property fed in it to its end (not the ones that failed in it). */
  onRun?: (i: number) => void;
}

/** Where a walk segment ended, for each property fed in it. */
export interface WalkSegment {
  /** Runs the segment walked (those of the failing run included). */
  runs: number;
  /** Ended by `shouldStop`. */
  stopped: boolean;
  /** The run (absolute index) in which properties first failed, if one did. */
  failedRun?: number;
  /** Per property (by index in `properties`): world steps its own check would have taken in the segment, runs before the failing one. */
  steps: number[];
  /** Indices of the properties that failed in run `failedRun`. */
  failed: number[];
}

/**
 * Walk runs [from, from + runs) for the properties whose indices are `live`, until the end, an
 * interrupt, or the first run in which one of them fails (the whole run is walked for the others,
 * so several may fail in it). A throw from the model or a property propagates.
 */
export function walkSegment(model: Model, properties: readonly Property<any>[], live: readonly number[], opts: WalkOptions): WalkSegment {
  const steps = properties.map(() => 0);
  const failed: number[] = [];
  let runs = 0;
  let stopped = false;
  let thrown: { error: unknown } | undefined;
  let fed = [...live];
  const start = startWorld(model);
  const mons: unknown[] = fed.map(() => undefined);
  // Each run's steps, per property fed in it: to the end, or to its violation.
  const ran: number[] = fed.map(() => 0);
  const active: boolean[] = fed.map(() => true);
  fc.check(
    fc.property(scheduleArb(opts.maxSteps), (choices) => {
      if (opts.shouldStop?.()) {
        stopped = true;
        throw new fc.PreconditionFailure(true);
      }
      if (opts.dropped) fed = fed.filter((i) => !opts.dropped!(i));
      // Every property dropped: nothing left to walk for.
      if (fed.length === 0) throw new fc.PreconditionFailure(true);
      try {
        let world = start;
        let left = fed.length;
        for (let a = 0; a < fed.length; a++) {
          mons[a] = properties[fed[a]].init(model, world);
          active[a] = true;
          ran[a] = 0;
        }
        for (let i = 0; left > 0; i++) {
          let action: Action | undefined;
          if (i < choices.length) {
            const e = enabled(model, world);
            const at = pickIndex(e, choices[i]);
            if (at >= 0) action = e.at(at);
          } else action = settleAction(world, choices.length, i);
          if (!action) break;
          const before = world;
          const r = step(model, world, action, false);
          world = r.world;
          const ctx = { model, index: i, action, before, after: world, obs: r.obs };
          for (let a = 0; a < fed.length; a++) {
            if (!active[a]) continue;
            ran[a]++;
            const m = properties[fed[a]].step(mons[a], ctx);
            mons[a] = m.state;
            if (m.violation) {
              active[a] = false;
              left--;
              failed.push(fed[a]);
            }
          }
        }
      } catch (error) {
        // A bug (the model's or a user property's), not a counterexample: it ends the check.
        thrown = { error };
        throw new fc.PreconditionFailure(true);
      }
      runs++;
      if (failed.length) throw new fc.PreconditionFailure(true);
      for (let a = 0; a < fed.length; a++) {
        steps[fed[a]] += ran[a];
        opts.onRun?.(fed[a]);
      }
      return true;
    }),
    { numRuns: opts.runs, seed: opts.seed, path: opts.from > 0 ? String(opts.from) : undefined, endOnFailure: true },
  );
  if (thrown) throw thrown.error;
  // The failing run: those that failed are replayed by their own check; the others walked it.
  if (failed.length) {
    for (let a = 0; a < fed.length; a++) {
      if (!active[a]) continue;
      steps[fed[a]] += ran[a];
      opts.onRun?.(fed[a]);
    }
  }
  return { runs, stopped, failedRun: failed.length ? opts.from + runs - 1 : undefined, steps, failed };
}
