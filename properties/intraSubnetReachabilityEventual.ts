// intra-subnet-reachability-eventual (DESIGN.md §3; PROTOCOL.md §2.10 steps 2–4, §2.8): once the
// sender has re-resolved the peer since the peer's last move, and both have sent routed traffic
// since their last move (so their xTRs could detect them), same-subnet frames get through.
// Recovery needs proxy replies on the xTRs.

import { contains, ipNum } from '../src/core/world/addr.js';
import { defineProperty } from '../src/core/properties/property.js';
import { isForgivenDrop } from '../src/core/properties/quiet.js';
import { isIntraSubnet } from './intraSubnetReachability.js';

interface S {
  /** Hosts that moved and have not yet sent routed traffic (to their gateway) since. */
  undetectable: string[];
  /** `host>peerIp` ARP entries re-resolved since the peer's last move. */
  resolved: string[];
  /** Packets sent while the conditions held: `id:dst`. */
  watched: string[];
}

export const intraSubnetReachabilityEventual = defineProperty<S>({
  id: 'intra-subnet-reachability-eventual',
  description:
    'Same-subnet frames sent after the sender re-resolved the peer since either host last moved, and after both hosts sent routed traffic since their last move, reach their destination.',
  reference: 'PROTOCOL.md §2.10 steps 2–4, §2.8 (nbr-proxy-reply, proxy-ARP)',
  kind: 'convergence',
  init: () => ({ undetectable: [], resolved: [], watched: [] }),
  step(s, { model, obs }) {
    let { undetectable, resolved, watched } = s;
    for (const o of obs) {
      if (o.kind === 'moved') {
        const ip = model.topo.hosts.get(o.host)!.spec.ip;
        undetectable = [...new Set([...undetectable, o.host])].sort();
        // Every sender must resolve the moved host again, and the moved host must resolve every
        // peer again (its ARP cache moved with it, F13); frames in flight to it are not watched.
        resolved = resolved.filter((r) => !r.endsWith(`>${ip}`) && !r.startsWith(`${o.host}>`));
        watched = watched.filter((w) => !w.endsWith(`:${o.host}`));
      } else if (o.kind === 'note' && o.note === 'arp-resolved' && o.actor.startsWith('arp|h:')) {
        const [, owner, ip] = o.actor.split('|');
        resolved = [...new Set([...resolved, `${owner.slice(2)}>${ip}`])].sort();
      } else if (o.kind === 'sent') {
        const src = model.topo.hosts.get(o.pkt.src);
        if (!src) continue;
        // Routed traffic: leaves the subnet through the gateway, where the xTR can see it.
        if (!contains(src.subnet, ipNum(o.pkt.dstIp))) undetectable = undetectable.filter((h) => h !== o.pkt.src);
        else if (
          isIntraSubnet(model, o.pkt) &&
          resolved.includes(`${o.pkt.src}>${o.pkt.dstIp}`) &&
          !undetectable.includes(o.pkt.src) &&
          !undetectable.includes(o.pkt.dst)
        ) {
          watched = [...watched, `${o.pkt.id}:${o.pkt.dst}`];
        }
      } else if (o.kind === 'fate' && watched.includes(`${o.pkt.id}:${o.pkt.dst}`)) {
        watched = watched.filter((w) => w !== `${o.pkt.id}:${o.pkt.dst}`);
        if (o.fate === 'dropped' && !isForgivenDrop(o.reason)) {
          return {
            state: { undetectable, resolved, watched },
            violation: `packet ${o.pkt.src} -> ${o.pkt.dst} (same subnet, sent after ${o.pkt.src} re-resolved ${o.pkt.dstIp} and both could be detected) dropped at ${o.at}: ${o.reason}`,
          };
        }
      }
    }
    return { state: { undetectable, resolved, watched } };
  },
  // Packet ids are not in the world's key either; which flows are watched is what matters.
  key: (s) => `${s.undetectable.join(',')}/${s.resolved.join(',')}/${s.watched.map((w) => w.split(':')[1]).sort().join(',')}`,
});
