// eventual-reachability (DESIGN.md §3; PROTOCOL.md §4 I3, I5, I6): every ITR/PITR sending to a
// moved host converges. Phases per (ITR, host): the host sends its first packet at the new site
// (arrival.ts: its traffic reached the xTR, or died on the way for a reason of its own); the
// control plane settles (quiet, or the convergence bound has passed since then); the ITR sends
// at least one packet, which meets its fate (it may be lost: SMR is data-triggered, so that
// packet is what triggers the repair); the control plane settles again; from then on every packet
// that ITR sends to the host is delivered, as long as no fault and no further move happens. A
// fault sends every pair back to the start and restarts the convergence clock.

import { arrivalsKey, initArrivals, restartClock, settledFor, trackArrivals, type Arrivals } from '../src/core/properties/arrival.js';
import { diagnoseRegistration } from '../src/core/properties/diagnoseRegistration.js';
import { defineProperty } from '../src/core/properties/property.js';
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

export const eventualReachability = defineProperty<S>({
  id: 'eventual-reachability',
  description:
    'Every ITR/PITR that sends to a moved host converges: once the host has sent from its new site, the control plane has settled (quiet, or the convergence bound passed), the ITR has sent to it and the control plane has settled again, every further packet that ITR sends to the host is delivered (no fault, no further move).',
  reference: 'PROTOCOL.md §4 (I3, I5, I6), §1.5, §1.10; RFC 6830 §6.6.2',
  kind: 'convergence',
  init: (model) => ({ arrivals: initArrivals(model), hosts: {}, pairs: {}, watched: [] }),
  step(s, ctx) {
    const { model, obs, action, after } = ctx;
    let arrivals = trackArrivals(s.arrivals, ctx);
    const hosts = { ...s.hosts };
    let pairs = { ...s.pairs };
    let watched = s.watched;
    let judged = false;
    if (isFault(action)) {
      pairs = {};
      for (const h of Object.keys(hosts)) if (hosts[h] === 2) hosts[h] = 1;
      watched = [];
      arrivals = restartClock(arrivals, after.now);
    }
    for (const o of obs) {
      if (o.kind === 'moved') {
        hosts[o.host] = 0;
        pairs = without(pairs, (k) => k.endsWith(`>${o.host}`));
        watched = watched.filter((w) => !w.endsWith(`>${o.host}`));
      } else if (o.kind === 'itr') {
        const host = model.topo.endpointByEid.get(o.eid);
        if (!host || hosts[host] !== 2) continue;
        const k = `${o.itr}>${host}`;
        if (pairs[k] === 'converged') watched = [...watched, `${o.pkt.id}:${k}`];
        else if (pairs[k] === undefined) pairs[k] = `tried:${o.pkt.id}`;
      } else if (o.kind === 'fate') {
        for (const k of Object.keys(pairs)) if (pairs[k] === `tried:${o.pkt.id}`) pairs[k] = 'done';
        const w = watched.find((x) => x.startsWith(`${o.pkt.id}:`));
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
    for (const h of Object.keys(hosts)) if (hosts[h] === 0 && arrivals[h]?.seenAt !== undefined) hosts[h] = 1;
    for (const h of Object.keys(hosts)) {
      if (hosts[h] === 0 || !settledFor(model, after, arrivals[h])) continue;
      if (hosts[h] === 1) hosts[h] = 2;
      for (const k of Object.keys(pairs)) if (k.endsWith(`>${h}`) && pairs[k] === 'done') pairs[k] = 'converged';
    }
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
