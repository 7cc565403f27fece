// exhaustiveCheckReference: the exhaustive search as it was before the compact one (a Set of
// 53-bit numbers, a parent index and an Action object per state, fingerprints mixed through a
// string per state), kept verbatim as the bench's memory and speed baseline and as the oracle of
// the equivalence test (same counts, same shortest counterexamples). PURE; not used by the tool.
// (One change: memoryExceeded is told 0 bytes held outside the JS heap; this search holds none.)

import type { Property } from '../src/core/properties/property.js';
import type { Action } from '../src/core/world/action.js';
import { enabledActions } from '../src/core/world/enabled.js';
import { hash2, worldFingerprint } from '../src/core/world/key.js';
import type { Model } from '../src/core/world/model.js';
import { step } from '../src/core/world/step.js';
import type { World } from '../src/core/world/world.js';
import { startWorld } from '../src/core/explore/runSchedule.js';
import type { ExhaustiveOptions } from '../src/core/explore/exhaustive.js';

export interface ReferenceResult {
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

export function exhaustiveCheckReference(model: Model, property: Property<any>, opts: ExhaustiveOptions): ReferenceResult {
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
  const poll = (depthReached: number, where: string): ReferenceResult | undefined => {
    const stop = opts.memoryExceeded?.(0) ? 'memory budget reached' : opts.shouldStop?.();
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
        const r = step(model, node.world, a);
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
