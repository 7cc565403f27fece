// The scenario compiled for the hot loop: lookups by name and address, segments, ranges.
// PURE. Built once per check; the world never parses an address again.

import { contains, ipNum, prefix, subnetOf, type Prefix } from './addr.js';
import {
  interfaceDynamicEids,
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
  /** Primary and secondary addresses with their connected subnets. */
  subnets: { address: string; subnet: Prefix }[];
  macs: string[];
  segment?: string;
  /** Dynamic-EID ranges attached here with `lisp mobility`. */
  mobility: { dyn: DynamicEidSpec; range: Prefix }[];
}

export interface RouterT {
  name: string;
  spec: RouterSpec;
  ifaces: IfaceT[];
  /** Its own RLOC, or its first address when it has none. */
  rloc: string;
  addresses: string[];
  staticMapCache: { p: Prefix; action: string }[];
}

export interface HostT {
  name: string;
  spec: HostSpec;
  ipN: number;
  subnet: Prefix;
  /** Where it may be: its home first, then its moves. */
  places: Attachment[];
}

export interface SegmentT {
  name: string;
  isolated: boolean;
  ifaces: IfaceT[];
}

export interface Topology {
  scenario: Scenario;
  routers: Map<string, RouterT>;
  hosts: Map<string, HostT>;
  clients: Map<string, ClientSpec>;
  segments: Map<string, SegmentT>;
  /** Address -> router that owns it (interface, virtual, RLOC or proxy-ITR address). */
  owner: Map<string, string>;
  /** IP -> host or client name. */
  endpointByIp: Map<string, string>;
  /** Every EID address the model talks about (hosts and clients), for map-cache keys. */
  sitePrefixes: { router: string; site: SiteSpec; p: Prefix; acceptMoreSpecifics: boolean }[];
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
      subnets: [
        ...(i.address && i.prefixLength !== undefined ? [{ address: i.address, subnet: subnetOf(i.address, i.prefixLength) }] : []),
        ...i.secondary.map((s) => ({ address: s.address, subnet: subnetOf(s.address, s.prefixLength) })),
      ],
      macs: [i.mac, ...i.virtualMacs],
      // `lisp mobility NAME` names a dynamic-EID within the interface VRF's instance-id.
      mobility: interfaceDynamicEids(spec, i).map((dyn) => ({ dyn, range: prefix(dyn.prefix) })),
    }));
    const addresses = ifaces.flatMap((i) => [...i.subnets.map((s) => s.address), ...i.spec.virtualIps]);
    const rloc = spec.rloc ?? addresses[0] ?? '0.0.0.0';
    routers.set(spec.name, { name: spec.name, spec, ifaces, rloc, addresses, staticMapCache: spec.staticMapCache.map((m) => ({ p: prefix(m.prefix), action: m.action })) });
  }
  // An address belongs to the router with it on an interface; an RLOC or proxy-itr claim (a
  // multihomed locator-set lists its peer's RLOC) only fills the gaps, whatever the name order.
  for (const r of routers.values()) for (const a of r.addresses) if (!owner.has(a)) owner.set(a, r.name);
  for (const r of routers.values()) for (const a of [r.rloc, ...r.spec.proxyItrRlocs]) if (!owner.has(a)) owner.set(a, r.name);
  const segments = new Map<string, SegmentT>();
  for (const seg of scenario.segments) {
    const ifaces = seg.interfaces.flatMap((a) => {
      const i = routers.get(a.router)?.ifaces.find((x) => x.name === a.iface);
      return i ? [i] : [];
    });
    for (const i of ifaces) i.segment = seg.name;
    segments.set(seg.name, { name: seg.name, isolated: seg.isolated, ifaces });
  }
  const hosts = new Map<string, HostT>();
  const endpointByIp = new Map<string, string>();
  for (const h of scenario.hosts) {
    hosts.set(h.name, { name: h.name, spec: h, ipN: ipNum(h.ip), subnet: subnetOf(h.ip, h.prefixLength), places: [h.at, ...h.moves] });
    endpointByIp.set(h.ip, h.name);
  }
  const clients = new Map<string, ClientSpec>();
  for (const c of scenario.clients) {
    clients.set(c.name, c);
    endpointByIp.set(c.ip, c.name);
  }
  const sitePrefixes = scenario.routers.flatMap((r) =>
    r.sites.flatMap((site) => site.prefixes.map((p) => ({ router: r.name, site, p: prefix(p.prefix), acceptMoreSpecifics: p.acceptMoreSpecifics }))),
  );
  return { scenario, routers, hosts, clients, segments, owner, endpointByIp, sitePrefixes };
}

/** The interface a host attachment names. */
export function ifaceAt(topo: Topology, a: Attachment): IfaceT | undefined {
  return topo.routers.get(a.router)?.ifaces.find((i) => i.name === a.iface);
}

/** The dynamic-EID range of `iface` that covers `ip`, if any (PROTOCOL.md §2.4). */
export function mobilityRangeFor(iface: IfaceT, ip: string): DynamicEidSpec | undefined {
  const n = ipNum(ip);
  return iface.mobility.find((m) => contains(m.range, n))?.dyn;
}

/** Any dynamic-EID range of a router covering `ip` (for Map-Notify and data lookups). */
export function routerDynRange(r: RouterT, ip: string): { dyn: DynamicEidSpec; iface: IfaceT } | undefined {
  for (const iface of r.ifaces) {
    const dyn = mobilityRangeFor(iface, ip);
    if (dyn) return { dyn, iface };
  }
  return undefined;
}

/** The address a router sends from toward `dst`: the interface on dst's subnet, else its RLOC. */
export function addressToward(r: RouterT, dst: string): string {
  const n = ipNum(dst);
  for (const i of r.ifaces) for (const s of i.subnets) if (contains(s.subnet, n) && s.address !== dst) return s.address;
  return r.rloc;
}

/** The interface whose connected subnet holds `ip`, if any. */
export function connectedIface(r: RouterT, ip: string): IfaceT | undefined {
  const n = ipNum(ip);
  return r.ifaces.find((i) => i.subnets.some((s) => contains(s.subnet, n) && s.subnet.len < 32));
}

/** The MS site prefix covering `eid`, with whether a /32 registration is acceptable (PROTOCOL.md §1.2). */
export function siteFor(topo: Topology, msRouter: string, eid: string): { site: SiteSpec; accepted: boolean } | undefined {
  const n = ipNum(eid);
  let best: Topology['sitePrefixes'][number] | undefined;
  for (const sp of topo.sitePrefixes) if (sp.router === msRouter && contains(sp.p, n) && (!best || sp.p.len > best.p.len)) best = sp;
  if (!best) return undefined;
  return { site: best.site, accepted: best.p.len === 32 || best.acceptMoreSpecifics };
}

/** Is `ip` inside any configured site prefix of any MS (EID space, RFC 9301 §8.3 vs §8.4)? */
export function inSitePrefix(topo: Topology, ip: string): boolean {
  const n = ipNum(ip);
  return topo.sitePrefixes.some((sp) => contains(sp.p, n));
}

/** Static map-cache action of a router for `ip` (e.g. the PITR's `map-cache P map-request`). */
export function staticMapCache(r: RouterT, ip: string): string | undefined {
  const n = ipNum(ip);
  return r.staticMapCache.find((m) => contains(m.p, n))?.action;
}
