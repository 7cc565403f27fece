// ExhaustiveShard: one thread's part of the parallel exhaustive search (parallelExhaustive.ts).
// PURE. A shard holds the worlds of the frontier states it owns (never sent to another thread)
// and expands them in rank order into the shared visited set, recording for every successor new
// to this level its slot and its key: parent rank * KEY_ACTIONS + action index, the position of
// the transition in the single-thread search's order. It keeps the world of each new state it
// reaches (once, however often it reaches it), whichever shard stored the fingerprint first:
// mergeLevel.ts ranks the states and gives each to one shard that holds its world, evening out
// the shards' loads, and `adopt` makes those the next frontier, in rank order.

import type { Property } from '../properties/property.js';
import { type Enabled, enabled, enabledActions } from '../world/enabled.js';
import { partsOf, worldFingerprint } from '../world/key.js';
import type { Model } from '../world/model.js';
import { step } from '../world/step.js';
import type { World } from '../world/world.js';
import { startWorld } from './runSchedule.js';
import { INSERT_OLD, type SharedFingerprintSet } from './sharedFingerprintSet.js';
import { monitorHasher, sameMonitor, stateFingerprint } from './stateFingerprint.js';

/** What a let-go frontier slot holds instead of its world's hashes. */
const NO_PARTS: readonly number[] = [];

/** Keys are parent rank * KEY_ACTIONS + action index: exact in a double while ranks stay below 2^37. */
export const KEY_ACTIONS = 65536;

/** Where the search is, for an observer of the property's steps (vacuity: the earliest step wins a tie). */
export interface StepPosition {
  /** Depth of the parent, -1 for the initial state; `replaying` when a step repeats one already taken. */
  depth: number;
  key: number;
  replaying: boolean;
}

/** One shard's expansion of one level, as data a thread can post. */
export interface LevelReport {
  /** Per successor new to this level, in key order: its slot, its key, 1 when this shard kept its world (its first record of the slot). */
  slots: Int32Array;
  keys: Float64Array;
  kept: Uint8Array;
  /** The ranks of the parents expanded, in order, and their enabled actions (transitions) each. */
  parents: Int32Array;
  counts: Int32Array;
  transitions: number;
  /** The first violating transition this shard met (it stops there). */
  violation: { key: number; message: string } | null;
  /** A budget ran out: its reason, or `memory` (the memory budget, which the caller handles apart). */
  stopped: string | null;
}

export interface ShardBudgets {
  /** Polled every `pollEvery` transitions: true (time) or a reason, e.g. `interrupted`. */
  shouldStop?: () => boolean | string;
  /** Polled likewise, told the bytes held outside the JS heap (the shared table). */
  memoryExceeded?: (outsideHeap: number) => boolean;
  pollEvery?: number;
}

/** No violation yet, in the shared control word. */
export const NO_VIOLATION = 0x7fffffff;

export class ExhaustiveShard {
  private worlds: World[] = [];
  private mons: unknown[] = [];
  /**
   * Each owned world's enabled actions, described (enabled.ts Enabled: counts by kind, no action
   * built). The count sizes the shared set before a level; `expand` builds the list from the
   * same object. Held for a whole frontier, the lists themselves were a second copy of every
   * frontier state's actions kept alive (old-generation garbage); the description was computed
   * twice, once here for the count and again when expanding (issue 9).
   */
  private enabledOf: (Enabled | undefined)[] = [];
  private ranks: number[] = [];
  /** The worlds kept in the last `expand`, in the order recorded. */
  private keptWorlds: World[] = [];
  private keptMons: unknown[] = [];
  /** Each world's PARTS hashes (key.ts), carried beside it so a step updates them instead of rehashing. */
  private parts: (readonly number[])[] = [];
  private keptParts: (readonly number[])[] = [];
  private readonly monitorHash: (s: unknown) => readonly [number, number];
  private readonly bounds: Model['scenario']['bounds'];

  constructor(
    private readonly model: Model,
    private readonly property: Property<any>,
    /** Written before each monitor step, for an observer of the property's steps. */
    private readonly at: StepPosition = { depth: -1, key: 0, replaying: false },
  ) {
    this.monitorHash = monitorHasher(property);
    this.bounds = model.scenario.bounds;
  }

  /** Frontier states owned. */
  get size(): number {
    return this.worlds.length;
  }

  /** Transitions the owned frontier will take (its enabled actions), the bound on its new states. */
  get frontierTransitions(): number {
    let n = 0;
    for (const e of this.enabledOf) if (e !== undefined) n += e.count;
    return n;
  }

  /** Own the initial state, rank 0 of level 0, and store its fingerprint. */
  root(set: SharedFingerprintSet): void {
    const w0 = startWorld(this.model);
    this.at.depth = -1;
    const m0 = this.property.init(this.model, w0);
    const fp = { hi: 0, lo: 0 };
    const p0 = partsOf(w0);
    stateFingerprint(worldFingerprint(w0, this.bounds, p0), this.monitorHash(m0), fp);
    set.settle(set.insert(fp.hi, fp.lo) >>> 1);
    this.own([w0], [m0], [0], [p0]);
  }

  /**
   * Own the states at these tree paths (action indices from the initial world) with these ranks,
   * replacing the frontier: how states are handed out when the search goes parallel.
   */
  replay(paths: readonly (readonly number[])[], ranks: readonly number[]): void {
    const worlds: World[] = [];
    const mons: unknown[] = [];
    this.at.replaying = true;
    for (const path of paths) {
      let world = startWorld(this.model);
      let mon = this.property.init(this.model, world);
      for (const [i, k] of path.entries()) {
        const a = enabledActions(this.model, world)[k];
        if (a === undefined) throw new Error(`exhaustive shard: replayed step ${i + 1} takes enabled action ${k}, which does not exist`);
        const r = step(this.model, world, a, false);
        mon = this.property.step(mon, { model: this.model, index: i, action: a, before: world, after: r.world, obs: r.obs }).state;
        world = r.world;
      }
      worlds.push(world);
      mons.push(mon);
    }
    this.at.replaying = false;
    this.own(worlds, mons, ranks, worlds.map(partsOf));
  }

  /** Keep only the owned states whose rank passes `keep` (the others are handed to other shards). */
  keep(keep: (rank: number) => boolean): void {
    const idx = this.ranks.map((_, i) => i).filter((i) => keep(this.ranks[i]));
    this.worlds = idx.map((i) => this.worlds[i]);
    this.mons = idx.map((i) => this.mons[i]);
    this.parts = idx.map((i) => this.parts[i]);
    this.enabledOf = idx.map((i) => this.enabledOf[i]);
    this.ranks = idx.map((i) => this.ranks[i]);
  }

  /** Drop every world held (the search ended or fell back). */
  clear(): void {
    this.own([], [], [], []);
    this.keptWorlds = [];
    this.keptMons = [];
    this.keptParts = [];
  }

  /**
   * Expand the owned states of level `depth` in rank order. Stops at its first violation, and
   * before any parent ranked after the smallest violating parent any shard has published in
   * `control[0]` (its transitions come after that violation in the single-thread order).
   */
  expand(depth: number, set: SharedFingerprintSet, control: Int32Array, budgets: ShardBudgets = {}): LevelReport {
    const { model, property, bounds, monitorHash, at } = this;
    const slots: number[] = [];
    const keys: number[] = [];
    const kept: number[] = [];
    // The slots this shard has kept a world for in this level, a bit each.
    const mine = new Uint32Array(Math.ceil(set.capacity / 32));
    const parents: number[] = [];
    const counts: number[] = [];
    const fp = { hi: 0, lo: 0 };
    this.keptWorlds = [];
    this.keptMons = [];
    this.keptParts = [];
    const pollEvery = budgets.pollEvery ?? 4096;
    let transitions = 0;
    let nextPoll = pollEvery;
    let violation: LevelReport['violation'] = null;
    let stopped: string | null = null;
    at.depth = depth;
    expanding: for (let f = 0; f < this.worlds.length; f++) {
      const rank = this.ranks[f];
      if (rank > Atomics.load(control, 0)) break;
      const world = this.worlds[f];
      const mon = this.mons[f];
      const wp = this.parts[f];
      const acts = (this.enabledOf[f] as Enabled).list();
      // Let go of the parent as it is expanded, as the single-thread search does (its Enabled holds it too).
      this.worlds[f] = undefined as unknown as World;
      this.enabledOf[f] = undefined;
      this.mons[f] = undefined;
      this.parts[f] = NO_PARTS;
      parents.push(rank);
      counts.push(acts.length);
      for (let k = 0; k < acts.length; k++) {
        const a = acts[k];
        transitions++;
        const r = step(model, world, a, false, wp);
        at.key = rank * KEY_ACTIONS + k;
        const m = property.step(mon, { model, index: depth, action: a, before: world, after: r.world, obs: r.obs });
        if (m.violation) {
          violation = { key: rank * KEY_ACTIONS + k, message: m.violation };
          for (let seen = Atomics.load(control, 0); rank < seen; ) {
            const was = Atomics.compareExchange(control, 0, seen, rank);
            if (was === seen) break;
            seen = was;
          }
          break expanding;
        }
        const ms = sameMonitor(mon, m.state);
        const rp = r.parts!;
        stateFingerprint(worldFingerprint(r.world, bounds, rp), monitorHash(ms), fp);
        const s = set.insert(fp.hi, fp.lo);
        if (s === INSERT_OLD) continue;
        const slot = s >>> 1;
        slots.push(slot);
        keys.push(rank * KEY_ACTIONS + k);
        const bit = 1 << (slot & 31);
        const first = (mine[slot >>> 5] & bit) === 0;
        kept.push(first ? 1 : 0);
        if (first) {
          mine[slot >>> 5] |= bit;
          this.keptWorlds.push(r.world);
          this.keptMons.push(ms);
          this.keptParts.push(rp);
        }
      }
      if (transitions >= nextPoll) {
        nextPoll = transitions + pollEvery;
        if (budgets.memoryExceeded?.(set.bytes)) stopped = 'memory';
        else {
          const stop = budgets.shouldStop?.();
          if (stop) stopped = stop === true ? 'time budget ran out' : stop;
        }
        if (stopped) break;
      }
    }
    this.own([], [], [], []);
    return {
      slots: Int32Array.from(slots),
      keys: Float64Array.from(keys),
      kept: Uint8Array.from(kept),
      parents: Int32Array.from(parents),
      counts: Int32Array.from(counts),
      transitions,
      violation,
      stopped,
    };
  }

  /**
   * Make the states given to this shard its frontier, in rank order: `ranks` (mergeLevel.ts) has
   * one entry per world kept in the last `expand`, its rank, or -1 when another shard owns it.
   */
  adopt(ranks: Int32Array): void {
    if (ranks.length !== this.keptWorlds.length) throw new Error(`exhaustive shard: ${ranks.length} ranks for ${this.keptWorlds.length} states`);
    if (ranks.length >= 2 ** 26) throw new RangeError(`exhaustive shard: ${ranks.length} states kept in one level, more than it sorts`);
    // Sorted as packed numbers (rank, then index), a typed-array sort without a comparator: a
    // level's ranks stay below 2^27 here and its records below 2^26, well within a double.
    const packed = new Float64Array(ranks.length);
    let n = 0;
    for (let i = 0; i < ranks.length; i++) if (ranks[i] >= 0) packed[n++] = ranks[i] * 2 ** 26 + i;
    const order = Array.from(packed.subarray(0, n).sort(), (x) => x % 2 ** 26);
    const worlds = order.map((i) => this.keptWorlds[i]);
    const mons = order.map((i) => this.keptMons[i]);
    const parts = order.map((i) => this.keptParts[i]);
    this.keptWorlds = [];
    this.keptMons = [];
    this.keptParts = [];
    this.own(
      worlds,
      mons,
      order.map((i) => ranks[i]),
      parts,
    );
  }

  private own(worlds: World[], mons: unknown[], ranks: readonly number[], parts: (readonly number[])[]): void {
    this.worlds = worlds;
    this.mons = mons;
    this.parts = parts;
    this.ranks = [...ranks];
    this.enabledOf = worlds.map((w) => enabled(this.model, w));
    for (const e of this.enabledOf)
      if (e !== undefined && e.count > KEY_ACTIONS) throw new RangeError(`exhaustive shard: ${e.count} enabled actions in one state, more than a key holds (${KEY_ACTIONS})`);
  }
}
