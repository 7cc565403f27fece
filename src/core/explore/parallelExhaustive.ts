// parallelExhaustiveCheck: exhaustiveCheck (exhaustive.ts) with each level expanded by several
// shards at once, one per thread, reporting exactly what the single-thread search reports: the
// same verdict, distinct states, transitions, depth, counterexample and reason (timings and the
// bytes figure apart). PURE: the other threads are behind `HelperLink`, injected by the edge
// (cli/exhaustiveHelpers.ts), and budgets are polled callbacks, as in exhaustiveCheck.
// Why the result is the same: the single-thread search meets a level's states in the order of
// their smallest key (parent rank, then action index), so ranking each new state by the smallest
// key any shard found for it (mergeLevel.ts) gives the same ranks, the same tree and so the same
// paths; and the figures at a violation or at the state budget are recounted at the transition
// the single-thread search would have stopped on: the first in key order.
// The search starts in this thread alone and hands the frontier out (each shard replays the
// tree paths of its share: worlds never cross threads) once a level has HAND_OUT states per
// shard; from then on a shard owns the states it stored first. Past the memory budget it gives
// up (undefined) and the caller runs exhaustiveCheck instead, whose frontier recomputation does
// not split over threads.

import { fmix } from '../world/key.js';
import type { Model } from '../world/model.js';
import { BfsTree } from './bfsTree.js';
import { collisionProbability } from './collisionProbability.js';
import type { ExhaustiveOptions, ExhaustiveResult } from './exhaustive.js';
import { type ExhaustiveShard, KEY_ACTIONS, type LevelReport, NO_VIOLATION } from './exhaustiveShard.js';
import { mergeLevel } from './mergeLevel.js';
import { replayPath } from './replayPath.js';
import { SharedFingerprintSet, type SharedSetBuffers } from './sharedFingerprintSet.js';

/** The shards in other threads (each built on the same model and property as the caller's `local` shard) (shard 1 onwards; shard 0 is the caller's). Each call reaches them all. */
export interface HelperLink {
  count: number;
  /** Start expanding level `depth`; resolves with every helper's report, in shard order. */
  expand(depth: number, set: SharedSetBuffers, control: SharedArrayBuffer): Promise<LevelReport[]>;
  /** The ranks of the states each helper stored first (ExhaustiveShard.adopt); resolves with each one's frontier transitions. */
  adopt(ranks: Int32Array[]): Promise<number[]>;
  /** Each helper owns the states at these tree paths, with these ranks (ExhaustiveShard.replay); resolves likewise. */
  replay(paths: number[][][], ranks: number[][]): Promise<number[]>;
  /** The search is over: drop every world (the link may then serve another search: a rung of the ladder). */
  clear(): Promise<void>;
}

/** States per shard a level needs before the search splits (smaller levels cost less than handing them out). */
export const HAND_OUT = 32;

export interface ParallelOptions extends ExhaustiveOptions {
  /** Budgets of this thread's shard within a level (the helpers poll their own). */
  pollEvery?: number;
}

export async function parallelExhaustiveCheck(model: Model, opts: ParallelOptions, local: ExhaustiveShard, helpers: HelperLink): Promise<ExhaustiveResult | undefined> {
  const shards = helpers.count + 1;
  let set = new SharedFingerprintSet();
  const control = new Int32Array(new SharedArrayBuffer(4));
  local.root(set);
  const tree = new BfsTree();
  const levelStart = [0, 1];
  let helperTransitions: number[] = [];
  let split = false;
  let size = 1;
  let transitions = 0;
  let peakFrontier = 1;
  const figures = (distinctStates: number, moves: number, depthReached: number) => ({
    distinctStates,
    transitions: moves,
    depthReached,
    collisionProbability: collisionProbability(distinctStates, moves + 1),
    storedBytes: set.bytes + tree.bytes,
    peakFrontier,
  });
  const unknown = (why: string, where: string, distinct: number, moves: number, depthReached: number, frontier: number): ExhaustiveResult => ({
    verdict: 'unknown',
    ...figures(distinct, moves, depthReached),
    reason: `${why} ${where} (${distinct} distinct states, ${set.bytes + tree.bytes} bytes of fingerprints and parent links, frontier of ${frontier} worlds)`,
  });
  const done = async (r: ExhaustiveResult | undefined): Promise<ExhaustiveResult | undefined> => {
    local.clear();
    await helpers.clear(); // every helper, split or not yet: each waits for the end of the search
    return r;
  };
  for (let depth = 0; depth < opts.depth; depth++) {
    const parentStart = levelStart[depth];
    const parentCount = levelStart[depth + 1] - parentStart;
    if (!split && helpers.count > 0 && parentCount >= HAND_OUT * shards) {
      // Deal the level's ranks by a hash of the rank. Round-robin (rank mod shards) followed the
      // action index of each parent's children, and subtrees follow it too (a delivery's subtree
      // is not a loss's): on the seed lab's F2 scope it left one of 2 shards with 2.3x the other's
      // transitions at depth 10, the other thread idle half the level (issue 9).
      const ranks: number[][] = Array.from({ length: shards }, () => []);
      for (let r = 0; r < parentCount; r++) ranks[dealTo(r, shards)].push(r);
      const paths = ranks.slice(1).map((rs) => rs.map((r) => tree.pathTo(parentStart + r)));
      local.keep((r) => dealTo(r, shards) === 0);
      helperTransitions = await helpers.replay(paths, ranks.slice(1));
      split = true;
    }
    set = set.ensure(size, local.frontierTransitions + helperTransitions.reduce((n, t) => n + t, 0));
    Atomics.store(control, 0, NO_VIOLATION);
    const pending = split ? helpers.expand(depth, set.buffers, control.buffer as SharedArrayBuffer) : Promise.resolve([]);
    const mine = local.expand(depth, set, control, { shouldStop: opts.shouldStop, memoryExceeded: opts.memoryExceeded, pollEvery: opts.pollEvery });
    const reports = [mine, ...(await pending)];
    if (reports.some((r) => r.stopped === 'memory')) return done(undefined);
    const levelTransitions = reports.reduce((n, r) => n + r.transitions, 0);
    const merged = mergeLevel(reports, set, tree, parentStart, parentCount);
    const found = merged.keys.length;
    const stopped = reports.find((r) => r.stopped)?.stopped;
    if (stopped) return done(unknown(stopped, `at depth ${depth + 1}`, size + found, transitions + levelTransitions, depth, found));
    // Where the single-thread search would have stopped in this level, if it did: the first
    // violating transition, or the transition that stored the state filling the budget.
    const violation = reports.reduce<LevelReport['violation']>((v, r) => (r.violation && (!v || r.violation.key < v.key) ? r.violation : v), null);
    const cutAt = Math.max(0, opts.maxStates - size - 1);
    const cutKey = cutAt < found ? merged.keys[cutAt] : Infinity;
    if (violation || cutKey < Infinity) {
      // Transitions the single-thread search takes up to and including the one at `key`.
      const countTo = (key: number) => {
        const counts = new Int32Array(parentCount);
        for (const r of reports) for (let i = 0; i < r.parents.length; i++) counts[r.parents[i]] = r.counts[i];
        const rank = Math.floor(key / KEY_ACTIONS);
        let n = transitions;
        for (let p = 0; p < rank; p++) n += counts[p];
        return n + (key % KEY_ACTIONS) + 1;
      };
      if (violation && violation.key < cutKey) {
        let before = 0;
        while (before < found && merged.keys[before] < violation.key) before++;
        const path = [...tree.pathTo(parentStart + Math.floor(violation.key / KEY_ACTIONS)), violation.key % KEY_ACTIONS];
        return done({ verdict: 'violated', ...figures(size + before, countTo(violation.key), depth + 1), actions: replayPath(model, path), message: violation.message });
      }
      return done({ verdict: 'unknown', ...figures(size + cutAt + 1, countTo(cutKey), depth), reason: `state budget of ${opts.maxStates} distinct states reached at depth ${depth + 1}` });
    }
    levelStart.push(tree.size);
    size += found;
    transitions += levelTransitions;
    if (found > peakFrontier) peakFrontier = found;
    if (found === 0) return done({ verdict: 'holds', ...figures(size, transitions, depth + 1), reason: 'state space exhausted' });
    // The helpers' adopting starts first, so theirs and this thread's overlap.
    const adopted = split ? helpers.adopt(merged.ranks.slice(1)) : undefined;
    local.adopt(merged.ranks[0]);
    if (adopted) helperTransitions = await adopted;
    if (opts.memoryExceeded?.(set.bytes + tree.bytes)) return done(undefined);
    const stop = opts.shouldStop?.();
    if (stop) return done(unknown(stop === true ? 'time budget ran out' : stop, `after depth ${depth + 1}`, size, transitions, depth + 1, found));
  }
  return done({ verdict: 'holds', ...figures(size, transitions, opts.depth), reason: `holds within depth ${opts.depth}` });
}

/** The shard a rank is dealt to when the search splits: a hash of the rank (key.ts fmix), so no pattern in the ranks' order follows a shard. */
function dealTo(rank: number, shards: number): number {
  return (fmix(rank) >>> 0) % shards;
}
