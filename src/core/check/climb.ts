// Climbing the exhaustive ladder (core/exhaustiveScope.ts): search the rungs one after another,
// each on the model narrowed to it; the first violation ends the climb (a counterexample of the
// model itself, narrowScope.ts); holds only if every rung holds. Counts are summed over rungs (a
// state two rungs share is counted in each), the state budget is for the whole climb, and the
// collision probabilities add up (a bound on any collision in any rung). PURE.
// Written once as a generator that asks for each rung's search, so the one-thread check
// (check.ts Climber, whose searches may take turns with other properties') and the search split
// over threads (cli/splitUnit.ts, one that resolves) climb the same way and report the same.

import { rungText, type Rung } from '../exhaustiveScope.js';
import type { ExhaustiveResult } from '../explore/exhaustive.js';
import { narrowScope } from '../explore/narrowScope.js';
import type { Property } from '../properties/property.js';
import type { Model } from '../world/model.js';
import type { PropertyReport, ScopeReport } from './check.js';

/** One rung's search, as the climb asks for it: the narrowed model and property, and the states left of the budget. */
export interface RungSearch {
  /** The rung's position in the ladder (0 first). */
  index: number;
  model: Model;
  property: Property<any>;
  maxStates: number;
}

export interface Climbed {
  r: ExhaustiveResult;
  ladder: Pick<PropertyReport, 'scopes' | 'scope'>;
}

/** The climb, asking for each rung's search in turn (`yield` it the RungSearch, send back its result). */
export function* climbing(model: Model, property: Property<any>, rungs: readonly Rung[], maxStates: number): Generator<RungSearch, Climbed, ExhaustiveResult> {
  const scopes: ScopeReport[] = [];
  let distinctStates = 0;
  let transitions = 0;
  /** Transitions the sleep sets skipped (`--por`), over the rungs; undefined without the reduction. */
  let slept: number | undefined;
  /** The symmetry group's order (`--symmetry`): one model, so the same on every rung. */
  let symmetryOrder: number | undefined;
  let collision = 0;
  let depthReached = 0;
  let storedBytes = 0;
  let peakFrontier = 0;
  let last: ExhaustiveResult | undefined;
  for (const [index, rung] of rungs.entries()) {
    const n = narrowScope(model, property, rung);
    const left = maxStates - distinctStates;
    const bounds = rungText(rung);
    if (left <= 0) {
      scopes.push({ bounds, verdict: 'unknown', distinctStates: 0, transitions: 0, reason: `state budget of ${maxStates} distinct states spent by the rungs before` });
      continue;
    }
    const r = yield { index, model: n.model, property: n.property, maxStates: left };
    const reason = searchReason(r.verdict === 'violated' ? { ...r, reason: `violated at depth ${r.depthReached}` } : r);
    scopes.push({ bounds, verdict: r.verdict, distinctStates: r.distinctStates, transitions: r.transitions, reason });
    distinctStates += r.distinctStates;
    transitions += r.transitions;
    if (r.slept !== undefined) slept = (slept ?? 0) + r.slept;
    if (r.symmetryOrder !== undefined) symmetryOrder = r.symmetryOrder;
    collision += r.collisionProbability;
    depthReached = Math.max(depthReached, r.depthReached);
    storedBytes = Math.max(storedBytes, r.storedBytes);
    peakFrontier = Math.max(peakFrontier, r.peakFrontier);
    last = r;
    if (r.verdict === 'violated') break;
  }
  const sums = {
    distinctStates,
    transitions,
    depthReached,
    collisionProbability: Math.min(1, collision),
    storedBytes,
    peakFrontier,
    ...(slept !== undefined ? { slept } : {}),
    ...(symmetryOrder !== undefined ? { symmetryOrder } : {}),
  };
  const violated = last?.verdict === 'violated' ? last : undefined;
  if (violated) {
    const at = scopes.length;
    return { r: { ...violated, ...sums, reason: `violated in rung ${at} of ${rungs.length} (${scopes[at - 1].bounds}); shortest within that rung` }, ladder: { scopes, scope: scopes[at - 1].bounds } };
  }
  const undecided = scopes.filter((x) => x.verdict === 'unknown').length;
  const reason = undecided ? `undecided in ${undecided} of ${rungs.length} rungs, holds in the others` : `holds in each of the ${rungs.length} rungs of the exhaustive ladder`;
  return { r: { verdict: undecided ? 'unknown' : 'holds', ...sums, reason }, ladder: { scopes } };
}

/** The climb with a search that resolves; undefined as soon as one rung's search gives up (the caller checks in one thread). */
export async function climbAsync(
  model: Model,
  property: Property<any>,
  rungs: readonly Rung[],
  maxStates: number,
  search: (s: RungSearch) => Promise<ExhaustiveResult | undefined>,
): Promise<Climbed | undefined> {
  const g = climbing(model, property, rungs, maxStates);
  let next = g.next();
  while (!next.done) {
    const r = await search(next.value);
    if (!r) return undefined;
    next = g.next(r);
  }
  return next.value;
}

/** The search's reason, and, past the memory budget, from which depth its frontier was recomputed and what that cost. */
export function searchReason(r: ExhaustiveResult): string | null {
  if (r.regeneratedFrom === undefined) return r.reason ?? null;
  const how = `frontier recomputed from depth ${r.regeneratedFrom} past the memory budget (${r.regeneratedSteps ?? 0} extra steps)`;
  return r.reason ? `${r.reason}; ${how}` : how;
}
