// Exhaustive bounded search: breadth-first over (world, monitor) states up to a depth, with
// deduplication on fingerprints. Gives a shortest counterexample, "holds within the bound" with
// the number of distinct states, or `unknown` when the state budget runs out (never a silent pass).
// PURE. Fingerprints: 53-bit hashes of the world (world/key.ts worldFingerprint) and the monitor
// key (hash compaction as in SPIN's hashcompact: the chance that two distinct states collide
// among n is about n^2 / 2^54, under 1e-4 for 1e6 states; stated in the report). Budgets (time,
// memory, an interrupt) come in as polled callbacks: the search never reads a clock or the heap.

import type { Property } from '../properties/property.js';
import type { Action } from '../world/action.js';
import { enabledActions } from '../world/enabled.js';
import { hash2, worldFingerprint } from '../world/key.js';
import type { Model } from '../world/model.js';
import { step } from '../world/step.js';
import type { World } from '../world/world.js';
import { startWorld } from './runSchedule.js';

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
}

/** Mix the world's fingerprint with the monitor's key into one 53-bit number. */
function combine(world: number, monitor: string): number {
  const [h1, h2] = hash2(`${world}#${monitor}`);
  return h1 * 0x200000 + (h2 & 0x1fffff);
}

interface Node {
  world: World;
  mon: unknown;
  parent: number;
  action: Action | null;
}

export function exhaustiveCheck(model: Model, property: Property<any>, opts: ExhaustiveOptions): ExhaustiveResult {
  const w0 = startWorld(model);
  const m0 = property.init(model, w0);
  const fp0 = combine(worldFingerprint(w0, model.scenario.bounds), property.key(m0));
  const seen = new Set<number>([fp0]);
  // Parents of every discovered node, to rebuild the path; worlds only for the current frontier.
  const parents: number[] = [-1];
  const actions: (Action | null)[] = [null];
  let frontier: Node[] = [{ world: w0, mon: m0, parent: -1, action: null }];
  let frontierIds = [0];
  let transitions = 0;
  let nextPoll = 4096;
  /** A budget that ran out, as an `unknown` result; undefined while every budget holds. */
  const poll = (depthReached: number, where: string): ExhaustiveResult | undefined => {
    const stop = opts.memoryExceeded?.() ? 'memory budget reached' : opts.shouldStop?.();
    if (!stop) return undefined;
    const why = stop === true ? 'time budget ran out' : stop;
    return { verdict: 'unknown', distinctStates: seen.size, transitions, depthReached, reason: `${why} ${where} (${seen.size} distinct states)` };
  };
  const path = (id: number, last: Action): Action[] => {
    const out: Action[] = [last];
    for (let i = id; i > 0; i = parents[i]) out.push(actions[i]!);
    return out.reverse();
  };
  for (let depth = 0; depth < opts.depth; depth++) {
    const next: Node[] = [];
    const nextIds: number[] = [];
    for (let f = 0; f < frontier.length; f++) {
      const node = frontier[f];
      for (const a of enabledActions(model, node.world)) {
        transitions++;
        const r = step(model, node.world, a, false);
        const m = property.step(node.mon, { model, index: depth, action: a, before: node.world, after: r.world, obs: r.obs });
        if (m.violation) {
          return { verdict: 'violated', distinctStates: seen.size, transitions, depthReached: depth + 1, actions: path(frontierIds[f], a), message: m.violation };
        }
        const fp = combine(worldFingerprint(r.world, model.scenario.bounds), property.key(m.state));
        if (seen.has(fp)) continue;
        seen.add(fp);
        parents.push(frontierIds[f]);
        actions.push(a);
        next.push({ world: r.world, mon: m.state, parent: frontierIds[f], action: a });
        nextIds.push(parents.length - 1);
        if (seen.size >= opts.maxStates) {
          return { verdict: 'unknown', distinctStates: seen.size, transitions, depthReached: depth, reason: `state budget of ${opts.maxStates} distinct states reached at depth ${depth + 1}` };
        }
      }
      if (transitions >= nextPoll) {
        nextPoll = transitions + 4096;
        const stopped = poll(depth, `at depth ${depth + 1}`);
        if (stopped) return stopped;
      }
    }
    if (next.length === 0) return { verdict: 'holds', distinctStates: seen.size, transitions, depthReached: depth + 1, reason: 'state space exhausted' };
    frontier = next;
    frontierIds = nextIds;
    const stopped = poll(depth + 1, `after depth ${depth + 1}`);
    if (stopped) return stopped;
  }
  return { verdict: 'holds', distinctStates: seen.size, transitions, depthReached: opts.depth, reason: `holds within depth ${opts.depth}` };
}
