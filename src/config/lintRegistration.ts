// Lint of the registration path: map-server / map-resolver / PETR targets exist and have the
// role, each EID an xTR registers is accepted by a site (F8 accept-more-specifics) with the same
// key (F7), and roles are complete. PURE. Codes in configCodes.ts.

import type { RouterSpec } from '../core/scenario.js';
import { CONFIG_CODES as C } from './configCodes.js';
import { covers, prefixLength } from './ipv4.js';
import type { LintContext, Where } from './lintContext.js';

/** Resolve a target address to a router with the role, or report why not. */
function target(cx: LintContext, r: RouterSpec, address: string, role: 'ms' | 'mr' | 'petr', where: Where): RouterSpec | undefined {
  const spec = {
    ms: { code: C.unknownMapServer, what: 'map-server', cmd: 'ipv4 map-server' },
    mr: { code: C.unknownMapResolver, what: 'map-resolver', cmd: 'ipv4 map-resolver' },
    petr: { code: C.unknownPetr, what: 'use-petr target', cmd: 'ipv4 proxy-etr' },
  }[role];
  // Messages to `address` reach its true owner (interface first, then RLOC/proxy-itr claims).
  const owner = cx.owner(address);
  if (owner?.[role]) return owner;
  if (!owner) {
    cx.add(
      'error',
      spec.code,
      where,
      `${r.name}: ${spec.what} ${address} is not an address of any router in the model`,
      `point it at the ${spec.what === 'use-petr target' ? 'PETR' : spec.what}'s address, or add that router's config to the model`,
    );
  } else {
    cx.add(
      'error',
      spec.code,
      where,
      `${r.name}: ${spec.what} ${address} belongs to ${owner.name}, which is not configured as one`,
      `add \`${spec.cmd}\` under router lisp on ${owner.name}, or point ${r.name} elsewhere`,
    );
  }
  return undefined;
}

export function lintRegistration(cx: LintContext): void {
  const reportedAms = new Set<string>();
  for (const r of cx.scenario.routers) {
    if (r.mapResolver !== undefined) target(cx, r, r.mapResolver, 'mr', cx.routerAt(r, 'mapResolver'));
    if (r.usePetr !== undefined) target(cx, r, r.usePetr, 'petr', cx.routerAt(r, 'usePetr'));
    roles(cx, r);
    for (const m of r.mapServers) {
      const at = m.source ?? cx.routerAt(r);
      const ms = target(cx, r, m.address, 'ms', at);
      if (!ms) continue;
      const iidText = (iid: number) => (iid === 0 ? '' : ` in instance-id ${iid}`);
      const eids = [
        ...r.dynamicEids.map((d) => ({
          prefix: d.prefix,
          iid: d.instanceId ?? 0,
          what: `dynamic-eid ${d.name} (${d.prefix}${iidText(d.instanceId ?? 0)})`,
          dynamic: true,
          where: d.source ?? cx.routerAt(r),
        })),
        ...r.databaseMappings.map((d) => ({ prefix: d.prefix, iid: d.instanceId ?? 0, what: `database-mapping ${d.prefix}${iidText(d.instanceId ?? 0)}`, dynamic: false, where: cx.routerAt(r) })),
      ];
      const keyReported = new Set<string>();
      for (const e of eids) {
        // RFC 9301 §4.1 / XE-YANG `eid-record instance-id N`: a site prefix accepts EIDs of its own instance-id only.
        const covering = ms.sites.flatMap((s) => s.prefixes.filter((p) => (p.instanceId ?? 0) === e.iid && covers(p.prefix, e.prefix)).map((p) => ({ s, p })));
        if (covering.length === 0) {
          const record = e.iid === 0 ? `eid-prefix ${e.prefix}` : `eid-record instance-id ${e.iid} ${e.prefix}`;
          cx.add(
            'error',
            C.eidNotCovered,
            e.where,
            `${r.name}: ${e.what} is in no site of map-server ${ms.name}; its registrations are rejected`,
            `add \`${record}${e.dynamic ? ' accept-more-specifics' : ''}\` to a site on ${ms.name}`,
          );
          continue;
        }
        // A dynamic-EID registers host /32s; a static mapping registers its own prefix.
        const accepts = (p: { prefix: string; acceptMoreSpecifics: boolean }) => p.acceptMoreSpecifics || (e.dynamic ? prefixLength(p.prefix) === 32 : p.prefix === e.prefix);
        const good = covering.filter((c) => accepts(c.p)).sort((a, b) => prefixLength(b.p.prefix) - prefixLength(a.p.prefix))[0];
        if (!good) {
          for (const { s, p } of covering) {
            const k = `${ms.name}|${s.name}|${e.iid}|${p.prefix}`;
            if (reportedAms.has(k)) continue;
            reportedAms.add(k);
            cx.add(
              'error',
              C.noAcceptMoreSpecifics,
              p.source ?? cx.routerAt(ms),
              `site ${s.name} on ${ms.name}: eid-prefix ${p.prefix} has no accept-more-specifics, so the /32 registrations of ${r.name}'s ${e.what} are rejected (PROTOCOL.md F8)`,
              `write \`${e.iid === 0 ? 'eid-prefix' : `eid-record instance-id ${e.iid}`} ${p.prefix} accept-more-specifics\``,
            );
          }
          continue;
        }
        if (good.s.key !== m.key && !keyReported.has(good.s.name)) {
          keyReported.add(good.s.name);
          cx.add(
            'error',
            C.keyMismatch,
            at,
            `${r.name}: the key of \`etr map-server ${m.address}\` differs from the authentication-key of site ${good.s.name} on ${ms.name}, which accepts its ${e.what}; every Map-Register for it fails authentication (PROTOCOL.md F7)`,
            `use the same key on both: \`ipv4 etr map-server ${m.address} key K\` and \`authentication-key K\` in site ${good.s.name}`,
          );
        }
      }
    }
  }
}

/** Roles that cannot work as configured (PROTOCOL.md §5.1 role rows). */
function roles(cx: LintContext, r: RouterSpec): void {
  const hasEids = r.dynamicEids.length + r.databaseMappings.length > 0;
  if (hasEids && r.mapServers.length === 0) {
    cx.add('warning', C.roleIncomplete, cx.routerAt(r, 'routerLisp'), `${r.name} has EIDs but no \`etr map-server\`: it registers them nowhere`, 'add `ipv4 etr map-server A key K`');
  }
  if (r.mapServers.length > 0 && !r.etr) {
    cx.add('warning', C.roleIncomplete, r.mapServers[0].source ?? cx.routerAt(r), `${r.name} names a map-server but has no \`ipv4 etr\`: it never registers`, 'add `ipv4 etr`');
  }
  // A border that is itself the map-resolver resolves locally (co-located MS/MR/PxTR, AZ-LISP).
  if (r.itr && r.mapResolver === undefined && !r.mr) {
    cx.add('warning', C.roleIncomplete, cx.routerAt(r, 'itr'), `${r.name} is an ITR without a map-resolver: it cannot resolve EIDs`, 'add `ipv4 itr map-resolver A`');
  }
  if (r.pitr && r.mapResolver === undefined && !r.mr) {
    cx.add('warning', C.roleIncomplete, cx.routerAt(r, 'pitr'), `${r.name} is a PITR without a map-resolver: it cannot resolve EIDs`, 'add `ipv4 itr map-resolver A`');
  }
  // XE-YANG: `site` is Map-Server configuration; without `map-server` the router accepts no Map-Register.
  if (r.sites.length > 0 && !r.ms) {
    cx.add(
      'warning',
      C.roleIncomplete,
      r.sites[0].source ?? cx.routerAt(r),
      `${r.name} has site ${r.sites.map((x) => x.name).join(', ')} but is not a map-server: no registration is ever accepted there`,
      'add `ipv4 map-server` (or `map-server` under `service ipv4`), or remove the site',
    );
  }
}
