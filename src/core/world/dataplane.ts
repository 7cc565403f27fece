// The data plane and L2: hosts sending, ARP, frames on segments, router forwarding, ITR
// encapsulation, ETR/PETR decapsulation and data-triggered SMR (DESIGN.md §2 Data plane).
// PURE. Every packet ends with a recorded fate (Tx.packetFate).

import { contains, ipNum } from './addr.js';
import { eidKey } from './eid.js';
import { type ActorRef, refCache } from './actorRef.js';
import { IdCache } from './idCache.js';
import { attachmentsOf, hostsOnSegment, hostsWithMac } from './hostsAt.js';
import {
  addressToward,
  connectedIface,
  type Flow,
  type HostT,
  inSharedSubnet,
  inSitePrefix,
  mobilityRangeFor,
  routerDynRange,
  siteFor,
  staticMapCache,
  type IfaceT,
  type RouterT,
  type Topology,
} from './topology.js';
import type { Tx } from './tx.js';
import { BROADCAST, type DataMsg, type Packet } from './world.js';

const LOCAL = new Set(['registering', 'registered']);

// Each form through a cache by its parts (idCache.ts): the same ref (actorRef.ts), and so the same
// id string object, for the same parts. The engine passes refs; readers of worlds use the ids.
const hostArpRefs = refCache((host, ip) => `arp|h:${host}|${ip}`);
/** A router interface's ARP owner (`ROUTER@IFACE`), then the ref under it. */
const routerArpOwners = new IdCache((router, iface) => `${router}@${iface}`);
const routerArpRefs = refCache((owner, ip) => `arp|r:${owner}|${ip}`);
const dynRefs = refCache((router, eid) => `dyn|${router}|${eid}`);
const mcRefs = refCache((router, eid) => `mc|${router}|${eid}`);
const msRefs = refCache((router, eid) => `ms|${router}|${eid}`);

export const hostArpRef = (host: string, ip: string) => hostArpRefs.get(host, ip);
export const routerArpRef = (router: string, iface: string, ip: string) => routerArpRefs.get(routerArpOwners.get(router, iface), ip);
// Actors of EIDs are keyed by the EID key (eid.ts: instance-id and address); ARP actors by the
// plain address, since an interface or a host lives in one table.
export const dynRef = (router: string, eid: string) => dynRefs.get(router, eid);
export const mcRef = (router: string, eid: string) => mcRefs.get(router, eid);
export const msRef = (router: string, eid: string) => msRefs.get(router, eid);

/** The ids of those actors, as worlds key them (World.actors). */
export const hostArpId = (host: string, ip: string) => hostArpRef(host, ip).id;
export const dynId = (router: string, eid: string) => dynRef(router, eid).id;
export const msId = (router: string, eid: string) => msRef(router, eid).id;

/** The EID keys of a packet's destination and source, in its sender's table. */
export const dstEid = (pkt: Packet) => eidKey(pkt.iid ?? 0, pkt.dstIp);
export const srcEid = (pkt: Packet) => eidKey(pkt.iid ?? 0, pkt.srcIp);

/** The segment a host is on now. */
export function hostSegment(tx: Tx, host: string): string | undefined {
  return segmentAt(tx.model.topo, tx.hostAt[host]);
}

/** The segment of an attachment (`router iface`), memoised in the model (Topology.segmentAt): asked on every send and ARP. Exported for tests. */
export function segmentAt(topo: Topology, at: string): string | undefined {
  const m = topo.segmentAt;
  const known = m.get(at);
  if (known !== undefined || m.has(at)) return known;
  const [router, ...rest] = at.split(' ');
  const seg = topo.routers.get(router)?.ifaces.find((i) => i.name === rest.join(' '))?.segment;
  m.set(at, seg);
  return seg;
}

/**
 * A flow's fixed parts, worked out at its first send and kept in the topology: a send looked up
 * both ends, the sender, its next hop's address and ARP actor (eight Map lookups in tables of the
 * model's size, the largest share of a 32x256 send's Map lookups in perf; issue 9), now two.
 */
function flowOf(topo: Topology, src: string, dst: string): Flow {
  let byDst = topo.flows.get(src);
  if (byDst === undefined) {
    byDst = new Map();
    topo.flows.set(src, byDst);
  }
  let f = byDst.get(dst);
  if (f === undefined) {
    // A host is preferred as the destination, a client as the source (Topology.endpoints).
    const to = topo.endpoints.get(dst);
    const dstIp = to?.host?.spec.ip ?? to!.client!.ip;
    const from = topo.endpoints.get(src);
    const client = from?.client;
    const host = client ? undefined : from!.host!;
    const srcIp = client ? client.ip : host!.spec.ip;
    const iid = (client ?? host!.spec).instanceId ?? 0;
    f = { srcIp, dstIp, iid, client, host, arp: host === undefined ? undefined : hostArpRef(host.name, nextHopOf(host, dstIp)) };
    byDst.set(dst, f);
  }
  return f;
}

/** `host.send`: a host or client originates one packet of the scenario's traffic. */
export function originate(tx: Tx, src: string, dst: string): void {
  const f = flowOf(tx.model.topo, src, dst);
  const { srcIp, dstIp, iid, client } = f;
  const pkt: Packet = iid === 0 ? { id: tx.seq++, src, dst, srcIp, dstIp } : { id: tx.seq++, src, dst, srcIp, dstIp, iid };
  tx.obs.push({ kind: 'sent', pkt });
  if (tx.verbose) tx.log(src, `sends packet ${srcIp} -> ${dstIp}`);
  if (client) tx.send({ type: 'ip', to: client.via, pkt, transit: undefined, id: 0, sentAt: 0 });
  else hostEmitVia(tx, f.host!, pkt, f.arp!);
}

/** Where a host sends a packet for `dstIp`: the address itself on its own subnet, else its default gateway. */
function nextHopOf(h: HostT, dstIp: string): string {
  return contains(h.subnet, ipNum(dstIp)) ? dstIp : h.spec.gateway;
}

/** A host puts an IP packet on its segment: on-link peer or default gateway, through ARP. */
function hostEmit(tx: Tx, host: string, pkt: Packet): void {
  const h = tx.model.topo.hosts.get(host)!;
  hostEmitVia(tx, h, pkt, hostArpRef(host, nextHopOf(h, pkt.dstIp)));
}

/** hostEmit, given the host and the ARP actor of the packet's next hop. */
function hostEmitVia(tx: Tx, h: HostT, pkt: Packet, arp: ActorRef): void {
  const host = h.name;
  const seg = hostSegment(tx, host);
  if (!seg) return tx.packetFate(pkt, host, 'dropped', 'no-route');
  sendVia(tx, arp, pkt, (mac) => tx.send({ type: 'frame', seg, srcMac: h.spec.mac, dstMac: mac, pkt, fromHost: host, ingress: tx.hostAt[host], id: 0, sentAt: 0 }), host);
}

/** Send through an ARP entry: use it, refresh it, or queue the packet behind a resolution. */
function sendVia(tx: Tx, arp: ActorRef, pkt: Packet, frame: (mac: string) => void, node: string): void {
  const s = tx.snap(arp);
  switch (s.v) {
    case 'reachable':
    case 'probing':
      return frame(s.c.mac);
    case 'stale':
      frame(s.c.mac);
      tx.fire(arp, { type: 'resolve' });
      return;
    default:
      if (!tx.queuePacket(arp.id, pkt)) return tx.packetFate(pkt, node, 'dropped', 'resolving');
      if (s.v !== 'incomplete') tx.fire(arp, { type: 'resolve' });
  }
}

/** Called when an ARP entry resolves or fails: release or drop what waited for it. */
export function arpSettled(tx: Tx, arp: ActorRef, resolved: boolean): void {
  const queued = tx.takeQueue(arp.id);
  for (const pkt of queued) {
    if (!resolved) tx.packetFate(pkt, arp.node, 'dropped', 'no-mac-on-segment');
    else if (arp.hostArp) hostEmit(tx, arp.node, pkt);
    else deliverOnIface(tx, arp.node, arp.iface!, pkt);
  }
}

/** Router side of an ARP actor's request: who sends it, from which address and MAC. */
export function arpRequestFrom(tx: Tx, arp: ActorRef, unicast: boolean): void {
  const ip = arp.ip;
  const mac = tx.snap(arp).c.mac as string;
  if (arp.hostArp) {
    const host = arp.node;
    const h = tx.model.topo.hosts.get(host)!;
    const seg = hostSegment(tx, host);
    if (!seg) return;
    if (tx.verbose) tx.log(host, `ARP who-has ${ip} tell ${h.spec.ip}${unicast ? ` (unicast probe to ${mac})` : ''}`);
    tx.send({ type: 'arp', seg, op: 'request', senderIp: h.spec.ip, senderMac: h.spec.mac, targetIp: ip, dstMac: unicast ? mac : BROADCAST, fromHost: host, gratuitous: undefined, id: 0, sentAt: 0 });
  } else {
    const name = arp.iface;
    const iface = tx.model.topo.routers.get(arp.node)!.ifaces.find((i) => i.name === name)!;
    if (!iface.segment) return;
    if (tx.verbose) tx.log(iface.router, `${iface.name}: ARP who-has ${ip}${unicast ? ` (unicast probe to ${mac})` : ''}`);
    const senderIp = iface.subnets.find((s) => contains(s.subnet, ipNum(ip)))?.address ?? iface.subnets[0]?.address ?? '0.0.0.0';
    tx.send({
      type: 'arp',
      seg: iface.segment,
      op: 'request',
      senderIp,
      senderMac: iface.spec.mac,
      targetIp: ip,
      dstMac: unicast ? mac : BROADCAST,
      fromHost: undefined,
      gratuitous: undefined,
      id: 0,
      sentAt: 0,
    });
  }
}

/**
 * Hosts and router interfaces on a segment that receive a frame to `dstMac`. `keepSender`: a
 * broadcast's host list is the segment's own (hostsOnSegment), sender included, for a caller that
 * skips `fromHost` itself: the list then stays one object per segment and `hostAt`, which arpRow
 * keys its ids by; the filtered copy was a new array per broadcast.
 */
function receivers(tx: Tx, seg: string, dstMac: string, fromHost?: string, ingress?: string, keepSender = false): { hosts: readonly string[]; ifaces: readonly IfaceT[] } {
  const topo = tx.model.topo;
  const segment = topo.segments.get(seg);
  if (!segment) return { hosts: NO_HOSTS, ifaces: NO_IFACES };
  // The lists the indexes hold are handed out as they are when nothing is left out of them (a
  // broadcast the sender is not on, every interface of the segment), and built only otherwise:
  // each frame and ARP copied them (issue 9). Readers only read them.
  let hosts: readonly string[] = NO_HOSTS;
  // Private-VLAN host ports (DESIGN.md §5 isolated): hosts never reach each other at L2.
  // Through indexes (hostsAt.ts), in the model's host order, as a scan of every host would list them.
  if (!(segment.isolated && fromHost)) {
    if (dstMac === BROADCAST) {
      const on = hostsOnSegment(topo, tx.hostAt, segment);
      hosts = !keepSender && fromHost !== undefined && on.includes(fromHost) ? on.filter((name) => name !== fromHost) : on;
    } else {
      const onSeg = attachmentsOf(segment);
      let found: string[] | undefined;
      for (const name of hostsWithMac(topo, dstMac)) if (name !== fromHost && onSeg.has(tx.hostAt[name])) (found ??= []).push(name);
      if (found !== undefined) hosts = found;
    }
  }
  if (dstMac === BROADCAST) return { hosts, ifaces: segment.ifaces };
  let ifaces: IfaceT[] | undefined;
  for (const i of segment.ifaces) if (i.macs.includes(dstMac)) (ifaces ??= []).push(i);
  if (ifaces === undefined) return { hosts, ifaces: NO_IFACES };
  // FHRP isolation: several routers may own the gateway vMAC on a stretched segment; the one
  // the sender is attached to takes the frame (PROTOCOL.md §2.3).
  if (ifaces.length > 1) {
    const local = ifaces.find((i) => `${i.router} ${i.name}` === ingress);
    return { hosts, ifaces: [local ?? ifaces[0]] };
  }
  return { hosts, ifaces };
}

const NO_HOSTS: readonly string[] = [];

/** The ARP actors of a list of hosts for one address. */
type ArpRow = readonly ActorRef[];

/** Rows by host list (one object per list of names, hostsAt.ts interned), then by address. */
const arpRows = new WeakMap<readonly string[], Map<string, ArpRow>>();

/**
 * `hosts`' ARP actor refs for `ip`: a gratuitous ARP tests every host on its segment, and building
 * each id (two map lookups) and hashing it (a third) was ~13% of a 32-site / 256-host model's
 * step (issue 9). Bounded by the lists alive and the addresses asked.
 */
function arpRow(hosts: readonly string[], ip: string): ArpRow {
  let byIp = arpRows.get(hosts);
  if (byIp === undefined) {
    byIp = new Map();
    arpRows.set(hosts, byIp);
  }
  let row = byIp.get(ip);
  if (row === undefined) {
    row = hosts.map((name) => hostArpRef(name, ip));
    byIp.set(ip, row);
  }
  return row;
}
const NO_IFACES: readonly IfaceT[] = [];

/** Deliver an L2 message or a native/encapsulated IP hop. */
export function deliverData(tx: Tx, m: DataMsg): void {
  switch (m.type) {
    case 'frame':
      return deliverFrame(tx, m);
    case 'arp':
      return deliverArp(tx, m);
    case 'ip':
      return routeIp(tx, m.to, m.pkt, false, m.transit === true);
    case 'data':
      return decapsulate(tx, m);
    case 'probe': {
      // `hostIp` carries the probed EID key; the host answering is the one of that EID on the segment.
      const host = [...tx.model.topo.hosts.values()].find((h) => h.eid === m.hostIp && hostSegment(tx, h.name) === m.seg);
      if (host) tx.send({ type: 'probe-reply', seg: m.seg, router: m.router, hostIp: m.hostIp, fromHost: host.name, id: 0, sentAt: 0 });
      else if (tx.verbose) tx.log(m.router, `liveness probe to ${m.hostIp}: no answer on ${m.seg}`);
      return;
    }
    case 'probe-reply':
      tx.fire(dynRef(m.router, m.hostIp), { type: 'probe.reply' });
      return;
  }
}

function deliverFrame(tx: Tx, m: Extract<DataMsg, { type: 'frame' }>): void {
  const { hosts, ifaces } = receivers(tx, m.seg, m.dstMac, m.fromHost, m.ingress);
  if (hosts.length > 0) {
    const h = tx.model.topo.hosts.get(hosts[0])!;
    if (h.spec.ip === m.pkt.dstIp) {
      if (tx.verbose) tx.log(h.name, `received ${m.pkt.srcIp} -> ${m.pkt.dstIp} on segment ${m.seg}`);
      return tx.packetFate(m.pkt, h.name, 'delivered');
    }
    return tx.packetFate(m.pkt, h.name, 'dropped', 'no-route');
  }
  if (ifaces.length > 0) return routerIngress(tx, ifaces[0], m.pkt);
  if (tx.verbose) tx.log(m.seg, `frame ${m.pkt.srcIp} -> ${m.pkt.dstIp} to MAC ${m.dstMac}: no such MAC on the segment`);
  tx.packetFate(m.pkt, m.seg, 'dropped', 'no-mac-on-segment');
}

/** A router receives an IP packet from a host on an interface: detection, then forwarding. */
function routerIngress(tx: Tx, iface: IfaceT, pkt: Packet): void {
  if (tx.model.topo.hosts.has(pkt.src)) tx.obs.push({ kind: 'ingress', router: iface.router, host: pkt.src });
  if (tx.model.topo.endpointByEid.has(srcEid(pkt))) detect(tx, iface, srcEid(pkt));
  routeIp(tx, iface.router, pkt, false);
}

/** PROTOCOL.md §2.4: a source inside a dynamic-EID range on a `lisp mobility` interface. */
export function detect(tx: Tx, iface: IfaceT, eid: string): void {
  if (!mobilityRangeFor(iface, eid)) return;
  const id = dynRef(iface.router, eid);
  const st = tx.state(id);
  if (st !== 'absent' && st !== 'away') {
    // Already local: only settles an outstanding liveness probe (no change otherwise).
    if (tx.snap(id).c.probing) tx.fire(id, { type: 'host.seen', ts: tx.snap(id).c.ts, iface: iface.name });
    return;
  }
  // The mobility epoch only matters (and only enters the state) under timestamped registration.
  const timestamped = tx.model.scenario.registration === 'timestamped';
  if (timestamped) tx.epoch++;
  tx.fire(id, { type: 'host.seen', ts: timestamped ? tx.epoch : 0, iface: iface.name });
}

/**
 * Forward a native IP packet at router `r` (`native`: decapsulated by a PETR, no LISP again;
 * `transit`: already carried once through the underlay to a PITR, never handed on again).
 */
function routeIp(tx: Tx, r: string, pkt: Packet, native: boolean, transit = false): void {
  const R = tx.model.topo.routers.get(r)!;
  const eid = dstEid(pkt);
  const dyn = routerDynRange(R, eid);
  if (dyn) {
    const s = tx.snap(dynRef(r, eid));
    if (LOCAL.has(s.v)) return deliverOnIface(tx, r, s.c.iface, pkt);
    const conn = connectedIface(R, eid);
    // A never-seen address of a connected subnet is ARPed for (glean); an away one goes to LISP,
    // and so does a never-seen one of a subnet other xTRs serve too: the dynamic-EID prefix sits
    // in the map-cache as a send-map-request entry that never expires (PROTOCOL.md §1.6, §2.1).
    if (s.v === 'absent' && conn && !inSharedSubnet(conn, eid)) return deliverOnIface(tx, r, conn.name, pkt);
  } else {
    const conn = connectedIface(R, eid);
    if (conn) return deliverOnIface(tx, r, conn.name, pkt);
  }
  const client = tx.model.topo.clients.get(tx.model.topo.endpointByEid.get(eid) ?? '');
  if (client && client.via === r) return tx.packetFate(pkt, client.name, 'delivered');
  if (!native && isLispEligible(tx, R, eid)) return itrForward(tx, R, pkt);
  // PROTOCOL.md §1.8: a PITR attracts native traffic for the EID prefixes it advertises, so the
  // underlay carries a packet no LISP table here covers to that PITR (another fabric site's
  // border, reached through the transit between the sites).
  const pitr = transit ? undefined : attractingPitr(tx, r, eid);
  if (pitr) {
    if (tx.verbose) tx.log(r, `routing ${pkt.srcIp} -> ${pkt.dstIp} natively toward ${pitr} (PITR for its EID prefix)`);
    return tx.send({ type: 'ip', to: pitr, pkt, transit: true, id: 0, sentAt: 0 });
  }
  tx.packetFate(pkt, r, 'dropped', 'no-route');
}

/** Another router that is a PITR for `eid`: a `map-cache … map-request` entry, or a site prefix at its map-resolver. */
function attractingPitr(tx: Tx, r: string, eid: string): string | undefined {
  const topo = tx.model.topo;
  for (const R of topo.routers.values()) {
    if (R.name === r || !R.spec.pitr) continue;
    if (staticMapCache(R, eid) === 'map-request') return R.name;
    const mr = R.spec.mapResolver ? topo.owner.get(R.spec.mapResolver) : R.spec.mr ? R.name : undefined;
    if (mr && siteFor(topo, mr, eid)) return R.name;
  }
  return undefined;
}

/** An xTR has no native route beyond its links (the seed: "all other addresses via the PxTR"). A PITR
 * resolves what its `map-cache … map-request` entries or the EID prefixes cover. */
function isLispEligible(tx: Tx, R: RouterT, eid: string): boolean {
  if (R.spec.itr) return true;
  if (R.spec.pitr) return staticMapCache(R, eid) === 'map-request' || inSitePrefix(tx.model.topo, eid);
  return false;
}

/** ITR/PITR: map-cache lookup, then encapsulate, use the PETR, drop, or resolve (RFC 9301 §5.3, §8.4). */
function itrForward(tx: Tx, R: RouterT, pkt: Packet): void {
  const eid = dstEid(pkt);
  tx.obs.push({ kind: 'itr', itr: R.name, eid, pkt });
  const id = mcRef(R.name, eid);
  const s = tx.snap(id);
  switch (s.v) {
    case 'cached':
    case 'refreshing':
      return encapsulate(tx, R, s.c.rlocs[0], pkt, true);
    case 'negative':
      if (s.c.action === 'drop') return tx.packetFate(pkt, R.name, 'dropped', 'negative-drop');
      // XE-YANG use-petr: "Encapsulate to Proxy ETR when matching forward-native entry".
      if (R.spec.usePetr) return encapsulate(tx, R, R.spec.usePetr, pkt, false);
      return tx.packetFate(pkt, R.name, 'dropped', 'no-route');
    case 'absent':
      tx.fire(id, { type: 'lookup' });
      return tx.packetFate(pkt, R.name, 'dropped', 'resolving');
    default:
      return tx.packetFate(pkt, R.name, 'dropped', 'resolving');
  }
}

function encapsulate(tx: Tx, R: RouterT, rloc: string, pkt: Packet, mapped: boolean): void {
  if (!tx.model.topo.owner.has(rloc)) return tx.packetFate(pkt, R.name, 'dropped', 'no-route');
  // The outer source is the address toward the RLOC: the seed's SMR goes to 10.0.1.1.
  const src = addressToward(R, rloc);
  if (mapped) tx.obs.push({ kind: 'encap', itr: R.name, eid: dstEid(pkt), rloc, pkt });
  if (tx.verbose) tx.log(R.name, `encapsulating ${pkt.srcIp} -> ${pkt.dstIp} to RLOC ${rloc}${mapped ? '' : ' (PETR)'}`);
  tx.send({ type: 'data', src, dst: rloc, pkt, id: 0, sentAt: 0 });
}

/** ETR/PETR receives an encapsulated packet (PROTOCOL.md §1.10, §2.6, RFC 6830 §6.6.2). */
function decapsulate(tx: Tx, m: Extract<DataMsg, { type: 'data' }>): void {
  const r = tx.model.topo.owner.get(m.dst)!;
  const R = tx.model.topo.routers.get(r)!;
  const pkt = m.pkt;
  const eid = dstEid(pkt);
  if (routerDynRange(R, eid)) {
    const s = tx.snap(dynRef(r, eid));
    if (LOCAL.has(s.v)) return deliverOnIface(tx, r, s.c.iface, pkt);
    if (s.v === 'away') {
      // Data-triggered SMR to the outer source RLOC (ASCII-6, seed log).
      if (tx.model.mutant !== 'no-smr') {
        if (tx.verbose) tx.log(r, `Send SMR map-request for ${pkt.dstIp} to ${m.src}.`);
        if (tx.verbose) tx.log(r, `Sending probe map-request from ${R.rloc} to ${m.src} for EID ${pkt.srcIp}/32, SMR ${pkt.dstIp}, DoNotReply.`);
        tx.send({ type: 'smr', src: R.rloc, dst: m.src, eid, record: pkt.srcIp, id: 0, sentAt: 0 });
      }
      return tx.packetFate(pkt, r, 'dropped', 'stale-rloc');
    }
  }
  if (R.spec.petr) return routeIp(tx, r, pkt, true);
  tx.packetFate(pkt, r, 'dropped', 'stale-rloc');
}

/** Put a packet on an interface's segment, addressed through the router's ARP entry. */
function deliverOnIface(tx: Tx, r: string, ifaceName: string, pkt: Packet): void {
  const iface = tx.model.topo.routers.get(r)!.ifaces.find((i) => i.name === ifaceName);
  if (!iface?.segment) return tx.packetFate(pkt, r, 'dropped', 'no-route');
  const seg = iface.segment;
  sendVia(
    tx,
    routerArpRef(r, ifaceName, pkt.dstIp),
    pkt,
    (mac) => tx.send({ type: 'frame', seg, srcMac: iface.spec.mac, dstMac: mac, pkt, fromHost: undefined, ingress: undefined, id: 0, sentAt: 0 }),
    r,
  );
}

function deliverArp(tx: Tx, m: Extract<DataMsg, { type: 'arp' }>): void {
  // A broadcast's hosts include its sender (keepSender): each loop below skips it.
  const { hosts, ifaces } = receivers(tx, m.seg, m.dstMac, m.fromHost, undefined, true);
  const topo = tx.model.topo;
  const from = m.dstMac === BROADCAST ? m.fromHost : undefined;
  if (m.op === 'reply') {
    if (tx.verbose) for (const name of hosts) if (name !== from) tx.log(name, `ARP reply: ${m.senderIp} is-at ${m.senderMac}`);
    if (tx.verbose) for (const i of ifaces) tx.log(i.router, `${i.name}: ARP reply: ${m.senderIp} is-at ${m.senderMac}`);
    for (const name of hosts) if (name !== from) tx.fire(hostArpRef(name, m.senderIp), { type: 'reply', mac: m.senderMac });
    for (const i of ifaces) tx.fire(routerArpRef(i.router, i.name, m.senderIp), { type: 'reply', mac: m.senderMac });
    return;
  }
  if (m.gratuitous) {
    // A broadcast reaches every host on the segment, and most have no entry for the sender: each
    // is tested through the segment's row of actor refs (arpRow), then fired when it has one.
    const row = arpRow(hosts, m.senderIp);
    for (let k = 0; k < hosts.length; k++) {
      if (hosts[k] === from) continue;
      const id = row[k];
      if (tx.state(id) !== 'none') tx.fire(id, { type: 'garp', mac: m.senderMac });
    }
    for (const i of ifaces) {
      const id = routerArpRef(i.router, i.name, m.senderIp);
      if (tx.state(id) !== 'none') tx.fire(id, { type: 'garp', mac: m.senderMac });
      if (i.spec.discoverArp) detect(tx, i, eidKey(i.iid, m.senderIp));
    }
    return;
  }
  for (const name of hosts) {
    if (name === from) continue;
    const h = topo.hosts.get(name)!;
    if (h.spec.ip !== m.targetIp) continue;
    tx.fire(hostArpRef(name, m.senderIp), { type: 'learn', mac: m.senderMac });
    tx.send({ type: 'arp', seg: m.seg, op: 'reply', senderIp: h.spec.ip, senderMac: h.spec.mac, targetIp: m.senderIp, dstMac: m.senderMac, fromHost: name, gratuitous: undefined, id: 0, sentAt: 0 });
  }
  for (const i of ifaces) {
    if (i.spec.discoverArp && m.fromHost) detect(tx, i, eidKey(i.iid, m.senderIp));
    const own = i.subnets.some((s) => s.address === m.targetIp) || i.spec.virtualIps.includes(m.targetIp);
    const proxy = !own && shouldProxy(tx, i, m.targetIp, !!m.fromHost);
    if (!own && !proxy) continue;
    if (proxy && tx.verbose) tx.log(i.router, `${i.name}: proxy ARP reply for ${m.targetIp} with ${i.spec.mac}`);
    const mac = i.spec.virtualIps.includes(m.targetIp) ? (i.macs[1] ?? i.spec.mac) : i.spec.mac;
    tx.send({ type: 'arp', seg: m.seg, op: 'reply', senderIp: m.targetIp, senderMac: mac, targetIp: m.senderIp, dstMac: m.senderMac, fromHost: undefined, gratuitous: undefined, id: 0, sentAt: 0 });
  }
}

/**
 * Does a router interface answer ARP for `target` on behalf of someone else? PROTOCOL.md §2.8:
 * `ip proxy-arp` answers when the route to the target leaves by another interface (an away EID,
 * or a remote range not connected here); `lisp mobility … nbr-proxy-reply` answers for every
 * EID of the range not detected locally; `ip local-proxy-arp` answers inside isolated segments
 * and, on a mobility interface, for every EID of the range not detected locally (the fabric
 * edge's anycast gateway, PROTOCOL.md §2.1, §2.8); plain proxy-ARP answers for an address of a
 * subnet other xTRs serve too, whose route is the send-map-request entry, not this port.
 */
function shouldProxy(tx: Tx, i: IfaceT, targetIp: string, fromHost: boolean): boolean {
  const target = eidKey(i.iid, targetIp); // the interface's own table
  if (!fromHost || tx.model.mutant === 'no-proxy-reply') return false;
  const R = tx.model.topo.routers.get(i.router)!;
  const seg = tx.model.topo.segments.get(i.segment ?? '');
  const conn = i.subnets.some((s) => contains(s.subnet, ipNum(targetIp)));
  if (seg?.isolated && i.spec.localProxyArp && conn) return true;
  if (mobilityRangeFor(i, target)) {
    const st = tx.state(dynRef(i.router, target));
    if (LOCAL.has(st)) return false;
    // ESM: the L2 extension carries intra-subnet traffic; never answer for a stretched subnet.
    if (i.spec.extendedSubnet && conn) return false;
    if (i.spec.nbrProxyReply || (i.spec.localProxyArp && conn)) return true;
    if (!i.spec.proxyArp) return false;
    return st === 'away' || !conn || inSharedSubnet(i, target);
  }
  if (!i.spec.proxyArp || conn) return false;
  return !!connectedIface(R, target);
}
