// Exhaustive bounded search: breadth-first over (world, monitor) states up to a depth, with
// deduplication on fingerprints. Gives a shortest counterexample, "holds within the bound" with
// the number of distinct states, or `unknown` when a budget runs out (never a silent pass).
// PURE. Compact: the visited set is a FingerprintSet of 64-bit state fingerprints (8 bytes a
// slot; stateFingerprint.ts), the BFS tree a BfsTree (about 2 bytes a state: action indices, no
// Action objects, no worlds); only the frontier holds worlds, and only one level of it. A
// counterexample is rebuilt by replaying the action indices from the initial world. Hash
// compaction as in SPIN and TLC: a fingerprint collision can hide a state, with the probability
// TLC calls "calculated (optimistic)" (collisionProbability.ts), returned with every result.
// Past the memory budget the frontier goes too: each level is then recomputed from the tree
// (regenerateLevel.ts), the pure stand-in for spilling it to disk. Budgets (time, memory, an
// interrupt) come in as polled callbacks: the search never reads a clock or the heap. With `por`,
// sleep sets (sleepSet.ts) skip transitions that commute with one already explored: the same
// states, fewer transitions.

import type { Property } from '../properties/property.js';
import type { Action } from '../world/action.js';
import { enabledActions } from '../world/enabled.js';
import { Footprint, independent, isTracked } from '../world/footprint.js';
import { PARTS, partsOf, worldFingerprint } from '../world/key.js';
import type { Model } from '../world/model.js';
import { step } from '../world/step.js';
import type { World } from '../world/world.js';
import { BfsTree } from './bfsTree.js';
import { collisionProbability } from './collisionProbability.js';
import { FingerprintSet } from './fingerprintSet.js';
import { regenerateLevel, type LevelState } from './regenerateLevel.js';
import { LevelIndex } from './levelIndex.js';
import { replayPath } from './replayPath.js';
import { asleep, contentOf, intersect, NO_SLEEP, type SleepEntry, type SleepSet } from './sleepSet.js';
import { startWorld } from './runSchedule.js';
import { monitorHasher, sameMonitor, stateFingerprint } from './stateFingerprint.js';

export interface ExhaustiveOptions {
  depth: number;
  /** Distinct states before giving up with `unknown`. */
  maxStates: number;
  /**
   * Polled between levels and every `pollEvery` transitions: return true (a time budget ran out)
   * or the reason, e.g. `'interrupted'`, to stop with `unknown`.
   */
  shouldStop?: () => boolean | string;
  /** Transitions (and recomputing steps) between polls within a level; 4096 by default. */
  pollEvery?: number;
  /**
   * Polled like `shouldStop`: true when the edge's memory budget is spent. The first time, the
   * search drops its stored frontier and from then on recomputes each level from the BFS tree
   * (regenerateLevel.ts: slower, same states in the same order); the next time, it ends
   * `unknown` with what it explored, never a crash. `outsideHeap`: bytes the search holds in
   * typed arrays (fingerprint set, BFS tree), which live outside the JS heap and so are not in
   * `process.memoryUsage().heapUsed` (they are in its `arrayBuffers`).
   */
  memoryExceeded?: (outsideHeap: number) => boolean;
  /**
   * Partial-order reduction with sleep sets (sleepSet.ts): transitions that commute with one
   * already explored are skipped. The same states at the same depths, so the same verdict, state
   * count and counterexample length; the counterexample itself may be another of that length.
   */
  por?: boolean;
}

export interface ExhaustiveResult {
  verdict: 'holds' | 'violated' | 'unknown';
  distinctStates: number;
  transitions: number;
  depthReached: number;
  /** Shortest violating schedule. */
  actions?: Action[];
  message?: string;
  reason?: string;
  /** TLC's "calculated (optimistic)" probability that a fingerprint collision hid a state (collisionProbability.ts). */
  collisionProbability: number;
  /** Bytes of the visited set and the BFS tree at the end (the frontier's worlds are not counted). */
  storedBytes: number;
  /** The largest BFS level held at once, in worlds. */
  peakFrontier: number;
  /** Past the memory budget: the first depth whose worlds were recomputed instead of stored, and the steps that took. */
  regeneratedFrom?: number;
  regeneratedSteps?: number;
  /** With `por`: transitions the sleep sets skipped (each would have reached a state already reached). */
  slept?: number;
}

export function exhaustiveCheck(model: Model, property: Property<any>, opts: ExhaustiveOptions): ExhaustiveResult {
  const bounds = model.scenario.bounds;
  const monitorHash = monitorHasher(property);
  const fp = { hi: 0, lo: 0 };
  const w0 = startWorld(model);
  const m0 = property.init(model, w0);
  const p0 = partsOf(w0);
  stateFingerprint(worldFingerprint(w0, bounds, p0), monitorHash(m0), fp);
  const seen = new FingerprintSet();
  seen.add(fp.hi, fp.lo);
  const tree = new BfsTree();
  /** Level d is the ids [levelStart[d], levelStart[d + 1]). */
  const levelStart = [0, 1];
  // The frontier: the next level's worlds and monitor states while they are stored; null once
  // the memory budget is spent, after which each level is recomputed from the tree.
  let worlds: World[] = [w0];
  let mons: unknown[] = [m0];
  // Each stored world's PARTS hashes (key.ts), carried beside it so a step updates them.
  let parts: number[] = p0;
  let nextWorlds: World[] | null = null;
  let nextMons: unknown[] = [];
  let nextParts: number[] = [];
  let regeneratedFrom: number | undefined;
  const regenerated = { steps: 0 };
  let peakFrontier = 1;
  let transitions = 0;
  const por = opts.por === true;
  // Nothing can sleep unless the property says which steps leave its monitor alone (Property.ignores).
  const reduce = por && property.ignores !== undefined;
  const scratch = new Footprint();
  let slept = 0;
  // With `por`: each stored state's sleep set, by position in its level, and the next level's
  // positions by fingerprint (a state reached again in the same level keeps asleep only what both
  // paths may skip; one reached again deeper is not expanded again, and needs nothing).
  let sleeps: SleepSet[] = [NO_SLEEP];
  let nextSleeps: SleepSet[] = [];
  const inLevel = new LevelIndex();
  const pollEvery = opts.pollEvery ?? 4096;
  let nextPoll = pollEvery;
  const figures = (depthReached: number) => ({
    distinctStates: seen.size,
    transitions,
    depthReached,
    collisionProbability: collisionProbability(seen.size, transitions + 1),
    storedBytes: seen.bytes + tree.bytes,
    peakFrontier,
    ...(por ? { slept } : {}),
    ...(regeneratedFrom !== undefined ? { regeneratedFrom, regeneratedSteps: regenerated.steps } : {}),
  });
  /** A budget that ran out, as an `unknown` result; undefined while every budget holds (or the frontier could be dropped instead). */
  const poll = (depthReached: number, where: string, levelEnd: boolean): ExhaustiveResult | undefined => {
    const memory = opts.memoryExceeded?.(seen.bytes + tree.bytes) ?? false;
    if (memory && regeneratedFrom === undefined) {
      // Past the memory budget the first time: drop the stored frontier (it can be recomputed)
      // and go on; only if the budget is still spent at a later poll does the search end.
      // Between levels that is the level about to be expanded; within one, the next level (the
      // rest of this one is let go as it is expanded).
      regeneratedFrom = levelEnd ? depthReached : depthReached + 1;
      if (levelEnd) {
        worlds = [];
        mons = [];
        parts = [];
      }
      nextWorlds = null;
      nextMons = [];
      nextParts = [];
      return undefined;
    }
    const stop = memory ? 'memory budget reached' : opts.shouldStop?.();
    if (!stop) return undefined;
    const why = stop === true ? 'time budget ran out' : stop;
    const f = figures(depthReached);
    const frontier = regeneratedFrom === undefined ? `frontier of ${nextWorlds?.length ?? 0} worlds` : `frontier recomputed from depth ${regeneratedFrom}`;
    return { verdict: 'unknown', ...f, reason: `${why} ${where} (${f.distinctStates} distinct states, ${f.storedBytes} bytes of fingerprints and parent links, ${frontier})` };
  };
  for (let depth = 0; depth < opts.depth; depth++) {
    nextWorlds = regeneratedFrom === undefined ? [] : null;
    nextMons = [];
    nextParts = [];
    nextSleeps = [];
    inLevel.clear();
    const stored = regeneratedFrom === undefined || regeneratedFrom > depth;
    const level = stored ? storedLevel(worlds, mons, levelStart[depth]) : regenerateLevel(model, property, tree, levelStart, depth, regenerated);
    const levelParts = parts;
    for (const { id: expected, world, mon } of level) {
      const id = tree.expandNext();
      if (id !== expected) throw new Error(`exhaustive: expanding state ${expected} out of BFS order (next is ${id})`);
      // A recomputed world has no carried hashes: they are computed from its tables.
      const wp = stored ? levelParts : partsOf(world);
      const at = stored ? (id - levelStart[depth]) * PARTS : 0;
      const acts = enabledActions(model, world);
      const sleep = por ? sleeps[id - levelStart[depth]] : NO_SLEEP;
      /** With `por`: the actions explored here so far that may sleep after a sibling (each stays enabled after the other, and every reduction condition holds). */
      let done: SleepEntry[] | undefined;
      for (let k = 0; k < acts.length; k++) {
        const a = acts[k];
        if (sleep.length > 0 && asleep(sleep, contentOf(world, a), a)) {
          slept++;
          continue;
        }
        transitions++;
        const f = reduce && isTracked(a) ? scratch.clear() : undefined;
        const r = step(model, world, a, false, wp, at, f);
        const ctx = { model, index: depth, action: a, before: world, after: r.world, obs: r.obs };
        const m = property.step(mon, ctx);
        if (m.violation) {
          return { verdict: 'violated', ...figures(depth + 1), actions: [...replayPath(model, tree.pathTo(id)), a], message: m.violation };
        }
        const ms = sameMonitor(mon, m.state);
        // The successor's sleep set: what slept here or was explored before `a`, and commutes with it.
        let childSleep = NO_SLEEP;
        if (f !== undefined && !f.global && ms === mon && property.ignores!(mon, ctx)) {
          let z: SleepEntry[] | undefined;
          for (const e of sleep) if (independent(e.fp, f)) (z ??= []).push(e);
          if (done !== undefined) for (const e of done) if (independent(e.fp, f)) (z ??= []).push(e);
          if (z !== undefined) childSleep = z;
          (done ??= []).push({ content: contentOf(world, a), action: a, fp: f.copy() });
        }
        const rp = r.parts!;
        stateFingerprint(worldFingerprint(r.world, bounds, rp), monitorHash(ms), fp);
        if (!seen.add(fp.hi, fp.lo)) {
          if (por) {
            const pos = inLevel.get(fp.hi, fp.lo);
            if (pos !== undefined) nextSleeps[pos] = intersect(nextSleeps[pos], childSleep);
          }
          continue;
        }
        tree.addChild(k);
        if (por) {
          inLevel.set(fp.hi, fp.lo, nextSleeps.length);
          nextSleeps.push(childSleep);
        }
        if (nextWorlds) {
          nextWorlds.push(r.world);
          nextMons.push(ms);
          nextParts.push(rp[0], rp[1], rp[2], rp[3]);
        }
        if (seen.size >= opts.maxStates) {
          return { verdict: 'unknown', ...figures(depth), reason: `state budget of ${opts.maxStates} distinct states reached at depth ${depth + 1}` };
        }
      }
      if (nextWorlds && nextWorlds.length > peakFrontier) peakFrontier = nextWorlds.length;
      if (transitions + regenerated.steps >= nextPoll) {
        nextPoll = transitions + regenerated.steps + pollEvery;
        const stopped = poll(depth, `at depth ${depth + 1}`, false);
        if (stopped) return stopped;
      }
    }
    levelStart.push(tree.size);
    if (tree.size === levelStart[depth + 1]) return { verdict: 'holds', ...figures(depth + 1), reason: 'state space exhausted' };
    // The level just expanded is no longer needed: only its successors are kept (if stored).
    worlds = nextWorlds ?? [];
    mons = nextMons;
    parts = nextParts;
    sleeps = nextSleeps;
    const stopped = poll(depth + 1, `after depth ${depth + 1}`, true);
    if (stopped) return stopped;
  }
  return { verdict: 'holds', ...figures(opts.depth), reason: `holds within depth ${opts.depth}` };
}

/** A stored level as LevelStates, letting go of each world once it is handed out (the collector may take it as soon as it is expanded). */
function* storedLevel(worlds: World[], mons: unknown[], firstId: number): Generator<LevelState> {
  for (let f = 0; f < worlds.length; f++) {
    const world = worlds[f];
    const mon = mons[f];
    worlds[f] = undefined as unknown as World;
    mons[f] = undefined;
    yield { id: firstId + f, world, mon };
  }
}
