// Which hosts are attached where, as an index beside a World's `hostAt`.
// PURE. Delivering a frame or an ARP broadcast asks which hosts are on a segment; scanning every
// host of the model for that made each L2 delivery cost O(hosts) (issue 9: 16% of a 32-site /
// 256-host model's step). The index is memoised per `hostAt` object (worlds share it until a
// host moves) and derived from the previous one on a move, so a step pays O(hosts on the segment).

import { IdCache } from './idCache.js';
import { stringLanes } from './key.js';
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

/**
 * The `hostAt` after `host` moves from `from` to `to`: one object per content and topology (a
 * host that moves away and back is where it started, in the very object it started in), and one
 * per (prev, move), so a move repeated from the same places copies nothing. What readers key by
 * a `hostAt` object (this file's index, enabled.ts's move starts, the fingerprint's memo, the
 * monitors' registry facts) then carries over to every world of the same places (issue 9: each
 * run of a walk, and each path of a search, moved hosts into new objects and derived all that
 * again).
 */
export function hostAtAfterMove(topo: Topology, prev: HostAt, host: string, from: string | undefined, to: string): HostAt {
  let byMove = after.get(prev);
  if (byMove === undefined) {
    byMove = new Map();
    after.set(prev, byMove);
  }
  const k = moveKeys.get(host, to);
  let next = byMove.get(k);
  if (next === undefined) {
    const fresh = { ...prev, [host]: to };
    // The places' hash follows the move (one host's term out, one in), so finding the object of
    // these places costs no pass over every host unless a hash is shared (a 256-host model's
    // move spent most of its time writing the places out as text to look them up).
    const h = hostAtHash(topo, prev) - placeTerm(host, from) + placeTerm(host, to);
    next = canonicalBy(topo, fresh, h >>> 0);
    if (next === fresh) hostMoved(topo, prev, fresh, host, from, to);
    byMove.set(k, next);
  }
  return next;
}

/** The `hostAt` objects moves lead to, by the one moved from and the move. */
const after = new WeakMap<HostAt, Map<string, HostAt>>();
const moveKeys = new IdCache((host, to) => `${host}\n${to}`);

/** The one object of `hostAt`'s content for `topo` (the first seen): a run's start registers its own. */
export function canonicalHostAt(topo: Topology, hostAt: HostAt): HostAt {
  return canonicalBy(topo, hostAt, placesHash(topo, hostAt));
}

function placesHash(topo: Topology, hostAt: HostAt): number {
  let h = 0;
  for (const name of topo.hosts.keys()) h += placeTerm(name, hostAt[name]);
  return h >>> 0;
}

/** A canonical object's places hash (the sum of its hosts' place terms, mod 2^32). */
const hashes = new WeakMap<HostAt, number>();

function hostAtHash(topo: Topology, hostAt: HostAt): number {
  let h = hashes.get(hostAt);
  if (h === undefined) {
    // Not made here (a world built elsewhere, a trace's): hashed from its places.
    h = placesHash(topo, hostAt);
    hashes.set(hostAt, h);
  }
  return h;
}

/** The canonical object among those of places hash `h`: the first with `hostAt`'s places, else `hostAt` itself, registered. */
function canonicalBy(topo: Topology, hostAt: HostAt, h: number): HostAt {
  let byHash = canon.get(topo);
  if (byHash === undefined) {
    byHash = new Map();
    canon.set(topo, byHash);
  }
  const same = byHash.get(h);
  if (same !== undefined) {
    for (const c of same) if (samePlaces(topo, c, hostAt)) return c;
  }
  // Bounded by the places it holds (a 256-host object is ~10 kB): ~2M places, 100k objects at most.
  if (byHash.size >= Math.min(100_000, Math.floor(2_000_000 / Math.max(1, topo.hosts.size)))) byHash.clear();
  if (same !== undefined && byHash.has(h)) same.push(hostAt);
  else byHash.set(h, [hostAt]);
  hashes.set(hostAt, h);
  return hostAt;
}

function samePlaces(topo: Topology, a: HostAt, b: HostAt): boolean {
  for (const name of topo.hosts.keys()) if (a[name] !== b[name]) return false;
  return true;
}

const canon = new WeakMap<Topology, Map<number, HostAt[]>>();

/** A host's place's term of the places hash (a lane of the string hash of both names, key.ts), memoised. */
function placeTerm(host: string, at: string | undefined): number {
  let byAt = terms.get(host);
  if (byAt === undefined) {
    byAt = new Map();
    terms.set(host, byAt);
  }
  const key = at ?? '';
  let t = byAt.get(key);
  if (t === undefined) {
    t = stringLanes(`${host}\n${key}`)[0];
    if (byAt.size >= 10_000) byAt.clear();
    byAt.set(key, t);
  }
  return t;
}

const terms = new Map<string, Map<string, number>>();

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
