// Steps a machine definition purely, with a cache in front of XState's `transition()`.
// PURE. The hot loop must not pay XState's interpretation cost on every step (DESIGN.md §2,
// Performance): a transition depends only on (state, context, event), so its result is memoised
// under that key. test/props/machineRunner.test.ts proves cached == uncached.
// Compiled lazily: each (state, context) is interned to one object, and each object carries its
// own table of transitions by event (issue 9, "a compiled world").

import { transition, type AnyStateMachine } from 'xstate';
import type { Out } from './out.js';
import { snapText } from './snapText.js';

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
  /**
   * Transitions by snapshot object, then by event text. Snapshots are hash-consed (`intern`), so
   * one (state, context) is one object and a lookup costs a WeakMap probe and the event's text,
   * not the two JSON.stringify calls of a (state, context, event) string key.
   */
  private bySnap = new WeakMap<Snap, Map<string, MachineStep>>();
  /** One canonical object per (state, context) text. */
  private interned = new Map<string, Snap>();
  private size = 0;
  hits = 0;
  misses = 0;

  constructor(
    readonly machine: AnyStateMachine,
    readonly initial: Snap,
  ) {
    this.interned.set(snapText(initial), initial);
  }

  /** The canonical object for `snap`'s (state, context): the first one seen with that text. */
  intern(snap: Snap): Snap {
    const t = snapText(snap);
    const canon = this.interned.get(t);
    if (canon !== undefined) return canon;
    this.interned.set(t, snap);
    return snap;
  }

  /** One transition, through the cache. The next snapshot returned is always canonical. */
  step(snap: Snap, event: { type: string }): MachineStep {
    let byEvent = this.bySnap.get(snap);
    if (byEvent === undefined) {
      const canon = this.intern(snap);
      byEvent = this.bySnap.get(canon);
      if (byEvent === undefined) {
        byEvent = new Map();
        this.bySnap.set(canon, byEvent);
      }
      if (canon !== snap) this.bySnap.set(snap, byEvent);
    }
    const key = JSON.stringify(event);
    const hit = byEvent.get(key);
    if (hit !== undefined) {
      this.hits++;
      return hit;
    }
    this.misses++;
    const raw = this.stepUncached(snap, event);
    // The same result whether or not the cache is hit: an unchanged snapshot stays the same
    // object, a changed one becomes its canonical object.
    const next = raw.next.v === snap.v && JSON.stringify(raw.next.c) === JSON.stringify(snap.c) ? snap : this.intern(raw.next);
    const result: MachineStep = { next, outs: raw.outs };
    // A bounded cache: clearing is crude but keeps memory flat on very long runs.
    if (++this.size >= MAX_CACHE) {
      this.bySnap = new WeakMap();
      this.interned = new Map([[snapText(this.initial), this.initial]]);
      this.size = 0;
    }
    byEvent.set(key, result);
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
