// Resolves the names of a ScenarioDoc (hosts' `at`/`moves`, clients' `via`, segments, traffic)
// against the parsed routers: RC30x diagnostics for unknown names, duplicates and addresses
// outside the attached subnet (DESIGN.md §5). PURE.

import { diag, type Diagnostic } from '../core/diagnostic.js';
import {
  DEFAULT_BOUNDS,
  interfaceDynamicEids,
  interfaceInstanceId,
  segmentName,
  type Attachment,
  type ClientSpec,
  type ExpectedVerdict,
  type HostSpec,
  type InterfaceSpec,
  type MoveGroup,
  type RouterSpec,
  type SegmentSpec,
} from '../core/scenario.js';
import { CONFIG_CODES as C } from './configCodes.js';
import { covers, inSubnet, network, prefixLength } from './ipv4.js';
import type { AttachRef, HostDoc, ScenarioDoc } from './parseScenarioYaml.js';

/** Property ids of DESIGN.md §3 (contract). */
export const PROPERTY_IDS = [
  'no-blackhole-after-smr',
  'single-authoritative-rloc',
  'intra-subnet-reachability',
  'intra-subnet-reachability-eventual',
  'eventual-reachability',
  'registration-authenticated',
] as const;

export interface ResolvedDoc {
  hosts: HostSpec[];
  clients: ClientSpec[];
  segments: SegmentSpec[];
  traffic: [string, string][];
  together: MoveGroup[];
  expect: Record<string, ExpectedVerdict>;
  diagnostics: Diagnostic[];
}

export function resolveScenarioDoc(doc: ScenarioDoc, routers: readonly RouterSpec[], file: string): ResolvedDoc {
  const out: ResolvedDoc = { hosts: [], clients: [], segments: [], traffic: [], together: [], expect: {}, diagnostics: [] };
  const err = (code: string, line: number, message: string, hint?: string, severity: 'error' | 'warning' = 'error') =>
    out.diagnostics.push(diag(severity, code, message, { file, line, ...(hint ? { hint } : {}) }));
  const names = new Set<string>();
  const uniqueName = (name: string, line: number) => {
    if (names.has(name)) err(C.duplicateName, line, `name "${name}" is used twice among hosts and clients`, 'give every host and client its own name');
    names.add(name);
  };

  const resolve = (ref: AttachRef): { router: RouterSpec; iface: InterfaceSpec } | undefined => {
    const router = routers.find((r) => r.name === ref.router);
    if (!router) {
      err(C.unknownRouter, ref.line, `unknown router "${ref.router}" in "${ref.path}"`, `routers: ${routers.map((r) => r.name).join(', ') || 'none'}`);
      return undefined;
    }
    const mobile = router.interfaces.filter((i) => i.mobility.length > 0);
    const iface = ref.iface === undefined ? (mobile.length === 1 ? mobile[0] : undefined) : router.interfaces.find((i) => i.name === ref.iface);
    if (!iface) {
      const what = ref.iface === undefined ? `"${ref.path}" names router ${router.name} but no interface` : `unknown interface "${ref.iface}" on ${router.name} in "${ref.path}"`;
      err(C.unknownInterface, ref.line, what, `interfaces of ${router.name}: ${router.interfaces.map((i) => i.name).join(', ')}`);
      return undefined;
    }
    return { router, iface };
  };
  const att = (x: { router: RouterSpec; iface: InterfaceSpec }): Attachment => ({ router: x.router.name, iface: x.iface.name });

  // Addresses are unique within one EID space: the same host address in two instance-ids (two
  // VRFs reusing a prefix) is two hosts. Keys are `instance-id|address`.
  const ips = new Map<string, string>();
  const macs = new Map<string, string>();
  for (const r of routers) {
    for (const i of r.interfaces) {
      const iid = interfaceInstanceId(r, i) ?? -1;
      for (const a of [i.address, ...i.secondary.map((s) => s.address), ...i.virtualIps]) if (a) ips.set(`${iid}|${a}`, `${r.name} ${i.name}`);
      for (const m of [i.mac, ...i.virtualMacs]) macs.set(m, `${r.name} ${i.name}`);
    }
  }
  for (const h of doc.hosts) {
    const spec = host(h, file, resolve, err, ips, macs);
    if (h.name) uniqueName(h.name, h.line);
    if (spec) {
      spec.moves = h.moves
        .map(resolve)
        .filter((x) => x !== undefined)
        .map(att)
        .filter((m, k, all) => all.findIndex((n) => n.router === m.router && n.iface === m.iface) === k);
      if (h.moveMax !== undefined) spec.moveMax = h.moveMax;
      out.hosts.push(spec);
    } else h.moves.forEach(resolve); // still report unknown move targets
  }
  for (const c of doc.clients) {
    if (c.name) uniqueName(c.name, c.line);
    const via = c.via === undefined ? undefined : routers.find((r) => r.name === c.via);
    if (c.via !== undefined && !via) err(C.unknownRouter, c.line, `unknown router "${c.via}" in "${c.path}.via"`, `routers: ${routers.map((r) => r.name).join(', ')}`);
    else if (via && !via.pitr) err(C.notPitr, c.line, `client ${c.name ?? '?'} goes via ${via.name}, which is not a PITR`, 'add `ipv4 proxy-itr RLOC` to that router, or use another', 'warning');
    const iid = via ? clientInstanceId(via, c.ip, (m) => err(C.approximated, c.line, m.message, m.hint, 'warning')) : 0;
    const key = `${iid}|${c.ip}`;
    if (c.ip && ips.has(key)) err(C.duplicateName, c.line, `client address ${c.ip} is already used by ${ips.get(key)}`, 'give the client its own address');
    if (c.ip) ips.set(key, `client ${c.name}`);
    if (c.name && c.ip && via) out.clients.push({ name: c.name, ip: c.ip, via: via.name, ...(iid !== 0 ? { instanceId: iid } : {}), source: { file, line: c.line } });
  }
  for (const t of doc.traffic) {
    const bad = t.pair.filter((n) => !names.has(n));
    if (bad.length > 0) err(C.unknownEndpoint, t.line, `"${t.path}" names no host or client: ${bad.join(', ')}`, `hosts and clients: ${[...names].join(', ')}`);
    else if (t.pair[0] === t.pair[1]) err(C.unknownEndpoint, t.line, `"${t.path}" sends from ${t.pair[0]} to itself`, 'remove the pair');
    else if (!out.traffic.some(([a, b]) => a === t.pair[0] && b === t.pair[1])) out.traffic.push([t.pair[0], t.pair[1]]);
  }
  together(doc, out, resolve, err, file);
  segments(doc, routers, out, resolve, err);
  for (const e of doc.expect) {
    if (!(PROPERTY_IDS as readonly string[]).includes(e.id)) err(C.unknownProperty, e.line, `expect: unknown property "${e.id}"`, `properties: ${PROPERTY_IDS.join(', ')}`, 'warning');
    out.expect[e.id] = e.verdict;
  }
  return out;
}

type Err = (code: string, line: number, message: string, hint?: string, severity?: 'error' | 'warning') => void;
type Resolve = (ref: AttachRef) => { router: RouterSpec; iface: InterfaceSpec } | undefined;

/** A host: subnet and gateway from its attached interface (DESIGN.md §5 defaults). */
function host(h: HostDoc, file: string, resolve: Resolve, err: Err, ips: Map<string, string>, macs: Map<string, string>): HostSpec | undefined {
  const at = h.at && resolve(h.at);
  if (!h.name || !h.ip || !h.mac || !at) return undefined;
  const { router, iface } = at;
  const where = `${router.name} ${iface.name}`;
  const subnets = [...(iface.address && iface.prefixLength !== undefined ? [{ address: iface.address, prefixLength: iface.prefixLength }] : []), ...iface.secondary];
  const sub = subnets.find((s) => inSubnet(h.ip as string, s.address, s.prefixLength));
  let len: number;
  let gateway = h.gateway;
  if (sub) {
    len = sub.prefixLength;
    // HSRP/VRRP: hosts use the virtual IP, so it is the natural default gateway when present.
    gateway ??= iface.virtualIps.find((v) => inSubnet(v, sub.address, sub.prefixLength)) ?? sub.address;
  } else {
    const dyn = interfaceDynamicEids(router, iface).find((d) => covers(d.prefix, h.ip as string));
    if (!dyn) {
      const nets = subnets.map((s) => network(s.address, s.prefixLength)).join(', ') || 'no address';
      err(C.outsideSubnet, h.line, `"${h.path}.ip" ${h.ip} is outside the subnet of ${where} (${nets})`, 'attach the host where its subnet is, or fix its address');
      return undefined;
    }
    len = prefixLength(dyn.prefix);
    err(
      C.outsideSubnet,
      h.line,
      `host ${h.name} starts away from its home subnet: ${h.ip} roams on ${where} through dynamic-eid ${dyn.name} (${dyn.prefix})`,
      'fine for a host modelled after a move; otherwise attach it at home',
      'warning',
    );
    if (gateway === undefined) {
      err(C.outsideSubnet, h.line, `"${h.path}" needs a gateway: ${where} has no address in ${dyn.prefix}`, 'give the gateway of its home subnet');
      return undefined;
    }
  }
  if (!inSubnet(gateway, h.ip, len)) {
    err(C.outsideSubnet, h.line, `"${h.path}.gateway" ${gateway} is outside the host's subnet ${network(h.ip, len)}`, 'use the address (or HSRP/VRRP virtual IP) of its home interface');
    return undefined;
  }
  // The host's EID table is that of its home interface's VRF (PROTOCOL.md §5.1 eid-table binding).
  const iid = interfaceInstanceId(router, iface);
  const key = `${iid ?? -1}|${h.ip}`;
  if (ips.has(key)) err(C.duplicateName, h.line, `host address ${h.ip} is already used by ${ips.get(key)}`, 'give the host its own address');
  ips.set(key, `host ${h.name}`);
  if (macs.has(h.mac)) err(C.duplicateName, h.line, `host MAC ${h.mac} is already used by ${macs.get(h.mac)}`, 'give the host its own MAC');
  macs.set(h.mac, `host ${h.name}`);
  return {
    name: h.name,
    ip: h.ip,
    prefixLength: len,
    mac: h.mac,
    at: { router: router.name, iface: iface.name },
    gateway,
    moves: [],
    ...(iid !== undefined && iid !== 0 ? { instanceId: iid } : {}),
    source: { file, line: h.line },
  };
}

/**
 * `together:` groups: every host known, every destination one of that host's places (its `at`
 * or its `moves`), each host in one group. A group larger than bounds.moves can never happen.
 */
function together(doc: ScenarioDoc, out: ResolvedDoc, resolve: Resolve, err: Err, file: string): void {
  const hosts = new Map(out.hosts.map((h) => [h.name, h]));
  const grouped = new Map<string, string>();
  const budget = doc.bounds.moves ?? DEFAULT_BOUNDS.moves;
  for (const g of doc.together) {
    const group: MoveGroup = { moves: [], source: { file, line: g.line } };
    for (const m of g.moves) {
      const x = resolve(m.to);
      const h = hosts.get(m.host);
      if (!h) {
        if (!doc.hosts.some((d) => d.name === m.host)) err(C.unknownEndpoint, m.line, `"${g.path}" names no host "${m.host}"`, `hosts: ${doc.hosts.map((d) => d.name).join(', ') || 'none'}`);
        continue;
      }
      const prev = grouped.get(m.host);
      if (prev !== undefined) {
        err(C.moveGroup, m.line, `host ${m.host} is in "${prev}" and in "${g.path}"`, 'a host moves with one group; list its other moves under hosts[].moves');
        continue;
      }
      grouped.set(m.host, g.path);
      if (!x) continue;
      const to = { router: x.router.name, iface: x.iface.name };
      const places = [h.at, ...h.moves];
      if (!places.some((p) => p.router === to.router && p.iface === to.iface)) {
        err(
          C.moveGroup,
          m.line,
          `"${g.path}" moves ${m.host} to ${to.router} ${to.iface}, which is not one of its places`,
          `add it to the moves of host ${m.host} (now: ${h.moves.map((p) => `${p.router} ${p.iface}`).join(', ') || 'none'})`,
        );
        continue;
      }
      group.moves.push({ host: m.host, to });
    }
    if (group.moves.length < g.moves.length || group.moves.length < 2) continue;
    if (group.moves.length > budget) {
      err(
        C.moveGroup,
        g.line,
        `"${g.path}" moves ${group.moves.length} hosts at once but bounds.moves is ${budget}: it can never happen`,
        `a group spends one move per host: raise bounds.moves to ${group.moves.length}`,
        'warning',
      );
    }
    out.together.push(group);
  }
}

/** Explicit segments, then one default segment per interface that matters (DESIGN.md §5). */
function segments(doc: ScenarioDoc, routers: readonly RouterSpec[], out: ResolvedDoc, resolve: Resolve, err: Err): void {
  const owner = new Map<string, string>();
  const key = (a: Attachment) => `${a.router} ${a.iface}`;
  for (const s of doc.segments) {
    if (!s.name) continue;
    if (out.segments.some((x) => x.name === s.name)) err(C.duplicateName, s.line, `segment name "${s.name}" is used twice`, 'rename one of the segments');
    const interfaces: Attachment[] = [];
    for (const ref of s.interfaces) {
      const x = resolve(ref);
      if (!x) continue;
      const a = { router: x.router.name, iface: x.iface.name };
      const prev = owner.get(key(a));
      if (prev !== undefined) err(C.segmentConflict, ref.line, `${key(a)} is already in segment "${prev}"`, 'an interface is on one L2 segment');
      else {
        owner.set(key(a), s.name);
        interfaces.push(a);
      }
    }
    if (s.interfaces.length === 0) err(C.segmentConflict, s.line, `segment "${s.name}" has no interfaces`, 'list its interfaces as "ROUTER IFACE"');
    out.segments.push({ name: s.name, interfaces, isolated: s.isolated });
  }
  const used = new Set<string>([...out.hosts.flatMap((h) => [h.at, ...h.moves].map(key))]);
  for (const r of routers) {
    for (const i of r.interfaces) {
      const a = { router: r.name, iface: i.name };
      if (owner.has(key(a)) || !(i.mobility.length > 0 || used.has(key(a)))) continue;
      const name = segmentName(r.name, i.name);
      const clash = doc.segments.find((x) => x.name === name);
      if (clash) err(C.duplicateName, clash.line, `segment name "${name}" is also the default name of ${r.name} ${i.name}'s segment`, 'rename the explicit segment');
      out.segments.push({ name, interfaces: [a], isolated: false });
    }
  }
}

/**
 * The instance-id a client's traffic is looked up in at its PITR: that of the PITR interface whose
 * subnet holds the client, else the PITR's only EID table, else its global table (warned when the
 * PITR has several tables and nothing says which one the client is in).
 */
function clientInstanceId(via: RouterSpec, ip: string | undefined, warn: (m: { message: string; hint: string }) => void): number {
  const tables = via.eidTables ?? [];
  if (tables.length === 0 || ip === undefined) return 0;
  const iface = via.interfaces.find((i) =>
    [...(i.address && i.prefixLength !== undefined ? [{ address: i.address, prefixLength: i.prefixLength }] : []), ...i.secondary].some(
      (s) => s.prefixLength < 32 && inSubnet(ip, s.address, s.prefixLength),
    ),
  );
  const connected = iface ? interfaceInstanceId(via, iface) : undefined;
  if (connected !== undefined) return connected;
  if (tables.length === 1) return tables[0].instanceId;
  const global = tables.find((t) => t.vrf === undefined)?.instanceId ?? 0;
  warn({
    message: `client at ${ip} via ${via.name}: ${via.name} has ${tables.length} EID tables and no interface on the client's subnet; roamcheck looks its traffic up in instance-id ${global} (the global table)`,
    hint: `connect the client's subnet to ${via.name} in the VRF it belongs to, or keep one EID table on ${via.name}`,
  });
  return global;
}
