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

/**
 * One level of a snapshot's transition table, keyed by an event's fields in their order: a node
 * is where the fields so far led; `name` is the next field's name (every event that passed here
 * had it), `byValue` the next field's primitive values, `byText` its objects' and arrays' JSON
 * text. An event's JSON text (the key this replaced) cost more than half of a cached step (issue
 * 9); walking the fields looks up values that are mostly the model's own strings, whose hashes
 * are kept. The partition is at least as fine as the JSON text's (names, order and values, with
 * undefined kept), so a hit returns what XState would.
 */
class EventNode {
  /** The transition of the event whose fields end here. */
  result: MachineStep | undefined = undefined;
  name: string | undefined = undefined;
  byValue: Map<unknown, EventNode> | undefined = undefined;
  byText: Map<string, EventNode> | undefined = undefined;
}

/** A snapshot's transitions: the event trie, and a JSON-text table for an event whose field names differ from the trie's along its path (none of the engine's do). */
class Transitions {
  readonly root = new EventNode();
  other: Map<string, MachineStep> | undefined = undefined;
}

/** The node an event's fields lead to from `node` (created when `create`), or null when a field's name is not the one the trie has there. */
function eventNode(node: EventNode, event: Record<string, unknown>, create: boolean): EventNode | undefined | null {
  for (const k in event) {
    if (node.name !== k) {
      if (node.name !== undefined || !create) return node.name === undefined ? undefined : null;
      node.name = k;
    }
    const v = event[k];
    let next: EventNode | undefined;
    if (typeof v === 'object' && v !== null) {
      const t = JSON.stringify(v);
      next = node.byText?.get(t);
      if (next === undefined) {
        if (!create) return undefined;
        next = new EventNode();
        (node.byText ??= new Map()).set(t, next);
      }
    } else {
      next = node.byValue?.get(v);
      if (next === undefined) {
        if (!create) return undefined;
        next = new EventNode();
        (node.byValue ??= new Map()).set(v, next);
      }
    }
    node = next;
  }
  return node;
}

export class MachineRunner {
  /**
   * Transitions by snapshot object, then by event (EventNode). Snapshots are hash-consed
   * (`intern`), so one (state, context) is one object and a lookup costs a WeakMap probe and a
   * walk of the event's fields, not the two JSON.stringify calls of a (state, context, event)
   * string key.
   */
  private bySnap = new WeakMap<Snap, Transitions>();
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
    let table = this.bySnap.get(snap);
    if (table === undefined) {
      const canon = this.intern(snap);
      table = this.bySnap.get(canon);
      if (table === undefined) {
        table = new Transitions();
        this.bySnap.set(canon, table);
      }
      if (canon !== snap) this.bySnap.set(snap, table);
    }
    const fields = event as unknown as Record<string, unknown>;
    const found = eventNode(table.root, fields, false);
    const hit = found === null ? table.other?.get(JSON.stringify(event)) : found?.result;
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
    const node = eventNode(table.root, fields, true);
    if (node === null || node === undefined) (table.other ??= new Map()).set(JSON.stringify(event), result);
    else node.result = result;
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
