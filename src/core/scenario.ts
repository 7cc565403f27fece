// The Scenario: everything the world needs to know about a network, as plain data.
// PURE. Produced by config/ (router configs + scenario.yaml) or written in code; consumed by
// core/world. Addresses are dotted-quad strings and prefixes "a.b.c.d/len"; the world turns them
// into numbers once (see world/topology.ts) so the hot loop never parses text.

/** Registration semantics at the Map-Server (DESIGN.md §3). */
export type Registration = 'last-writer' | 'refresh-bit' | 'timestamped';
export const REGISTRATIONS: readonly Registration[] = ['last-writer', 'refresh-bit', 'timestamped'];

/** Where a fact came from, for diagnostics and for `roamcheck model`. */
export interface SourceRef {
  file: string;
  line: number;
}

export interface InterfaceSpec {
  name: string;
  /** Primary IPv4 address, if any. */
  address?: string;
  prefixLength?: number;
  secondary: { address: string; prefixLength: number }[];
  /** Burnt-in or configured MAC (`mac-address`), Cisco dotted form `xxxx.xxxx.xxxx`. */
  mac: string;
  /** Extra MACs the interface answers for (HSRP virtual MAC). */
  virtualMacs: string[];
  /** Extra IPs the interface owns (HSRP virtual IP). */
  virtualIps: string[];
  /** `lisp mobility NAME` lines: dynamic-EID policies attached here. */
  mobility: string[];
  /** `lisp mobility NAME nbr-proxy-reply`. */
  nbrProxyReply: boolean;
  /** `ip proxy-arp` (IOS default on). */
  proxyArp: boolean;
  /** `ip local-proxy-arp`. */
  localProxyArp: boolean;
  /** `lisp extended-subnet-mode`. */
  extendedSubnet: boolean;
  /** `lisp mobility discover arp`. */
  discoverArp: boolean;
  /** `lisp mobility liveness test` (IOS-XE default on, PROTOCOL.md §2.5). */
  liveness: boolean;
  /** `arp timeout S` (IOS default 14 400 s, PROTOCOL.md §3). */
  arpTimeout: number;
  vrf?: string;
  source?: SourceRef;
}

export interface DynamicEidSpec {
  name: string;
  /** The roaming range (`database-mapping PREFIX locator-set NAME`). */
  prefix: string;
  locatorSet: string;
  /** RLOCs of that locator set, resolved. */
  rlocs: string[];
  mapNotifyGroup?: string;
  /** LISP instance-id of the EID table this range lives in (default 0). */
  instanceId?: number;
  source?: SourceRef;
}

export interface MapServerRef {
  address: string;
  key: string;
  hashFunction: 'sha1' | 'sha2';
  proxyReply: boolean;
  source?: SourceRef;
}

export interface SiteSpec {
  name: string;
  key: string;
  /** `eid-prefix [instance-id N] P`: instanceId defaults to 0. */
  prefixes: { prefix: string; acceptMoreSpecifics: boolean; instanceId?: number; source?: SourceRef }[];
  source?: SourceRef;
}

export type StaticMapCacheAction = 'map-request' | 'native-forward' | 'drop';

export interface RouterSpec {
  name: string;
  file?: string;
  interfaces: InterfaceSpec[];
  /** This router's own RLOC (first locator of its locator sets, or `proxy-itr` address). */
  rloc?: string;
  itr: boolean;
  etr: boolean;
  /** `ipv4 map-server` / `ipv4 map-resolver` / `ipv4 proxy-itr` / `ipv4 proxy-etr`. */
  ms: boolean;
  mr: boolean;
  pitr: boolean;
  petr: boolean;
  proxyItrRlocs: string[];
  /** `ipv4 itr map-resolver A`. */
  mapResolver?: string;
  /** `ipv4 etr map-server A key K`. */
  mapServers: MapServerRef[];
  /** `ipv4 use-petr A`. */
  usePetr?: string;
  dynamicEids: DynamicEidSpec[];
  /** Static `database-mapping` entries (registered as they are, not roaming). */
  databaseMappings: { prefix: string; rlocs: string[]; instanceId?: number }[];
  sites: SiteSpec[];
  staticMapCache: { prefix: string; action: StaticMapCacheAction; instanceId?: number }[];
  /**
   * EID tables: instance-id -> VRF (`eid-table vrf V instance-id N`, or `instance-id N` /
   * `service ipv4` / `eid-table vrf V`); `vrf` undefined is the global table. An interface's
   * `vrf forwarding` picks its instance-id through this list. Empty means one table, instance-id 0.
   */
  eidTables?: { instanceId: number; vrf?: string }[];
  /**
   * `map-cache away-eids send-map-request` (XE default true, PROTOCOL.md §2.6): an away EID is put
   * in this xTR's own map-cache as send-map-request, so local senders to it are resolved through
   * the mapping system. `no map-cache away-eids send-map-request` turns that off.
   */
  awayEidsSendMapRequest?: boolean;
  /** `etr map-cache-ttl` in minutes (default 1440). */
  mapCacheTtl: number;
  /** `solicit-map-request ignore | suppression-time S`. */
  smrIgnore: boolean;
  smrSuppression: number;
}

export interface Attachment {
  router: string;
  iface: string;
}

export interface HostSpec {
  name: string;
  ip: string;
  /** The host's configured subnet length (from its home interface). */
  prefixLength: number;
  mac: string;
  at: Attachment;
  gateway: string;
  /** Where it may be moved (allowed destinations). */
  moves: Attachment[];
  /**
   * Moves this host may make in one run (`moves: { to: [...], max: N }`); absent = unlimited,
   * capped only by the global `bounds.moves`. Moves in a `together` group count here too.
   */
  moveMax?: number;
  /** LISP instance-id of its EID table, from its home interface's VRF (default 0). */
  instanceId?: number;
  source?: SourceRef;
}

export interface ClientSpec {
  name: string;
  ip: string;
  /** The router (PITR/PETR) it reaches LISP sites through. */
  via: string;
  /** Instance-id of the EID table its traffic is looked up in at the PITR (default 0). */
  instanceId?: number;
  source?: SourceRef;
}

/** One host's part of a simultaneous move. */
export interface GroupMove {
  host: string;
  to: Attachment;
}

/**
 * Hosts that move in one atomic action (scenario `together:`), e.g. two VMs that swap sites.
 * Each destination is one of that host's allowed places; each host is in at most one group.
 */
export interface MoveGroup {
  moves: GroupMove[];
  source?: SourceRef;
}

export interface SegmentSpec {
  name: string;
  interfaces: Attachment[];
  /** Private-VLAN host ports: hosts reach only routers at L2. */
  isolated: boolean;
}

/** All timer values in seconds (DESIGN.md §2, PROTOCOL.md §3). */
export interface Timers {
  mapRegisterInterval: number;
  registerRetransmit: number;
  msExpiry: number;
  mapCacheTtl: number;
  negativeTtlSite: number;
  negativeTtlNonEid: number;
  smrSuppression: number;
  mapRequestRetry: number;
  mapRequestRetries: number;
  notifyRetransmit: number;
  notifyRetries: number;
  hostArpReachable: number;
  hostArpProbe: number;
  arpRetry: number;
  arpRetries: number;
  livenessInterval: number;
  livenessTimeout: number;
}

export const DEFAULT_TIMERS: Timers = {
  mapRegisterInterval: 60, // RFC 9301 §8.2
  registerRetransmit: 1, // RFC 9301 §5.7: 1 s, doubling, max 60 s
  msExpiry: 180, // RFC 9301 §8.2: 3 x interval
  mapCacheTtl: 1440 * 60, // 1440 min, GENIE "1d00h"
  negativeTtlSite: 60, // RFC 9301 §8.3: 1 min
  negativeTtlNonEid: 15 * 60, // RFC 9301 §8.4: 15 min
  smrSuppression: 20, // Cisco "Multiple SMR suppression time: 20 secs"
  mapRequestRetry: 1, // RFC 9301 §5.3: 1 per second per prefix
  mapRequestRetries: 3,
  notifyRetransmit: 3, // RFC 9301 §5.7: 3 x 3 s
  notifyRetries: 3,
  hostArpReachable: 30, // Linux base_reachable_time (ARP7)
  hostArpProbe: 8, // Linux delay_first_probe 5 s + 3 unicast probes 1 s apart
  arpRetry: 1, // Linux retrans_time 1 s
  arpRetries: 3, // Linux mcast_solicit 3
  livenessInterval: 60, // IOS-XE liveness test: interval not published (PROTOCOL.md §6), a parameter
  // Longer than a probe's round trip at the default latency bound (2 x 2 s), so a present host
  // is never deleted only because the model let its answer take the longest allowed time.
  livenessTimeout: 5,
};

export interface Bounds {
  moves: number;
  losses: number;
  duplicates: number;
  reboots: number;
  spoofs: number;
  steps: number;
  /** Seconds a message may stay in flight; Infinity = fully asynchronous. */
  maxLatency: number;
  /** Timer expiries allowed; Infinity = unlimited, 0 = races of messages only. */
  timerExpiries: number;
  /** Packets the traffic flows may send (an extension: keeps exhaustive search small); Infinity = unlimited. */
  sends?: number;
  /** Gratuitous ARPs hosts may send (an extension); Infinity = unlimited. */
  garps?: number;
  /**
   * A host moves only when the control plane is quiet (no control message in flight, no
   * retransmission pending): each move starts after the previous one settled. Default false.
   */
  settleBeforeMove?: boolean;
}

export const DEFAULT_BOUNDS: Bounds = {
  moves: 2,
  losses: 1,
  duplicates: 0,
  reboots: 0,
  spoofs: 0,
  steps: 60,
  maxLatency: 2,
  timerExpiries: Infinity,
};

/**
 * The convergence bound (DESIGN.md §3): once a moved host has been seen at its new site, the
 * control plane counts as settled when it is quiet, or when `seconds` of logical time have passed,
 * or when the host's new xTR has retransmitted its Map-Register `retransmissions` times in a row
 * without an answer (RFC 9301 §5.7). Defaults: `seconds` is the MS registration expiry (180 s,
 * PROTOCOL.md §3); `retransmissions` is the first count a registration that gets through cannot
 * reach within the scenario's loss budget and latency bound (core/properties/arrival.ts).
 */
export interface Convergence {
  seconds: number;
  retransmissions: number;
}

export const CONVERGENCE_KEYS: readonly (keyof Convergence)[] = ['seconds', 'retransmissions'];
export const DEFAULT_CONVERGENCE_SECONDS = 180;

/** `vacuous`: the property must hold without ever having judged anything (DESIGN.md §3). */
export type ExpectedVerdict = 'holds' | 'violated' | 'vacuous';

export interface Scenario {
  name: string;
  description: string;
  routers: RouterSpec[];
  hosts: HostSpec[];
  clients: ClientSpec[];
  /** Every L2 segment, resolved (the loader adds one per router interface by default). */
  segments: SegmentSpec[];
  traffic: [string, string][];
  /** Simultaneous moves (absent or empty: hosts move one at a time). */
  together?: MoveGroup[];
  timers: Timers;
  registration: Registration;
  /**
   * `atomic` (default): L2 frames, ARP, liveness probes and the client's access hop settle within
   * the step that sent them (microseconds, against milliseconds for UDP across the WAN), so the
   * explorer interleaves only control messages, encapsulated data, timers and the environment.
   * `async`: every frame is in flight on its own, as DESIGN.md §2 first described.
   */
  l2?: 'atomic' | 'async';
  bounds: Bounds;
  /** Convergence bound overrides (`convergence:` in scenario.yaml); see DEFAULT_CONVERGENCE. */
  convergence?: Partial<Convergence>;
  expect: Record<string, ExpectedVerdict>;
}

/** Defaults for an interface, so hand-written scenarios and the parser agree. */
export function interfaceDefaults(name: string, mac: string): InterfaceSpec {
  return {
    name,
    secondary: [],
    mac,
    virtualMacs: [],
    virtualIps: [],
    mobility: [],
    nbrProxyReply: false,
    proxyArp: true,
    localProxyArp: false,
    extendedSubnet: false,
    discoverArp: false,
    liveness: true,
    arpTimeout: 14400,
  };
}

/** Defaults for a router, so hand-written scenarios and the parser agree. */
export function routerDefaults(name: string): RouterSpec {
  return {
    name,
    interfaces: [],
    itr: false,
    etr: false,
    ms: false,
    mr: false,
    pitr: false,
    petr: false,
    proxyItrRlocs: [],
    mapServers: [],
    dynamicEids: [],
    databaseMappings: [],
    sites: [],
    staticMapCache: [],
    mapCacheTtl: 1440,
    smrIgnore: false,
    smrSuppression: 20,
  };
}

/**
 * A stable stand-in for a burnt-in MAC, for interfaces whose config sets none. Derived from the
 * router name and the interface's position so the parser and hand-written scenarios agree.
 */
export function burntInMac(router: string, ifaceIndex: number): string {
  let h = 0;
  for (let i = 0; i < router.length; i++) h = (h * 31 + router.charCodeAt(i)) & 0xffff;
  const hex = (n: number) => n.toString(16).padStart(4, '0');
  return `0c00.${hex(h)}.${hex(ifaceIndex & 0xffff)}`;
}

/** Default segment name for a router interface. */
export function segmentName(router: string, iface: string): string {
  return `${router} ${iface}`;
}

/**
 * The LISP instance-id of an interface's EID table (PROTOCOL.md §5.1 `eid-table vrf V instance-id
 * N`): its `vrf forwarding` VRF looked up in the router's eid-tables; an interface without a VRF is
 * in the global table, the one bound by `eid-table default` (instance-id 0 when none is). Undefined
 * when the interface's VRF is bound to no instance-id, so it is in no EID space. A router without
 * eid-tables has one table, instance-id 0, whatever its interfaces' VRFs.
 */
export function interfaceInstanceId(router: RouterSpec, iface: InterfaceSpec): number | undefined {
  const tables = router.eidTables ?? [];
  if (tables.length === 0) return 0;
  const t = tables.find((x) => x.vrf === iface.vrf);
  return t ? t.instanceId : iface.vrf === undefined ? 0 : undefined;
}

/**
 * The dynamic-EIDs that `lisp mobility NAME` attaches on `iface`: by name within the interface's
 * instance-id, so the same name in two instance-ids (one per VRF) is two distinct policies.
 */
export function interfaceDynamicEids(router: RouterSpec, iface: InterfaceSpec): DynamicEidSpec[] {
  const iid = interfaceInstanceId(router, iface);
  if (iid === undefined) return [];
  // Without eid-tables there is one EID space and names are unique in it.
  const inTable = (d: DynamicEidSpec) => (router.eidTables ?? []).length === 0 || (d.instanceId ?? 0) === iid;
  return iface.mobility.flatMap((name) => router.dynamicEids.filter((d) => d.name === name && inTable(d)).slice(0, 1));
}
