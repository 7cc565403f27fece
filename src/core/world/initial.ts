// The world a check starts from: the network converged before anything moves.
// PURE. Each host is registered by the xTR of its home segment (if a dynamic-EID range covers
// it), the MS holds that registration, the xTR knows the host's MAC, and each host still has
// its gateway's MAC from earlier traffic (a STALE entry: PROTOCOL.md §2.9, the VM keeps it).

import { contains } from './addr.js';
import { canonicalHostAt } from './hostAtAfterMove.js';
import { interchangeableClasses } from './hostSymmetry.js';
import { attachmentKey, ifaceAt, mapServerOf, mobilityRangeFor, siteFor, type HostT } from './topology.js';
import { dynRef, hostArpRef, msRef as msActor, routerArpRef } from './dataplane.js';
import type { Model } from './model.js';
import { ActorTable } from './actorTable.js';
import { TimerList } from './timerList.js';
import { Tx } from './tx.js';
import { NO_BUDGET_USED, type World } from './world.js';
import './control.js';

const EMPTY: World = { now: 0, seq: 1, epoch: 0, actors: ActorTable.EMPTY, msgs: [], timers: TimerList.EMPTY, hostAt: {}, arpQueue: {}, used: NO_BUDGET_USED };

export function initialWorld(model: Model): World {
  const topo = model.topo;
  const t = model.scenario.timers;
  const tx = new Tx(model, EMPTY);
  // The canonical object of these places (hostsAt.ts): a host that moves away and back returns to it.
  tx.hostAt = canonicalHostAt(topo, Object.fromEntries([...topo.hosts.values()].map((h) => [h.name, attachmentKey(h.spec.at)]))) as Record<string, string>;
  // Registrations did not all happen at the same instant: host i's timers are offset by 2i s
  // (and liveness by one more second) so that no two periodic timers tie by accident. Hosts that
  // are interchangeable (hostSymmetry.ts) share the offset of the first of them: staggered, they
  // would not be (each host's timers would fall due at its own times), and their timers tying is
  // no accident (either may fire first). No model in models/ has two such hosts.
  const lead = new Map<string, string>();
  for (const c of interchangeableClasses(model.scenario)) for (const h of c) lead.set(h, c[0]);
  const position = new Map<string, number>();
  let i = -1;
  for (const h of topo.hosts.values()) {
    i++;
    position.set(h.name, i);
    const off = 2000 * (position.get(lead.get(h.name) ?? h.name) ?? i);
    const iface = ifaceAt(topo, h.spec.at);
    if (!iface) continue;
    const ip = h.spec.ip;
    // Its gateway's MAC, learned long ago.
    const gw = iface.router;
    const gwIface = topo.routers.get(gw)!.ifaces.find((i) => i.subnets.some((s) => s.address === h.spec.gateway) || i.spec.virtualIps.includes(h.spec.gateway));
    if (gwIface) {
      const mac = gwIface.spec.virtualIps.includes(h.spec.gateway) ? (gwIface.macs[1] ?? gwIface.spec.mac) : gwIface.spec.mac;
      tx.setSnap(hostArpRef(h.name, h.spec.gateway), { v: 'stale', c: { mac, tries: 0 } });
    }
    // The router knows the host's MAC (IOS arp timeout running).
    tx.setSnap(routerArpRef(iface.router, iface.name, ip), { v: 'reachable', c: { mac: h.spec.mac, tries: 0 } });
    tx.arm(routerArpRef(iface.router, iface.name, ip), 'reachable', iface.spec.arpTimeout * 1000 + off);
    if (iface.subnets.length > 0 && !iface.subnets.some((s) => contains(s.subnet, h.ipN))) awayAtHome(tx, h);
    const dyn = mobilityRangeFor(iface, h.eid);
    const R = topo.routers.get(iface.router)!;
    if (!dyn || !R.spec.etr) continue;
    const id = dynRef(iface.router, h.eid);
    tx.setSnap(id, { v: 'registered', c: { ts: 0, retx: 1, iface: iface.name, refresh: false, probing: false } });
    tx.arm(id, 'refresh', t.mapRegisterInterval * 1000 + off);
    if (iface.spec.liveness && model.mutant !== 'refresh-after-move') tx.arm(id, 'liveness', t.livenessInterval * 1000 + off + 1000);
    // Each xTR registers with its own Map-Server: a model may hold several mapping systems
    // (one per fabric site), so the registration sits at the MS this xTR names, if it is one.
    const ms = mapServerOf(topo, R.name);
    if (!ms) continue;
    const msRef = R.spec.mapServers[0];
    // The MS holds only what it would have accepted (PROTOCOL.md §1.2: site prefix or
    // accept-more-specifics, and the site key): a misconfigured model starts unregistered.
    const site = siteFor(topo, ms.name, h.eid);
    if (!site?.accepted || site.site.key !== msRef.key) continue;
    tx.setSnap(msActor(ms.name, h.eid), { v: 'registered', c: { rlocs: [...dyn.rlocs].sort(), ts: 0, pending: {} } });
    tx.arm(msActor(ms.name, h.eid), 'expiry', t.msExpiry * 1000 + off);
  }
  return tx.finish();
}

/**
 * A host that starts outside its home subnet (across-subnet mode) moved there before the run:
 * the xTRs of its home subnet learnt that from the Map-Notify and keep an away entry for it
 * (PROTOCOL.md §2.6), so they proxy-reply and resolve it through LISP rather than ARP for it on
 * a port it left long ago.
 */
function awayAtHome(tx: Tx, h: HostT): void {
  for (const R of tx.model.topo.routers.values()) {
    if (!R.spec.etr) continue;
    for (const i of R.ifaces) {
      if (!i.subnets.some((s) => s.subnet.len < 32 && contains(s.subnet, h.ipN)) || !mobilityRangeFor(i, h.eid)) continue;
      tx.setSnap(dynRef(R.name, h.eid), { v: 'away', c: { ts: 0, retx: 1, iface: i.name, refresh: false, probing: false } });
      break;
    }
  }
}
