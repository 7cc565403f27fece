// The scope a search for a shorter story explores: the model with its environment budgets
// narrowed to what a violating story spent (sends, moves, losses, timer expiries, ...), and, for
// a cheaper first pass, its traffic narrowed to the flows the story sent on. PURE.
// Why narrow: a random-mode scope is usually unbounded in sends, gratuitous ARPs and timer
// expiries. A breadth-first search of the whole timestamped seed lab (moves=1, losses=0) stored
// 2,000,000 states without getting past depth 9, so it could never show that a 17-step story is
// shortest; narrowed to the story's budgets, the same question takes 48,000 states (no-smr,
// seed 5), and 4,500 on the story's two flows. Flows only make a first pass: a shorter story on
// another flow is common (no-notify-previous, seed 5: 7 steps sending vm1 -> web2, 6 sending
// vm1 -> client), so "shortest" is only ever claimed within the budgets.
// Why it is sound: see narrowScope.ts (a narrowed model's schedules are the model's own, judged
// as on the model).

import type { Property } from '../properties/property.js';
import type { Action } from '../world/action.js';
import type { Model } from '../world/model.js';
import { BUDGET_KEYS, type BudgetKey } from '../world/world.js';
import { narrowScope } from './narrowScope.js';
import { runActions } from './runSchedule.js';

export interface StoryScope {
  /** The budgets narrowed below the model's own, to what the story spent (`--bounds` keys): where "shortest" holds. */
  bounds: Partial<Record<BudgetKey, number>>;
  /** The flows the story sent on, when fewer than the model's: a first, cheaper pass searches only these. Null: no such pass. */
  traffic: [string, string][] | null;
}

export interface NarrowedModels<S> {
  /** The model with the story's budgets: the scope of the proof. */
  budgets: Model;
  /** Also only the story's flows (a subset again), or null when the story sent on every flow. */
  flows: Model | null;
  /**
   * The story's budgets without faults, timer expiries and gratuitous ARPs (CALM_KEYS at 0), on
   * every flow: a first pass, or null when the story spent none of them.
   */
  calm: Model | null;
  /** The property, judging as on the original model whichever narrowed model steps it. */
  property: Property<S>;
  scope: StoryScope;
}

/** The model narrowed to `story`'s environment, a property that judges as on the original, and what was narrowed. */
export function storyScope<S>(model: Model, property: Property<S>, story: readonly Action[]): NarrowedModels<S> {
  const spent = runActions(model, null, story, false).world.used;
  const b = model.scenario.bounds;
  const bounds: StoryScope['bounds'] = {};
  for (const k of BUDGET_KEYS) if (spent[k] < (b[k] ?? Infinity)) bounds[k] = spent[k];
  const sent = new Set(story.flatMap((a) => (a.type === 'host.send' ? [`${a.src}\n${a.dst}`] : [])));
  const flows = model.scenario.traffic.filter(([src, dst]) => sent.has(`${src}\n${dst}`));
  const traffic = flows.length < model.scenario.traffic.length ? flows : null;
  const { model: budgets, property: judged } = narrowScope(model, property, bounds);
  const flowsModel = traffic && { ...budgets, scenario: { ...budgets.scenario, traffic } };
  const calmBounds = Object.fromEntries(CALM_KEYS.map((k) => [k, 0]));
  const calm = CALM_KEYS.some((k) => spent[k] > 0) ? narrowScope(budgets, property, calmBounds).model : null;
  return { budgets, flows: flowsModel, calm, property: judged, scope: { bounds, traffic } };
}

/**
 * The budgets a calm first pass leaves out. A shrunk random story often spends a retransmission
 * timer or a fault its violation does not need (no-smr, seed 2: 23 steps with two timer
 * expiries; the shortest story, 17 steps, has none), and each of these budgets multiplies the
 * states below a depth, so a search without them reaches a shorter story's depth in a fraction
 * of the states. Only a first pass: "shortest" is still claimed in the story's own budgets.
 */
export const CALM_KEYS = ['losses', 'duplicates', 'reboots', 'spoofs', 'timerExpiries', 'garps'] as const satisfies readonly BudgetKey[];

/** The narrowed budgets in words: `spoofs=0, timerExpiries=2, sends=1, garps=0`, or `the model's bounds`. */
export function boundsText(scope: StoryScope): string {
  return (
    BUDGET_KEYS.filter((k) => scope.bounds[k] !== undefined)
      .map((k) => `${k}=${scope.bounds[k]}`)
      .join(', ') || "the model's bounds"
  );
}

/** The flows of the first pass in words: `vm1 -> client, client -> vm1`. */
export function flowsText(scope: StoryScope): string {
  return (scope.traffic ?? []).map(([s, d]) => `${s} -> ${d}`).join(', ') || 'none';
}

/**
 * Smaller environments inside the story's, smallest total first: every vector of budgets with
 * each key at most what the story spent (keys it spent none of stay 0), from the sum 0 up,
 * without the story's own point (its own pass) and, when the calm pass runs, without the points
 * that spend no CALM_KEYS (the calm scope holds them). Why: a shorter story usually spends less
 * environment than the shrunk one, and a search's states multiply with every budget, so the
 * smallest environment that still holds a violation is found in far fewer states than the
 * story's own. The idea is iterative context bounding's (CHESS: most bugs need few preemptions).
 * no-proxy-reply, seed 5: the story spent sends=4, timerExpiries=4 and its shortest needs
 * sends=3, timerExpiries=2: 52,000 states there, more than the 200,000 budget at (4, 4).
 * At most `limit` points, in that order.
 */
export function leanPoints(scope: StoryScope, calm: boolean, limit: number): Partial<Record<BudgetKey, number>>[] {
  // Keys without their calm ones first: of two points with the same total, the one that spends
  // more sends and moves and fewer faults, timers and gratuitous ARPs comes first (these
  // multiply a search's states most: see CALM_KEYS).
  const spent = BUDGET_KEYS.filter((k) => (scope.bounds[k] ?? 0) > 0);
  const isCalm = (k: BudgetKey): boolean => (CALM_KEYS as readonly BudgetKey[]).includes(k);
  const keys = [...spent.filter((k) => !isCalm(k)), ...spent.filter(isCalm)];
  const top = keys.map((k) => scope.bounds[k]!);
  const total = top.reduce((a, b) => a + b, 0);
  const calmIdx = keys.flatMap((k, i) => (isCalm(k) ? [i] : []));
  const out: Partial<Record<BudgetKey, number>>[] = [];
  const v = keys.map(() => 0);
  // Vectors of each sum in lexicographic order: deterministic, and small sums first.
  const visit = (i: number, left: number): void => {
    if (out.length >= limit) return;
    if (i === keys.length) {
      // The story's own point (the sum of `top`) is never asked for: sums stop below it.
      if (left !== 0) return;
      if (calm && calmIdx.every((j) => v[j] === 0)) return;
      out.push(Object.fromEntries(keys.map((k, j) => [k, v[j]])));
      return;
    }
    for (let x = Math.min(top[i], left); x >= 0; x--) {
      v[i] = x;
      visit(i + 1, left - x);
    }
  };
  for (let sum = 0; sum < total && out.length < limit; sum++) visit(0, sum);
  return out;
}
