// Shared predicates for property monitors. PURE.

import type { World } from '../world/world.js';
import { isControl } from '../world/step.js';

/** Timers that are retransmissions of control messages (Map-Register, Map-Notify, Map-Request). */
export function isRetransmission(name: string): boolean {
  return name === 'retx' || name === 'retry' || name.startsWith('nretx:');
}

/** DESIGN.md §3: no control message in flight and no retransmission pending. */
export function isControlQuiet(w: World): boolean {
  for (const m of w.msgs) if (isControl(m)) return false;
  for (const t of w.timers) if (!t.actor.startsWith('arp|') && isRetransmission(t.name)) return false;
  return true;
}

/** A drop that reachability properties forgive: LISP's first-packet cost, or a loss fault on the packet itself. */
export function isForgivenDrop(reason: string | undefined): boolean {
  return reason === 'resolving' || reason === 'lost';
}
