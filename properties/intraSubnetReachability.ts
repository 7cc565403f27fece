// intra-subnet-reachability (DESIGN.md §3; PROTOCOL.md §2.10, F12/F13): every frame between two
// hosts of the same subnet reaches its destination. The seed lab's known failure.

import { contains, ipNum } from '../src/core/world/addr.js';
import { defineProperty, unchangedResults } from '../src/core/properties/property.js';
import { isForgivenDrop } from '../src/core/properties/quiet.js';
import type { Model } from '../src/core/world/model.js';
import type { Packet } from '../src/core/world/world.js';

/** Both ends are hosts of one EID table (instance-id) and the destination is inside the source's configured subnet. */
export function isIntraSubnet(model: Model, pkt: Packet): boolean {
  const src = model.topo.hosts.get(pkt.src);
  const dst = model.topo.hosts.get(pkt.dst);
  return !!src && !!dst && (src.spec.instanceId ?? 0) === (dst.spec.instanceId ?? 0) && contains(src.subnet, ipNum(pkt.dstIp));
}

/** This monitor's results by state and `judged`, made once for the last state (property.ts unchangedResults). */
const unchanged = unchangedResults<null>();

export const intraSubnetReachability = defineProperty<null>({
  id: 'intra-subnet-reachability',
  description: 'Every frame between two hosts of the same subnet reaches its destination.',
  reference: 'PROTOCOL.md §2.10 (F12, F13); seed lab write-up',
  kind: 'safety',
  // Every host judged alike, the state plain data: searched under symmetry reduction (Property.symmetric).
  symmetric: true,
  init: () => null,
  step(_s, { model, obs }) {
    let judged = false;
    for (const o of obs) {
      if (o.kind !== 'fate' || !isIntraSubnet(model, o.pkt)) continue;
      if (o.fate === 'delivered') judged = true;
      else if (!isForgivenDrop(o.reason)) {
        return { state: null, judged: true, violation: `packet ${o.pkt.src} -> ${o.pkt.dst} (same subnet) dropped at ${o.at}: ${o.reason}` };
      }
    }
    return unchanged(null, judged);
  },
  key: () => '',
  // Partial-order reduction (Property.ignores): only a same-subnet packet's fate is judged.
  ignores: (_s, { model, obs }) => !obs.some((o) => o.kind === 'fate' && isIntraSubnet(model, o.pkt)),
  vacuity: (_s, model) =>
    model.scenario.traffic.some(([src, dst]) => isIntraSubnet(model, { id: 0, src, dst, srcIp: '', dstIp: model.topo.hosts.get(dst)?.spec.ip ?? '0.0.0.0' }))
      ? { stage: 1, reason: 'no packet between hosts of one subnet met its fate' }
      : { stage: 0, reason: 'no packet between hosts of one subnet (no such traffic flow in the scenario)' },
});
