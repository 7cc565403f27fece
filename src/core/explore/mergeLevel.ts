// mergeLevel: the new level of the parallel exhaustive search, ranked as the single-thread search
// ranks it, and shared out among the shards. PURE (runs in one thread between levels).
// The single-thread search numbers a level's states in the order it first meets them: expanding
// parents in rank order, each one's actions in index order. So a state's rank follows from the
// smallest key (parent rank * KEY_ACTIONS + action index) of all the transitions that reach it,
// whichever thread took them. Each shard's keys come in increasing order, so a merge of the
// shards' lists meets every state first at its smallest key: that meeting gives its rank and its
// tree link (parent, action index), and turns its tag from NEW to OLD so later meetings are
// skipped. The shard of that first meeting owns the state: its world is the one the
// single-thread search keeps (a shard keeps the world of its own first, smallest, key). Another
// shard's world of the same fingerprint would do for the state, but not for the search's numbers:
// two worlds equal to the fingerprint may hold their messages in another order (the fingerprint
// ignores ids and order), enabled actions follow that order, and so the action indices of the
// state's children, their keys, the next level's ranks, the transitions counted up to a cut and a
// counterexample's path would all differ from the single-thread search's.

import type { BfsTree } from './bfsTree.js';
import { KEY_ACTIONS, type LevelReport } from './exhaustiveShard.js';
import { TAG_NEW, type SharedFingerprintSet } from './sharedFingerprintSet.js';

let scratch = { ownerOf: new Int32Array(0), rankOf: new Int32Array(0) };

/** Scratch arrays of at least `capacity` entries, kept between merges (their contents are garbage). */
function scratchFor(capacity: number): { ownerOf: Int32Array; rankOf: Int32Array } {
  if (scratch.ownerOf.length < capacity) scratch = { ownerOf: new Int32Array(capacity), rankOf: new Int32Array(capacity) };
  return scratch;
}

/** Shards a merge can tell apart (a bit each in an int32). */
export const MAX_SHARDS = 31;

export interface MergedLevel {
  /** The smallest key of each new state, in rank order (increasing). */
  keys: Float64Array;
  /** Per shard, per world it kept (in the order it recorded them): the state's rank if the shard owns it now, else -1 (for ExhaustiveShard.adopt). */
  ranks: Int32Array[];
  /** States each shard owns now. */
  owned: number[];
}

/**
 * Rank the states the shards' reports found new in this level and append them to `tree` as
 * children of the parents (level `parentStart` .. `parentStart + parentCount - 1` of the tree,
 * expanded here in rank order).
 */
export function mergeLevel(reports: readonly LevelReport[], set: SharedFingerprintSet, tree: BfsTree, parentStart: number, parentCount: number): MergedLevel {
  if (reports.length > MAX_SHARDS) throw new RangeError(`mergeLevel: ${reports.length} shards, at most ${MAX_SHARDS}`);
  const heads = reports.map(() => 0);
  const keys: number[] = [];
  // Per slot: the shard that owns it, and its rank. Every slot a report names is written in the
  // merge loop before the ranks below read it, so what earlier levels left in the scratch is never
  // read: one pair of arrays for the thread, not a pair of the set's size allocated and zeroed
  // every level (4 MB a level on the F2 scope, each in the collector's large-object space; issue 9).
  // The pair stays as large as the largest set merged so far (8 bytes a slot) while the thread lives.
  const { ownerOf, rankOf } = scratchFor(set.capacity);
  const owned = reports.map(() => 0);
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
    ownerOf[slot] = best;
    owned[best]++;
    const key = reports[best].keys[i];
    rankOf[slot] = keys.length;
    keys.push(key);
    const parent = parentStart + Math.floor(key / KEY_ACTIONS);
    while (tree.expanded <= parent) tree.expandNext();
    tree.addChild(key % KEY_ACTIONS);
  }
  while (tree.expanded < parentStart + parentCount) tree.expandNext();
  const ranks = reports.map((r, s) => {
    const out: number[] = [];
    for (let i = 0; i < r.slots.length; i++) if (r.kept[i]) out.push(ownerOf[r.slots[i]] === s ? rankOf[r.slots[i]] : -1);
    return Int32Array.from(out);
  });
  return { keys: Float64Array.from(keys), ranks, owned };
}
