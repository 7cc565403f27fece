// intra-subnet-reachability-eventual (DESIGN.md §3; PROTOCOL.md §2.10 steps 2–4, §2.8): once
// recovery is possible at all, same-subnet frames get through. A frame is judged when
//   - both hosts have sent routed traffic since their last move (so their xTRs could detect
//     them) and the control plane has been quiet since (the detection has been registered and
//     the old xTR notified), or the convergence bound (scenario `convergence:`) has passed since
//     the host was seen at its new site: a control plane that never settles (a refused
//     Map-Register retransmitted for ever, RFC 9301 §5.7) never excuses the failure it hides, and
//     the violation names it, as the other convergence properties do (DESIGN.md §3), and
//   - the sender's ARP resolution of the peer has completed (answered, or failed) since either
//     host last moved: its cache no longer holds a binding from before the move (F12, F13).
// Recovery then needs the xTRs' proxy replies (nbr-proxy-reply, proxy-ARP).

import { arrivalsIgnore, arrivalsKey, initArrivals, restartClock, settledFor, trackArrivals, type Arrivals } from '../src/core/properties/arrival.js';
import { retransmitting } from '../src/core/properties/diagnoseRegistration.js';
import { contains, ipNum } from '../src/core/world/addr.js';
import { defineProperty, unchangedResults } from '../src/core/properties/property.js';
import { isControlQuiet, isForgivenDrop } from '../src/core/properties/quiet.js';
import { isFault } from '../src/core/world/action.js';
import type { Model } from '../src/core/world/model.js';
import type { World } from '../src/core/world/world.js';
import { isIntraSubnet } from './intraSubnetReachability.js';

interface S {
  /** Hosts that moved and have not sent routed traffic since. */
  undetected: string[];
  /** Hosts that have, but the control plane has not been quiet since. */
  unsettled: string[];
  /** `sender>peerIp`: resolution completed since either host's last move. */
  resolved: string[];
  /** Frames being judged: `id:dst`. */
  watched: string[];
  /** A same-subnet packet was sent (for the vacuity reason only; not in the key). */
  intra?: boolean;
  /** When each host was seen at its current site, for the convergence bound (arrival.ts). */
  arrivals: Arrivals;
}

const add = (xs: string[], x: string) => (xs.includes(x) ? xs : [...xs, x].sort());

/** `sender>peerIp` of a host's ARP actor (`arp|h:sender|peerIp`), built once per actor id: resolutions come at every few steps, mostly of peers already resolved. */
function resolvedKey(actor: string): string {
  let k = resolvedKeys.get(actor);
  if (k === undefined) {
    const [, owner, ip] = actor.split('|');
    k = `${owner.slice(2)}>${ip}`;
    resolvedKeys.set(actor, k);
  }
  return k;
}

const resolvedKeys = new Map<string, string>();

/** This monitor's results by state and `judged`, made once for the last state (property.ts unchangedResults). */
const unchanged = unchangedResults<S>();

export const intraSubnetReachabilityEventual = defineProperty<S>({
  id: 'intra-subnet-reachability-eventual',
  description:
    'Same-subnet frames reach their destination once both hosts have sent routed traffic since their last move, the control plane has settled, and the sender has resolved the peer again since either host moved.',
  reference: 'PROTOCOL.md §2.10 steps 2–4, §2.8 (nbr-proxy-reply, proxy-ARP), F12, F13',
  kind: 'convergence',
  // Every host judged alike, the state plain data: searched under symmetry reduction (Property.symmetric).
  symmetric: true,
  init: (model) => ({ undetected: [], unsettled: [], resolved: [], watched: [], arrivals: initArrivals(model) }),
  step(s, ctx) {
    const { model, obs, action, after } = ctx;
    let { undetected, unsettled, resolved, watched, intra } = s;
    let arrivals = trackArrivals(s.arrivals, ctx);
    // A fault restarts the convergence clock (DESIGN.md §3: the bound counts from the last fault).
    if (isFault(action)) arrivals = restartClock(arrivals, after.now);
    let judged = false;
    for (const o of obs) {
      if (o.kind === 'moved') {
        const ip = model.topo.hosts.get(o.host)!.spec.ip;
        undetected = add(undetected, o.host);
        unsettled = unsettled.filter((h) => h !== o.host);
        resolved = resolved.filter((r) => !r.endsWith(`>${ip}`) && !r.startsWith(`${o.host}>`));
        watched = watched.filter((w) => !w.endsWith(`:${o.host}`));
      } else if (o.kind === 'note' && (o.note === 'arp-resolved' || o.note === 'arp-failed') && o.actor.startsWith('arp|h:')) {
        resolved = add(resolved, resolvedKey(o.actor));
      } else if (o.kind === 'sent') {
        const src = model.topo.hosts.get(o.pkt.src);
        if (!src) continue;
        if (!contains(src.subnet, ipNum(o.pkt.dstIp))) {
          // Routed traffic: it leaves through the gateway, where the xTR can see it.
          if (undetected.includes(o.pkt.src)) {
            undetected = undetected.filter((h) => h !== o.pkt.src);
            unsettled = add(unsettled, o.pkt.src);
          }
        } else if (isIntraSubnet(model, o.pkt)) {
          intra = true;
          const { src, dst } = o.pkt;
          if (resolved.includes(`${src}>${o.pkt.dstIp}`) && !undetected.some((h) => h === src || h === dst) && !unsettled.some((h) => h === src || h === dst)) {
            watched = [...watched, `${o.pkt.id}:${o.pkt.dst}`];
          }
        }
      } else if (o.kind === 'fate' && watched.length > 0 && watched.includes(`${o.pkt.id}:${o.pkt.dst}`)) {
        watched = watched.filter((w) => w !== `${o.pkt.id}:${o.pkt.dst}`);
        if (o.fate === 'delivered') judged = true;
        else if (!isForgivenDrop(o.reason)) {
          // Settled by the bound, not by quiet: say what keeps the control plane busy.
          const busy = isControlQuiet(after) ? [] : retransmitting(after);
          return {
            state: { undetected, unsettled, resolved, watched, intra, arrivals },
            judged: true,
            violation: `packet ${o.pkt.src} -> ${o.pkt.dst} (same subnet; both detectable and settled, ${o.pkt.src} had resolved ${o.pkt.dstIp} again) dropped at ${o.at}: ${o.reason}${isControlQuiet(after) ? '' : `; the control plane had not settled within the convergence bound${busy.length ? `: ${busy.join(', ')}` : ''}`}`,
          };
        }
      }
    }
    // A new list only when some host settled: an unchanged state is returned as it is.
    if (unsettled.length) {
      if (isControlQuiet(after)) unsettled = [];
      else if (someSettled(model, after, arrivals, unsettled)) unsettled = unsettled.filter((h) => settledFor(model, after, arrivals[h]) === undefined);
    }
    if (undetected === s.undetected && unsettled === s.unsettled && resolved === s.resolved && watched === s.watched && intra === s.intra && arrivals === s.arrivals) return unchanged(s, judged);
    return { state: { undetected, unsettled, resolved, watched, intra, arrivals }, judged };
  },
  // Partial-order reduction (Property.ignores): no fault, no arrival, no host waiting to settle (a
  // question about the world), and no observation that changes the lists or the `intra` flag.
  ignores(s, { model, obs, action }) {
    if (isFault(action) || s.unsettled.length > 0 || !arrivalsIgnore(s.arrivals, model, obs, action)) return false;
    for (const o of obs) {
      if (o.kind === 'moved') return false;
      if (o.kind === 'note' && (o.note === 'arp-resolved' || o.note === 'arp-failed') && o.actor.startsWith('arp|h:')) {
        if (!s.resolved.includes(resolvedKey(o.actor))) return false;
      } else if (o.kind === 'sent') {
        const src = model.topo.hosts.get(o.pkt.src);
        if (!src) continue;
        if (!contains(src.subnet, ipNum(o.pkt.dstIp))) {
          if (s.undetected.includes(o.pkt.src)) return false;
        } else if (isIntraSubnet(model, o.pkt)) {
          const { src: a, dst: b } = o.pkt;
          if (!s.intra || (s.resolved.includes(`${a}>${o.pkt.dstIp}`) && !s.undetected.some((h) => h === a || h === b))) return false;
        }
      } else if (o.kind === 'fate' && s.watched.includes(`${o.pkt.id}:${o.pkt.dst}`)) return false;
    }
    return true;
  },
  // Packet ids are not in the world's key either; which flows are judged is what matters.
  vacuity: (s) =>
    s.intra
      ? { stage: 1, reason: 'no packet between hosts of one subnet was sent after its sender had re-resolved the peer with both hosts detectable and settled' }
      : { stage: 0, reason: 'no packet between hosts of one subnet' },
  key: (s) =>
    `${s.undetected.join(',')}/${s.unsettled.join(',')}/${s.resolved.join(',')}/${s.watched
      .map((w) => w.split(':')[1])
      .sort()
      .join(',')}/${arrivalsKey(s.arrivals)}`,
});

/** Whether some of `hosts` has settled (arrival.ts settledFor): asked at every step while one has not. */
function someSettled(model: Model, after: World, arrivals: Arrivals, hosts: readonly string[]): boolean {
  for (const h of hosts) if (settledFor(model, after, arrivals[h]) !== undefined) return true;
  return false;
}
