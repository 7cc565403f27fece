// eventual-reachability (DESIGN.md §3; PROTOCOL.md §4 I3, I5, I6): every ITR/PITR sending to a
// moved host converges. Phases per (ITR, host): the host sends its first packet at the new site
// (arrival.ts: its traffic reached the xTR, or died on the way for a reason of its own); the
// control plane settles (quiet, or the convergence bound has passed since then); the ITR sends
// at least one packet, which meets its fate (it may be lost: SMR is data-triggered, so that
// packet is what triggers the repair); the control plane settles again; from then on every packet
// that ITR sends to the host is delivered, as long as no fault and no further move happens. A
// fault sends every pair back to the start and restarts the convergence clock.

import { arrivalsIgnore, arrivalsKey, initArrivals, restartClock, settledFor, trackArrivals, type Arrivals } from '../src/core/properties/arrival.js';
import { diagnoseRegistration } from '../src/core/properties/diagnoseRegistration.js';
import { defineProperty, unchangedResults } from '../src/core/properties/property.js';
import { isForgivenDrop } from '../src/core/properties/quiet.js';
import { isFault } from '../src/core/world/action.js';
import { msId } from '../src/core/world/dataplane.js';
import { mapServerOf } from '../src/core/world/topology.js';
import type { Model } from '../src/core/world/model.js';
import type { World } from '../src/core/world/world.js';

/** Phase per moved host: 0 moved, 1 seen at the new site, 2 settled. Per `itr>host`: `tried:ID`, `done`, `converged`. */
interface S {
  arrivals: Arrivals;
  hosts: Record<string, number>;
  pairs: Record<string, string>;
  /** Packets sent by a converged ITR: `id:itr>host`. */
  watched: string[];
}

/** This monitor's results by state and `judged`, made once for the last state (property.ts unchangedResults). */
const unchanged = unchangedResults<S>();

export const eventualReachability = defineProperty<S>({
  id: 'eventual-reachability',
  description:
    'Every ITR/PITR that sends to a moved host converges: once the host has sent from its new site, the control plane has settled (quiet, or the convergence bound passed), the ITR has sent to it and the control plane has settled again, every further packet that ITR sends to the host is delivered (no fault, no further move).',
  reference: 'PROTOCOL.md §4 (I3, I5, I6), §1.5, §1.10; RFC 6830 §6.6.2',
  kind: 'convergence',
  // Every host judged alike, the state plain data: searched under symmetry reduction (Property.symmetric).
  symmetric: true,
  init: (model) => ({ arrivals: initArrivals(model), hosts: {}, pairs: {}, watched: [] }),
  step(s, ctx) {
    const { model, obs, action, after } = ctx;
    let arrivals = trackArrivals(s.arrivals, ctx);
    // `hosts` and `pairs` are copied at their first change in a step, not at every step: most
    // steps change nothing, and then the state itself is returned (the vacuity watch, vacuity.ts,
    // reads an unchanged state once).
    let hosts = s.hosts;
    let pairs = s.pairs;
    let ownHosts = false;
    let ownPairs = false;
    let watched = s.watched;
    let judged = false;
    if (isFault(action)) {
      if (!isEmpty(pairs)) {
        pairs = {};
        ownPairs = true;
      }
      for (const h in hosts) {
        if (hosts[h] !== 2) continue;
        if (!ownHosts) {
          hosts = { ...hosts };
          ownHosts = true;
        }
        hosts[h] = 1;
      }
      if (watched.length > 0) watched = [];
      arrivals = restartClock(arrivals, after.now);
    }
    for (const o of obs) {
      if (o.kind === 'moved') {
        if (hosts[o.host] !== 0) {
          if (!ownHosts) {
            hosts = { ...hosts };
            ownHosts = true;
          }
          hosts[o.host] = 0;
        }
        const to = `>${o.host}`;
        if (someKey(pairs, (k) => k.endsWith(to))) {
          pairs = without(pairs, (k) => k.endsWith(to));
          ownPairs = true;
        }
        if (watched.some((w) => w.endsWith(to))) watched = watched.filter((w) => !w.endsWith(to));
      } else if (o.kind === 'itr') {
        const host = model.topo.endpointByEid.get(o.eid);
        if (!host || hosts[host] !== 2) continue;
        const k = `${o.itr}>${host}`;
        if (pairs[k] === 'converged') watched = [...watched, `${o.pkt.id}:${k}`];
        else if (pairs[k] === undefined) {
          if (!ownPairs) {
            pairs = { ...pairs };
            ownPairs = true;
          }
          pairs[k] = `tried:${o.pkt.id}`;
        }
      } else if (o.kind === 'fate') {
        if (!isEmpty(pairs)) {
          const tried = `tried:${o.pkt.id}`;
          for (const k in pairs) {
            if (pairs[k] !== tried) continue;
            if (!ownPairs) {
              pairs = { ...pairs };
              ownPairs = true;
            }
            pairs[k] = 'done';
          }
        }
        if (watched.length === 0) continue;
        const id = `${o.pkt.id}:`;
        const w = watched.find((x) => x.startsWith(id));
        if (!w) continue;
        watched = watched.filter((x) => x !== w);
        if (o.fate === 'delivered') judged = true;
        else if (!isForgivenDrop(o.reason)) {
          const itr = w.slice(w.indexOf(':') + 1, w.indexOf('>'));
          return {
            state: { arrivals, hosts, pairs, watched },
            judged: true,
            violation: `${itr} had converged on ${o.pkt.dst}, yet packet ${o.pkt.src} -> ${o.pkt.dst} was dropped at ${o.at}: ${o.reason}${registryNote(model, after, o.pkt.dst)}`,
          };
        }
      }
    }
    // Seen at the new site (arrival.ts), then settled: the convergence clock runs from the sighting.
    for (const h in hosts) {
      if (hosts[h] !== 0 || arrivals[h]?.seenAt === undefined) continue;
      if (!ownHosts) {
        hosts = { ...hosts };
        ownHosts = true;
      }
      hosts[h] = 1;
    }
    // Settling changes a host seen (1), or a pair whose first packet met its fate ('done'): with
    // neither, no host is asked whether it has settled.
    let done: boolean | undefined;
    for (const h in hosts) {
      const phase = hosts[h];
      if (phase === 0 || (phase === 2 && !(done ??= someKey(pairs, (k) => pairs[k] === 'done')))) continue;
      if (!settledFor(model, after, arrivals[h])) continue;
      if (phase === 1) {
        if (!ownHosts) {
          hosts = { ...hosts };
          ownHosts = true;
        }
        hosts[h] = 2;
      }
      const to = `>${h}`;
      for (const k in pairs) {
        if (!k.endsWith(to) || pairs[k] !== 'done') continue;
        if (!ownPairs) {
          pairs = { ...pairs };
          ownPairs = true;
        }
        pairs[k] = 'converged';
      }
    }
    if (arrivals === s.arrivals && hosts === s.hosts && pairs === s.pairs && watched === s.watched) return unchanged(s, judged);
    return { state: { arrivals, hosts, pairs, watched }, judged };
  },
  key: (s) =>
    `${arrivalsKey(s.arrivals)}/${Object.keys(s.hosts)
      .sort()
      .map((h) => `${h}${s.hosts[h]}`)
      .join(',')}/${Object.keys(s.pairs)
      .sort()
      .map((k) => `${k}=${s.pairs[k].startsWith('tried') ? 'tried' : s.pairs[k]}`)
      .join(',')}/${s.watched
      .map((w) => w.slice(w.indexOf(':') + 1))
      .sort()
      .join(',')}`,
  // Partial-order reduction (Property.ignores): no fault, no arrival, no host or pair that would ask
  // whether the control plane has settled (a question about the world), and no observation that
  // changes a host, a pair or a watched packet.
  ignores(s, { model, obs, action }) {
    if (isFault(action) || !arrivalsIgnore(s.arrivals, model, obs, action)) return false;
    for (const h in s.hosts) {
      const phase = s.hosts[h];
      if (phase === 1 || (phase === 0 && s.arrivals[h]?.seenAt !== undefined)) return false;
    }
    if (someKey(s.pairs, (k) => s.pairs[k] === 'done')) return false;
    for (const o of obs) {
      if (o.kind === 'moved') return false;
      if (o.kind === 'itr') {
        const host = model.topo.endpointByEid.get(o.eid);
        if (host !== undefined && s.hosts[host] === 2) return false;
      } else if (o.kind === 'fate') {
        const tried = `tried:${o.pkt.id}`;
        if (someKey(s.pairs, (k) => s.pairs[k] === tried) || s.watched.some((w) => w.startsWith(`${o.pkt.id}:`))) return false;
      }
    }
    return true;
  },
  vacuity: (s) => {
    const phases = Object.values(s.hosts);
    const pairs = Object.values(s.pairs);
    if (phases.length === 0) return { stage: 0, reason: 'no host moved' };
    if (!phases.some((p) => p >= 1)) return { stage: 1, reason: 'no moved host was seen at its new site (it sent no traffic there)' };
    if (!phases.some((p) => p === 2)) return { stage: 2, reason: 'the control plane never settled (quiet or convergence bound) after a moved host was seen at its new site' };
    if (pairs.length === 0) return { stage: 3, reason: 'no ITR sent to a moved host after it was seen at its new site' };
    if (!pairs.includes('converged')) return { stage: 4, reason: "no ITR's first packet to a moved host was followed by a settled control plane" };
    return { stage: 5, reason: 'no ITR sent to a moved host again after it had converged' };
  },
});

/** When the MS does not point to the moved host's xTR, why (so the drop names the mistake). */
function registryNote(model: Model, w: World, host: string): string {
  const h = model.topo.hosts.get(host);
  if (!h) return '';
  const router = w.hostAt[host].split(' ')[0];
  const ms = mapServerOf(model.topo, router) ?? [...model.topo.routers.values()].find((r) => r.spec.ms);
  if (!ms) return '';
  const reg = w.actors.get(msId(ms.name, h.eid));
  const points = (reg?.v === 'registered' ? reg.c.rlocs : []).map((r: string) => model.topo.owner.get(r) ?? r);
  if (points.length === 1 && points[0] === router) return '';
  return ` (the MS points to ${points.join(',') || 'nothing'} for ${host} at ${router}: ${diagnoseRegistration(model, w, host)})`;
}

/**
 * `pairs` less the keys `drop` names, the rest in their order: a new object rather than `delete`,
 * which turns an object into a dictionary, and every copy of it after (the spread each step
 * makes) with it (issue 9).
 */
function without(pairs: Record<string, string>, drop: (k: string) => boolean): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of Object.keys(pairs)) if (!drop(k)) out[k] = pairs[k];
  return out;
}

/** Whether `o` has no key (without listing them). */
function isEmpty(o: Record<string, unknown>): boolean {
  for (const _ in o) return false;
  return true;
}

/** Whether some key of `o` satisfies `f` (without listing them). */
function someKey(o: Record<string, unknown>, f: (k: string) => boolean): boolean {
  for (const k in o) if (f(k)) return true;
  return false;
}
