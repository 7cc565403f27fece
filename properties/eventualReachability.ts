// eventual-reachability (DESIGN.md §3; PROTOCOL.md §4 I3, I5, I6): every ITR/PITR sending to a
// moved host converges. Phases per (ITR, host): the host sends its first packet at the new site;
// the control plane settles (quiet); the ITR sends at least one packet, which meets its fate (it
// may be lost: SMR is data-triggered, so that packet is what triggers the repair); the control
// plane is quiet again; from then on every packet that ITR sends to the host is delivered, as
// long as no fault and no further move happens. A fault sends every pair back to the start.

import { defineProperty } from '../src/core/properties/property.js';
import { isControlQuiet, isForgivenDrop } from '../src/core/properties/quiet.js';
import { isFault } from '../src/core/world/action.js';

/** Phase per host: 0 moved, 1 seen at the new site, 2 settled. Per `itr>host`: `tried:ID`, `done`, `converged`. */
interface S {
  hosts: Record<string, number>;
  pairs: Record<string, string>;
  /** Packets sent by a converged ITR: `id:itr>host`. */
  watched: string[];
}

export const eventualReachability = defineProperty<S>({
  id: 'eventual-reachability',
  description:
    'Every ITR/PITR that sends to a moved host converges: once the host has sent from its new site, the control plane has settled, the ITR has sent to it and the control plane is quiet again, every further packet that ITR sends to the host is delivered (no fault, no further move).',
  reference: 'PROTOCOL.md §4 (I3, I5, I6), §1.5, §1.10; RFC 6830 §6.6.2',
  kind: 'convergence',
  init: () => ({ hosts: {}, pairs: {}, watched: [] }),
  step(s, { model, obs, action, after }) {
    const hosts = { ...s.hosts };
    const pairs = { ...s.pairs };
    let watched = s.watched;
    if (isFault(action)) {
      for (const k of Object.keys(pairs)) delete pairs[k];
      for (const h of Object.keys(hosts)) if (hosts[h] === 2) hosts[h] = 1;
      watched = [];
    }
    for (const o of obs) {
      if (o.kind === 'moved') {
        hosts[o.host] = 0;
        for (const k of Object.keys(pairs)) if (k.endsWith(`>${o.host}`)) delete pairs[k];
        watched = watched.filter((w) => !w.endsWith(`>${o.host}`));
      } else if (o.kind === 'ingress' && hosts[o.host] === 0 && after.hostAt[o.host]?.startsWith(`${o.router} `)) {
        hosts[o.host] = 1;
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
        if (o.fate === 'dropped' && !isForgivenDrop(o.reason)) {
          return {
            state: { hosts, pairs, watched },
            violation: `${w.slice(w.indexOf(':') + 1, w.indexOf('>'))} had converged on ${o.pkt.dst}, yet packet ${o.pkt.src} -> ${o.pkt.dst} was dropped at ${o.at}: ${o.reason}`,
          };
        }
      }
    }
    if (isControlQuiet(after)) {
      for (const h of Object.keys(hosts)) if (hosts[h] === 1) hosts[h] = 2;
      for (const k of Object.keys(pairs)) if (pairs[k] === 'done') pairs[k] = 'converged';
    }
    return { state: { hosts, pairs, watched } };
  },
  key: (s) =>
    `${Object.keys(s.hosts).sort().map((h) => `${h}${s.hosts[h]}`).join(',')}/${Object.keys(s.pairs).sort().map((k) => `${k}=${s.pairs[k].startsWith('tried') ? 'tried' : s.pairs[k]}`).join(',')}/${s.watched.map((w) => w.slice(w.indexOf(':') + 1)).sort().join(',')}`,
});
