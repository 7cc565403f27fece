// Exhaustive bounded search: breadth-first over (world, monitor) states up to a depth, with
// deduplication on fingerprints. Gives a shortest counterexample, "holds within the bound" with
// the number of distinct states, or `unknown` when a budget runs out (never a silent pass).
// PURE. Compact: the visited set is a FingerprintSet of 64-bit state fingerprints (8 bytes a
// slot; stateFingerprint.ts), the BFS tree a BfsTree (about 2 bytes a state: action indices, no
// Action objects, no worlds); only the frontier holds worlds, and only one level of it. A
// counterexample is rebuilt by replaying the action indices from the initial world. Hash
// compaction as in SPIN and TLC: a fingerprint collision can hide a state, with the probability
// TLC calls "calculated (optimistic)" (collisionProbability.ts), returned with every result.
// Budgets (time, memory, an interrupt) come in as polled callbacks: the search never reads a
// clock or the heap.

import type { Property } from '../properties/property.js';
import type { Action } from '../world/action.js';
import { enabledActions } from '../world/enabled.js';
import { worldFingerprint } from '../world/key.js';
import type { Model } from '../world/model.js';
import { step } from '../world/step.js';
import type { World } from '../world/world.js';
import { BfsTree } from './bfsTree.js';
import { collisionProbability } from './collisionProbability.js';
import { FingerprintSet } from './fingerprintSet.js';
import { startWorld } from './runSchedule.js';
import { monitorHasher, stateFingerprint } from './stateFingerprint.js';

export interface ExhaustiveOptions {
  depth: number;
  /** Distinct states before giving up with `unknown`. */
  maxStates: number;
  /**
   * Polled between levels and every 4096 expansions: return true (a time budget ran out) or the
   * reason, e.g. `'interrupted'`, to stop with `unknown`.
   */
  shouldStop?: () => boolean | string;
  /** Polled like `shouldStop`: true when the edge's memory budget is spent (answers `unknown`, never a crash). */
  memoryExceeded?: () => boolean;
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
}

export function exhaustiveCheck(model: Model, property: Property<any>, opts: ExhaustiveOptions): ExhaustiveResult {
  const bounds = model.scenario.bounds;
  const monitorHash = monitorHasher(property);
  const fp = { hi: 0, lo: 0 };
  const w0 = startWorld(model);
  const m0 = property.init(model, w0);
  stateFingerprint(worldFingerprint(w0, bounds), monitorHash(m0), fp);
  const seen = new FingerprintSet();
  seen.add(fp.hi, fp.lo);
  const tree = new BfsTree();
  // One BFS level: the worlds and monitor states of the ids [levelStart, levelStart + length).
  let worlds: World[] = [w0];
  let mons: unknown[] = [m0];
  let peakFrontier = 1;
  let transitions = 0;
  let nextPoll = 4096;
  const figures = (depthReached: number) => ({
    distinctStates: seen.size,
    transitions,
    depthReached,
    collisionProbability: collisionProbability(seen.size, transitions + 1),
    storedBytes: seen.bytes + tree.bytes,
    peakFrontier,
  });
  /** A budget that ran out, as an `unknown` result; undefined while every budget holds. */
  const poll = (depthReached: number, where: string): ExhaustiveResult | undefined => {
    const stop = opts.memoryExceeded?.() ? 'memory budget reached' : opts.shouldStop?.();
    if (!stop) return undefined;
    const why = stop === true ? 'time budget ran out' : stop;
    const f = figures(depthReached);
    const held = `${f.distinctStates} distinct states, ${f.storedBytes} bytes of fingerprints and parent links, frontier of ${worlds.length} worlds`;
    return { verdict: 'unknown', ...f, reason: `${why} ${where} (${held})` };
  };
  for (let depth = 0; depth < opts.depth; depth++) {
    const nextWorlds: World[] = [];
    const nextMons: unknown[] = [];
    for (let f = 0; f < worlds.length; f++) {
      const world = worlds[f];
      const mon = mons[f];
      // Let the collector take this level's worlds as they are expanded, not at the level's end.
      worlds[f] = undefined as unknown as World;
      mons[f] = undefined;
      const id = tree.expandNext();
      const acts = enabledActions(model, world);
      for (let k = 0; k < acts.length; k++) {
        const a = acts[k];
        transitions++;
        const r = step(model, world, a);
        const m = property.step(mon, { model, index: depth, action: a, before: world, after: r.world, obs: r.obs });
        if (m.violation) {
          return { verdict: 'violated', ...figures(depth + 1), actions: [...replay(model, tree.pathTo(id)), a], message: m.violation };
        }
        stateFingerprint(worldFingerprint(r.world, bounds), monitorHash(m.state), fp);
        if (!seen.add(fp.hi, fp.lo)) continue;
        tree.addChild(k);
        nextWorlds.push(r.world);
        nextMons.push(m.state);
        if (seen.size >= opts.maxStates) {
          return { verdict: 'unknown', ...figures(depth), reason: `state budget of ${opts.maxStates} distinct states reached at depth ${depth + 1}` };
        }
      }
      if (nextWorlds.length > peakFrontier) peakFrontier = nextWorlds.length;
      if (transitions >= nextPoll) {
        nextPoll = transitions + 4096;
        const stopped = poll(depth, `at depth ${depth + 1}`);
        if (stopped) return stopped;
      }
    }
    if (nextWorlds.length === 0) return { verdict: 'holds', ...figures(depth + 1), reason: 'state space exhausted' };
    // The level just expanded is no longer needed: only its successors are kept.
    worlds = nextWorlds;
    mons = nextMons;
    const stopped = poll(depth + 1, `after depth ${depth + 1}`);
    if (stopped) return stopped;
  }
  return { verdict: 'holds', ...figures(opts.depth), reason: `holds within depth ${opts.depth}` };
}

/**
 * The actions of a path of action indices, replayed from the initial world. enabledActions is a
 * pure function of (model, world), so the i-th action of a replayed world is the one the search
 * took; an index out of range means that determinism broke, and is an internal error.
 */
function replay(model: Model, indices: readonly number[]): Action[] {
  let world = startWorld(model);
  const out: Action[] = [];
  for (const [i, k] of indices.entries()) {
    const acts = enabledActions(model, world);
    if (k >= acts.length) throw new Error(`exhaustive replay: step ${i + 1} takes enabled action ${k} of ${acts.length}: enabledActions is not deterministic`);
    out.push(acts[k]);
    world = step(model, world, acts[k]).world;
  }
  return out;
}
