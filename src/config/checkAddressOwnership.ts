// Address ownership across the routers of a model: one address, one owner. Two routers'
// interfaces claiming one address (in one VRF) is an error when LISP sends to it (an RLOC or a
// map-server/map-resolver/PETR target), a warning otherwise; a proxy-itr locator or an RLOC that is
// another router's interface is a warning. Each diagnostic names both places (file:line). PURE.
// The world resolves ownership the same way (world/topology.ts `owner`: interfaces win).

import { diag, type Diagnostic } from '../core/diagnostic.js';
import type { InterfaceSpec, RouterSpec } from '../core/scenario.js';
import type { ModelSources } from './buildScenario.js';
import { CONFIG_CODES as C } from './configCodes.js';

interface Claim {
  router: RouterSpec;
  iface: InterfaceSpec;
  file: string;
  line?: number;
}

const at = (c: { file: string; line?: number }) => `${c.file}${c.line ? `:${c.line}` : ''}`;

export function checkAddressOwnership(routers: readonly RouterSpec[], sources: ModelSources): Diagnostic[] {
  const out: Diagnostic[] = [];
  const fileOf = (r: RouterSpec) => sources.routers[r.name]?.file ?? r.file ?? r.name;
  const byAddress = new Map<string, Claim[]>();
  for (const r of routers) {
    for (const i of r.interfaces) {
      const line = sources.routers[r.name]?.lines.interfaces[i.name]?.address ?? i.source?.line;
      for (const a of [i.address, ...i.secondary.map((s) => s.address)]) {
        if (a === undefined) continue;
        // Addresses of different VRFs never meet; `vrf` undefined is the global table.
        const key = `${i.vrf ?? ''}|${a}`;
        byAddress.set(key, [...(byAddress.get(key) ?? []), { router: r, iface: i, file: fileOf(r), ...(line ? { line } : {}) }]);
      }
    }
  }
  const lispTargets = new Set<string>(
    routers.flatMap((r) => [
      ...(r.rloc ? [r.rloc] : []),
      ...r.proxyItrRlocs,
      ...r.dynamicEids.flatMap((d) => d.rlocs),
      ...r.databaseMappings.flatMap((m) => m.rlocs),
      ...r.mapServers.map((m) => m.address),
      ...(r.mapResolver ? [r.mapResolver] : []),
      ...(r.usePetr ? [r.usePetr] : []),
    ]),
  );
  for (const [key, claims] of byAddress) {
    const address = key.slice(key.indexOf('|') + 1);
    // An anycast gateway (the same SVI address on every xTR that serves a roaming subnet, PROTOCOL.md
    // §2.8, SD-Access) is shared on purpose: any claim by a mobility interface is one, and so is
    // one address with one configured `mac-address` everywhere (a fabric gateway whose subnet is
    // not in LISP yet, as in the LISP/VXLAN workbook's lab 2).
    const oneMac = claims.every((c) => c.iface.mac === claims[0].iface.mac);
    if (claims.length < 2 || oneMac || claims.some((c) => c.iface.mobility.length > 0)) continue;
    const [first, ...rest] = claims;
    // Only an address LISP sends to needs one owner; a locally significant one (a guest-shell
    // VirtualPortGroup on two CSRs of Azure-LISP) is a warning.
    const severity = lispTargets.has(address) ? 'error' : 'warning';
    for (const c of rest) {
      out.push(
        diag(
          severity,
          C.addressOwnership,
          `${address} is configured on ${c.router.name} ${c.iface.name} and on ${first.router.name} ${first.iface.name} (${at(first)}): an address has one owner, and messages to it would reach only one of them`,
          { file: c.file, ...(c.line ? { line: c.line } : {}), hint: `give one of the interfaces another address (the other claim is at ${at(first)})` },
        ),
      );
    }
  }
  const ifaceOwner = (address: string) => byAddress.get(`|${address}`)?.[0];
  const owns = (r: RouterSpec, a: string) => r.interfaces.some((i) => i.address === a || i.secondary.some((s) => s.address === a) || i.virtualIps.includes(a));
  for (const r of routers) {
    const lines = sources.routers[r.name]?.lines.router;
    const here = { file: fileOf(r), ...(lines?.pitr ? { line: lines.pitr } : {}) };
    for (const a of r.proxyItrRlocs) {
      const other = ifaceOwner(a);
      if (!other || other.router === r || owns(r, a)) continue;
      out.push(
        diag(
          'warning',
          C.addressOwnership,
          `${r.name}: proxy-itr locator ${a} is the address of ${other.router.name} ${other.iface.name} (${at(other)}); Map-Replies and encapsulated packets for it go to ${other.router.name}, not to ${r.name}`,
          { ...here, hint: `use one of ${r.name}'s own addresses as its proxy-itr locator` },
        ),
      );
    }
    const rloc = r.rloc;
    if (rloc === undefined || r.proxyItrRlocs.includes(rloc) || owns(r, rloc)) continue;
    const other = ifaceOwner(rloc);
    if (!other || other.router === r) continue;
    const setLine = Object.values(sources.routers[r.name]?.lines.locatorSets ?? {})[0] ?? lines?.routerLisp;
    out.push(
      diag(
        'warning',
        C.addressOwnership,
        `${r.name}: its RLOC ${rloc} (no locator of its own is configured) is the address of ${other.router.name} ${other.iface.name} (${at(other)}); packets to ${r.name}'s EIDs would reach ${other.router.name}`,
        { file: fileOf(r), ...(setLine ? { line: setLine } : {}), hint: `list one of ${r.name}'s own interfaces in its locator-set (\`IPv4-interface NAME\`)` },
      ),
    );
  }
  return out;
}
