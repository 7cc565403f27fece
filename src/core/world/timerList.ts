// The world's pending timers, sorted by key, as a persistent (immutable, structure-sharing) list.
// PURE. Chunks of at most 64 timers under one short index: arming or cancelling a timer copies
// one chunk and the index, not the whole list, and the earliest deadline is the least of the
// chunks' (each chunk knows its own). A plain sorted array was copied on every arm and scanned
// for its earliest deadline on every step: with a 32-site / 256-host model's ~1,000 timers
// that was ~20% of a step and much of its garbage (issue 9).
//
// Readers see a read-only list: length, iteration in key order, and the array methods they used
// (find, some, filter, map, forEach), so code written for `readonly Timer[]` reads it unchanged.

import { fmix, stringLanes } from './key.js';
import { isControlRetransmission } from './retransmission.js';
import type { Timer } from './world.js';

const MAX = 64;

/**
 * A timer's two 32-bit hash lanes (its key and deadline): the list keeps their sum, so exhaustive
 * search fingerprints the timers in O(1) instead of hashing each one on every state (issue 9).
 */
export function timerLanes(t: Timer): readonly [number, number] {
  const k = stringLanes(t.key);
  const lo = t.deadline >>> 0;
  const hi = Math.floor(t.deadline / 0x100000000) >>> 0;
  return [fmix(k[0] ^ fmix(lo ^ 0x27d4eb2f)) ^ hi, fmix(Math.imul(k[1] + lo, 0x85ebca6b) ^ fmix(hi + 0x165667b1))];
}

class Chunk {
  /** The transaction that made this chunk and may still change it in place (see TimerList.set). */
  #edit: number | undefined;

  /**
   * The first timer's key (timers[0].key, kept equal on every change): the binary search over
   * chunks (chunkFor) reads one field per probe instead of following chunk, array and timer to the
   * key, dependent loads far apart in memory with a 256-host model's ~1,000 timers (issue 9).
   */
  first: string;

  constructor(
    public timers: Timer[],
    /** Least deadline in the chunk (computed when not given). */
    public min = minOf(timers),
    edit?: number,
  ) {
    this.#edit = edit;
    this.first = timers[0].key;
  }

  ownedBy(edit: number | undefined): boolean {
    return edit !== undefined && this.#edit === edit;
  }
}

function minOf(timers: readonly Timer[]): number {
  let min = Infinity;
  for (const t of timers) if (t.deadline < min) min = t.deadline;
  return min;
}

/** Index of the chunk that holds, or would hold, `key`: the last whose first key is <= key (0 if none). */
function chunkFor(chunks: readonly Chunk[], key: string): number {
  let lo = 0;
  let hi = chunks.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (chunks[mid].first <= key) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Where `key` is, or would go, in a chunk. */
function slotFor(timers: readonly Timer[], key: string): number {
  let lo = 0;
  let hi = timers.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (timers[mid].key < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export class TimerList implements Iterable<Timer> {
  /**
   * The earliest deadline and the keys due then, built when first asked for. A private (#) field
   * is no property: two lists of the same timers stay deep-equal whichever was asked (and a
   * WeakMap beside the lists cost more than the scan it saved).
   */
  #due: { deadline: number; keys: readonly string[] } | undefined;

  /** The transaction that made this list and may still change it in place (see set). */
  #edit: number | undefined;

  /**
   * Sums (mod 2^32) of the timers' hash lanes (timerLanes): an order-free hash of the list, kept
   * as timers come and go once some list it descends from was asked for it (`#hashed`). Random
   * mode never asks, and then arming a timer costs no hashing.
   */
  #h0 = 0;
  #h1 = 0;
  #hashed = false;

  /** Control-plane retransmission timers in the list (retransmission.ts), kept as timers come and go: the quiet test reads it at every step. */
  #retx = 0;

  private constructor(
    private readonly chunks: Chunk[],
    private count: number,
    edit?: number,
  ) {
    this.#edit = edit;
  }

  /** How many of the timers are control-plane retransmissions (retransmission.ts). */
  get retransmissions(): number {
    return this.#retx;
  }

  /**
   * The order-free hash of the timers (key and deadline of each), as two 32-bit lanes, each read
   * on its own: exhaustive search asks once per explored transition, and a pair kept on the list
   * was ~50 bytes more in every stored world, for the collector to copy (issue 9). Signed, as
   * fmix's results are (key.ts): the same bits, held as small integers.
   */
  lane0(): number {
    return this.hashed() ? this.#h0 | 0 : 0;
  }

  lane1(): number {
    return this.hashed() ? this.#h1 | 0 : 0;
  }

  /** Whether the list has lanes to read (it is not empty), summing them the first time asked. */
  private hashed(): boolean {
    // The empty list is shared (EMPTY): answered without marking it, so lists built from it stay unhashed.
    if (this.count === 0) return false;
    if (!this.#hashed) {
      this.#h0 = 0;
      this.#h1 = 0;
      this.#hashed = true;
      for (const c of this.chunks) for (const t of c.timers) this.addLanes(t, 1);
    }
    return true;
  }

  private addLanes(t: Timer, sign: 1 | -1): void {
    if (!this.#hashed) return;
    const h = timerLanes(t);
    this.#h0 = (this.#h0 + sign * h[0]) >>> 0;
    this.#h1 = (this.#h1 + sign * h[1]) >>> 0;
  }

  static readonly EMPTY = new TimerList([], 0);

  /** A list of `timers` (any order; keys distinct). */
  static from(timers: Iterable<Timer>): TimerList {
    const sorted = [...timers].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    const chunks: Chunk[] = [];
    for (let i = 0; i < sorted.length; i += MAX / 2) chunks.push(new Chunk(sorted.slice(i, i + MAX / 2)));
    const list = new TimerList(chunks, sorted.length);
    for (const t of sorted) if (isControlRetransmission(t)) list.#retx++;
    return list;
  }

  get length(): number {
    return this.count;
  }

  get(key: string): Timer | undefined {
    if (this.count === 0) return undefined;
    const c = this.chunks[chunkFor(this.chunks, key)].timers;
    const i = slotFor(c, key);
    return i < c.length && c[i].key === key ? c[i] : undefined;
  }

  /**
   * This list with `t` in it, in place of the timer of the same key if there is one. `edit`: a
   * transaction's token (tx.ts). A list or chunk made under the same token is changed in place,
   * as nobody else has seen it yet, so a step that arms and cancels several timers copies the
   * index and each chunk it touches once (a transient, as in Clojure); without one, or once the
   * transaction is over, every change copies and nothing ever seen changes.
   */
  set(t: Timer, edit?: number): TimerList {
    if (this.count === 0) {
      const one = new TimerList([new Chunk([t], t.deadline, edit)], 1, edit);
      one.#hashed = this.#hashed;
      one.addLanes(t, 1);
      one.#retx = isControlRetransmission(t) ? 1 : 0;
      return one;
    }
    const ci = chunkFor(this.chunks, t.key);
    const before = this.chunks[ci];
    const i = slotFor(before.timers, t.key);
    const replace = i < before.timers.length && before.timers[i].key === t.key;
    // The least deadline carried forward, rescanned only when the replaced timer may have held it.
    const rescan = replace && before.timers[i].deadline === before.min && t.deadline > before.min;
    const min = Math.min(before.min, t.deadline);
    const out = this.writable(edit);
    // The earliest timers stay what they were when this one is later and replaces none of them.
    const due = this.#due;
    out.#due = due !== undefined && t.deadline > due.deadline && !(replace && before.timers[i].deadline === due.deadline) ? due : undefined;
    if (replace) {
      out.addLanes(before.timers[i], -1);
      if (isControlRetransmission(before.timers[i])) out.#retx--;
    }
    out.addLanes(t, 1);
    if (isControlRetransmission(t)) out.#retx++;
    let c: Chunk;
    if (replace) {
      c = out.writableChunk(ci, edit);
      c.timers[i] = t;
    } else {
      out.count++;
      if (before.ownedBy(edit)) {
        c = before;
        c.timers.splice(i, 0, t);
        if (i === 0) c.first = t.key;
      } else {
        // Copied with the new timer in place: a copy then a splice would copy twice.
        const old = before.timers;
        const timers: Timer[] = new Array(old.length + 1);
        for (let k = 0; k < i; k++) timers[k] = old[k];
        timers[i] = t;
        for (let k = i; k < old.length; k++) timers[k + 1] = old[k];
        c = new Chunk(timers, before.min, edit);
        out.chunks[ci] = c;
      }
    }
    c.min = rescan ? minOf(c.timers) : min;
    // A full chunk splits in two halves, so each stays short to copy.
    if (c.timers.length > MAX) out.chunks.splice(ci, 1, new Chunk(c.timers.slice(0, MAX / 2), undefined, edit), new Chunk(c.timers.slice(MAX / 2), undefined, edit));
    return out;
  }

  /** This list without the timer `key` (itself when there is none); `edit` as for set. */
  delete(key: string, edit?: number): TimerList {
    if (this.count === 0) return this;
    const ci = chunkFor(this.chunks, key);
    const before = this.chunks[ci];
    const i = slotFor(before.timers, key);
    if (i >= before.timers.length || before.timers[i].key !== key) return this;
    const out = this.writable(edit);
    const due = this.#due;
    out.#due = due !== undefined && before.timers[i].deadline !== due.deadline ? due : undefined;
    out.addLanes(before.timers[i], -1);
    if (isControlRetransmission(before.timers[i])) out.#retx--;
    out.count--;
    if (before.timers.length === 1) out.chunks.splice(ci, 1);
    else if (before.ownedBy(edit)) {
      const c = before;
      const gone = c.timers[i];
      // Shifted in place: splice returned an array, and destructuring it ran the iterator protocol.
      const timers = c.timers;
      for (let k = i + 1; k < timers.length; k++) timers[k - 1] = timers[k];
      timers.pop();
      if (i === 0) c.first = timers[0].key;
      if (gone.deadline === c.min) c.min = minOf(timers);
    } else {
      // Copied without the timer: a copy then a splice would copy twice.
      const old = before.timers;
      const gone = old[i];
      const timers: Timer[] = new Array(old.length - 1);
      for (let k = 0; k < i; k++) timers[k] = old[k];
      for (let k = i + 1; k < old.length; k++) timers[k - 1] = old[k];
      out.chunks[ci] = new Chunk(timers, gone.deadline === before.min ? minOf(timers) : before.min, edit);
    }
    return out;
  }

  /** This list if `edit` made it, else a copy (of the index only) that `edit` may change. */
  private writable(edit: number | undefined): TimerList {
    if (edit !== undefined && this.#edit === edit) return this;
    const copy = new TimerList(this.chunks.slice(), this.count, edit);
    copy.#h0 = this.#h0;
    copy.#h1 = this.#h1;
    copy.#hashed = this.#hashed;
    copy.#retx = this.#retx;
    return copy;
  }

  /** Chunk `ci` of this (writable) list, copied first unless `edit` made it. */
  private writableChunk(ci: number, edit: number | undefined): Chunk {
    const c = this.chunks[ci];
    if (c.ownedBy(edit)) return c;
    const copy = new Chunk(c.timers.slice(), c.min, edit);
    this.chunks[ci] = copy;
    return copy;
  }

  /** The earliest deadline and the keys of the timers due then, in key order (none: Infinity, []). */
  earliest(): { deadline: number; keys: readonly string[] } {
    let due = this.#due;
    if (due === undefined) {
      let deadline = Infinity;
      for (const c of this.chunks) if (c.min < deadline) deadline = c.min;
      const keys: string[] = [];
      for (const c of this.chunks) if (c.min === deadline) for (const t of c.timers) if (t.deadline === deadline) keys.push(t.key);
      due = { deadline, keys };
      this.#due = due;
    }
    return due;
  }

  /** In key order. A plain iterator, not a generator: exhaustive search fingerprints every world's timers. */
  [Symbol.iterator](): Iterator<Timer> {
    const chunks = this.chunks;
    let ci = 0;
    let i = 0;
    return {
      next: (): IteratorResult<Timer> => {
        while (ci < chunks.length) {
          const c = chunks[ci].timers;
          if (i < c.length) return { value: c[i++], done: false };
          ci++;
          i = 0;
        }
        return { value: undefined, done: true };
      },
    };
  }

  /**
   * Each chunk's timers (in key order), with the chunk as a key for memos: lists share the chunks
   * a step did not touch, so a sum over the timers memoised per chunk (hostImage.ts) costs a
   * lookup a chunk, not one a timer.
   */
  forEachChunk(f: (timers: readonly Timer[], chunk: object) => void): void {
    for (const c of this.chunks) f(c.timers, c);
  }

  forEach(f: (t: Timer) => void): void {
    for (const c of this.chunks) for (const t of c.timers) f(t);
  }

  /** Every timer in key order, as an array. */
  toArray(): Timer[] {
    const out: Timer[] = [];
    for (const c of this.chunks) for (const t of c.timers) out.push(t);
    return out;
  }

  find(pred: (t: Timer) => boolean): Timer | undefined {
    for (const c of this.chunks) for (const t of c.timers) if (pred(t)) return t;
    return undefined;
  }

  some(pred: (t: Timer) => boolean): boolean {
    return this.find(pred) !== undefined;
  }

  filter(pred: (t: Timer) => boolean): Timer[] {
    return this.toArray().filter(pred);
  }

  map<U>(f: (t: Timer) => U): U[] {
    return this.toArray().map((t) => f(t));
  }
}
