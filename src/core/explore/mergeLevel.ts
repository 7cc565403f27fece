// mergeLevel: the new level of the parallel exhaustive search, ranked as the single-thread search
// ranks it. PURE (runs in one thread between levels).
// The single-thread search numbers a level's states in the order it first meets them: expanding
// parents in rank order, each one's actions in index order. So a state's rank follows from the
// smallest key (parent rank * KEY_ACTIONS + action index) of all the transitions that reach it,
// whichever thread took them and whichever thread stored it. Each shard's keys come in
// increasing order, so a merge of the shards' lists meets every state first at its smallest key:
// that meeting gives its rank and its tree link (parent, action index), and turns its tag from
// NEW to OLD so later meetings are skipped.

import type { BfsTree } from './bfsTree.js';
import { KEY_ACTIONS, type LevelReport } from './exhaustiveShard.js';
import { TAG_NEW, type SharedFingerprintSet } from './sharedFingerprintSet.js';

export interface MergedLevel {
  /** The smallest key of each new state, in rank order (increasing). */
  keys: Float64Array;
  /** Per shard, the ranks of the states it stored first, in the order it recorded them (for ExhaustiveShard.adopt). */
  ranks: Int32Array[];
}

/**
 * Rank the states the shards' reports found new in this level and append them to `tree` as
 * children of the parents (level `parentStart` .. `parentStart + parentCount - 1` of the tree,
 * expanded here in rank order).
 */
export function mergeLevel(reports: readonly LevelReport[], set: SharedFingerprintSet, tree: BfsTree, parentStart: number, parentCount: number): MergedLevel {
  const heads = reports.map(() => 0);
  const keys: number[] = [];
  // A slot's rank in this level, read back for the states each shard stored (one pass, then freed).
  const rankOf = new Map<number, number>();
  for (;;) {
    let best = -1;
    for (let s = 0; s < reports.length; s++) {
      if (heads[s] < reports[s].keys.length && (best < 0 || reports[s].keys[heads[s]] < reports[best].keys[heads[best]])) best = s;
    }
    if (best < 0) break;
    const i = heads[best]++;
    const slot = reports[best].slots[i];
    if (set.tag(slot) !== TAG_NEW) continue;
    set.settle(slot);
    const key = reports[best].keys[i];
    rankOf.set(slot, keys.length);
    keys.push(key);
    const parent = parentStart + Math.floor(key / KEY_ACTIONS);
    while (tree.expanded <= parent) tree.expandNext();
    tree.addChild(key % KEY_ACTIONS);
  }
  while (tree.expanded < parentStart + parentCount) tree.expandNext();
  const ranks = reports.map((r) => {
    const out = new Int32Array(r.won.reduce((n, w) => n + w, 0));
    let j = 0;
    for (let i = 0; i < r.won.length; i++) if (r.won[i]) out[j++] = rankOf.get(r.slots[i])!;
    return out;
  });
  return { keys: Float64Array.from(keys), ranks };
}
