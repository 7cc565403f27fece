// When a moved host counts as "seen at its new site", and when the control plane counts as
// settled after that (DESIGN.md §3: quiet, or the convergence bound has passed). PURE. Shared by
// the monitors that judge the registry and reachability after a move.

import { DEFAULT_CONVERGENCE_SECONDS, type Convergence } from '../scenario.js';
import { contains, ipNum } from '../world/addr.js';
import type { Model } from '../world/model.js';
import type { World } from '../world/world.js';
import type { StepContext } from './property.js';
import { monitorIndex } from './monitorIndex.js';
import { isControlQuiet, isForgivenDrop } from './quiet.js';

/** One host since it arrived on its current segment. */
export interface Arrival {
  /** Logical time (ms) it was first seen there (its convergence clock starts); absent: not yet. */
  seenAt?: number;
  /** Routed packets it sent there that have not met their fate yet (ids). */
  routed: number[];
  /** Map-Register retransmissions of its current xTR for it since it was seen, in a row without an answer. */
  retx: number;
}

export type Arrivals = Readonly<Record<string, Arrival>>;

/**
 * Every Arrival is built here: one object shape (`seenAt` present, undefined until the host is
 * seen), not a spread copy of whichever shape came before, so the monitors' reads of arrivals
 * see one hidden class (issue 9). Undefined `seenAt` reads as the absent one did.
 */
function arrival(seenAt: number | undefined, routed: number[], retx: number): Arrival {
  return { seenAt, routed, retx };
}

/**
 * What monitors ask about all hosts' arrivals at once, kept beside each Arrivals object (a memo:
 * derived data, never part of a monitor's state or key). A step changes a few hosts' arrivals, and
 * these are updated from those, so no monitor scans every host per step (issue 9).
 */
export interface ArrivalFacts {
  /** Hosts seen at their current site. */
  seen: number;
  /** The earliest `seenAt` among them (Infinity: none), and how many hosts were seen then. */
  earliest: number;
  atEarliest: number;
  /** Hosts with unanswered Map-Register retransmissions counted (retx > 0), in no particular order. */
  retrying: readonly string[];
}

/**
 * The facts of the last few Arrivals objects asked about or made, newest first: a ring, not a
 * WeakMap. A WeakMap insertion cost ~0.6 µs and GC work (an ephemeron per entry) once per step
 * that changed an arrival (issue 9: the random check ran 1.12x without them), while a walk asks about one
 * or two Arrivals objects at a time (the three monitors' own, which differ after a fault) and an
 * object out of the ring is read again host by host (`scan`: two hosts on the seed lab).
 */
const RING = 4;
const ringOf: (Arrivals | undefined)[] = new Array(RING).fill(undefined);
const ringFacts: (ArrivalFacts | undefined)[] = new Array(RING).fill(undefined);
let ringAt = 0;

function remember(a: Arrivals, f: ArrivalFacts): ArrivalFacts {
  ringAt = (ringAt + 1) % RING;
  ringOf[ringAt] = a;
  ringFacts[ringAt] = f;
  return f;
}

/** The facts of `a`: remembered, or read host by host. */
export function arrivalFacts(a: Arrivals): ArrivalFacts {
  // Asked at every step of the arrivals the last step left (untouched): the newest entry first.
  for (let k = 0, i = ringAt; k < RING; k++, i = i === 0 ? RING - 1 : i - 1) if (ringOf[i] === a) return ringFacts[i]!;
  return remember(a, scan(a));
}

function scan(a: Arrivals): ArrivalFacts {
  const f = { seen: 0, earliest: Infinity, atEarliest: 0, retrying: [] as readonly string[] };
  const retrying: string[] = [];
  for (const h of Object.keys(a)) {
    const v = a[h];
    if (v.retx > 0) retrying.push(h);
    if (v.seenAt === undefined) continue;
    f.seen++;
    if (v.seenAt < f.earliest) {
      f.earliest = v.seenAt;
      f.atEarliest = 1;
    } else if (v.seenAt === f.earliest) f.atEarliest++;
  }
  f.retrying = retrying;
  return f;
}

/** The facts of `next`, which differs from `prev` (whose facts are `f`) in the hosts `changed` only. */
function factsAfter(f: ArrivalFacts, prev: Arrivals, next: Arrivals, changed: readonly string[]): ArrivalFacts {
  let { seen, earliest, atEarliest } = f;
  // Copied at its first change, kept in the order a Set would keep it (any order would do).
  let retrying = f.retrying;
  let rescan = false;
  for (const h of changed) {
    const was = prev[h];
    const now = next[h];
    if (was?.seenAt !== undefined) {
      seen--;
      if (was.seenAt === earliest && --atEarliest === 0) rescan = true;
    }
    if (now.seenAt !== undefined) {
      seen++;
      if (now.seenAt < earliest) {
        earliest = now.seenAt;
        atEarliest = 1;
        rescan = false;
      } else if (now.seenAt === earliest) atEarliest++;
    }
    const counting = retrying.includes(h);
    if (now.retx > 0 && !counting) retrying = [...retrying, h];
    else if (!(now.retx > 0) && counting) retrying = retrying.filter((x) => x !== h);
  }
  // The last host seen at the earliest time changed: the next earliest is found by a scan.
  if (rescan) return scan(next);
  return { seen, earliest, atEarliest, retrying };
}

const initial = new WeakMap<Model, Arrivals>();

/**
 * Hosts start where the initial world registered them (world/initial.ts): seen at time 0. One
 * object per model, built once (arrivals are never changed in place): a run starts in O(1).
 */
export function initArrivals(model: Model): Arrivals {
  let a = initial.get(model);
  if (a === undefined) {
    a = Object.fromEntries([...model.topo.hosts.keys()].map((h) => [h, arrival(0, [], 0)]));
    initial.set(model, a);
  }
  return a;
}

/**
 * A host is seen at its new site when traffic it sent there reached a router interface
 * (`ingress`: the xTR could detect it), or when a routed packet it sent there (next hop: its
 * gateway) died before reaching any router for a reason of its own (`no-mac-on-segment`: the
 * gateway MAC it has cached is nobody's there; `no-route`). Either way it has sent IP traffic
 * since it arrived, which is what the registry is judged against (DESIGN.md §3).
 */
export function trackArrivals(a: Arrivals, ctx: StepContext): Arrivals {
  const { model, obs, action, before, after } = ctx;
  // The monitors that track arrivals are fed one step after another, most from the same arrivals
  // (eventual-reachability and intra-subnet-reachability-eventual always; single-authoritative-rloc
  // until a fault restarts the others' clocks): a call with the last call's inputs gets its answer.
  if (a === lastA && obs === lastObs && after === lastAfter && before === lastBefore && action === lastAction && model === lastModel) return lastOut;
  const out = untouched(a, model, obs, action, after) ? a : track(a, model, obs, action, before, after);
  // Kept in module variables, not an object of them: that object was allocated at each step.
  lastA = a;
  lastModel = model;
  lastObs = obs;
  lastAction = action;
  lastBefore = before;
  lastAfter = after;
  lastOut = out;
  return out;
}

// The last call of trackArrivals (inputs and answer); worlds and arrivals never change, so it stays true.
let lastA: Arrivals | undefined;
let lastModel: Model | undefined;
let lastObs: StepContext['obs'] | undefined;
let lastAction: StepContext['action'] | undefined;
let lastBefore: World | undefined;
let lastAfter: World | undefined;
let lastOut: Arrivals = {};

/**
 * Whether track would find nothing to change: no observation that could change an arrival read
 * as `a` holds it (until one changes, `track` reads every host as `a` holds it), no Map-Register
 * retransmission timer fired, no host counting retransmissions. Most steps; they allocate nothing.
 */
function untouched(a: Arrivals, model: Model, obs: StepContext['obs'], action: StepContext['action'], after: World | undefined): boolean {
  if (action.type === 'timer.expire' && action.key.endsWith(RETX)) return false;
  for (let i = 0; i < obs.length; i++) {
    const o = obs[i];
    if (o.kind === 'moved') return false;
    if (o.kind === 'sent') {
      const h = model.topo.hosts.get(o.pkt.src);
      if (h !== undefined && a[h.name] !== undefined && a[h.name].seenAt === undefined) return false;
    } else if (o.kind === 'ingress') {
      if (a[o.host] !== undefined && a[o.host].seenAt === undefined) return false;
    } else if (o.kind === 'fate') {
      if (a[o.pkt.src]?.routed.includes(o.pkt.id)) return false;
    }
  }
  // No observation changed anything: a counting host is read as `a` holds it.
  const retrying = arrivalFacts(a).retrying;
  if (retrying.length === 0 || after === undefined) return true;
  const ix = monitorIndex(model);
  for (const name of retrying) {
    const cur = a[name];
    const i = ix.hostIndex.get(name);
    if (i === undefined || cur?.seenAt === undefined || !(cur.retx > 0)) continue;
    if (after.actors.get(ix.dynIdAt(i, ix.routerAt(after.hostAt[name])))?.v === 'registered') return false;
  }
  return true;
}

/**
 * Whether trackArrivals leaves `a` as it is, decided without the worlds (Property.ignores): as
 * `untouched`, and no host counting Map-Register retransmissions (whose count follows its xTR's
 * registration in the world).
 */
export function arrivalsIgnore(a: Arrivals, model: Model, obs: StepContext['obs'], action: StepContext['action']): boolean {
  if (arrivalFacts(a).retrying.length > 0) return false;
  return untouched(a, model, obs, action, undefined);
}

function track(a: Arrivals, model: Model, obs: StepContext['obs'], action: StepContext['action'], before: World, after: World): Arrivals {
  const e = new Edit(a);
  for (const o of obs) {
    if (o.kind === 'moved') e.set(o.host, arrival(undefined, [], 0));
    else if (o.kind === 'sent') {
      const h = model.topo.hosts.get(o.pkt.src);
      const cur = h && e.get(h.name);
      if (cur && cur.seenAt === undefined && !contains(h.subnet, ipNum(o.pkt.dstIp))) e.set(h.name, arrival(cur.seenAt, [...cur.routed, o.pkt.id], cur.retx));
    } else if (o.kind === 'ingress') {
      const cur = e.get(o.host);
      if (cur && cur.seenAt === undefined && after.hostAt[o.host]?.startsWith(`${o.router} `)) e.set(o.host, arrival(after.now, [], 0));
    } else if (o.kind === 'fate') {
      const cur = e.get(o.pkt.src);
      if (!cur?.routed.includes(o.pkt.id)) continue;
      const routed = cur.routed.filter((id) => id !== o.pkt.id);
      if (o.fate === 'dropped' && !isForgivenDrop(o.reason)) e.set(o.pkt.src, arrival(after.now, [], 0));
      else e.set(o.pkt.src, arrival(cur.seenAt, routed, cur.retx));
    }
  }
  // Count the current xTR's unanswered Map-Register retransmissions (RFC 9301 §5.7) per seen host:
  // one more when its registration's retransmission timer fires unanswered, none once it is
  // registered. Only two kinds of host can change: those of the EID whose timer fired, and those
  // already counting (no observation above raises a count); the rest are not looked at.
  const ix = monitorIndex(model);
  let counted: string[] | undefined;
  if (action.type === 'timer.expire' && action.key.endsWith(RETX) && before.actors.get(action.key.slice(0, -RETX.length))?.v === 'registering') {
    const id = action.key.slice(0, -RETX.length);
    for (const i of ix.hostsByEid.get(id.slice(id.lastIndexOf('|') + 1)) ?? []) {
      const h = ix.hosts[i];
      const cur = e.get(h.name);
      if (cur?.seenAt === undefined || ix.dynIdAt(i, ix.routerAt(after.hostAt[h.name])) !== id) continue;
      (counted ??= []).push(h.name);
      e.set(h.name, arrival(cur.seenAt, cur.routed, cur.retx + 1));
    }
  }
  for (const name of arrivalFacts(a).retrying) {
    const cur = e.get(name);
    const i = ix.hostIndex.get(name);
    if (i === undefined || cur?.seenAt === undefined || counted?.includes(name) || !(cur.retx > 0)) continue;
    if (after.actors.get(ix.dynIdAt(i, ix.routerAt(after.hostAt[name])))?.v === 'registered') e.set(name, arrival(cur.seenAt, cur.routed, 0));
  }
  if (e.out === undefined) return a;
  remember(e.out, factsAfter(arrivalFacts(a), a, e.out, e.changed));
  return e.out;
}

/** Arrivals being changed host by host: copied at the first change, each changed host named once. */
class Edit {
  out: Record<string, Arrival> | undefined;
  readonly changed: string[] = [];
  constructor(readonly a: Arrivals) {}

  get(h: string): Arrival | undefined {
    return (this.out ?? this.a)[h];
  }

  set(h: string, v: Arrival): void {
    this.out ??= { ...this.a };
    this.out[h] = v;
    if (!this.changed.includes(h)) this.changed.push(h);
  }
}

/** The name of a Map-Register retransmission timer, as it ends a timer key (dynEidMachine.ts). */
const RETX = '#retx';

/** Restart a seen host's convergence clock (after a fault: DESIGN.md §3 "as long as no fault"). */
export function restartClock(a: Arrivals, now: number): Arrivals {
  // Both monitors that restart clocks do so from the same arrivals at the same step.
  if (a === lastRestart.a && now === lastRestart.now) return lastRestart.out;
  const out = restarted(a, now);
  lastRestart = { a, now, out };
  return out;
}

let lastRestart: { a?: Arrivals; now: number; out: Arrivals } = { now: Number.NaN, out: {} };

function restarted(a: Arrivals, now: number): Arrivals {
  const hosts = Object.keys(a);
  // Every seen host already seen at `now` and counting nothing (faults in a row at one time): `a` is its own restart.
  if (hosts.every((h) => a[h].seenAt === undefined || (a[h].seenAt === now && a[h].retx === 0))) return a;
  const out: Record<string, Arrival> = {};
  for (const h of hosts) out[h] = a[h].seenAt === undefined ? a[h] : arrival(now, a[h].routed, 0);
  // Every seen host now seen at `now`, counting nothing; the others as they were.
  const f = arrivalFacts(a);
  remember(out, { seen: f.seen, earliest: f.seen > 0 ? now : Infinity, atEarliest: f.seen, retrying: f.retrying.filter((h) => out[h].retx > 0) });
  return out;
}

/** The scenario's convergence bound, defaults filled in (scenario.ts Convergence). */
export function convergenceOf(model: Model): Convergence {
  return { ...boundOf(model) };
}

/** convergenceOf, not copied: read at every step by the monitors, never handed out. */
function boundOf(model: Model): Readonly<Convergence> {
  if (model === lastBoundModel) return lastBound!;
  let b = bounds.get(model);
  if (b === undefined) {
    const c = model.scenario.convergence;
    b = { seconds: c?.seconds ?? DEFAULT_CONVERGENCE_SECONDS, retransmissions: c?.retransmissions ?? defaultRetransmissions(model) };
    bounds.set(model, b);
  }
  lastBoundModel = model;
  lastBound = b;
  return b;
}

/** The model boundOf was last asked about, and its answer (the WeakMap is asked once per model in a row). */
let lastBoundModel: Model | undefined;
let lastBound: Convergence | undefined;

/** convergenceOf per model: asked at every step by the monitors that judge settled moments. */
const bounds = new WeakMap<Model, Convergence>();

/**
 * Copy k of a Map-Register leaves at t(k) = base * (1 + 2 + 4 + ...), k terms, each step capped
 * at 60 * base (RFC 9301 §5.7: 1 s, doubling, max 60 s; dynEidMachine.ts). If a copy and its
 * Map-Notify get through, the answer comes within 2 * maxLatency. With the scenario's `losses`
 * spent on the first copies or their answers, copy `losses` is answered by t(losses) +
 * 2 * maxLatency at the latest; the default bound is one retransmission more than can fire by
 * then. Seed lab (1 s, one loss, 2 s latency): 3, that is 7 s without an answer.
 */
export function defaultRetransmissions(model: Model): number {
  const base = model.scenario.timers.registerRetransmit;
  const { losses, maxLatency } = model.scenario.bounds;
  if (!Number.isFinite(losses) || !Number.isFinite(maxLatency) || base <= 0) return Infinity;
  const t = (k: number) => {
    let sum = 0;
    for (let i = 0; i < k; i++) sum += base * Math.min(2 ** i, 60);
    return sum;
  };
  const answered = t(losses) + 2 * maxLatency;
  let k = 0;
  while (t(k + 1) <= answered) k++;
  return k + 1;
}

/** Why the control plane counts as settled for a host seen at `a.seenAt`, or undefined if it does not (yet). */
export type Settled = 'quiet' | 'time' | 'retransmissions';

export function settledFor(model: Model, w: World, a: Arrival | undefined): Settled | undefined {
  return a?.seenAt === undefined ? undefined : settledWhen(model, w, a, isControlQuiet(w));
}

/** settledFor with the world's quiet already known (a monitor judging many hosts asks it once). */
export function settledWhen(model: Model, w: World, a: Arrival | undefined, quiet: boolean): Settled | undefined {
  if (a?.seenAt === undefined) return undefined;
  if (quiet) return 'quiet';
  const bound = boundOf(model);
  if (w.now - a.seenAt >= bound.seconds * 1000) return 'time';
  if (a.retx >= bound.retransmissions) return 'retransmissions';
  return undefined;
}

/**
 * Whether settledWhen holds for some host of `a`, from the facts kept beside it: any host seen
 * when quiet; else the earliest seen past the bound (w.now - seenAt only grows as seenAt falls),
 * or one counting enough retransmissions.
 */
export function someSettled(model: Model, w: World, a: Arrivals, quiet: boolean): boolean {
  const f = arrivalFacts(a);
  if (f.seen === 0) return false;
  if (quiet) return true;
  const bound = boundOf(model);
  if (w.now - f.earliest >= bound.seconds * 1000) return true;
  return f.retrying.some((h) => a[h].seenAt !== undefined && a[h].retx >= bound.retransmissions);
}

/** A key fragment: hosts with their clocks, pending routed packets counted (ids are not in the world's key either). */
export function arrivalsKey(a: Arrivals): string {
  return Object.keys(a)
    .sort()
    .map((h) => `${h}@${a[h].seenAt ?? '-'}+${a[h].routed.length}r${a[h].retx}`)
    .join(',');
}
