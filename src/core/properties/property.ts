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
}

/** Identity helper that keeps the monitor-state type. */
export function defineProperty<S>(p: Property<S>): Property<S> {
  return p;
}
