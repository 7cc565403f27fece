// The property API: a monitor stepped alongside the world, keeping the history it needs.
// PURE. Users define their own with `defineProperty` and pass the file to `check`.

import type { Action } from '../world/action.js';
import type { Model } from '../world/model.js';
import type { Observation } from '../world/observation.js';
import type { World } from '../world/world.js';

export type PropertyKind = 'safety' | 'safety + quiescence' | 'convergence' | 'safety (security)';

/** What a monitor sees of one step. */
export interface StepContext {
  model: Model;
  /** Index of this step in the schedule (0-based). */
  index: number;
  action: Action;
  before: World;
  after: World;
  obs: readonly Observation[];
}

export interface MonitorResult<S> {
  state: S;
  /** Set when the property is violated by this step: one sentence in protocol words. */
  violation?: string;
  /**
   * This step judged something the property could have failed on (a watched packet's fate, a
   * registration checked at a settled moment...). A check in which no step of any run judged
   * anything reports the property as vacuous (DESIGN.md §3). Only read when `vacuity` is defined.
   */
  judged?: boolean;
}

/** How far a monitor state is from judging anything: higher `stage` is closer; `reason` says what is missing. */
export interface Vacuity {
  stage: number;
  /** A short phrase in protocol words, e.g. `no host moved`. */
  reason: string;
}

export interface Property<S = unknown> {
  /** Stable kebab-case id (DESIGN.md §3). */
  id: string;
  description: string;
  /** PROTOCOL.md section or RFC. */
  reference: string;
  kind: PropertyKind;
  /** Monitor state for the initial world. */
  init(model: Model, world: World): S;
  /** Check one step. Must be pure. */
  step(s: S, ctx: StepContext): MonitorResult<S>;
  /** A canonical key of the monitor state, for exhaustive search's deduplication. */
  key(s: S): string;
  /**
   * Opt-in vacuity report: how far this monitor state has got toward judging. The checker keeps
   * the highest stage seen after any step of any run (random) or any explored transition
   * (exhaustive); if no step ever returned `judged`, the property is reported as
   * `holds (vacuous: reason)`. Properties without it are never reported vacuous.
   */
  vacuity?(s: S, model: Model): Vacuity;
  /**
   * Opt-in, for partial-order reduction (`check --exhaustive --por`, issue 9): true promises that
   * this step leaves the monitor as it is: `step` returns `s` itself, and whether it judges or
   * finds a violation is a function of `s` and `ctx.after` alone (a state invariant, or nothing),
   * whatever step led to that world. Decide it from `s`, `ctx.action` and `ctx.obs` alone, never
   * from the worlds, and compare ids only with ids `s` holds (a step's new messages and packets
   * are numbered differently in another order). The search skips a step only when the world says
   * it commutes with another (world/footprint.ts) and every property ignores both; a property
   * without `ignores` ignores no step, and then nothing is reduced.
   */
  ignores?(s: S, ctx: StepContext): boolean;
  /**
   * Opt-in, for symmetry reduction (`check --exhaustive --symmetry`, issue 9): true promises that
   * the monitor treats interchangeable hosts alike (world/hostSymmetry.ts): its state is plain
   * data (what JSON keeps) that names hosts only by their names, addresses and MACs, and a run
   * with such hosts renamed gets the renamed states and the same verdicts. A property without it
   * is searched without the reduction.
   */
  symmetric?: boolean;
}

/** Identity helper that keeps the monitor-state type. */
export function defineProperty<S>(p: Property<S>): Property<S> {
  return p;
}

/**
 * A monitor's results for steps that leave its state as it was (most steps): the object of the
 * last call with the same state and `judged`, else a new one. Six built-in monitors returned a
 * fresh `{ state, judged }` at every world step of a random check (~190 of its ~3,400 bytes
 * allocated per step, issue 9); results are read, never kept or changed, by the searches.
 * One per property (module level): the last state it saw is its cache key.
 */
export function unchangedResults<S>(): (s: S, judged: boolean) => MonitorResult<S> {
  let last: S | undefined;
  let no: MonitorResult<S> | undefined;
  let yes: MonitorResult<S> | undefined;
  return (s, judged) => {
    if (s !== last) {
      last = s;
      no = undefined;
      yes = undefined;
    }
    if (judged) return (yes ??= { state: s, judged: true });
    return (no ??= { state: s, judged: false });
  };
}
