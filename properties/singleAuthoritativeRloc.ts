// single-authoritative-rloc (DESIGN.md §3; PROTOCOL.md §4 I1, I2, I5; F1–F3): the MS never
// holds two xTRs' RLOC sets for one host; and whenever the control plane is quiet, at most one
// xTR holds the host as local and, if the host could have been detected where it is, the MS
// points to that xTR.

import { defineProperty } from '../src/core/properties/property.js';
import { isControlQuiet } from '../src/core/properties/quiet.js';
import { dynId, msId } from '../src/core/world/dataplane.js';
import { mobilityRangeFor } from '../src/core/world/topology.js';

interface S {
  /** Hosts whose traffic has reached their current xTR since they arrived (sorted). */
  seen: string[];
}

const LOCAL = new Set(['registering', 'registered']);

export const singleAuthoritativeRloc = defineProperty<S>({
  id: 'single-authoritative-rloc',
  description:
    'The MS never holds two RLOC sets for one host /32; when the control plane is quiet at most one xTR holds the host as local, and the MS points to the xTR of the segment where the host has sent traffic since it arrived.',
  reference: 'PROTOCOL.md §4 (I1, I2, I5; F1, F2, F3), §1.2 replace semantics, RFC 9301 §5.6–5.7',
  kind: 'safety + quiescence',
  // Hosts start registered where they are (world/initial.ts): already seen.
  init: (model) => ({ seen: [...model.topo.hosts.keys()].sort() }),
  step(s, { model, obs, after }) {
    let seen = s.seen;
    for (const o of obs) {
      if (o.kind === 'moved') seen = seen.filter((h) => h !== o.host);
      else if (o.kind === 'ingress' && after.hostAt[o.host]?.startsWith(`${o.router} `) && !seen.includes(o.host)) seen = [...seen, o.host].sort();
    }
    const state = { seen };
    const ms = [...model.topo.routers.values()].find((r) => r.spec.ms);
    if (!ms) return { state };
    for (const h of model.topo.hosts.values()) {
      const reg = after.actors[msId(ms.name, h.eid)];
      const owners = new Set<string>((reg?.c.rlocs ?? []).map((r: string) => model.topo.owner.get(r) ?? r));
      if (owners.size > 1) return { state, violation: `the MS holds ${h.spec.ip}/32 -> ${reg!.c.rlocs.join(',')}: RLOC sets of ${[...owners].join(' and ')}` };
    }
    if (!isControlQuiet(after)) return { state };
    for (const h of model.topo.hosts.values()) {
      const local = [...model.topo.routers.values()].filter((r) => LOCAL.has(after.actors[dynId(r.name, h.eid)]?.v ?? 'absent')).map((r) => r.name);
      if (local.length > 1) return { state, violation: `control plane quiet, yet ${local.join(' and ')} both hold ${h.name} (${h.spec.ip}) as local` };
      if (!seen.includes(h.name)) continue;
      const [router, ...iface] = after.hostAt[h.name].split(' ');
      const at = model.topo.routers.get(router)?.ifaces.find((i) => i.name === iface.join(' '));
      if (!at || !mobilityRangeFor(at, h.eid)) continue;
      const reg = after.actors[msId(ms.name, h.eid)];
      const points = (reg?.v === 'registered' ? reg.c.rlocs : []).map((r: string) => model.topo.owner.get(r) ?? r);
      if (points.length !== 1 || points[0] !== router) {
        return {
          state,
          violation: `control plane quiet, ${h.name} (${h.spec.ip}) is at ${router} and has sent traffic there, but the MS points to ${points.join(',') || 'nothing'}`,
        };
      }
    }
    return { state };
  },
  key: (s) => s.seen.join(','),
});
