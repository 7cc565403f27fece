// REFERENCE for test/unit/check/incrementalMonitors.test.ts: this file as it was before the monitors
// became incremental (main 45b6b05), every host, router and actor scanned at every step, imports
// pointed at this folder's copies. The straightforward evaluation the incremental one must equal.
// When a moved host counts as "seen at its new site", and when the control plane counts as
// settled after that (DESIGN.md §3: quiet, or the convergence bound has passed). PURE. Shared by
// the monitors that judge the registry and reachability after a move.

import { DEFAULT_CONVERGENCE_SECONDS, type Convergence } from '../../../../src/core/scenario.js';
import { contains, ipNum } from '../../../../src/core/world/addr.js';
import { dynId } from '../../../../src/core/world/dataplane.js';
import type { Model } from '../../../../src/core/world/model.js';
import type { World } from '../../../../src/core/world/world.js';
import type { StepContext } from '../../../../src/core/properties/property.js';
import { isControlQuiet, isForgivenDrop } from '../../../../src/core/properties/quiet.js';

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

/** Hosts start where the initial world registered them (world/initial.ts): seen at time 0. */
export function initArrivals(model: Model): Arrivals {
  return Object.fromEntries([...model.topo.hosts.keys()].map((h) => [h, { seenAt: 0, routed: [], retx: 0 }]));
}

/**
 * A host is seen at its new site when traffic it sent there reached a router interface
 * (`ingress`: the xTR could detect it), or when a routed packet it sent there (next hop: its
 * gateway) died before reaching any router for a reason of its own (`no-mac-on-segment`: the
 * gateway MAC it has cached is nobody's there; `no-route`). Either way it has sent IP traffic
 * since it arrived, which is what the registry is judged against (DESIGN.md §3).
 */
export function trackArrivals(a: Arrivals, { model, obs, action, before, after }: StepContext): Arrivals {
  let out: Record<string, Arrival> | undefined;
  const set = (h: string, v: Arrival) => {
    out ??= { ...a };
    out[h] = v;
  };
  const get = (h: string) => (out ?? a)[h];
  for (const o of obs) {
    if (o.kind === 'moved') set(o.host, { routed: [], retx: 0 });
    else if (o.kind === 'sent') {
      const h = model.topo.hosts.get(o.pkt.src);
      const cur = h && get(h.name);
      if (cur && cur.seenAt === undefined && !contains(h.subnet, ipNum(o.pkt.dstIp))) set(h.name, { ...cur, routed: [...cur.routed, o.pkt.id] });
    } else if (o.kind === 'ingress') {
      const cur = get(o.host);
      if (cur && cur.seenAt === undefined && after.hostAt[o.host]?.startsWith(`${o.router} `)) set(o.host, { seenAt: after.now, routed: [], retx: 0 });
    } else if (o.kind === 'fate') {
      const cur = get(o.pkt.src);
      if (!cur?.routed.includes(o.pkt.id)) continue;
      const routed = cur.routed.filter((id) => id !== o.pkt.id);
      if (o.fate === 'dropped' && !isForgivenDrop(o.reason)) set(o.pkt.src, { seenAt: after.now, routed: [], retx: 0 });
      else set(o.pkt.src, { ...cur, routed });
    }
  }
  // Count the current xTR's unanswered Map-Register retransmissions (RFC 9301 §5.7) per seen host.
  for (const [name, h] of model.topo.hosts) {
    const cur = get(name);
    if (cur?.seenAt === undefined) continue;
    const id = dynId(after.hostAt[name].split(' ')[0], h.eid);
    if (action.type === 'timer.expire' && action.key === `${id}#retx` && before.actors.get(id)?.v === 'registering') set(name, { ...cur, retx: cur.retx + 1 });
    else if (cur.retx > 0 && after.actors.get(id)?.v === 'registered') set(name, { ...cur, retx: 0 });
  }
  return out ?? a;
}

/** Restart a seen host's convergence clock (after a fault: DESIGN.md §3 "as long as no fault"). */
export function restartClock(a: Arrivals, now: number): Arrivals {
  return Object.fromEntries(Object.entries(a).map(([h, v]) => [h, v.seenAt === undefined ? v : { ...v, seenAt: now, retx: 0 }]));
}

/** The scenario's convergence bound, defaults filled in (scenario.ts Convergence). */
export function convergenceOf(model: Model): Convergence {
  const c = model.scenario.convergence;
  return { seconds: c?.seconds ?? DEFAULT_CONVERGENCE_SECONDS, retransmissions: c?.retransmissions ?? defaultRetransmissions(model) };
}

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
  if (a?.seenAt === undefined) return undefined;
  if (isControlQuiet(w)) return 'quiet';
  const bound = convergenceOf(model);
  if (w.now - a.seenAt >= bound.seconds * 1000) return 'time';
  if (a.retx >= bound.retransmissions) return 'retransmissions';
  return undefined;
}

/** A key fragment: hosts with their clocks, pending routed packets counted (ids are not in the world's key either). */
export function arrivalsKey(a: Arrivals): string {
  return Object.keys(a)
    .sort()
    .map((h) => `${h}@${a[h].seenAt ?? '-'}+${a[h].routed.length}r${a[h].retx}`)
    .join(',');
}
