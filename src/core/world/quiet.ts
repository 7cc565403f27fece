// Is the control plane quiet? A predicate on a World, shared by the scheduler (settle before a
// move, enabled.ts) and the property monitors (core/properties/quiet.ts re-exports it). PURE.

import { isControl } from './step.js';
import type { World } from './world.js';

/** Timers that are retransmissions of control messages (Map-Register, Map-Notify, Map-Request). */
export function isRetransmission(name: string): boolean {
  return name === 'retx' || name === 'retry' || name.startsWith('nretx:');
}

/** DESIGN.md §3: no control message in flight and no retransmission pending. */
export function isControlQuiet(w: World): boolean {
  // Asked of one world several times in a row (the scheduler, then each monitor judging a step):
  // a world never changes, so the last answer stands for it.
  if (w === lastWorld) return lastQuiet;
  lastQuiet = quiet(w);
  lastWorld = w;
  return lastQuiet;
}

let lastWorld: World | undefined;
let lastQuiet = false;

function quiet(w: World): boolean {
  for (const m of w.msgs) if (isControl(m)) return false;
  // Most steps arm or cancel no timer, and a list never changes: its answer stands for it.
  if (w.timers !== lastTimers) {
    lastRetransmitting = w.timers.some((t) => !t.actor.startsWith('arp|') && isRetransmission(t.name));
    lastTimers = w.timers;
  }
  return !lastRetransmitting;
}

let lastTimers: World['timers'] | undefined;
let lastRetransmitting = false;
