// single-authoritative-rloc (DESIGN.md §3; PROTOCOL.md §4 I1, I2, I5; F1–F3, F7–F11): the MS
// never holds two xTRs' RLOC sets for one host; and whenever the control plane is quiet, at most
// one xTR holds the host as local, and, if the host has sent IP traffic since it arrived on its
// current segment, the MS points to that segment's xTR. Whatever keeps it from doing so is a
// violation naming the cause. A control plane that does not settle within the convergence bound
// (scenario `convergence:`) is judged as settled at the bound, so a retransmission loop never
// excuses the failure it hides.

import { arrivalsIgnore, initArrivals, settledWhen, someSettled, trackArrivals, arrivalsKey, convergenceOf, type Arrivals } from '../src/core/properties/arrival.js';
import { diagnoseRegistration, retransmitting } from '../src/core/properties/diagnoseRegistration.js';
import { defineProperty, unchangedResults } from '../src/core/properties/property.js';
import { monitorIndex } from '../src/core/properties/monitorIndex.js';
import { isControlQuiet } from '../src/core/properties/quiet.js';
import { LOCAL_STATES, registryFacts } from '../src/core/properties/registryFacts.js';
import { dynId, msId } from '../src/core/world/dataplane.js';
import { mapServerOf } from '../src/core/world/topology.js';

interface S {
  arrivals: Arrivals;
}

/** This monitor's results by state and `judged`, made once for the last state (property.ts unchangedResults). */
const unchanged = unchangedResults<S>();

export const singleAuthoritativeRloc = defineProperty<S>({
  id: 'single-authoritative-rloc',
  description:
    'The MS never holds two RLOC sets for one host /32; when the control plane is quiet (or the convergence bound has passed) at most one xTR holds the host as local, and the MS points to the xTR of the segment where the host has sent traffic since it arrived; whatever prevents that is named.',
  reference: 'PROTOCOL.md §4 (I1, I2, I5; F1, F2, F3, F7–F11), §1.2 replace semantics, RFC 9301 §5.6–5.7',
  kind: 'safety + quiescence',
  // Every host judged alike, the state plain data: searched under symmetry reduction (Property.symmetric).
  symmetric: true,
  init: (model) => ({ arrivals: initArrivals(model) }),
  step(s, ctx) {
    const { model, before, after } = ctx;
    const arrivals = trackArrivals(s.arrivals, ctx);
    // Unchanged arrivals: the state itself (the vacuity watch reads an unchanged state once).
    const state = arrivals === s.arrivals ? s : { arrivals };
    // A model may hold several mapping systems (one Map-Server per fabric site): each is judged.
    const ix = monitorIndex(model);
    const servers = ix.servers;
    if (servers.length === 0) return unchanged(state, false);
    // Every host and server is judged at every step, but from facts kept per world and updated
    // from the actors and hosts the step changed (registryFacts.ts): what follows reads only the
    // hosts the facts name, and reports what a scan of every host in model order would.
    const facts = registryFacts(model, before, after);
    if (facts.split.length > 0) {
      // The first split record in (server, host) order.
      const n = ix.hosts.length;
      const ms = servers[Math.floor(facts.split[0] / n)];
      const h = ix.hosts[facts.split[0] % n];
      const rlocs: string[] = after.actors.get(msId(ms.name, h.eid))!.c.rlocs;
      const owners = new Set<string>(rlocs.map((r: string) => model.topo.owner.get(r) ?? r));
      return { state, judged: true, violation: `the MS ${servers.length > 1 ? `${ms.name} ` : ''}holds ${h.spec.ip}/32 -> ${rlocs.join(',')}: RLOC sets of ${[...owners].join(' and ')}` };
    }
    const quiet = isControlQuiet(after);
    // The first host in model order that two xTRs hold as local while quiet, or that is settled
    // yet not where the MS points; any other host passes.
    let first: number | undefined;
    if (quiet && facts.multiLocal.length > 0) first = facts.multiLocal[0];
    for (const i of facts.misplaced) {
      if (first !== undefined && i >= first) break;
      if (settledWhen(model, after, state.arrivals[ix.hosts[i].name], quiet)) first = i;
    }
    if (first === undefined) return unchanged(state, facts.held > 0 || someSettled(model, after, state.arrivals, quiet));
    const h = ix.hosts[first];
    if (quiet && facts.multiLocal.includes(first)) {
      const local = ix.routers.filter((r) => LOCAL_STATES.has(after.actors.get(dynId(r.name, h.eid))?.v ?? 'absent')).map((r) => r.name);
      return { state, judged: true, violation: `control plane quiet, yet ${local.join(' and ')} both hold ${h.name} (${h.spec.ip}) as local` };
    }
    const settled = settledWhen(model, after, state.arrivals[h.name], quiet)!;
    const router = after.hostAt[h.name].split(' ')[0];
    // The Map-Server the host's xTR registers with; an xTR that names none is judged against
    // the first one, and the diagnosis names the missing `etr map-server`.
    const ms = mapServerOf(model.topo, router) ?? servers[0];
    const reg = after.actors.get(msId(ms.name, h.eid));
    const points = (reg?.v === 'registered' ? reg.c.rlocs : []).map((r: string) => model.topo.owner.get(r) ?? r);
    const fact = `${h.name} (${h.spec.ip}) is at ${router} and has sent traffic there, but the MS points to ${points.join(',') || 'nothing'}: ${diagnoseRegistration(model, after, h.name)}`;
    return {
      state,
      judged: true,
      violation: settled === 'quiet' ? `control plane quiet, ${fact}` : `${fact}; ${unsettled(model, after, settled, state.arrivals[h.name].seenAt!)}`,
    };
  },
  key: (s) => arrivalsKey(s.arrivals),
  // Partial-order reduction (Property.ignores): with the arrivals unchanged, the registry is judged
  // on the world after alone.
  ignores: (s, { model, obs, action }) => arrivalsIgnore(s.arrivals, model, obs, action),
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
