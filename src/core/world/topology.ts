// The scenario compiled for the hot loop: lookups by name and address, segments, ranges.
// PURE. Built once per check; the world never parses an address again.

import type { ActorRef } from './actorRef.js';
import { contains, ipNum, prefix, subnetOf, type Prefix } from './addr.js';
import { eidKey, eidParts } from './eid.js';
import {
  interfaceDynamicEids,
  interfaceInstanceId,
  type Attachment,
  type ClientSpec,
  type DynamicEidSpec,
  type HostSpec,
  type InterfaceSpec,
  type RouterSpec,
  type Scenario,
  type SiteSpec,
} from '../scenario.js';

export interface IfaceT {
  router: string;
  name: string;
  spec: InterfaceSpec;
  /** Instance-id of the EID table its VRF is bound to; -1 for a VRF that is no EID table. */
  iid: number;
  /** Primary and secondary addresses with their connected subnets. */
  subnets: { address: string; subnet: Prefix }[];
  macs: string[];
  segment?: string;
  /** Dynamic-EID ranges attached here with `lisp mobility`. */
  mobility: { dyn: DynamicEidSpec; range: Prefix }[];
  /**
   * Connected subnets of this interface that another xTR also serves on a `lisp mobility`
   * interface of its own, outside extended-subnet mode: the anycast-gateway / fabric-edge design
   * (PROTOCOL.md §2.1 "L3 overlays route intra-subnet traffic through an anycast gateway", §2.8).
   * Hosts of such a subnet may be behind any of those xTRs, so an address not detected here is
   * resolved through the mapping system (the dynamic-EID prefix's send-map-request map-cache
   * entry, PROTOCOL.md §1.6) instead of being ARPed for on this port.
   */
  sharedSubnets: Prefix[];
}

export interface RouterT {
  name: string;
  spec: RouterSpec;
  ifaces: IfaceT[];
  /** Its own RLOC, or its first address when it has none. */
  rloc: string;
  addresses: string[];
  staticMapCache: { p: Prefix; action: string; iid: number }[];
}

export interface HostT {
  name: string;
  spec: HostSpec;
  /** Its EID key (eid.ts): the address, qualified by its instance-id. */
  eid: string;
  ipN: number;
  subnet: Prefix;
  /** Where it may be: its home first, then its moves. */
  places: Attachment[];
}

export interface SegmentT {
  name: string;
  isolated: boolean;
  ifaces: IfaceT[];
  /** The attachments (`router iface`) of its interfaces. */
  attachments: ReadonlySet<string>;
}

/** A host or client by name, as `host.send` reads it (a name may be both: either is kept). */
export interface EndpointT {
  host?: HostT;
  client?: ClientSpec;
}

export interface Topology {
  scenario: Scenario;
  routers: Map<string, RouterT>;
  hosts: Map<string, HostT>;
  clients: Map<string, ClientSpec>;
  segments: Map<string, SegmentT>;
  /** Address -> router that owns it (interface, virtual, RLOC or proxy-ITR address). */
  owner: Map<string, string>;
  /** EID key (eid.ts) -> host or client name. */
  endpointByEid: Map<string, string>;
  /** Every MS site prefix, with its instance-id. */
  sitePrefixes: { router: string; site: SiteSpec; p: Prefix; acceptMoreSpecifics: boolean; iid: number }[];
  // Indexes the step reads on every send, frame and ARP (issue 9: with 256 hosts, lookups kept
  // beside the model in WeakMaps, or several per send, were a growing part of a step).
  /** Hosts and clients by name: one lookup for each end of a flow. */
  endpoints: Map<string, EndpointT>;
  /** Host names by MAC, in the model's host order. */
  hostsByMac: Map<string, readonly string[]>;
  /** Each host's position in the model's host order. */
  hostOrder: Map<string, number>;
  /** The segment of an attachment (`router iface`), undefined for one on no segment; filled as attachments are asked for (dataplane.ts segmentAt). */
  segmentAt: Map<string, string | undefined>;
  /** Each traffic flow's fixed parts, by source then destination, filled as flows send (dataplane.ts flowOf). */
  flows: Map<string, Map<string, Flow>>;
}

/** What never changes about a flow of the scenario's traffic: its ends' addresses, and how a host sender reaches the destination (its next hop's ARP actor). */
export interface Flow {
  srcIp: string;
  dstIp: string;
  iid: number;
  client: ClientSpec | undefined;
  host: HostT | undefined;
  arp: ActorRef | undefined;
}

export const attachmentKey = (a: Attachment) => `${a.router} ${a.iface}`;

export function compileTopology(scenario: Scenario): Topology {
  const routers = new Map<string, RouterT>();
  const owner = new Map<string, string>();
  for (const spec of scenario.routers) {
    const ifaces: IfaceT[] = spec.interfaces.map((i) => ({
      router: spec.name,
      name: i.name,
      spec: i,
      iid: interfaceInstanceId(spec, i) ?? -1,
      subnets: [
        ...(i.address && i.prefixLength !== undefined ? [{ address: i.address, subnet: subnetOf(i.address, i.prefixLength) }] : []),
        ...i.secondary.map((s) => ({ address: s.address, subnet: subnetOf(s.address, s.prefixLength) })),
      ],
      macs: [i.mac, ...i.virtualMacs],
      // `lisp mobility NAME` names a dynamic-EID within the interface VRF's instance-id.
      mobility: interfaceDynamicEids(spec, i).map((dyn) => ({ dyn, range: prefix(dyn.prefix) })),
      sharedSubnets: [],
    }));
    const addresses = ifaces.flatMap((i) => [...i.subnets.map((s) => s.address), ...i.spec.virtualIps]);
    const rloc = spec.rloc ?? addresses[0] ?? '0.0.0.0';
    routers.set(spec.name, { name: spec.name, spec, ifaces, rloc, addresses, staticMapCache: spec.staticMapCache.map((m) => ({ p: prefix(m.prefix), action: m.action, iid: m.instanceId ?? 0 })) });
  }
  // An address belongs to the router with it on an interface; an RLOC or proxy-itr claim (a
  // multihomed locator-set lists its peer's RLOC) only fills the gaps, whatever the name order.
  for (const r of routers.values()) for (const a of r.addresses) if (!owner.has(a)) owner.set(a, r.name);
  for (const r of routers.values()) for (const a of [r.rloc, ...r.spec.proxyItrRlocs]) if (!owner.has(a)) owner.set(a, r.name);
  markSharedSubnets([...routers.values()]);
  const segments = new Map<string, SegmentT>();
  for (const seg of scenario.segments) {
    const ifaces = seg.interfaces.flatMap((a) => {
      const i = routers.get(a.router)?.ifaces.find((x) => x.name === a.iface);
      return i ? [i] : [];
    });
    for (const i of ifaces) i.segment = seg.name;
    segments.set(seg.name, { name: seg.name, isolated: seg.isolated, ifaces, attachments: new Set(ifaces.map((i) => `${i.router} ${i.name}`)) });
  }
  const hosts = new Map<string, HostT>();
  const endpointByEid = new Map<string, string>();
  for (const h of scenario.hosts) {
    const eid = eidKey(h.instanceId ?? 0, h.ip);
    hosts.set(h.name, { name: h.name, spec: h, eid, ipN: ipNum(h.ip), subnet: subnetOf(h.ip, h.prefixLength), places: [h.at, ...h.moves] });
    endpointByEid.set(eid, h.name);
  }
  const clients = new Map<string, ClientSpec>();
  for (const c of scenario.clients) {
    clients.set(c.name, c);
    endpointByEid.set(eidKey(c.instanceId ?? 0, c.ip), c.name);
  }
  const sitePrefixes = scenario.routers.flatMap((r) =>
    r.sites.flatMap((site) => site.prefixes.map((p) => ({ router: r.name, site, p: prefix(p.prefix), acceptMoreSpecifics: p.acceptMoreSpecifics, iid: p.instanceId ?? 0 }))),
  );
  const endpoints = new Map<string, EndpointT>();
  for (const h of hosts.values()) endpoints.set(h.name, { host: h });
  for (const c of clients.values()) endpoints.set(c.name, { ...endpoints.get(c.name), client: c });
  const hostsByMac = new Map<string, string[]>();
  for (const [name, h] of hosts) {
    const list = hostsByMac.get(h.spec.mac);
    if (list) list.push(name);
    else hostsByMac.set(h.spec.mac, [name]);
  }
  const hostOrder = new Map([...hosts.keys()].map((h, i) => [h, i]));
  return { scenario, routers, hosts, clients, segments, owner, endpointByEid, sitePrefixes, endpoints, hostsByMac, hostOrder, segmentAt: new Map(), flows: new Map() };
}

/**
 * Fills IfaceT.sharedSubnets: a connected subnet on a `lisp mobility` interface (not in
 * extended-subnet mode, where the L2 extension carries the subnet) that a dynamic-EID range of
 * the interface covers and that another router's such interface also has.
 */
function markSharedSubnets(routers: RouterT[]): void {
  // An interface with no IPv4 address we can read (`ip address dhcp`, unnumbered: Azure-LISP's
  // on-premises CSR) still serves its dynamic-EID ranges; their subnets are taken as the ranges.
  const served = (i: IfaceT): Prefix[] => {
    if (i.spec.extendedSubnet) return [];
    if (i.subnets.length === 0) return i.mobility.map((m) => m.range);
    return i.subnets.filter((s) => s.subnet.len < 32 && i.mobility.some((m) => m.range.first <= s.subnet.last && s.subnet.first <= m.range.last)).map((s) => s.subnet);
  };
  const byText = new Map<string, Set<string>>();
  const key = (i: IfaceT, p: Prefix) => `${i.iid}|${p.text}`; // one subnet per instance-id
  for (const r of routers) for (const i of r.ifaces) for (const p of served(i)) byText.set(key(i, p), (byText.get(key(i, p)) ?? new Set()).add(r.name));
  for (const r of routers) for (const i of r.ifaces) i.sharedSubnets = served(i).filter((p) => (byText.get(key(i, p))?.size ?? 0) > 1);
}

/** Is EID `eid` in a connected subnet of `iface` that other xTRs serve too (IfaceT.sharedSubnets)? */
export function inSharedSubnet(iface: IfaceT, eid: string): boolean {
  const { iid, ip } = eidParts(eid);
  if (iid !== iface.iid) return false;
  const n = ipNum(ip);
  return iface.sharedSubnets.some((p) => contains(p, n));
}

/**
 * The Map-Server a router registers with (its first `etr map-server`, if the owner of that
 * address is one). A model may hold several mapping systems, one per fabric site.
 */
export function mapServerOf(topo: Topology, router: string): RouterT | undefined {
  const ref = topo.routers.get(router)?.spec.mapServers[0];
  const ms = ref && topo.routers.get(topo.owner.get(ref.address) ?? '');
  return ms?.spec.ms ? ms : undefined;
}

/** The interface a host attachment names. */
export function ifaceAt(topo: Topology, a: Attachment): IfaceT | undefined {
  return topo.routers.get(a.router)?.ifaces.find((i) => i.name === a.iface);
}

/** The dynamic-EID range of `iface` that covers EID `eid`, if any (PROTOCOL.md §2.4). */
export function mobilityRangeFor(iface: IfaceT, eid: string): DynamicEidSpec | undefined {
  const { iid, ip } = eidParts(eid);
  if (iid !== iface.iid) return undefined;
  const n = ipNum(ip);
  return iface.mobility.find((m) => contains(m.range, n))?.dyn;
}

/** Any dynamic-EID range of a router covering EID `eid` (for Map-Notify and data lookups). */
export function routerDynRange(r: RouterT, eid: string): { dyn: DynamicEidSpec; iface: IfaceT } | undefined {
  // A function of the model's own router and an EID, asked at every delivery and ARP: kept per
  // (router, EID), so a step neither rescans the interfaces nor allocates the pair (issue 9).
  return perRouterEid(dynRanges, r, eid, findDynRange);
}

function findDynRange(r: RouterT, eid: string): { dyn: DynamicEidSpec; iface: IfaceT } | undefined {
  for (const iface of r.ifaces) {
    const dyn = mobilityRangeFor(iface, eid);
    if (dyn) return { dyn, iface };
  }
  return undefined;
}

const dynRanges = new WeakMap<RouterT, Map<string, { dyn: DynamicEidSpec; iface: IfaceT } | null>>();

/** The address a router sends from toward `dst`: the interface on dst's subnet, else its RLOC. */
export function addressToward(r: RouterT, dst: string): string {
  const n = ipNum(dst);
  for (const i of r.ifaces) for (const s of i.subnets) if (contains(s.subnet, n) && s.address !== dst) return s.address;
  return r.rloc;
}

/** The interface in EID `eid`'s table whose connected subnet holds it, if any. */
export function connectedIface(r: RouterT, eid: string): IfaceT | undefined {
  // Kept per (router, EID) as routerDynRange is: asked at every routed packet (issue 9).
  return perRouterEid(connected, r, eid, findConnected);
}

function findConnected(r: RouterT, eid: string): IfaceT | undefined {
  const { iid, ip } = eidParts(eid);
  const n = ipNum(ip);
  return r.ifaces.find((i) => i.iid === iid && i.subnets.some((s) => contains(s.subnet, n) && s.subnet.len < 32));
}

const connected = new WeakMap<RouterT, Map<string, IfaceT | null>>();

/**
 * `find(r, eid)`, remembered per router object and EID (null for none). EIDs are the model's
 * hosts' and clients' (and a spoofed registration's): few per router; the table is bounded anyway.
 * `find` is a module function, not a closure, so a call allocates nothing.
 */
function perRouterEid<T>(cache: WeakMap<RouterT, Map<string, T | null>>, r: RouterT, eid: string, find: (r: RouterT, eid: string) => T | undefined): T | undefined {
  let byEid = cache.get(r);
  if (byEid === undefined) {
    byEid = new Map();
    cache.set(r, byEid);
  }
  let found = byEid.get(eid);
  if (found === undefined) {
    found = find(r, eid) ?? null;
    if (byEid.size >= 10_000) byEid.clear();
    byEid.set(eid, found);
  }
  return found ?? undefined;
}

/** The MS site prefix covering `eid`, with whether a /32 registration is acceptable (PROTOCOL.md §1.2). */
export function siteFor(topo: Topology, msRouter: string, eid: string): { site: SiteSpec; accepted: boolean } | undefined {
  const { iid, ip } = eidParts(eid);
  const n = ipNum(ip);
  let best: Topology['sitePrefixes'][number] | undefined;
  for (const sp of topo.sitePrefixes) if (sp.router === msRouter && sp.iid === iid && contains(sp.p, n) && (!best || sp.p.len > best.p.len)) best = sp;
  if (!best) return undefined;
  return { site: best.site, accepted: best.p.len === 32 || best.acceptMoreSpecifics };
}

/** Is `eid` inside any configured site prefix of any MS (EID space, RFC 9301 §8.3 vs §8.4)? */
export function inSitePrefix(topo: Topology, eid: string): boolean {
  const { iid, ip } = eidParts(eid);
  const n = ipNum(ip);
  return topo.sitePrefixes.some((sp) => sp.iid === iid && contains(sp.p, n));
}

/** Static map-cache action of a router for `eid` (e.g. the PITR's `map-cache P map-request`). */
export function staticMapCache(r: RouterT, eid: string): string | undefined {
  const { iid, ip } = eidParts(eid);
  const n = ipNum(ip);
  return r.staticMapCache.find((m) => m.iid === iid && contains(m.p, n))?.action;
}
