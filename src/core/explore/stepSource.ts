// Where an exhaustive search gets a world's enabled actions and successors: computed (DIRECT), or
// shared between searches of one model that run in turn (SharedSteps, issue 9). PURE.
// Why share: the searches of several properties over one model walk the same worlds (a property
// changes which states are distinct, seldom which worlds are kept), and the world's step is most of
// a search's cost. Searches advanced a state at a time in turn (check.ts exhaustiveReports)
// expand the same world close together; the first computes each successor and the others read it. Each stored world is
// held by the searches that keep it in their frontier and let go when expanded, so an entry lives
// while some search may still ask for it, and no longer.

import type { Action } from '../world/action.js';
import { enabledActions } from '../world/enabled.js';
import type { Model } from '../world/model.js';
import { type StepResult, step } from '../world/step.js';
import type { World } from '../world/world.js';
import { startWorld } from './runSchedule.js';

export interface StepSource {
  /** The world a search starts from: one object for every search that shares the source (their models differ in bounds at most). */
  start(model: Model): World;
  enabled(model: Model, w: World): Action[];
  /** The successor of `w` by `acts[k]` (acts from `enabled`); `parts` at `at`: w's carried hashes (key.ts PARTS). */
  step(model: Model, w: World, acts: Action[], k: number, parts: ArrayLike<number>, at: number): StepResult;
  /** A search keeps `w` in its frontier. */
  hold(w: World): void;
  /** A search has expanded `w`, or dropped it. */
  release(w: World): void;
}

export const DIRECT: StepSource = {
  start: (model) => startWorld(model),
  enabled: (model, w) => enabledActions(model, w),
  step: (model, w, acts, k, parts, at) => step(model, w, acts[k], false, parts, at),
  hold() {},
  release() {},
};

interface Entry {
  acts: Action[] | undefined;
  res: (StepResult | undefined)[];
  holders: number;
}

/**
 * Successors memoised per world object while some search holds it. The searches sharing one must
 * search one model's bounds (enabled actions read them) and ask only about worlds they got from it.
 */
export class SharedSteps implements StepSource {
  private readonly memo = new Map<World, Entry>();
  private first: World | undefined;
  /** Steps taken, and steps answered from memory (for tests and the bench). */
  taken = 0;
  shared = 0;

  private entry(w: World): Entry {
    let e = this.memo.get(w);
    if (e === undefined) {
      e = { acts: undefined, res: [], holders: 0 };
      this.memo.set(w, e);
    }
    return e;
  }

  start(model: Model): World {
    this.first ??= startWorld(model);
    return this.first;
  }

  enabled(model: Model, w: World): Action[] {
    const e = this.entry(w);
    e.acts ??= enabledActions(model, w);
    return e.acts;
  }

  step(model: Model, w: World, acts: Action[], k: number, parts: ArrayLike<number>, at: number): StepResult {
    const e = this.entry(w);
    let r = e.res[k];
    if (r === undefined) {
      this.taken++;
      r = step(model, w, acts[k], false, parts, at);
      // Kept only for another search that holds the world: a result kept for none outlived the
      // young generation, and the collector's copying cost the one search more than a third.
      if (e.holders > 1) e.res[k] = r;
    } else this.shared++;
    return r;
  }

  hold(w: World): void {
    this.entry(w).holders++;
  }

  release(w: World): void {
    const e = this.memo.get(w);
    if (e !== undefined && --e.holders <= 0) this.memo.delete(w);
  }

  /** Worlds remembered now. */
  get size(): number {
    return this.memo.size;
  }
}
