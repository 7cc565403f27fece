// Steps a machine definition purely, with a cache in front of XState's `transition()`.
// PURE. The hot loop must not pay XState's interpretation cost on every step (DESIGN.md §2,
// Performance): a transition depends only on (state, context, event), so its result is memoised
// under that key. test/props/machineRunner.test.ts proves cached == uncached.

import { transition, type AnyStateMachine } from 'xstate';
import type { Out } from './out.js';

/** A machine's state as the world stores it: flat state value and context. */
export interface Snap {
  v: string;
  c: any;
}

export interface MachineStep {
  next: Snap;
  outs: readonly Out[];
}

const MAX_CACHE = 200_000;

export class MachineRunner {
  private readonly cache = new Map<string, MachineStep>();
  hits = 0;
  misses = 0;

  constructor(
    readonly machine: AnyStateMachine,
    readonly initial: Snap,
  ) {}

  /** One transition, through the cache. */
  step(snap: Snap, event: { type: string }): MachineStep {
    const key = snap.v + '\u0000' + JSON.stringify(snap.c) + '\u0000' + JSON.stringify(event);
    const hit = this.cache.get(key);
    if (hit !== undefined) {
      this.hits++;
      return hit;
    }
    this.misses++;
    const result = this.stepUncached(snap, event);
    // A bounded cache: clearing is crude but keeps memory flat on very long runs.
    if (this.cache.size >= MAX_CACHE) this.cache.clear();
    this.cache.set(key, result);
    return result;
  }

  /** One transition straight through XState (the baseline, and the cache's reference). */
  stepUncached(snap: Snap, event: { type: string }): MachineStep {
    const state = this.machine.resolveState({ value: snap.v, context: snap.c });
    const [nextState, actions] = transition(this.machine, state, event as any);
    const outs: Out[] = [];
    for (const a of actions as readonly { type: string; params?: unknown }[]) {
      if (a.type === 'out') {
        const p = a.params as Out;
        if (p.kind !== 'none') outs.push(p);
      }
    }
    return { next: { v: String(nextState.value), c: nextState.context }, outs };
  }
}
