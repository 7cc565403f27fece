// regenerateLevel: the worlds and monitor states of one BFS level, recomputed from the BFS tree
// instead of stored: what exhaustive search does once the memory budget is spent, in place of
// spilling the frontier to disk. PURE (step and the monitor are pure, so a state recomputed
// along its tree path is the state the search found; same fingerprint, same successors).
// A depth-first walk of the tree from the initial world, holding one path of worlds: each tree
// node above the level costs one step per level regenerated, and the level comes out in id order,
// which is BFS order, so the search explores the same states in the same order as with a stored
// frontier.

import type { Property } from '../properties/property.js';
import type { Action } from '../world/action.js';
import { enabledActions } from '../world/enabled.js';
import type { Model } from '../world/model.js';
import { step } from '../world/step.js';
import type { World } from '../world/world.js';
import type { BfsTree } from './bfsTree.js';
import { startWorld } from './runSchedule.js';

export interface LevelState {
  id: number;
  world: World;
  mon: unknown;
}

interface Frame {
  world: World;
  mon: unknown;
  level: number;
  acts: Action[];
  /** Next child id to visit, and the end of this node's children. */
  next: number;
  end: number;
}

/**
 * The states of BFS level `level` (ids levelStart[level] .. levelStart[level + 1] - 1, all
 * recorded in `tree`; levels above it expanded), in id order. `counter.steps` counts the steps
 * taken to recompute them.
 */
export function* regenerateLevel(model: Model, property: Property<any>, tree: BfsTree, levelStart: readonly number[], level: number, counter: { steps: number }): Generator<LevelState> {
  const w0 = startWorld(model);
  const m0 = property.init(model, w0);
  if (level === 0) {
    yield { id: 0, world: w0, mon: m0 };
    return;
  }
  // The children of the level-l nodes are consecutive ids of level l + 1, in the order the walk
  // meets their parents: one cursor per level says where the next node's children start.
  const cursor = levelStart.slice(1, level + 1);
  const frame = (id: number, world: World, mon: unknown, l: number): Frame => {
    const n = tree.childCount(id);
    const first = cursor[l];
    cursor[l] += n;
    return { world, mon, level: l, acts: n > 0 ? enabledActions(model, world) : [], next: first, end: first + n };
  };
  const stack: Frame[] = [frame(0, w0, m0, 0)];
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    if (top.next === top.end) {
      stack.pop();
      continue;
    }
    const id = top.next++;
    const k = tree.actionIndexOf(id);
    const a = top.acts[k];
    if (a === undefined) throw new Error(`regenerateLevel: state ${id} takes enabled action ${k} of ${top.acts.length}: enabledActions is not deterministic`);
    const r = step(model, top.world, a, false);
    const m = property.step(top.mon, { model, index: top.level, action: a, before: top.world, after: r.world, obs: r.obs });
    counter.steps++;
    if (top.level + 1 === level) yield { id, world: r.world, mon: m.state };
    else stack.push(frame(id, r.world, m.state, top.level + 1));
  }
}
