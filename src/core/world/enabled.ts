// The one place that decides what can happen next (STYLE.md): every enabled Action of a World.
// PURE. Schedules choose among these and are never filtered, so every shrunk schedule still runs.
//
// `enabled(model, w)` describes the list without building it: counts per part (messages, timers,
// then the environment: sends, moves, group moves, gratuitous ARPs, reboots, spoofs) and
// `at(i)`, the i-th action. A random schedule takes one action per step, and a 256-host model has
// ~900 enabled (a move per host and place, a gratuitous ARP and a spoof per host): building them
// all and filtering them was a third of its step (issue 9). `enabledActions` is `list()`, the same
// list in the same order, for exhaustive search and replay.

import type { Action } from './action.js';
import { parentHostAt } from './hostsAt.js';
import type { Model } from './model.js';
import { isControlQuiet } from './quiet.js';
import { attachmentKey } from './topology.js';
import type { World } from './world.js';

/** Every action enabled in `w`, in a deterministic order. */
export function enabledActions(model: Model, w: World): Action[] {
  return enabled(model, w).list();
}

/** What never changes for a model: hosts by position, their places, the reboots. */
interface Static {
  hosts: string[];
  eids: string[];
  index: ReadonlyMap<string, number>;
  /** Attachment keys of each host's places (home first). */
  places: string[][];
  /** Positions of hosts with a per-host move budget (HostSpec.moveMax). */
  budgeted: number[];
  reboots: readonly ({ type: 'xtr.reboot'; router: string } | { type: 'ms.restart'; router: string })[];
  anyMs: boolean;
}

const statics = new WeakMap<Model, Static>();
const NONE: readonly never[] = [];

/** The last model asked about, and its statics: a search or walk asks about one model at every step. */
let lastModel: Model | undefined;
let lastStatic: Static | undefined;

function staticOf(model: Model): Static {
  if (model === lastModel) return lastStatic!;
  let s = statics.get(model);
  if (s === undefined) {
    const hosts = [...model.topo.hosts.values()];
    const reboots: Static['reboots'][number][] = [];
    for (const r of model.topo.routers.values()) {
      if (r.spec.itr || r.spec.etr) reboots.push({ type: 'xtr.reboot', router: r.name });
      if (r.spec.ms) reboots.push({ type: 'ms.restart', router: r.name });
    }
    s = {
      hosts: hosts.map((h) => h.name),
      eids: hosts.map((h) => h.eid),
      index: new Map(hosts.map((h, i) => [h.name, i])),
      places: hosts.map((h) => h.places.map(attachmentKey)),
      budgeted: hosts.flatMap((h, i) => (h.spec.moveMax !== undefined ? [i] : [])),
      reboots,
      anyMs: [...model.topo.routers.values()].some((r) => r.spec.ms),
    };
    statics.set(model, s);
  }
  lastModel = model;
  lastStatic = s;
  return s;
}

/**
 * Moves per host for one `hostAt` (places other than where the host is) and where each host's
 * moves start in the list of every host's moves. Memoised per `hostAt` object: it changes only
 * when a host moves, so most steps reuse it.
 */
interface MoveStarts {
  model: Model;
  /** starts[j]: moves of hosts before j; starts[hosts] is the total. */
  starts: Int32Array;
}

const moveStarts = new WeakMap<object, MoveStarts>();

function movesOf(model: Model, s: Static, hostAt: World['hostAt']): Int32Array {
  const known = moveStarts.get(hostAt);
  if (known !== undefined && known.model === model) return known.starts;
  // After a move only the mover's count can change (and seldom does: a host at one of its places
  // can go to the others), so the previous starts are reused or shifted, not recounted.
  const parent = parentHostAt(hostAt);
  const before = parent && moveStarts.get(parent.prev);
  const j = parent && s.index.get(parent.host);
  if (parent && before !== undefined && before.model === model && j !== undefined) {
    const count = (at: string | undefined) => {
      let n = 0;
      for (const to of s.places[j]) if (to !== at) n++;
      return n;
    };
    const delta = count(hostAt[parent.host]) - count(parent.prev[parent.host]);
    let starts = before.starts;
    if (delta !== 0) {
      starts = starts.slice();
      for (let k = j + 1; k < starts.length; k++) starts[k] += delta;
    }
    moveStarts.set(hostAt, { model, starts });
    return starts;
  }
  const starts = new Int32Array(s.hosts.length + 1);
  for (let j = 0; j < s.hosts.length; j++) {
    const at = hostAt[s.hosts[j]];
    let n = 0;
    for (const to of s.places[j]) if (to !== at) n++;
    starts[j + 1] = starts[j] + n;
  }
  moveStarts.set(hostAt, { model, starts });
  return starts;
}

/** The enabled actions of one World, counted by part and indexed without building them. */
export class Enabled {
  /** Actions per message: deliver, then drop and duplicate while their budgets last. */
  private readonly perMsg: number;
  private readonly drop: boolean;
  private readonly timerKeys: readonly string[];
  private readonly sends: number;
  /** Move starts per host (movesOf), and the hosts that may not move now (ascending positions). */
  private readonly starts: Int32Array | undefined;
  private readonly held: readonly number[];
  private readonly moveCount: number;
  private readonly groups: readonly Action[];
  private readonly garps: number;
  private readonly reboots: number;
  private readonly spoofs: number;
  /** Ends of the pick kinds' pools (runSchedule.ts pick): messages [0, msgEnd), timers [msgEnd, timerEnd), the environment [timerEnd, count). */
  readonly msgEnd: number;
  readonly timerEnd: number;
  readonly count: number;

  constructor(
    private readonly model: Model,
    private readonly w: World,
  ) {
    const b = model.scenario.bounds;
    const s = staticOf(model);
    const u = w.used;
    this.drop = u.losses < b.losses;
    this.perMsg = 1 + (this.drop ? 1 : 0) + (u.duplicates < b.duplicates ? 1 : 0);
    this.msgEnd = w.msgs.length * this.perMsg;
    // One pass over the messages for what both the timers and the moves ask of them: the
    // earliest send time, and the hosts with frames in flight (read as a field: `in` on the
    // union's many shapes cost more than the load).
    let undrained: Set<string> | undefined;
    let sentFirst = Infinity;
    const msgs = w.msgs;
    for (let i = 0; i < msgs.length; i++) {
      const m = msgs[i];
      if (m.sentAt < sentFirst) sentFirst = m.sentAt;
      const from = (m as { fromHost?: string }).fromHost;
      if (from !== undefined) (undrained ??= new Set()).add(from);
    }
    this.timerKeys = expirableBy(model, w, sentFirst);
    this.timerEnd = this.msgEnd + this.timerKeys.length;
    this.sends = u.sends < (b.sends ?? Infinity) ? model.scenario.traffic.length : 0;
    // The held hosts and the group moves are usually none: undefined (then the shared empty list)
    // until one is found, so a step allocates neither array (nor the closure the groups' test needs).
    let held: number[] | undefined;
    let moveCount = 0;
    let groups: Action[] | undefined;
    if (!b.settleBeforeMove || isControlQuiet(w)) {
      // A host moves only when none of its frames are in flight (drained) and its own budget lasts.
      if (u.moves < b.moves) {
        this.starts = movesOf(model, s, w.hostAt);
        if (undrained !== undefined) {
          for (const h of undrained) {
            const j = s.index.get(h);
            if (j !== undefined) (held ??= []).push(j);
          }
        }
        for (const j of s.budgeted) if (!mayMove(model, w, s.hosts[j])) (held ??= []).push(j);
        // Usually none: sorting and deduplicating only when there are several.
        if (held !== undefined && held.length > 1) held = [...new Set(held)].sort((x, y) => x - y);
        moveCount = this.starts[s.hosts.length];
        if (held !== undefined) for (const j of held) moveCount -= this.starts[j + 1] - this.starts[j];
      }
      const together = model.scenario.together;
      if (together !== undefined && together.length > 0) {
        const mayGo = (host: string) => !undrained?.has(host) && mayMove(model, w, host);
        for (const g of together) {
          if (u.moves + g.moves.length > b.moves) continue;
          const moves = g.moves.map((m) => ({ host: m.host, to: attachmentKey(m.to) }));
          if (moves.every((m) => m.to !== w.hostAt[m.host] && mayGo(m.host))) (groups ??= []).push({ type: 'hosts.move', moves });
        }
      }
    }
    this.held = held ?? NONE;
    this.moveCount = moveCount;
    this.groups = groups ?? NONE;
    this.garps = u.garps < (b.garps ?? Infinity) ? s.hosts.length : 0;
    this.reboots = u.reboots < b.reboots ? s.reboots.length : 0;
    this.spoofs = u.spoofs < b.spoofs && s.anyMs ? s.hosts.length : 0;
    this.count = this.timerEnd + this.sends + this.moveCount + this.groups.length + this.garps + this.reboots + this.spoofs;
  }

  /** The i-th enabled action (0 <= i < count): enabledActions(model, w)[i], built alone. */
  at(i: number): Action {
    const w = this.w;
    if (i < this.msgEnd) {
      const id = w.msgs[Math.floor(i / this.perMsg)].id;
      const r = i % this.perMsg;
      return r === 0 ? { type: 'msg.deliver', id } : r === 1 && this.drop ? { type: 'msg.drop', id } : { type: 'msg.duplicate', id };
    }
    i -= this.msgEnd;
    if (i < this.timerKeys.length) return { type: 'timer.expire', key: this.timerKeys[i] };
    i -= this.timerKeys.length;
    if (i < this.sends) {
      const [src, dst] = this.model.scenario.traffic[i];
      return { type: 'host.send', src, dst };
    }
    i -= this.sends;
    if (i < this.moveCount) return this.move(i);
    i -= this.moveCount;
    if (i < this.groups.length) return this.groups[i];
    i -= this.groups.length;
    const s = staticOf(this.model);
    if (i < this.garps) return { type: 'host.garp', host: s.hosts[i] };
    i -= this.garps;
    if (i < this.reboots) return { ...s.reboots[i] };
    i -= this.reboots;
    if (i < this.spoofs) return { type: 'spoof.register', eid: s.eids[i] };
    throw new Error(`enabled action ${i} of ${this.count}: out of range`);
  }

  /** Every enabled action, in order. */
  list(): Action[] {
    const out: Action[] = new Array(this.count);
    for (let i = 0; i < this.count; i++) out[i] = this.at(i);
    return out;
  }

  /** The i-th move of the hosts that may move: skip the held hosts' ranges, then find the host by binary search. */
  private move(i: number): Action {
    const starts = this.starts!;
    let p = i;
    for (const j of this.held) {
      if (starts[j] <= p) p += starts[j + 1] - starts[j];
      else break;
    }
    let lo = 0;
    let hi = starts.length - 2;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (starts[mid] <= p) lo = mid;
      else hi = mid - 1;
    }
    // Hosts with no move have empty ranges: the last host starting at or before p owns it.
    const s = staticOf(this.model);
    const host = s.hosts[lo];
    const at = this.w.hostAt[host];
    let k = p - starts[lo];
    for (const to of s.places[lo]) {
      if (to === at) continue;
      if (k === 0) return { type: 'host.move', host, to };
      k--;
    }
    throw new Error(`move ${i}: out of range`);
  }
}

/** The enabled actions of `w`, described (see Enabled). */
export function enabled(model: Model, w: World): Enabled {
  return new Enabled(model, w);
}

/**
 * Timers that may fire now: those with the earliest deadline, and only if no message in flight
 * would by then have outlived its latency bound (DESIGN.md §2: a message sent at t is delivered
 * or dropped by t + maxLatency); `sentFirst` is the earliest send time in flight (Infinity: none).
 * The timer list knows its earliest timers (timerList.ts).
 */
function expirableBy(model: Model, w: World, sentFirst: number): readonly string[] {
  if (w.timers.length === 0 || w.used.timerExpiries >= model.scenario.bounds.timerExpiries) return NONE;
  const e = w.timers.earliest();
  // No message may outlive its latency bound by then: the earliest sent is the first to.
  if (e.deadline > sentFirst + model.maxLatencyMs) return NONE;
  return e.keys;
}

/** Has `host` some of its own move budget left (HostSpec.moveMax; none set = unlimited)? */
export function mayMove(model: Model, w: World, host: string): boolean {
  const max = model.topo.hosts.get(host)?.spec.moveMax;
  return max === undefined || (w.used.hostMoves?.[host] ?? 0) < max;
}
