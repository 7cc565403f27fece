// REFERENCE for test/unit/check/incrementalMonitors.test.ts: this file as it was before the monitors
// became incremental (main 45b6b05), every host, router and actor scanned at every step, imports
// pointed at this folder's copies. The straightforward evaluation the incremental one must equal.
// single-authoritative-rloc (DESIGN.md §3; PROTOCOL.md §4 I1, I2, I5; F1–F3, F7–F11): the MS
// never holds two xTRs' RLOC sets for one host; and whenever the control plane is quiet, at most
// one xTR holds the host as local, and, if the host has sent IP traffic since it arrived on its
// current segment, the MS points to that segment's xTR. Whatever keeps it from doing so is a
// violation naming the cause. A control plane that does not settle within the convergence bound
// (scenario `convergence:`) is judged as settled at the bound, so a retransmission loop never
// excuses the failure it hides.

import { initArrivals, settledFor, trackArrivals, arrivalsKey, convergenceOf, type Arrivals } from './arrival.js';
import { diagnoseRegistration, retransmitting } from '../../../../src/core/properties/diagnoseRegistration.js';
import { defineProperty } from '../../../../src/core/properties/property.js';
import { isControlQuiet } from '../../../../src/core/properties/quiet.js';
import { dynId, msId } from '../../../../src/core/world/dataplane.js';
import { mapServerOf } from '../../../../src/core/world/topology.js';

interface S {
  arrivals: Arrivals;
}

const LOCAL = new Set(['registering', 'registered']);

export const singleAuthoritativeRloc = defineProperty<S>({
  id: 'single-authoritative-rloc',
  description:
    'The MS never holds two RLOC sets for one host /32; when the control plane is quiet (or the convergence bound has passed) at most one xTR holds the host as local, and the MS points to the xTR of the segment where the host has sent traffic since it arrived; whatever prevents that is named.',
  reference: 'PROTOCOL.md §4 (I1, I2, I5; F1, F2, F3, F7–F11), §1.2 replace semantics, RFC 9301 §5.6–5.7',
  kind: 'safety + quiescence',
  init: (model) => ({ arrivals: initArrivals(model) }),
  step(s, ctx) {
    const { model, after } = ctx;
    const state = { arrivals: trackArrivals(s.arrivals, ctx) };
    // A model may hold several mapping systems (one Map-Server per fabric site): each is judged.
    const servers = [...model.topo.routers.values()].filter((r) => r.spec.ms);
    if (servers.length === 0) return { state };
    let judged = false;
    for (const ms of servers) {
      for (const h of model.topo.hosts.values()) {
        const reg = after.actors.get(msId(ms.name, h.eid));
        if (!reg?.c.rlocs?.length) continue;
        judged = true;
        const owners = new Set<string>(reg.c.rlocs.map((r: string) => model.topo.owner.get(r) ?? r));
        if (owners.size > 1)
          return { state, judged, violation: `the MS ${servers.length > 1 ? `${ms.name} ` : ''}holds ${h.spec.ip}/32 -> ${reg.c.rlocs.join(',')}: RLOC sets of ${[...owners].join(' and ')}` };
      }
    }
    const quiet = isControlQuiet(after);
    for (const h of model.topo.hosts.values()) {
      const settled = settledFor(model, after, state.arrivals[h.name]);
      const local = [...model.topo.routers.values()].filter((r) => LOCAL.has(after.actors.get(dynId(r.name, h.eid))?.v ?? 'absent')).map((r) => r.name);
      if (quiet && local.length > 1) return { state, judged: true, violation: `control plane quiet, yet ${local.join(' and ')} both hold ${h.name} (${h.spec.ip}) as local` };
      if (!settled) continue;
      judged = true;
      const router = after.hostAt[h.name].split(' ')[0];
      // The Map-Server the host's xTR registers with; an xTR that names none is judged against
      // the first one, and the diagnosis names the missing `etr map-server`.
      const ms = mapServerOf(model.topo, router) ?? servers[0];
      const reg = after.actors.get(msId(ms.name, h.eid));
      const points = (reg?.v === 'registered' ? reg.c.rlocs : []).map((r: string) => model.topo.owner.get(r) ?? r);
      if (points.length === 1 && points[0] === router) continue;
      const fact = `${h.name} (${h.spec.ip}) is at ${router} and has sent traffic there, but the MS points to ${points.join(',') || 'nothing'}: ${diagnoseRegistration(model, after, h.name)}`;
      return {
        state,
        judged,
        violation: settled === 'quiet' ? `control plane quiet, ${fact}` : `${fact}; ${unsettled(model, after, settled, state.arrivals[h.name].seenAt!)}`,
      };
    }
    return { state, judged };
  },
  key: (s) => arrivalsKey(s.arrivals),
  vacuity: (_s, model) => {
    if (![...model.topo.routers.values()].some((r) => r.spec.ms)) return { stage: 0, reason: 'no Map-Server in the model' };
    return { stage: 1, reason: 'the MS held no registration for a host and no host was judged at a settled moment' };
  },
});

/** The convergence-failure clause: the bound passed and the control plane is still busy. */
function unsettled(model: Parameters<typeof convergenceOf>[0], w: Parameters<typeof retransmitting>[0], why: 'time' | 'retransmissions', seenAt: number): string {
  const bound = convergenceOf(model);
  const busy = retransmitting(w);
  const limit =
    why === 'time'
      ? `${Math.round((w.now - seenAt) / 1000)} s after the host was seen there (convergence bound ${bound.seconds} s)`
      : `after ${bound.retransmissions} unanswered Map-Register retransmissions (convergence bound)`;
  return `the control plane has not settled ${limit}${busy.length ? `: ${busy.join(', ')}` : ''}`;
}
