// Why the Map-Server does not point to the xTR of the segment a host is on: read from the model
// (configs) first, then from the world (machine states). PURE. Used in violation sentences, so a
// counterexample names the mistake (PROTOCOL.md §4 F7–F11, F2/F3) instead of only the symptom.

import { contains, ipNum, prefix } from '../world/addr.js';
import { dynId, hostArpId } from '../world/dataplane.js';
import type { Model } from '../world/model.js';
import type { HostT } from '../world/topology.js';
import type { World } from '../world/world.js';
import { isControlRetransmission } from './quiet.js';

/** The cause, as a clause in protocol and config words (no trailing period). */
export function diagnoseRegistration(model: Model, w: World, host: string): string {
  const topo = model.topo;
  const h = topo.hosts.get(host)!;
  const ip = h.spec.ip;
  const [router, ...rest] = w.hostAt[host].split(' ');
  const ifaceName = rest.join(' ');
  const R = topo.routers.get(router);
  const iface = R?.ifaces.find((i) => i.name === ifaceName);
  if (!R || !iface) return `${host}'s attachment ${w.hostAt[host]} is not a router interface of the model`;
  // Detection (PROTOCOL.md §2.4, F10, F11).
  // Within the EID table (instance-id) of the interface the host is on.
  const covering = R.spec.dynamicEids.find((d) => (d.instanceId ?? 0) === (h.spec.instanceId ?? 0) && contains(prefix(d.prefix), ipNum(ip)));
  if (!covering) {
    const named = iface.spec.mobility.filter((m) => !R.spec.dynamicEids.some((d) => d.name === m));
    const dangling = named.length ? ` (${ifaceName} names \`lisp mobility ${named.join(', ')}\`, but ${router} defines no such dynamic-eid)` : '';
    const others = R.spec.dynamicEids.map((d) => `${d.name} ${d.prefix}`).join(', ');
    return `${router} has no dynamic-EID covering ${ip}: no \`dynamic-eid\` with a \`database-mapping\` for it${dangling || (others ? ` (its dynamic-EIDs: ${others})` : '')}, so ${router} never detects ${host} (PROTOCOL.md F11)`;
  }
  if (!iface.mobility.some((m) => contains(m.range, ipNum(ip))) && iface.spec.mobility.includes(covering.name)) {
    const table = iface.iid < 0 ? `vrf ${iface.spec.vrf}, which is no EID table` : `instance-id ${iface.iid}${iface.spec.vrf ? ` (vrf ${iface.spec.vrf})` : ' (the global table)'}`;
    return `${router} ${ifaceName} names \`lisp mobility ${covering.name}\` but is in ${table}, while dynamic-EID ${covering.name} is in instance-id ${covering.instanceId ?? 0}, so ${router} never detects ${host} there (PROTOCOL.md F10)`;
  }
  if (!iface.mobility.some((m) => contains(m.range, ipNum(ip)))) {
    return `${router} ${ifaceName} has no \`lisp mobility ${covering.name}\` (dynamic-EID ${covering.name} ${covering.prefix} is configured on ${router}, but not on the interface ${host} is on), so ${router} never detects ${host} (PROTOCOL.md F10)`;
  }
  const gwMac = gatewayMacProblem(model, w, h, iface.segment);
  if (gwMac) return gwMac;
  if (!R.spec.etr) return `${router} is not an ETR (no \`ipv4 etr\`), so it never registers ${ip}`;
  // The Map-Server (PROTOCOL.md §1.2, F7, F8).
  const ref = R.spec.mapServers[0];
  if (!ref) return `${router} has no \`etr map-server\`, so it never registers ${ip}`;
  const msName = topo.owner.get(ref.address);
  const ms = msName ? topo.routers.get(msName) : undefined;
  if (!ms?.spec.ms) return `${router} registers with ${ref.address} (\`etr map-server\`), which is no Map-Server of the model`;
  const site = sitePrefixFor(model, ms.name, ip, h.spec.instanceId ?? 0);
  if (!site) return `the Map-Server ${ms.name} has no site whose \`eid-prefix\` covers ${ip}, so it refuses ${router}'s Map-Register (PROTOCOL.md F8)`;
  if (site.p.len !== 32 && !site.acceptMoreSpecifics) {
    return `the Map-Server ${ms.name}'s site ${site.site.name} lists \`eid-prefix ${site.p.text}\` without \`accept-more-specifics\`, so it refuses ${router}'s /32 Map-Register for ${ip} (PROTOCOL.md F8)`;
  }
  if (site.site.key !== ref.key) {
    return `${router}'s \`etr map-server ${ref.address} key\` does not match the authentication-key of site ${site.site.name} on ${ms.name}, so the Map-Server drops its Map-Registers as authentication failures (PROTOCOL.md F7)`;
  }
  // Configuration is fine: what the machines are doing.
  const dyn = w.actors.get(dynId(router, h.eid));
  switch (dyn?.v ?? 'absent') {
    case 'registering':
      return `${router}'s Map-Register for ${ip} is still unanswered (registration pending)`;
    case 'away':
      return `${router} let ${host} go (away) after a Map-Notify that named another locator: a crossing registration (PROTOCOL.md F2/F3)`;
    case 'registered':
      return `${router} holds ${host} as registered, yet the Map-Server's record was changed after its registration (a withdrawal or a crossing registration, PROTOCOL.md F2/F3)`;
    default:
      return `${router} does not hold ${host} (not detected, or deleted after a liveness test)`;
  }
}

/** What keeps the control plane busy: pending retransmissions, in words. */
export function retransmitting(w: World): string[] {
  const out: string[] = [];
  for (const t of w.timers) {
    if (!isControlRetransmission(t)) continue;
    const [kind, owner, ip] = t.actor.split('|');
    const what = kind === 'dyn' ? 'Map-Register' : kind === 'ms' ? 'Map-Notify' : 'Map-Request';
    out.push(`${owner} keeps retransmitting its ${what} for ${ip}`);
  }
  return [...new Set(out)].sort();
}

/** F9: the MAC the host has cached for its gateway is owned by no interface of its segment. */
function gatewayMacProblem(model: Model, w: World, h: HostT, segment: string | undefined): string | undefined {
  const seg = segment ? model.topo.segments.get(segment) : undefined;
  if (!seg) return `${h.name}'s interface is on no L2 segment of the model`;
  const arp = w.actors.get(hostArpId(h.name, h.spec.gateway));
  const mac = arp?.c.mac as string | undefined;
  if (!mac || arp!.v === 'none' || arp!.v === 'failed' || arp!.v === 'incomplete') return undefined;
  if (seg.ifaces.some((i) => i.macs.includes(mac))) return undefined;
  const have = seg.ifaces.map((i) => `${i.router} ${i.name} has ${i.macs.join('/')}`).join(', ');
  return `no interface on ${h.name}'s segment owns ${mac}, the MAC ${h.name} has cached for its gateway ${h.spec.gateway} (${have}), so its frames to the gateway are dropped and never detected (PROTOCOL.md §2.8, F9)`;
}

function sitePrefixFor(model: Model, ms: string, ip: string, iid: number) {
  const n = ipNum(ip);
  let best: Model['topo']['sitePrefixes'][number] | undefined;
  for (const sp of model.topo.sitePrefixes) if (sp.router === ms && sp.iid === iid && contains(sp.p, n) && (!best || sp.p.len > best.p.len)) best = sp;
  return best;
}
