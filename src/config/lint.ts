// Static lint of a loaded model: config mistakes that break host mobility, found without
// exploring (PROTOCOL.md §4 F7–F13). PURE. Registration-path checks are in lintRegistration.ts;
// this file holds the mobility-interface checks and the entry point.

import type { Diagnostic } from '../core/diagnostic.js';
import type { HostSpec, InterfaceSpec, RouterSpec, Scenario } from '../core/scenario.js';
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

/** The dynamic-EID attached to `iface` that covers `ip`, if any. */
function mobilityFor(r: RouterSpec, iface: InterfaceSpec, ip: string) {
  return r.dynamicEids.find((d) => iface.mobility.includes(d.name) && covers(d.prefix, ip));
}

function lintDynamicEids(cx: LintContext): void {
  const byPrefix = new Map<string, { r: RouterSpec; i: InterfaceSpec }[]>();
  const byName = new Map<string, { r: RouterSpec; prefix: string }>();
  for (const r of cx.scenario.routers) {
    for (const d of r.dynamicEids) {
      if (!r.interfaces.some((i) => i.mobility.includes(d.name))) {
        cx.add('warning', C.dynEidUnattached, d.source ?? cx.routerAt(r), `${r.name}: dynamic-eid ${d.name} is on no interface, so hosts in ${d.prefix} are never detected here (PROTOCOL.md F10)`,
          `add \`lisp mobility ${d.name}\` to the server-facing interface, or remove the dynamic-eid`);
      }
      const seen = byName.get(d.name);
      if (seen && seen.prefix !== d.prefix) {
        cx.add('warning', C.inconsistentDynEid, d.source ?? cx.routerAt(r), `dynamic-eid ${d.name} is ${d.prefix} on ${r.name} but ${seen.prefix} on ${seen.r.name}`,
          'CISCO-VMCMD: database-mapping of a roaming dynamic-EID must be the same on every xTR');
      } else if (!seen) byName.set(d.name, { r, prefix: d.prefix });
    }
    for (const i of r.interfaces) {
      for (const name of i.mobility) {
        const d = r.dynamicEids.find((x) => x.name === name);
        if (!d) continue;
        const list = byPrefix.get(d.prefix) ?? [];
        if (!list.some((x) => x.r === r && x.i === i)) list.push({ r, i });
        byPrefix.set(d.prefix, list);
      }
    }
  }
  // PROTOCOL.md §2.8 / F9: a moved VM keeps its gateway's MAC, so every interface a roaming range
  // lands on must own that MAC (same `mac-address` in ASM, same FHRP vMAC in ESM).
  const reported = new Set<InterfaceSpec>();
  for (const [prefix, list] of byPrefix) {
    const [ref, ...rest] = list;
    const refMacs = [ref.i.mac, ...ref.i.virtualMacs];
    for (const e of rest) {
      if (reported.has(e.i) || [e.i.mac, ...e.i.virtualMacs].some((m) => refMacs.includes(m))) continue;
      reported.add(e.i);
      cx.add('warning', C.gatewayMacMismatch, cx.ifaceAt(e.r, e.i, 'mac'),
        `${e.r.name} ${e.i.name} (MAC ${e.i.mac}) and ${ref.r.name} ${ref.i.name} (MAC ${ref.i.mac}) both serve ${prefix} but share no gateway MAC: a host that moves between them keeps sending to the old one and is not detected (PROTOCOL.md F9)`,
        `configure the same \`mac-address ${ref.i.mac}\` (or the same HSRP group) on every interface with lisp mobility for ${prefix}`);
    }
  }
}

function lintHosts(cx: LintContext): void {
  const hosts = cx.scenario.hosts;
  const peers = (h: HostSpec) => hosts.filter((o) => o !== h && inSubnet(o.ip, h.ip, h.prefixLength));
  const segmentOf = (a: { router: string; iface: string }) =>
    cx.scenario.segments.find((s) => s.interfaces.some((x) => x.router === a.router && x.iface === a.iface));
  const needsProxy = new Map<InterfaceSpec, { r: RouterSpec; h: HostSpec }>();
  hosts.forEach((h, k) => {
    if (h.moves.length === 0) return;
    const targets = [{ a: h.at, path: `hosts[${k}].at` }, ...h.moves.map((a, j) => ({ a, path: `hosts[${k}].moves[${j}]` }))];
    const home = segmentOf(h.at);
    for (const t of targets) {
      const r = cx.router(t.a.router);
      const iface = r?.interfaces.find((i) => i.name === t.a.iface);
      if (!r || !iface) continue;
      if (!mobilityFor(r, iface, h.ip)) {
        const unattached = r.dynamicEids.find((d) => covers(d.prefix, h.ip));
        cx.add('error', C.moveWithoutMobility, cx.yamlAt(t.path, h.source?.line),
          `${h.name} (${h.ip}) ${t.path.endsWith('.at') ? 'starts on' : 'may move to'} ${r.name} ${iface.name}, which has no lisp mobility covering it: it is never detected or registered there (PROTOCOL.md F10/F11)`,
          unattached ? `add \`lisp mobility ${unattached.name}\` to ${iface.name} on ${r.name}` : `define a dynamic-eid on ${r.name} whose database-mapping covers ${h.ip} and attach it with \`lisp mobility NAME\` on ${iface.name}`);
      }
      if (iface.mobility.length > 0 && !iface.extendedSubnet && peers(h).length > 0) needsProxy.set(iface, { r, h });
      if (t.path.endsWith('.at') || segmentOf(t.a) === home || peers(h).length === 0) continue;
      // PROTOCOL.md F12/F13: across subnets, same-subnet peers keep each other's MACs until their
      // ARP entries age out; an expected violation of strict intra-subnet reachability, not a mistake.
      cx.add('info', C.intraSubnetNote, cx.yamlAt(t.path, h.source?.line),
        `${h.name} and ${peers(h).map((p) => p.name).join(', ')} share ${network(h.ip, h.prefixLength)}; after ${h.name} moves to ${r.name} ${iface.name} (across subnets) their ARP entries for each other are stale until re-resolved, so intra-subnet-reachability is expected to be violated (PROTOCOL.md F12/F13)`,
        'expected in across-subnet mode; only an extended subnet (ESM) avoids it, and proxy reply on the xTRs makes it recover');
    }
  });
  // PROTOCOL.md §2.8/§2.10: recovery needs the xTRs to answer ARP for away/remote EIDs.
  for (const [iface, { r, h }] of needsProxy) {
    if (iface.proxyArp || iface.nbrProxyReply) continue;
    cx.add('warning', C.noProxyReply, cx.ifaceAt(r, iface, 'proxyArp'),
      `${r.name} ${iface.name} has \`no ip proxy-arp\` and no nbr-proxy-reply: once ${h.name} has moved, ARP between it and its same-subnet peers is never answered, so intra-subnet traffic never recovers (PROTOCOL.md F12/F13)`,
      `add \`lisp mobility ${iface.mobility[0]} nbr-proxy-reply requests 3\` or remove \`no ip proxy-arp\``);
  }
}
