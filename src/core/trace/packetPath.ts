// Where each packet of a trace has been: the nodes it crossed, in order, and how it ended.
// PURE. Built step by step from observations and the messages that carry packets, for the
// explorer's topology view (render/traceHtml.ts).

import type { Model } from '../world/model.js';
import type { Observation } from '../world/observation.js';
import type { Msg } from '../world/world.js';
import { msgEnds } from './snapshot.js';

export interface PacketPath {
  id: number;
  src: string;
  dst: string;
  /** Hosts, clients and routers, in the order the packet reached them (no repeats in a row). */
  hops: string[];
  fate?: 'delivered' | 'dropped';
  reason?: string;
}

/**
 * Extend `paths` with one step: its observations, then the packet-carrying messages it put in
 * flight. Returns the ids of the packets the step moved, in first-seen order.
 */
export function extendPaths(model: Model, paths: Map<number, PacketPath>, obs: readonly Observation[], sent: readonly Msg[]): number[] {
  const touched: number[] = [];
  const isNode = (n: string) => model.topo.routers.has(n) || model.topo.hosts.has(n) || model.topo.clients.has(n);
  const visit = (pkt: { id: number; src: string; dst: string }, ...nodes: string[]) => {
    let p = paths.get(pkt.id);
    if (!p) {
      // Paths are replaced, never mutated, so earlier steps keep what they showed.
      p = { id: pkt.id, src: pkt.src, dst: pkt.dst, hops: [] };
    } else p = { ...p, hops: [...p.hops] };
    for (const n of nodes) if (isNode(n) && p.hops.at(-1) !== n) p.hops.push(n);
    paths.set(pkt.id, p);
    if (!touched.includes(pkt.id)) touched.push(pkt.id);
    return p;
  };
  for (const o of obs) {
    if (o.kind === 'sent') visit(o.pkt, o.pkt.src);
    else if (o.kind === 'itr') visit(o.pkt, o.itr);
    else if (o.kind === 'encap') visit(o.pkt, o.itr, model.topo.owner.get(o.rloc) ?? o.rloc);
    else if (o.kind === 'fate') {
      const p = visit(o.pkt, o.at);
      p.fate = o.fate;
      if (o.reason) p.reason = o.reason;
    }
  }
  for (const m of sent) {
    if (!('pkt' in m)) continue;
    // An encapsulation was already noted up to its ETR: the message repeats the same hop.
    const [from, to] = msgEnds(model, m);
    const last = paths.get(m.pkt.id)?.hops.at(-1);
    if (last === to) visit(m.pkt);
    else if (last === from) visit(m.pkt, to);
    else visit(m.pkt, from, to);
  }
  return touched;
}
