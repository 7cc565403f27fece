// registration-authenticated (DESIGN.md §3; PROTOCOL.md §1.2 Authentication, §1.11, F7): the MS
// installs no registration whose key does not match its site, and no xTR becomes authoritative
// for an EID outside its configured dynamic-EID ranges.

import { localDyns } from '../src/core/properties/localDyns.js';
import { defineProperty, unchangedResults } from '../src/core/properties/property.js';
import { parseActorId } from '../src/core/world/model.js';
import { routerDynRange } from '../src/core/world/topology.js';

/** This monitor's results by state and `judged`, made once for the last state (property.ts unchangedResults). */
const unchanged = unchangedResults<null>();

export const registrationAuthenticated = defineProperty<null>({
  id: 'registration-authenticated',
  description: 'The MS installs no registration whose key does not match its site, and no xTR is authoritative for an EID outside its dynamic-EID ranges.',
  reference: 'PROTOCOL.md §1.2 (Authentication), §1.11; RFC 9301 §5.6',
  kind: 'safety (security)',
  // Every host judged alike, the state plain data: searched under symmetry reduction (Property.symmetric).
  symmetric: true,
  init: () => null,
  step(_s, { model, obs, before, after }) {
    let judged = false;
    for (const o of obs) {
      if (o.kind === 'note' && o.note === 'installed' && o.actor.startsWith('ms|')) judged = true;
      if (o.kind === 'note' && o.note === 'installed' && o.actor.startsWith('ms|') && o.data.authOk === false) {
        const { owner, ip } = parseActorId(o.actor);
        return { state: null, judged, violation: `${owner} installed ${ip}/32 -> ${(o.data.rlocs as string[]).join(',')} from a Map-Register with a wrong key` };
      }
    }
    // Counted per world from the actors the step changed (localDyns.ts); the table is read in
    // order only to name the first offender, as a scan of every actor would.
    const dyns = localDyns(model, before, after);
    if (dyns.outside.length === 0) return unchanged(null, judged || dyns.local > 0);
    for (const [id, snap] of after.actors.entries()) {
      if (!id.startsWith('dyn|') || (snap.v !== 'registered' && snap.v !== 'registering')) continue;
      judged = true;
      const { owner, ip } = parseActorId(id);
      const r = model.topo.routers.get(owner);
      if (!r || !routerDynRange(r, ip)) return { state: null, judged, violation: `${owner} holds ${ip} as local outside its dynamic-EID ranges` };
    }
    return unchanged(null, judged);
  },
  key: () => '',
  // Partial-order reduction (Property.ignores): with no installation at a Map-Server, what is
  // judged and found is the xTRs' local registrations of the world after (localDyns.ts).
  ignores: (_s, { obs }) => !obs.some((o) => o.kind === 'note' && o.note === 'installed' && o.actor.startsWith('ms|')),
  vacuity: () => ({ stage: 0, reason: 'the MS installed no registration and no xTR held a host as local' }),
});
