// One `hostAt` object per set of host places (issue 9), beside a World's places as hostsAt.ts
// indexes them. PURE. Readers key derived facts by the `hostAt` object (hostsAt.ts's index,
// enabled.ts's move starts, the fingerprint's memo, the monitors' registry facts): when every
// world of the same places holds the same object, what was derived for one serves them all, and
// a walk's runs or a search's paths that move hosts away and back derive nothing again.

import { hostMoved } from './hostsAt.js';
import { IdCache } from './idCache.js';
import { stringLanes } from './key.js';
import type { Topology } from './topology.js';

type HostAt = Readonly<Record<string, string>>;

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
