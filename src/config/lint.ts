// Static lint of a loaded model: config mistakes that break host mobility, found without
// exploring (PROTOCOL.md §4 F7–F13). PURE. Registration-path checks are in lintRegistration.ts;
// this file holds the mobility-interface checks and the entry point.

import type { Diagnostic } from '../core/diagnostic.js';
import { interfaceDynamicEids, interfaceInstanceId, type HostSpec, type InterfaceSpec, type RouterSpec, type Scenario } from '../core/scenario.js';
import type { ModelSources } from './buildScenario.js';
import { CONFIG_CODES as C } from './configCodes.js';
import { covers, inSubnet, network } from './ipv4.js';
import { LintContext } from './lintContext.js';
import { lintRegistration } from './lintRegistration.js';

/** Static findings for `roamcheck lint`; `sources` (from buildScenario) adds exact lines. */
export function lintScenario(scenario: Scenario, sources?: ModelSources): Diagnostic[] {
  const cx = new LintContext(scenario, sources);
  lintRegistration(cx);
  lintDynamicEids(cx);
  lintHosts(cx);
  // File order reads best: by file, then line (stable, so one line's findings keep check order).
  const key = (d: Diagnostic) => d.file ?? '\uffff';
  return cx.diagnostics.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : (a.line ?? 0) - (b.line ?? 0)));
}

/** The dynamic-EID attached to `iface` (within its VRF's instance-id) that covers `ip`, if any. */
function mobilityFor(r: RouterSpec, iface: InterfaceSpec, ip: string) {
  return interfaceDynamicEids(r, iface).find((d) => covers(d.prefix, ip));
}

/**
 * The mapping systems a router registers with: the true owners of its `etr map-server` addresses
 * (or the bare address when no router owns it). Routers that share none are independent sites.
 */
function mappingSystems(cx: LintContext, r: RouterSpec): string[] {
  return [...new Set(r.mapServers.map((m) => cx.owner(m.address)?.name ?? m.address))];
}

function lintDynamicEids(cx: LintContext): void {
  const byPrefix = new Map<string, { r: RouterSpec; i: InterfaceSpec; prefix: string }[]>();
  const byName = new Map<string, { r: RouterSpec; prefix: string }>();
  for (const r of cx.scenario.routers) {
    const attached = new Set(r.interfaces.flatMap((i) => interfaceDynamicEids(r, i)));
    for (const d of r.dynamicEids) {
      const iid = d.instanceId ?? 0;
      if (!attached.has(d)) {
        cx.add(
          'warning',
          C.dynEidUnattached,
          d.source ?? cx.routerAt(r),
          `${r.name}: dynamic-eid ${d.name}${iid ? ` (instance-id ${iid})` : ''} is on no interface, so hosts in ${d.prefix} are never detected here (PROTOCOL.md F10)`,
          `add \`lisp mobility ${d.name}\` to the server-facing interface${iid ? ` in the VRF of instance-id ${iid}` : ''}, or remove the dynamic-eid`,
        );
      }
      // CISCO-VMCMD: one roaming range has one prefix on every xTR of its mapping system, per
      // instance-id; independent sites (other map-servers) and other VNs may reuse the name.
      for (const ms of mappingSystems(cx, r)) {
        const key = `${ms}|${iid}|${d.name}`;
        const seen = byName.get(key);
        if (seen && seen.prefix !== d.prefix) {
          cx.add(
            'warning',
            C.inconsistentDynEid,
            d.source ?? cx.routerAt(r),
            `dynamic-eid ${d.name}${iid ? ` (instance-id ${iid})` : ''} is ${d.prefix} on ${r.name} but ${seen.prefix} on ${seen.r.name}, which registers with the same map-server ${ms}`,
            'CISCO-VMCMD: database-mapping of a roaming dynamic-EID must be the same on every xTR',
          );
        } else if (!seen) byName.set(key, { r, prefix: d.prefix });
      }
    }
    for (const i of r.interfaces) {
      for (const d of interfaceDynamicEids(r, i)) {
        const key = `${d.instanceId ?? 0}|${d.prefix}`;
        const list = byPrefix.get(key) ?? [];
        if (!list.some((x) => x.r === r && x.i === i)) list.push({ r, i, prefix: d.prefix });
        byPrefix.set(key, list);
      }
    }
  }
  // PROTOCOL.md §2.8 / F9: a moved VM keeps its gateway's MAC, so every interface a roaming range
  // lands on must own that MAC (same `mac-address` in ASM, same FHRP vMAC in ESM). Per instance-id:
  // two VRFs reusing a prefix are two ranges that no host moves between.
  const reported = new Set<InterfaceSpec>();
  for (const list of byPrefix.values()) {
    const [ref, ...rest] = list;
    const refMacs = [ref.i.mac, ...ref.i.virtualMacs];
    for (const e of rest) {
      if (reported.has(e.i) || [e.i.mac, ...e.i.virtualMacs].some((m) => refMacs.includes(m))) continue;
      reported.add(e.i);
      cx.add(
        'warning',
        C.gatewayMacMismatch,
        cx.ifaceAt(e.r, e.i, 'mac'),
        `${e.r.name} ${e.i.name} (MAC ${e.i.mac}) and ${ref.r.name} ${ref.i.name} (MAC ${ref.i.mac}) both serve ${e.prefix} but share no gateway MAC: a host that moves between them keeps sending to the old one and is not detected (PROTOCOL.md F9)`,
        `configure the same \`mac-address ${ref.i.mac}\` (or the same HSRP group) on every interface with lisp mobility for ${e.prefix}`,
      );
    }
  }
}

function lintHosts(cx: LintContext): void {
  const hosts = cx.scenario.hosts;
  // Same-subnet peers share the host's EID space too: another VRF's 10.1.1.20 is no peer of 10.1.1.10.
  // Grouped once by (instance-id, network at each prefix length the hosts use): o is in h's subnet
  // exactly when both have the same network at h's length. Scanning every host through ip-num
  // for every move target took 17 s on a generated 256-host model; this takes one pass.
  const byNet = new Map<string, HostSpec[]>();
  const netKey = (x: HostSpec, length: number) => `${x.instanceId ?? 0} ${network(x.ip, length)}`;
  for (const length of new Set(hosts.map((h) => h.prefixLength))) {
    for (const o of hosts) {
      const k = netKey(o, length);
      const group = byNet.get(k);
      if (group) group.push(o);
      else byNet.set(k, [o]);
    }
  }
  const peerLists = new Map<HostSpec, HostSpec[]>();
  const peers = (h: HostSpec): HostSpec[] => {
    let list = peerLists.get(h);
    if (list === undefined) {
      list = (byNet.get(netKey(h, h.prefixLength)) ?? []).filter((o) => o !== h);
      peerLists.set(h, list);
    }
    return list;
  };
  const segmentOf = (a: { router: string; iface: string }) => cx.scenario.segments.find((s) => s.interfaces.some((x) => x.router === a.router && x.iface === a.iface));
  const needsProxy = new Map<InterfaceSpec, { r: RouterSpec; h: HostSpec }>();
  hosts.forEach((h, k) => {
    if (h.moves.length === 0) return;
    const targets = [{ a: h.at, path: `hosts[${k}].at` }, ...h.moves.map((a, j) => ({ a, path: `hosts[${k}].moves[${j}]` }))];
    const home = segmentOf(h.at);
    const homeIid = h.instanceId ?? 0;
    for (const t of targets) {
      const r = cx.router(t.a.router);
      const iface = r?.interfaces.find((i) => i.name === t.a.iface);
      if (!r || !iface) continue;
      const iid = interfaceInstanceId(r, iface);
      if (!t.path.endsWith('.at') && iid !== homeIid) {
        // PROTOCOL.md §5.1 eid-table binding: a VRF is one instance-id; a host that lands in
        // another is in another EID space, where its registration and its peers are not.
        cx.add(
          'error',
          C.moveAcrossInstances,
          cx.yamlAt(t.path, h.source?.line),
          `${h.name} (${h.ip}, instance-id ${homeIid}) may move to ${r.name} ${iface.name}, which is ${iid === undefined ? `in vrf ${iface.vrf}, bound to no instance-id` : `in instance-id ${iid}${iface.vrf ? ` (vrf ${iface.vrf})` : ''}`}: a move cannot change a host's EID table`,
          `move it to an interface in the VRF of instance-id ${homeIid}, or put ${iface.name} in that VRF (\`vrf forwarding\`)`,
        );
        continue;
      }
      if (!mobilityFor(r, iface, h.ip)) {
        const unattached = r.dynamicEids.find((d) => (d.instanceId ?? 0) === homeIid && covers(d.prefix, h.ip));
        cx.add(
          'error',
          C.moveWithoutMobility,
          cx.yamlAt(t.path, h.source?.line),
          `${h.name} (${h.ip}) ${t.path.endsWith('.at') ? 'starts on' : 'may move to'} ${r.name} ${iface.name}, which has no lisp mobility covering it: it is never detected or registered there (PROTOCOL.md F10/F11)`,
          unattached
            ? `add \`lisp mobility ${unattached.name}\` to ${iface.name} on ${r.name}`
            : `define a dynamic-eid on ${r.name} whose database-mapping covers ${h.ip} and attach it with \`lisp mobility NAME\` on ${iface.name}`,
        );
      }
      if (iface.mobility.length > 0 && !iface.extendedSubnet && peers(h).length > 0) needsProxy.set(iface, { r, h });
      if (t.path.endsWith('.at') || segmentOf(t.a) === home || peers(h).length === 0) continue;
      // PROTOCOL.md F12/F13: on another L2 segment, same-subnet peers keep each other's MACs until
      // their ARP entries age out; an expected violation of strict intra-subnet reachability.
      const sameSubnet = [iface.address, ...iface.secondary.map((x) => x.address)].some(
        (a, n) => a !== undefined && inSubnet(h.ip, a, n === 0 ? (iface.prefixLength ?? 32) : iface.secondary[n - 1].prefixLength),
      );
      const homeIface = cx.router(h.at.router)?.interfaces.find((i) => i.name === h.at.iface);
      const anycast = sameSubnet && iface.address !== undefined && iface.address === homeIface?.address;
      const how = anycast
        ? '(same subnet and anycast gateway at both xTRs, on separate L2 segments)'
        : sameSubnet
          ? '(same subnet configured at both xTRs, on separate L2 segments)'
          : '(an across-subnet move, ASM)';
      cx.add(
        'info',
        C.intraSubnetNote,
        cx.yamlAt(t.path, h.source?.line),
        `${h.name} and ${peers(h)
          .map((p) => p.name)
          .join(
            ', ',
          )} share ${network(h.ip, h.prefixLength)}; after ${h.name} moves to ${r.name} ${iface.name} ${how} their ARP entries for each other are stale until re-resolved, so intra-subnet-reachability is expected to be violated (PROTOCOL.md F12/F13)`,
        sameSubnet
          ? 'expected while the segments are separate; declaring them one segment (extended subnet, ESM) avoids it, and proxy reply on the xTRs makes it recover'
          : 'expected in across-subnet mode; only an extended subnet (ESM) avoids it, and proxy reply on the xTRs makes it recover',
      );
    }
  });
  // PROTOCOL.md §2.8/§2.10: recovery needs the xTRs to answer ARP for away/remote EIDs.
  for (const [iface, { r, h }] of needsProxy) {
    if (iface.proxyArp || iface.nbrProxyReply) continue;
    cx.add(
      'warning',
      C.noProxyReply,
      cx.ifaceAt(r, iface, 'proxyArp'),
      `${r.name} ${iface.name} has \`no ip proxy-arp\` and no nbr-proxy-reply: once ${h.name} has moved, ARP between it and its same-subnet peers is never answered, so intra-subnet traffic never recovers (PROTOCOL.md F12/F13)`,
      `add \`lisp mobility ${iface.mobility[0]} nbr-proxy-reply requests 3\` or remove \`no ip proxy-arp\``,
    );
  }
}
