// Which hosts are attached where, as an index beside a World's `hostAt`.
// PURE. Delivering a frame or an ARP broadcast asks which hosts are on a segment; scanning every
// host of the model for that made each L2 delivery cost O(hosts) (issue 9: 16% of a 32-site /
// 256-host model's step). The index is memoised per `hostAt` object (worlds share it until a
// host moves) and derived from the previous one on a move, so a step pays O(hosts on the segment).

import type { SegmentT, Topology } from './topology.js';

type HostAt = Readonly<Record<string, string>>;
/** Host names by attachment (`router iface`), each list in the model's host order. */
type Index = ReadonlyMap<string, readonly string[]>;

const indexes = new WeakMap<HostAt, Index>();

/** Host names by attachment for `hostAt`. */
export function hostsByAttachment(topo: Topology, hostAt: HostAt): Index {
  let ix = indexes.get(hostAt);
  if (ix === undefined) {
    const m = new Map<string, string[]>();
    for (const name of topo.hosts.keys()) {
      const at = hostAt[name];
      if (at === undefined) continue;
      const list = m.get(at);
      if (list) list.push(name);
      else m.set(at, [name]);
    }
    for (const [at, list] of m) m.set(at, interned(list) as string[]);
    ix = m;
    indexes.set(hostAt, ix);
  }
  return ix;
}

/**
 * Record the index of `next`, the `hostAt` after `host` moved from `from` to `to`, from that of
 * `prev` when it is known (two lists change); otherwise it is built when first asked for.
 */
export function hostMoved(topo: Topology, prev: HostAt, next: HostAt, host: string, from: string | undefined, to: string): void {
  movedFrom.set(next, { prev, host });
  const old = indexes.get(prev);
  if (old === undefined) return;
  const m = new Map(old);
  if (from !== undefined) {
    const left = (m.get(from) ?? []).filter((h) => h !== host);
    if (left.length) m.set(from, interned(left));
    else m.delete(from);
  }
  const order = topo.hostOrder;
  const mine = order.get(host) ?? -1;
  const list = (m.get(to) ?? []).filter((h) => h !== host);
  let i = list.length;
  while (i > 0 && (order.get(list[i - 1]) ?? -1) > mine) i--;
  list.splice(i, 0, host);
  m.set(to, interned(list));
  indexes.set(next, m);
}

/**
 * One list object per list of names: a host that moves away and back (or any world where the
 * same hosts share a segment) hands out the same list, which callers key caches by (dataplane.ts
 * arpRow). Bounded like the id caches.
 */
function interned(list: readonly string[]): readonly string[] {
  const key = list.join('\n');
  const known = lists.get(key);
  if (known !== undefined) return known;
  if (lists.size >= 100_000) lists.clear();
  lists.set(key, list);
  return list;
}

const lists = new Map<string, readonly string[]>();

const movedFrom = new WeakMap<HostAt, { prev: HostAt; host: string }>();

/** The `hostAt` this one was made from by moving one host (hostMoved), if it was. */
export function parentHostAt(hostAt: HostAt): { prev: HostAt; host: string } | undefined {
  return movedFrom.get(hostAt);
}

/** Hosts with MAC `mac`, in the model's host order. */
export function hostsWithMac(topo: Topology, mac: string): readonly string[] {
  return topo.hostsByMac.get(mac) ?? NONE;
}

const NONE: readonly string[] = [];

/** The attachments (`router iface`) of a segment's interfaces. */
export function attachmentsOf(seg: SegmentT): ReadonlySet<string> {
  return seg.attachments;
}

/**
 * Hosts attached to segment `seg`, in the model's host order: one list object per segment and
 * index (a segment of several attachments, a stretched one, is merged once per index), which
 * callers may key caches by (dataplane.ts arpRow).
 */
export function hostsOnSegment(topo: Topology, hostAt: HostAt, seg: SegmentT): readonly string[] {
  const ix = hostsByAttachment(topo, hostAt);
  const at = attachmentsOf(seg);
  if (at.size === 1) for (const a of at) return ix.get(a) ?? NONE;
  let bySeg = merged.get(ix);
  if (bySeg === undefined) {
    bySeg = new Map();
    merged.set(ix, bySeg);
  }
  let all = bySeg.get(seg);
  if (all === undefined) {
    const list: string[] = [];
    for (const a of at) for (const h of ix.get(a) ?? NONE) list.push(h);
    const order = topo.hostOrder;
    all = interned(list.sort((a, b) => (order.get(a) ?? -1) - (order.get(b) ?? -1)));
    bySeg.set(seg, all);
  }
  return all;
}

/** Merged lists of segments with several attachments, by index and segment. */
const merged = new WeakMap<Index, Map<SegmentT, readonly string[]>>();
