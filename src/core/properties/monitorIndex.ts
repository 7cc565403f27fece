// What the built-in monitors look up about a model, computed once per model. PURE (a memo per
// Model object; a model never changes). A monitor that re-evaluates only the hosts a step touched
// (issue 9: a 32-site / 256-host model spent ~90% of `check` rebuilding actor ids for every host
// and router on every step) maps a changed actor id back to its hosts here, instead of building
// `dyn|router|eid` strings for every pair to compare.

import { dynId, msId } from '../world/dataplane.js';
import type { Model } from '../world/model.js';
import { mapServerOf, type HostT, type RouterT } from '../world/topology.js';

export interface MonitorIndex {
  /** The model's hosts, in model order (the order monitors judge them in). */
  hosts: readonly HostT[];
  /** Each host's position in `hosts`. */
  hostIndex: ReadonlyMap<string, number>;
  /** Hosts by EID key, positions in `hosts`. */
  hostsByEid: ReadonlyMap<string, readonly number[]>;
  /** The model's routers, in model order. */
  routers: readonly RouterT[];
  /** The routers with a Map-Server (`map-server`), in model order: each mapping system judged. */
  servers: readonly RouterT[];
  /** `dyn|router|eid` of every (router, host) pair: the router's position and the hosts with that EID. */
  dyn: ReadonlyMap<string, { router: number; hosts: readonly number[] }>;
  /** `ms|server|eid` of every (server, host) pair: the server's position in `servers` and the hosts. */
  ms: ReadonlyMap<string, { server: number; hosts: readonly number[] }>;
  /** Per host, its dyn actor id at each router (router order). */
  dynIds: readonly (readonly string[])[];
  /** Per host, its ms actor id at each server (server order). */
  msIds: readonly (readonly string[])[];
  /**
   * The server that judges a host attached at a router: the one the router registers with, else
   * the first of the model (single-authoritative-rloc: the diagnosis names a missing
   * `etr map-server`). Positions in `servers`; undefined without any server.
   */
  judgeOf(router: string): number | undefined;
  /** The router of a `hostAt` attachment (`router iface`): the split each monitor made, remembered. */
  routerAt(attachment: string): string;
  /** Host `i`'s dyn actor id at `router` (dynIds' string, not a new one, for a router of the model). */
  dynIdAt(i: number, router: string): string;
}

const indexes = new WeakMap<Model, MonitorIndex>();

export function monitorIndex(model: Model): MonitorIndex {
  // Asked several times a step, nearly always of the model asked last: answered without the WeakMap.
  if (model === lastModel) return lastIndex!;
  let ix = indexes.get(model);
  if (ix === undefined) {
    ix = build(model);
    indexes.set(model, ix);
  }
  lastModel = model;
  lastIndex = ix;
  return ix;
}

let lastModel: Model | undefined;
let lastIndex: MonitorIndex | undefined;

function build(model: Model): MonitorIndex {
  const topo = model.topo;
  const hosts = [...topo.hosts.values()];
  const routers = [...topo.routers.values()];
  const servers = routers.filter((r) => r.spec.ms);
  const hostsByEid = new Map<string, number[]>();
  hosts.forEach((h, i) => {
    const list = hostsByEid.get(h.eid);
    if (list) list.push(i);
    else hostsByEid.set(h.eid, [i]);
  });
  const dyn = new Map<string, { router: number; hosts: number[] }>();
  const ms = new Map<string, { server: number; hosts: number[] }>();
  const dynIds = hosts.map((h, i) =>
    routers.map((r, ri) => {
      const id = dynId(r.name, h.eid);
      const e = dyn.get(id);
      if (e) e.hosts.push(i);
      else dyn.set(id, { router: ri, hosts: [i] });
      return id;
    }),
  );
  const msIds = hosts.map((h, i) =>
    servers.map((r, si) => {
      const id = msId(r.name, h.eid);
      const e = ms.get(id);
      if (e) e.hosts.push(i);
      else ms.set(id, { server: si, hosts: [i] });
      return id;
    }),
  );
  const judges = new Map<string, number | undefined>();
  const judgeOf = (router: string) => {
    if (judges.has(router)) return judges.get(router);
    const own = mapServerOf(topo, router);
    const j = servers.length === 0 ? undefined : own ? servers.indexOf(own) : 0;
    judges.set(router, j);
    return j;
  };
  const attached = new Map<string, string>();
  const routerAt = (attachment: string) => {
    let r = attached.get(attachment);
    if (r === undefined) {
      r = attachment.split(' ')[0];
      attached.set(attachment, r);
    }
    return r;
  };
  const routerIndex = new Map(routers.map((r, i) => [r.name, i]));
  const dynIdAt = (i: number, router: string) => {
    const ri = routerIndex.get(router);
    return ri === undefined ? dynId(router, hosts[i].eid) : dynIds[i][ri];
  };
  return { hosts, hostIndex: new Map(hosts.map((h, i) => [h.name, i])), hostsByEid, routers, servers, dyn, ms, dynIds, msIds, judgeOf, routerAt, dynIdAt };
}
