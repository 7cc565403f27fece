// The composed state of a LISP mobility network at one instant, as immutable data.
// PURE. Machines' states by actor id, in-flight messages, pending timers, host locations and
// the fault budgets spent. `step` (step.ts) is the only way to get from one World to the next.

import type { ActorTable } from './actorTable.js';
import type { TimerList } from './timerList.js';
import type { NegativeAction } from '../machines/mapCacheMachine.js';

/** An IP packet of the scenario's traffic, carried hop by hop inside messages. */
export interface Packet {
  id: number;
  /** Endpoint names (hosts or clients). */
  src: string;
  dst: string;
  srcIp: string;
  dstIp: string;
  /** Instance-id of the sender's EID table (eid.ts); absent for instance-id 0. */
  iid?: number;
}

interface MsgBase {
  id: number;
  /** Logical send time (ms): delivered or dropped by sentAt + maxLatency. */
  sentAt: number;
}

/** Control-plane messages (UDP 4342) between routers, by address. */
export type ControlMsg = MsgBase &
  (
    | { type: 'map-register'; src: string; dst: string; eid: string; rlocs: string[]; key: string; refresh: boolean; withdraw: boolean; ts: number }
    | { type: 'map-notify'; src: string; dst: string; eid: string; rlocs: string[]; solicited: boolean; ts: number }
    | { type: 'map-notify-ack'; src: string; dst: string; eid: string }
    | {
        type: 'map-request';
        src: string;
        dst: string;
        eid: string;
        nonce: number;
        /** The requesting ITR's RLOC (where the Map-Reply goes). */
        itr: string;
        smrInvoked: boolean;
        /** ECM leg: ITR -> map-resolver, MS -> ETR, or straight to an ETR. */
        leg: 'to-mr' | 'to-etr' | 'direct';
      }
    | { type: 'smr'; src: string; dst: string; eid: string; record: string }
    | {
        type: 'map-reply';
        src: string;
        dst: string;
        eid: string;
        rlocs: string[];
        action: NegativeAction | '';
        ttl: 'positive' | 'site' | 'non-eid';
        ttlMinutes: number;
        nonce: number;
      }
  );

/** Data-plane and L2 messages. */
export type DataMsg = MsgBase &
  (
    | { type: 'data'; src: string; dst: string; pkt: Packet }
    /** A native IP hop to router `to`: a client's access hop, or (`transit`) the underlay carrying a packet to the PITR that advertises its EID prefix. */
    | { type: 'ip'; to: string; pkt: Packet; transit?: true }
    | { type: 'frame'; seg: string; srcMac: string; dstMac: string; pkt: Packet; fromHost?: string; ingress?: string }
    | {
        type: 'arp';
        seg: string;
        op: 'request' | 'reply';
        senderIp: string;
        senderMac: string;
        targetIp: string;
        /** `ffff.ffff.ffff` for broadcast. */
        dstMac: string;
        fromHost?: string;
        gratuitous?: boolean;
      }
    | { type: 'probe'; seg: string; router: string; iface: string; hostIp: string }
    | { type: 'probe-reply'; seg: string; router: string; hostIp: string; fromHost: string }
  );

export type Msg = ControlMsg | DataMsg;
export type MsgType = Msg['type'];

/**
 * Every message type by kind: control (UDP 4342), L2 and access hops (settled at once under atomic
 * L2), encapsulated data. isControl and isL2 (below) tell the kind by the type's first letter;
 * test/unit/world/msgKinds.test.ts checks those against this table, which the compiler keeps
 * complete (a type added to the union and not here does not build).
 */
export const MSG_KINDS: Readonly<Record<MsgType, 'control' | 'l2' | 'data'>> = {
  'map-register': 'control',
  'map-notify': 'control',
  'map-notify-ack': 'control',
  'map-request': 'control',
  smr: 'control',
  'map-reply': 'control',
  data: 'data',
  ip: 'l2',
  frame: 'l2',
  arp: 'l2',
  probe: 'l2',
  'probe-reply': 'l2',
};

/**
 * Control messages are the types that begin with `m` (map-register, map-notify, map-notify-ack,
 * map-request, map-reply) or `s` (smr); no data or L2 type does (data, ip, frame, arp, probe,
 * probe-reply). Told by the first letter: the scheduler, the L2 settling and the monitors ask it
 * of every message in flight at every step, and a set's lookup cost more (issue 9).
 * test/unit/world/msgKinds.test.ts checks the letters against MSG_KINDS.
 */
export function isControl(m: Msg): m is ControlMsg {
  const c = m.type.charCodeAt(0);
  return c === 109 /* m */ || c === 115 /* s */;
}

/** L2 and access hops, delivered at once under atomic L2 (settleL2): frame, arp, probe, probe-reply, ip. */
export function isL2(m: Msg): boolean {
  const c = m.type.charCodeAt(0);
  return c === 102 /* f */ || c === 97 /* a */ || c === 112 /* p */ || c === 105 /* i */;
}

export const BROADCAST = 'ffff.ffff.ffff';

export interface Timer {
  /** `${actorId}#${name}`. */
  key: string;
  actor: string;
  name: string;
  /** Logical time (ms). */
  deadline: number;
}

export interface Budgets {
  moves: number;
  losses: number;
  duplicates: number;
  reboots: number;
  spoofs: number;
  timerExpiries: number;
  sends: number;
  garps: number;
  /**
   * Moves made per host, kept only for hosts with a per-host budget (HostSpec.moveMax), so the
   * worlds (and keys) of scenarios without one are what they always were.
   */
  hostMoves?: Readonly<Record<string, number>>;
}

export interface World {
  /** Logical clock, ms. */
  now: number;
  /** Next id for messages and packets. */
  seq: number;
  /** Mobility epoch: a counter stamped on detections and moves (timestamped registration). */
  epoch: number;
  /**
   * Machine states by actor id; an absent id is that machine's initial state. A persistent table
   * (actorTable.ts), so a step copies a path, not every actor: `actors.get(id)`, `actors.entries()`.
   */
  actors: ActorTable;
  /** In flight, in send order. */
  msgs: readonly Msg[];
  /** Pending, sorted by key: a persistent list (timerList.ts) read like an array (length, for-of, find, some, filter, map). */
  timers: TimerList;
  /** Current attachment of each host: `router iface`. */
  hostAt: Readonly<Record<string, string>>;
  /** Packets waiting for ARP resolution, by ARP actor id. */
  arpQueue: Readonly<Record<string, readonly Packet[]>>;
  /** Spent fault and environment budgets. */
  used: Readonly<Budgets>;
}

/**
 * The environment budgets, in `--bounds` key order: what World.used counts, what the state key
 * and fingerprint fold, what coverage, the story scope and the exhaustive ladder read.
 */
export const BUDGET_KEYS = ['moves', 'losses', 'duplicates', 'reboots', 'spoofs', 'timerExpiries', 'sends', 'garps'] as const satisfies readonly (keyof Omit<Budgets, 'hostMoves'>)[];
export type BudgetKey = (typeof BUDGET_KEYS)[number];

export const NO_BUDGET_USED: Budgets = { moves: 0, losses: 0, duplicates: 0, reboots: 0, spoofs: 0, timerExpiries: 0, sends: 0, garps: 0, hostMoves: undefined };

/**
 * A step's working copy of the spent budgets. Every Budgets object has these fields in this order
 * (`hostMoves` present, undefined when no host has a per-host budget), so the engine's loads of
 * them see one object shape, not the handful a spread copy of each step's counters made (issue 9).
 * `hostMoves` undefined is what absent was to its readers (key.ts, enabled.ts).
 */
export function copyBudgets(u: Readonly<Budgets>): Budgets {
  return {
    moves: u.moves,
    losses: u.losses,
    duplicates: u.duplicates,
    reboots: u.reboots,
    spoofs: u.spoofs,
    timerExpiries: u.timerExpiries,
    sends: u.sends,
    garps: u.garps,
    hostMoves: u.hostMoves,
  };
}
