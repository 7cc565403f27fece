// The world's machine states by actor id, as a persistent (immutable, structure-sharing) table.
// PURE. A hash array mapped trie (HAMT, 32-way): `set` and `delete` copy only the path to one
// entry (a few arrays of at most 32 slots) instead of the whole table. A plain Record was copied
// whole on every step that changed an actor, which was ~45% of a 32-site / 256-host model's step
// time (1,024 actors; issue 9). A trie over the id's hash needs nothing from the model, so a
// World stays a value that any model-free reader (traces, properties, render) can read.
//
// Iteration follows insertion order, exactly as the Record it replaces did (a new id goes last, an
// update keeps its place, a delete forgets it): every entry carries the sequence number it was
// inserted with. Readers that stop at the first match (registration-authenticated) so report
// what they always did.

import type { Snap } from '../machines/machineRunner.js';

class Entry {
  constructor(
    readonly h: number,
    readonly id: string,
    readonly snap: Snap,
    /** Insertion order (see the header). */
    readonly seq: number,
  ) {}
}

/** Entries whose 32-bit hashes are equal (rare: a trie cannot split them). */
class Bucket {
  constructor(
    readonly h: number,
    readonly entries: readonly Entry[],
  ) {}
}

class Node {
  constructor(
    /** Bit i set: slot i (5 bits of the hash at this level) is present, at kids[popcount(below)]. */
    readonly bitmap: number,
    readonly kids: readonly Kid[],
  ) {}
}

type Kid = Node | Entry | Bucket;

/** An id with its actorIdHash, as an actor ref (actorRef.ts) carries them. */
export interface HashedId {
  readonly id: string;
  readonly hash: number;
}

const BITS = 5;
const MASK = 31;

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 63;
}

/**
 * A 32-bit hash of an id (FNV-1a, then murmur3's finaliser), memoised: ids are built once per
 * parts (idCache.ts), so a lookup finds the same string object, whose own hash V8 keeps; when they
 * were built anew at each use the memo cost more than the loop (issue 9).
 * Exported for tests (to build colliding ids).
 */
export function actorIdHash(id: string): number {
  // A step asks for the same id several times in a row (look up, then store).
  if (id === lastId) return lastHash;
  const known = idHashes.get(id);
  if (known !== undefined) {
    lastId = id;
    lastHash = known;
    return known;
  }
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  lastId = id;
  lastHash = h >>> 0;
  // Bounded like the id caches: ids are few per model, the table module-wide.
  if (idHashes.size >= 100_000) idHashes.clear();
  idHashes.set(id, lastHash);
  return lastHash;
}

let lastId = '';
let lastHash = 0;
const idHashes = new Map<string, number>();

function find(kid: Kid | undefined, h: number, id: string): Entry | undefined {
  let shift = 0;
  while (kid !== undefined) {
    if (kid instanceof Node) {
      const bit = 1 << ((h >>> shift) & MASK);
      if ((kid.bitmap & bit) === 0) return undefined;
      kid = kid.kids[popcount(kid.bitmap & (bit - 1))];
      shift += BITS;
    } else if (kid instanceof Entry) {
      return kid.h === h && kid.id === id ? kid : undefined;
    } else {
      if (kid.h !== h) return undefined;
      for (const e of kid.entries) if (e.id === id) return e;
      return undefined;
    }
  }
  return undefined;
}

/** Two different leaves that meet at `shift`: a node (or a chain of them) that holds both. */
function join(a: Entry | Bucket, b: Entry, shift: number): Kid {
  if (a.h === b.h) return new Bucket(a.h, a instanceof Bucket ? [...a.entries, b] : [a, b]);
  const ia = (a.h >>> shift) & MASK;
  const ib = (b.h >>> shift) & MASK;
  // Distinct 32-bit hashes differ in some 5-bit slice by shift 30, so this ends.
  if (ia === ib) return new Node(1 << ia, [join(a, b, shift + BITS)]);
  return new Node((1 << ia) | (1 << ib), ia < ib ? [a, b] : [b, a]);
}

/**
 * The entry `put` replaced (undefined: the id was new). `set` and `delete` each walk the trie once,
 * finding the old entry on the way down, where they walked it to look first and again to change it:
 * with ~1,000 actors every walk is a few dependent loads far apart in memory (issue 9).
 */
let replaced: Entry | undefined;

/**
 * `kid` with `id` mapped to `snap` (replacing the entry of the same id, which keeps its insertion
 * number; a new id gets `seq`); `kid` itself when the id already maps to `snap`.
 */
function put(kid: Kid | undefined, h: number, id: string, snap: Snap, seq: number, shift: number): Kid {
  if (kid === undefined) return new Entry(h, id, snap, seq);
  if (kid instanceof Node) {
    const bit = 1 << ((h >>> shift) & MASK);
    const i = popcount(kid.bitmap & (bit - 1));
    if ((kid.bitmap & bit) === 0) {
      const kids = kid.kids.slice();
      kids.splice(i, 0, new Entry(h, id, snap, seq));
      return new Node(kid.bitmap | bit, kids);
    }
    const old = kid.kids[i];
    const sub = put(old, h, id, snap, seq, shift + BITS);
    if (sub === old) return kid;
    const kids = kid.kids.slice();
    kids[i] = sub;
    return new Node(kid.bitmap, kids);
  }
  if (kid instanceof Entry) {
    if (kid.h !== h || kid.id !== id) return join(kid, new Entry(h, id, snap, seq), shift);
    replaced = kid;
    return kid.snap === snap ? kid : new Entry(h, id, snap, kid.seq);
  }
  if (kid.h !== h) return join(kid, new Entry(h, id, snap, seq), shift);
  const at = kid.entries.findIndex((x) => x.id === id);
  const entries = kid.entries.slice();
  if (at < 0) entries.push(new Entry(h, id, snap, seq));
  else {
    const old = kid.entries[at];
    replaced = old;
    if (old.snap === snap) return kid;
    entries[at] = new Entry(h, id, snap, old.seq);
  }
  return new Bucket(kid.h, entries);
}

/** `kid` without the entry of `id`: `kid` itself when there is none, undefined when nothing is left. */
function remove(kid: Kid, h: number, id: string, shift: number): Kid | undefined {
  if (kid instanceof Entry) return kid.h === h && kid.id === id ? undefined : kid;
  if (kid instanceof Bucket) {
    if (kid.h !== h || !kid.entries.some((x) => x.id === id)) return kid;
    const entries = kid.entries.filter((x) => x.id !== id);
    return entries.length === 1 ? entries[0] : new Bucket(kid.h, entries);
  }
  const bit = 1 << ((h >>> shift) & MASK);
  if ((kid.bitmap & bit) === 0) return kid;
  const i = popcount(kid.bitmap & (bit - 1));
  const old = kid.kids[i];
  const sub = remove(old, h, id, shift + BITS);
  if (sub === old) return kid;
  if (sub === undefined) {
    if (kid.kids.length === 1) return undefined;
    // A node left with one leaf is replaced by the leaf, so paths stay as short as they can.
    if (kid.kids.length === 2) {
      const other = kid.kids[1 - i];
      if (!(other instanceof Node)) return other;
    }
    const kids = kid.kids.slice();
    kids.splice(i, 1);
    return new Node(kid.bitmap & ~bit, kids);
  }
  if (kid.kids.length === 1 && !(sub instanceof Node)) return sub;
  const kids = kid.kids.slice();
  kids[i] = sub;
  return new Node(kid.bitmap, kids);
}

function each(kid: Kid | undefined, f: (e: Entry) => void): void {
  if (kid === undefined) return;
  if (kid instanceof Entry) f(kid);
  else if (kid instanceof Bucket) for (const e of kid.entries) f(e);
  else for (const k of kid.kids) each(k, f);
}

/**
 * Every entry below `kid`, as `pick` gives it, pushed to `out`: `each` without a closure per call,
 * for `diff`, which runs at every step of a search (a closure per call was most of what it
 * allocated; issue 9).
 */
function collect<T>(kid: Kid | undefined, out: T[], pick: (e: Entry) => T): void {
  if (kid === undefined) return;
  if (kid instanceof Entry) out.push(pick(kid));
  else if (kid instanceof Bucket) for (const e of kid.entries) out.push(pick(e));
  else for (const k of kid.kids) collect(k, out, pick);
}

const ids = (e: Entry): string => e.id;
const entries = (e: Entry): Entry => e;

/**
 * Ids whose entry differs between two tries (added, removed, or mapped to another snap object),
 * pushed to `out`. Tables derived from one another share every untouched subtree, so a subtree
 * met on both sides by identity holds no change and is skipped: a step that changes k actors
 * costs O(k log n), not O(n).
 */
function diff(a: Kid | undefined, b: Kid | undefined, out: string[]): void {
  if (a === b) return;
  if (a instanceof Node && b instanceof Node) {
    let bits = a.bitmap | b.bitmap;
    while (bits !== 0) {
      const bit = bits & -bits;
      bits ^= bit;
      const ka = (a.bitmap & bit) === 0 ? undefined : a.kids[popcount(a.bitmap & (bit - 1))];
      const kb = (b.bitmap & bit) === 0 ? undefined : b.kids[popcount(b.bitmap & (bit - 1))];
      diff(ka, kb, out);
    }
    return;
  }
  // The common cases of a step, without collecting: one entry updated, added or removed.
  if (a instanceof Entry && b instanceof Entry) {
    if (a.id !== b.id) out.push(a.id, b.id);
    else if (a.snap !== b.snap) out.push(a.id);
    return;
  }
  if (a === undefined || b === undefined) {
    collect(a ?? b, out, ids);
    return;
  }
  // A leaf against a node or a bucket (a leaf that moved up or down a level: join, remove): the
  // entries below this slot, compared id by id; the leaf side is small.
  const ea: Entry[] = [];
  const eb: Entry[] = [];
  collect(a, ea, entries);
  collect(b, eb, entries);
  for (const e of ea) {
    const o = eb.find((x) => x.id === e.id);
    if (o === undefined || o.snap !== e.snap) out.push(e.id);
  }
  for (const e of eb) if (!ea.some((x) => x.id === e.id)) out.push(e.id);
}

export class ActorTable {
  /**
   * Entries in insertion order, built when first asked for (a table never changes). A private (#)
   * field is no property: two tables of the same entries stay deep-equal whichever was asked.
   */
  #ordered: Entry[] | undefined;

  /**
   * What readers derived from this table (see `derived`), by the reader's key: the first two in
   * two fields each, any further ones in a Map. Private (#) fields, so they are no properties either.
   */
  #memoKey: object | undefined;
  #memoValue: unknown;
  /** The second: the built-in monitors' readers are two (registryFacts.ts, localDyns.ts), and a Map per table cost them more than their facts saved. */
  #memoKey2: object | undefined;
  #memoValue2: unknown;
  #memoMore: Map<object, unknown> | undefined;

  private constructor(
    private readonly root: Kid | undefined,
    /** Number of entries. */
    readonly size: number,
    /** The sequence number the next new id gets. */
    private readonly nextSeq: number,
  ) {}

  static readonly EMPTY = new ActorTable(undefined, 0, 0);

  /** A table of `entries`, inserted in their order (a later duplicate id replaces in place). */
  static fromEntries(entries: Iterable<readonly [string, Snap]>): ActorTable {
    let t = ActorTable.EMPTY;
    for (const [id, s] of entries) t = t.set(id, s);
    return t;
  }

  /**
   * The ids whose machine state differs between `a` and `b` (present in one only, or another snap
   * object), each once, in no particular order. Cost grows with the changes, not the table, when
   * one table was derived from the other (a step's before and after): see `diff`. A snap replaced
   * by an equal copy counts as changed; readers that re-evaluate changed ids lose nothing by it.
   */
  static changedIds(a: ActorTable, b: ActorTable): string[] {
    const out: string[] = [];
    diff(a.root, b.root, out);
    return out;
  }

  get(id: string): Snap | undefined {
    return find(this.root, actorIdHash(id), id)?.snap;
  }

  /** get, by an id whose hash (actorIdHash) the caller keeps: the engine's actor refs (actorRef.ts). */
  getRef(ref: HashedId): Snap | undefined {
    return find(this.root, ref.hash, ref.id)?.snap;
  }

  has(id: string): boolean {
    return find(this.root, actorIdHash(id), id) !== undefined;
  }

  /** This table with `id` mapped to `snap`: a new id goes last in iteration order, a known one keeps its place. */
  set(id: string, snap: Snap): ActorTable {
    return this.setHashed(id, actorIdHash(id), snap);
  }

  /** set, by an actor ref (getRef). */
  setRef(ref: HashedId, snap: Snap): ActorTable {
    return this.setHashed(ref.id, ref.hash, snap);
  }

  private setHashed(id: string, h: number, snap: Snap): ActorTable {
    replaced = undefined;
    const root = put(this.root, h, id, snap, this.nextSeq, 0);
    if (root === this.root) return this; // the id already maps to this snap
    const known = replaced !== undefined;
    return new ActorTable(root, known ? this.size : this.size + 1, known ? this.nextSeq : this.nextSeq + 1);
  }

  delete(id: string): ActorTable {
    return this.deleteHashed(id, actorIdHash(id));
  }

  /** delete, by an actor ref (getRef). */
  deleteRef(ref: HashedId): ActorTable {
    return this.deleteHashed(ref.id, ref.hash);
  }

  private deleteHashed(id: string, h: number): ActorTable {
    if (this.root === undefined) return this;
    const root = remove(this.root, h, id, 0);
    return root === this.root ? this : new ActorTable(root, this.size - 1, this.nextSeq);
  }

  /** This table without the ids `drop` selects, the rest in their order. */
  filterOut(drop: (id: string) => boolean): ActorTable {
    let t: ActorTable = this;
    for (const e of this.inOrder()) if (drop(e.id)) t = t.delete(e.id);
    return t;
  }

  /** [id, snap] pairs in insertion order. */
  entries(): [string, Snap][] {
    return this.inOrder().map((e) => [e.id, e.snap]);
  }

  /** Ids in insertion order. */
  keys(): string[] {
    return this.inOrder().map((e) => e.id);
  }

  /** Every entry, in no particular order (cheapest: for order-free sums such as the fingerprint). */
  forEachUnordered(f: (id: string, snap: Snap) => void): void {
    each(this.root, (e) => f(e.id, e.snap));
  }

  /**
   * A value a reader derived from this table, remembered with it under the reader's `key`
   * (undefined: none yet). A table never changes, so neither does what was derived from it.
   * Monitors keep per-world facts here (core/properties): a field write per step, where a
   * WeakMap entry per table cost more than the facts saved (issue 9).
   */
  derived(key: object): unknown {
    if (this.#memoKey === key) return this.#memoValue;
    return this.#memoKey2 === key ? this.#memoValue2 : this.#memoMore?.get(key);
  }

  /** Remember `value` under `key` (see `derived`); a later value for the key replaces it. */
  remember(key: object, value: unknown): void {
    if (this.#memoKey === undefined || this.#memoKey === key) {
      this.#memoKey = key;
      this.#memoValue = value;
    } else if (this.#memoKey2 === undefined || this.#memoKey2 === key) {
      this.#memoKey2 = key;
      this.#memoValue2 = value;
    } else (this.#memoMore ??= new Map()).set(key, value);
  }

  private inOrder(): Entry[] {
    let all = this.#ordered;
    if (all === undefined) {
      const found: Entry[] = [];
      each(this.root, (e) => found.push(e));
      all = found.sort((a, b) => a.seq - b.seq);
      this.#ordered = all;
    }
    return all;
  }
}
