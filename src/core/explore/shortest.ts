// Shortest stories from random mode: once a violation is shrunk to L steps, a breadth-first search
// to depth L-1 either finds a shorter violating schedule (then shortest, since BFS goes level by
// level) or shows that none exists, within a state budget; past the budget the shrunk story is
// kept and the report says so. PURE and deterministic: BFS expands in enabledActions order and
// the budget is counted in states; a time limit, the memory budget and an interrupt come in as
// polled callbacks, as in exhaustive mode.
//
// What it searches (storyScope.ts): the model narrowed to the environment budgets the shrunk
// story spent, where "shortest" is claimed; when the story sent on fewer flows than the model
// has, a first pass on those flows alone (far fewer states) looks for a shorter story first, so a
// shorter story is still found when the budget cannot pay for the proof (any-nonce, seed 5:
// 17 steps, 15 found in 72,000 states, the proof out of reach of 400,000). Before that, when the
// story spent faults, timer expiries or gratuitous ARPs, a calm pass without them (storyScope.ts
// CALM_KEYS). The passes share the one state budget, and each searches only below the best
// length found so far.
// Random mode draws every step from enabledActions (runSchedule.ts `pick` can reach each one) and
// the search expands the same enabledActions, of the narrowed model: a subset, with the same
// effects. A story the search finds may still be one random mode could not draw: longer than
// `--max-steps` in its environment prefix, or delivering out of order in what random mode runs as
// its settling tail. It is a counterexample all the same: a real execution of the same model
// under the same bounds (`bounds.steps`/`--max-steps` bound the random generator's schedules, not
// the model; exhaustive mode ignores them too), replayed here on the original model and property
// before it replaces the shrunk story. "None shorter" holds for the narrowed budgets, and up to
// the fingerprint collisions of exhaustive search (about n^2/2^54 for n states).

import type { Property } from '../properties/property.js';
import type { Action } from '../world/action.js';
import type { Model } from '../world/model.js';
import { exhaustiveCheck } from './exhaustive.js';
import { runActions } from './runSchedule.js';
import { narrowScope } from './narrowScope.js';
import { leanPoints, storyScope, type StoryScope } from './storyScope.js';

/** States the search may store by default (about 10-40 s on the seed lab; `--shortest-budget`). */
export const DEFAULT_SHORTEST_BUDGET = 200_000;

/** Smaller environments the lean walk tries at most (storyScope.ts leanPoints): each pass costs a search's set-up. */
const LEAN_POINTS = 64;

export interface ShortestSearch {
  /** The story reported is a shortest one within `scope.bounds`: the search found it, or found none shorter. */
  proved: boolean;
  /** Length of the shrunk story the search started from (the story reported when none shorter was found). */
  from: number;
  /** Distinct states the search stored, both passes together. */
  searchedStates: number;
  /** What the search was narrowed to (storyScope.ts). */
  scope: StoryScope;
  /** Why it is not proved: the state budget, the time limit, the memory budget, an interrupt. */
  reason?: string;
  /**
   * The pass that found the story reported, when a shorter one was found: `calm` (without
   * faults, timer expiries and gratuitous ARPs, every flow), `flows` (the story's own flows) or
   * `budgets` (the proof's scope), or `lean` (a smaller environment than the story's, on its
   * flows: storyScope.ts leanPoints).
   */
  foundBy?: 'calm' | 'lean' | 'flows' | 'budgets';
}

export interface ShortestOptions {
  /** Distinct states the search may store (>= 1), both passes together. */
  budget: number;
  shouldStop?: () => boolean | string;
  /** Passed to exhaustive search as is (it tells the bytes it holds outside the heap). */
  memoryExceeded?: (outsideHeap?: number) => boolean;
}

export interface ShortestResult {
  /** The story to report: a shorter one found, else `story` itself. */
  actions: readonly Action[];
  search: ShortestSearch;
  /** World steps the search took (a check's `steps`). */
  transitions: number;
}

/** A shortest violating story no longer than `story` (itself when none shorter is found), and how it was decided. */
export function shortestStory(model: Model, property: Property<any>, story: readonly Action[], opts: ShortestOptions): ShortestResult {
  const n = storyScope(model, property, story);
  let best = story;
  let foundBy: ShortestSearch['foundBy'];
  let states = 0;
  let transitions = 0;
  const done = (proved: boolean, reason?: string): ShortestResult => ({
    actions: best,
    search: { proved, from: story.length, searchedStates: states, scope: n.scope, ...(reason !== undefined ? { reason } : {}), ...(foundBy !== undefined ? { foundBy } : {}) },
    transitions,
  });
  // No violation before the first step (monitors judge steps), so one step is always shortest.
  if (story.length <= 1) return done(true);
  const stop = opts.shouldStop?.();
  if (stop) return done(false, `${stop === true ? 'time budget ran out' : stop} before the search`);
  /** One breadth-first pass below the best length so far, within what is left of the budget; why it stopped short, if it did. */
  const pass = (scope: Model, name: NonNullable<ShortestSearch['foundBy']>): string | undefined => {
    const r = exhaustiveCheck(scope, n.property, { depth: best.length - 1, maxStates: opts.budget - states, shouldStop: opts.shouldStop, memoryExceeded: opts.memoryExceeded });
    states += r.distinctStates;
    transitions += r.transitions;
    if (r.verdict === 'unknown')
      return r.reason?.startsWith('state budget') ? `state budget of ${opts.budget} distinct states reached at depth ${r.depthReached + 1}` : (r.reason ?? 'the search stopped');
    // A shorter story replays on the model itself, or it is not used (never expected: see above).
    if (r.verdict === 'violated' && replays(model, property, r.actions!)) {
      best = r.actions!;
      foundBy = name;
    }
    return undefined;
  };
  // Cheapest first: without faults and timers, then on the story's flows, then the proof's scope.
  const calm = n.calm ? pass(n.calm, 'calm') : undefined;
  if (calm !== undefined) return done(false, calm);
  if (states >= opts.budget) return done(false, `state budget of ${opts.budget} distinct states reached`);
  // Then smaller environments than the story's, on its flows (storyScope.ts leanPoints).
  const leanBase = n.flows ?? n.budgets;
  for (const point of leanPoints(n.scope, n.calm !== null, LEAN_POINTS)) {
    const stopped = pass(narrowScope(leanBase, property, point).model, 'lean');
    if (stopped !== undefined) return done(false, stopped);
  }
  const first = n.flows ? pass(n.flows, 'flows') : undefined;
  if (first !== undefined) return done(false, first);
  if (states >= opts.budget) return done(false, `state budget of ${opts.budget} distinct states reached`);
  const second = pass(n.budgets, 'budgets');
  return second !== undefined ? done(false, second) : done(true);
}

function replays(model: Model, property: Property<any>, actions: readonly Action[]): boolean {
  const run = runActions(model, property, actions, false);
  return run.notEnabled === undefined && run.violation?.index === actions.length - 1;
}
