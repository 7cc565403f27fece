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
import { PartsList } from './partsList.js';
import { replayPath } from './replayPath.js';
import { asleepIn, contentOf, intersect, NO_SLEEP, type SleepEntry, type SleepSet } from './sleepSet.js';
import { DIRECT, type StepSource } from './stepSource.js';
import { monitorHasher, sameMonitor, stateFingerprint } from './stateFingerprint.js';
import { hostSymmetry, type HostRenaming } from '../world/hostSymmetry.js';
import { hash2 } from '../world/key.js';
import { hostImageFingerprint } from '../world/hostImage.js';
import { renamePlain } from '../world/renameWorld.js';

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
  /**
   * Symmetry reduction over interchangeable hosts (world/hostSymmetry.ts), when the property is
   * `symmetric`: a state is stored by the least fingerprint of its images under the host
   * renamings, so of states that differ only by such a renaming one is expanded. The states kept
   * are worlds the search reached (never images), so a counterexample is a real run, and a
   * shortest one: images lie at the same depth.
   */
  symmetry?: boolean;
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
  /** With `symmetry`: the order of the host-renaming group the states were merged under (1: the model has no interchangeable hosts, or the property is not `symmetric`). */
  symmetryOrder?: number;
}

export function exhaustiveCheck(model: Model, property: Property<any>, opts: ExhaustiveOptions): ExhaustiveResult {
  return new ExhaustiveSearch(model, property, opts).run(Infinity)!;
}

/**
 * The search as an object that can stop between states and go on: `run(n)` expands up to n
 * states and returns the result once the search has ended. exhaustiveCheck runs it to its end;
 * searches of several properties over one model run in turn (check.ts exhaustiveReports), sharing world steps
 * through a step source (stepSource.ts). Its hot loop keeps its values in locals: written as a
 * generator, they lived in the generator's context and the one-property search lost 12 %.
 */
export class ExhaustiveSearch {
  private readonly bounds: Model['scenario']['bounds'];
  private readonly monitorHash: (s: unknown) => readonly [number, number];
  private readonly fp = { hi: 0, lo: 0 };
  private readonly seen = new FingerprintSet();
  private readonly tree = new BfsTree();
  /** Level d is the ids [levelStart[d], levelStart[d + 1]). */
  private readonly levelStart = [0, 1];
  // The frontier: the next level's worlds and monitor states while they are stored; null once
  // the memory budget is spent, after which each level is recomputed from the tree.
  private worlds: World[];
  private mons: unknown[];
  // Each stored world's PARTS hashes (key.ts), carried beside it so a step updates them.
  private parts: PartsList;
  private nextWorlds: World[] | null = null;
  private nextMons: unknown[] = [];
  private nextParts = new PartsList();
  private regeneratedFrom: number | undefined;
  private readonly regenerated = { steps: 0 };
  private peakFrontier = 1;
  private transitions = 0;
  private readonly por: boolean;
  // Nothing can sleep unless the property says which steps leave its monitor alone (Property.ignores).
  private readonly reduce: boolean;
  private readonly scratch = new Footprint();
  private slept = 0;
  // With `por`: each stored state's sleep set, by position in its level, and the next level's
  // positions by fingerprint (a state reached again in the same level keeps asleep only what both
  // paths may skip; one reached again deeper is not expanded again, and needs nothing).
  private sleeps: SleepSet[] = [NO_SLEEP];
  private nextSleeps: SleepSet[] = [];
  private readonly inLevel = new LevelIndex();
  private readonly pollEvery: number;
  private nextPoll: number;
  /** The level being expanded (undefined between levels), whether its worlds are stored, and their hashes. */
  private depth = 0;
  private level: Iterator<LevelState> | undefined;
  private stored = true;
  private levelParts = new PartsList();
  private result: ExhaustiveResult | undefined;
  private readonly shared: boolean;
  /** With `symmetry`: the renamings a state's images are taken under (none: no reduction). */
  private readonly renamings: readonly HostRenaming[];

  constructor(
    private readonly model: Model,
    private readonly property: Property<any>,
    private readonly opts: ExhaustiveOptions,
    private readonly src: StepSource = DIRECT,
  ) {
    this.bounds = model.scenario.bounds;
    this.monitorHash = monitorHasher(property);
    this.shared = src !== DIRECT;
    if (opts.symmetry && opts.por) throw new Error('exhaustive: --symmetry and --por are not combined (a sleep set names the actions of one world, not of its images)');
    this.renamings = opts.symmetry && property.symmetric ? hostSymmetry(model.scenario).elements : [];
    const w0 = src.start(model);
    const m0 = property.init(model, w0);
    const p0 = partsOf(w0);
    stateFingerprint(worldFingerprint(w0, this.bounds, p0), this.monitorHash(m0), this.fp);
    this.leastImage(w0, m0);
    this.seen.add(this.fp.hi, this.fp.lo);
    this.worlds = [w0];
    src.hold(w0);
    this.mons = [m0];
    this.parts = PartsList.of(p0);
    this.por = opts.por === true;
    this.reduce = this.por && property.ignores !== undefined;
    this.pollEvery = opts.pollEvery ?? 4096;
    this.nextPoll = this.pollEvery;
  }

  /**
   * With symmetry: `fp` (the state's own fingerprint on entry) becomes the least of its images'
   * under the renamings, so every state of one orbit gets one fingerprint. Each image's
   * fingerprint costs a pass over the world's actors, messages and timers (hostImage.ts).
   */
  private leastImage(world: World, mon: unknown, parent?: World): void {
    const fp = this.fp;
    let hi = fp.hi;
    let lo = fp.lo;
    for (const r of this.renamings) {
      stateFingerprint(hostImageFingerprint(world, this.bounds, r, parent), this.imageMonitorHash(mon, r), fp);
      if (fp.hi < hi || (fp.hi === hi && fp.lo < lo)) {
        hi = fp.hi;
        lo = fp.lo;
      }
    }
    fp.hi = hi;
    fp.lo = lo;
  }

  /** Per renaming, the hash of the key of each monitor state's image, memoised per state object (most steps keep the monitor's state: sameMonitor). */
  private readonly imageHashes = new Map<HostRenaming, WeakMap<object, readonly [number, number]>>();

  private imageMonitorHash(mon: unknown, r: HostRenaming): readonly [number, number] {
    if (typeof mon !== 'object' || mon === null) return hash2(this.property.key(renamePlain(mon, r)));
    let byState = this.imageHashes.get(r);
    if (byState === undefined) {
      byState = new WeakMap();
      this.imageHashes.set(r, byState);
    }
    let h = byState.get(mon);
    if (h === undefined) {
      h = hash2(this.property.key(renamePlain(mon, r)));
      byState.set(mon, h);
    }
    return h;
  }

  private figures(depthReached: number) {
    const { seen, tree, transitions } = this;
    return {
      distinctStates: seen.size,
      transitions,
      depthReached,
      collisionProbability: collisionProbability(seen.size, transitions + 1),
      storedBytes: seen.bytes + tree.bytes,
      peakFrontier: this.peakFrontier,
      ...(this.por ? { slept: this.slept } : {}),
      ...(this.opts.symmetry ? { symmetryOrder: this.renamings.length + 1 } : {}),
      ...(this.regeneratedFrom !== undefined ? { regeneratedFrom: this.regeneratedFrom, regeneratedSteps: this.regenerated.steps } : {}),
    };
  }

  /**
   * Let go of the stored worlds a shared source remembers for this search: the next level's, and
   * with `level` the rest of the one being expanded (the entries a level hands out are cleared).
   */
  private letGo(level: boolean): void {
    if (!this.shared) return;
    if (level) for (const w of this.worlds) if (w !== undefined) this.src.release(w);
    if (this.nextWorlds) for (const w of this.nextWorlds) this.src.release(w);
  }

  /** The search has ended: it lets go of the worlds it still holds. */
  private end(r: ExhaustiveResult): ExhaustiveResult {
    this.letGo(true);
    this.worlds = [];
    this.nextWorlds = null;
    this.level = undefined;
    this.result = r;
    return r;
  }

  /** A budget that ran out, as an `unknown` result; undefined while every budget holds (or the frontier could be dropped instead). */
  private poll(depthReached: number, where: string, levelEnd: boolean): ExhaustiveResult | undefined {
    const { opts, seen, tree } = this;
    const memory = opts.memoryExceeded?.(seen.bytes + tree.bytes) ?? false;
    if (memory && this.regeneratedFrom === undefined) {
      // Past the memory budget the first time: drop the stored frontier (it can be recomputed)
      // and go on; only if the budget is still spent at a later poll does the search end.
      // Between levels that is the level about to be expanded; within one, the next level (the
      // rest of this one is let go as it is expanded).
      this.regeneratedFrom = levelEnd ? depthReached : depthReached + 1;
      this.letGo(levelEnd);
      if (levelEnd) {
        this.worlds = [];
        this.mons = [];
        this.parts = new PartsList();
      }
      this.nextWorlds = null;
      this.nextMons = [];
      this.nextParts = new PartsList();
      return undefined;
    }
    const stop = memory ? 'memory budget reached' : opts.shouldStop?.();
    if (!stop) return undefined;
    const why = stop === true ? 'time budget ran out' : stop;
    const f = this.figures(depthReached);
    const frontier = this.regeneratedFrom === undefined ? `frontier of ${this.nextWorlds?.length ?? 0} worlds` : `frontier recomputed from depth ${this.regeneratedFrom}`;
    return this.end({ verdict: 'unknown', ...f, reason: `${why} ${where} (${f.distinctStates} distinct states, ${f.storedBytes} bytes of fingerprints and parent links, ${frontier})` });
  }

  /** Expand up to `budget` states (Infinity: to the end); the result once the search has ended, else undefined. */
  run(budget: number): ExhaustiveResult | undefined {
    if (this.result) return this.result;
    const { model, property, opts, bounds, monitorHash, fp, seen, tree, levelStart, src, por, reduce, scratch, inLevel } = this;
    for (;;) {
      const depth = this.depth;
      if (depth >= opts.depth) return this.end({ verdict: 'holds', ...this.figures(opts.depth), reason: `holds within depth ${opts.depth}` });
      if (this.level === undefined) {
        this.nextWorlds = this.regeneratedFrom === undefined ? [] : null;
        this.nextMons = [];
        this.nextParts = new PartsList();
        this.nextSleeps = [];
        inLevel.clear();
        this.stored = this.regeneratedFrom === undefined || this.regeneratedFrom > depth;
        this.level = this.stored ? storedLevel(this.worlds, this.mons, levelStart[depth]) : regenerateLevel(model, property, tree, levelStart, depth, this.regenerated);
        this.levelParts = this.parts;
      }
      const stored = this.stored;
      const levelParts = this.levelParts.data;
      const sleeps = this.sleeps;
      for (;;) {
        if (budget <= 0) return undefined;
        const next = this.level.next();
        if (next.done) break;
        budget--;
        const { id: expected, world, mon } = next.value;
        const id = tree.expandNext();
        if (id !== expected) throw new Error(`exhaustive: expanding state ${expected} out of BFS order (next is ${id})`);
        // A recomputed world has no carried hashes: they are computed from its tables.
        const wp = stored ? levelParts : partsOf(world);
        const at = stored ? (id - levelStart[depth]) * PARTS : 0;
        const acts = stored ? src.enabled(model, world) : enabledActions(model, world);
        const sleep = por ? sleeps[id - levelStart[depth]] : NO_SLEEP;
        /** With `por`: the actions explored here so far that may sleep after a sibling (each stays enabled after the other, and every reduction condition holds). */
        let done: SleepEntry[] | undefined;
        for (let k = 0; k < acts.length; k++) {
          const a = acts[k];
          if (sleep.length > 0 && asleepIn(sleep, world, a)) {
            this.slept++;
            continue;
          }
          this.transitions++;
          const f = reduce && isTracked(a) ? scratch.clear() : undefined;
          const r = f === undefined && stored ? src.step(model, world, acts, k, wp, at) : step(model, world, a, false, wp, at, f);
          const ctx = { model, index: depth, action: a, before: world, after: r.world, obs: r.obs };
          const m = property.step(mon, ctx);
          if (m.violation) {
            if (stored) src.release(world);
            return this.end({ verdict: 'violated', ...this.figures(depth + 1), actions: [...replayPath(model, tree.pathTo(id)), a], message: m.violation });
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
          if (this.renamings.length > 0) this.leastImage(r.world, ms, world);
          if (!seen.add(fp.hi, fp.lo)) {
            if (por) {
              const pos = inLevel.get(fp.hi, fp.lo);
              if (pos !== undefined) this.nextSleeps[pos] = intersect(this.nextSleeps[pos], childSleep);
            }
            continue;
          }
          tree.addChild(k);
          if (por) {
            inLevel.set(fp.hi, fp.lo, this.nextSleeps.length);
            this.nextSleeps.push(childSleep);
          }
          const nextWorlds = this.nextWorlds;
          if (nextWorlds) {
            src.hold(r.world);
            nextWorlds.push(r.world);
            this.nextMons.push(ms);
            this.nextParts.push4(rp[0], rp[1], rp[2], rp[3]);
          }
          if (seen.size >= opts.maxStates) {
            if (stored) src.release(world);
            return this.end({ verdict: 'unknown', ...this.figures(depth), reason: `state budget of ${opts.maxStates} distinct states reached at depth ${depth + 1}` });
          }
        }
        if (stored) src.release(world);
        if (this.nextWorlds && this.nextWorlds.length > this.peakFrontier) this.peakFrontier = this.nextWorlds.length;
        if (this.transitions + this.regenerated.steps >= this.nextPoll) {
          this.nextPoll = this.transitions + this.regenerated.steps + this.pollEvery;
          const stopped = this.poll(depth, `at depth ${depth + 1}`, false);
          if (stopped) return stopped;
        }
      }
      this.level = undefined;
      levelStart.push(tree.size);
      if (tree.size === levelStart[depth + 1]) return this.end({ verdict: 'holds', ...this.figures(depth + 1), reason: 'state space exhausted' });
      // The level just expanded is no longer needed: only its successors are kept (if stored).
      this.worlds = this.nextWorlds ?? [];
      this.mons = this.nextMons;
      this.parts = this.nextParts;
      this.sleeps = this.nextSleeps;
      this.depth = depth + 1;
      const stopped = this.poll(depth + 1, `after depth ${depth + 1}`, true);
      if (stopped) return stopped;
    }
  }
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
