// What a step lets the outside see: protocol log lines, packet fates and machine notes.
// PURE. Observations are not part of the World (and not of its key); property monitors and
// renderers consume them step by step.

import type { Packet } from './world.js';

/** Why a packet died (DESIGN.md §2, Data plane). `resolving` is LISP's normal first-packet cost. */
export type DropReason = 'resolving' | 'stale-rloc' | 'no-mac-on-segment' | 'no-route' | 'negative-drop' | 'lost';

export type Observation =
  | { kind: 'log'; node: string; text: string }
  | { kind: 'sent'; pkt: Packet }
  | { kind: 'fate'; pkt: Packet; fate: 'delivered' | 'dropped'; reason?: DropReason; at: string }
  /** An ITR/PITR encapsulated a packet to an RLOC using its map-cache entry for `eid`. */
  | { kind: 'encap'; itr: string; eid: string; rloc: string; pkt: Packet }
  /** A machine's note (installed, detected, moved-away, withdrawn, expired, rejected, …). */
  | { kind: 'note'; actor: string; note: string; data: Record<string, unknown> }
  | { kind: 'moved'; host: string; from: string; to: string }
  /** A frame from a host reached a router interface (a chance to detect it). */
  | { kind: 'ingress'; router: string; host: string }
  /** An ITR/PITR handled a packet for `eid` (encapsulated, resolving, negative…). */
  | { kind: 'itr'; itr: string; eid: string; pkt: Packet };
