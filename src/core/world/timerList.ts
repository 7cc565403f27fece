// The world's pending timers, sorted by key, as a persistent (immutable, structure-sharing) list.
// PURE. Chunks of at most 64 timers under one short index: arming or cancelling a timer copies
// one chunk and the index, not the whole list, and the earliest deadline is the least of the
// chunks' (each chunk knows its own). A plain sorted array was copied on every arm and scanned
// for its earliest deadline on every step: with a 32-site / 256-host model's ~1,000 timers
// that was ~20% of a step and much of its garbage (issue 9).
//
// Readers see a read-only list: length, iteration in key order, and the array methods they used
// (find, some, filter, map), so code written for `readonly Timer[]` reads it unchanged.

import type { Timer } from './world.js';

const MAX = 64;

class Chunk {
  /** Least deadline in the chunk. */
  readonly min: number;

  /** `min`: the least deadline when the caller knows it (carried from the chunk it changed). */
  constructor(
    readonly timers: readonly Timer[],
    min?: number,
  ) {
    if (min === undefined) {
      min = Infinity;
      for (const t of timers) if (t.deadline < min) min = t.deadline;
    }
    this.min = min;
  }
}

/** Index of the chunk that holds, or would hold, `key`: the last whose first key is <= key (0 if none). */
function chunkFor(chunks: readonly Chunk[], key: string): number {
  let lo = 0;
  let hi = chunks.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (chunks[mid].timers[0].key <= key) lo = mid;
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

  private constructor(
    private readonly chunks: readonly Chunk[],
    readonly length: number,
  ) {}

  static readonly EMPTY = new TimerList([], 0);

  /** A list of `timers` (any order; keys distinct). */
  static from(timers: Iterable<Timer>): TimerList {
    const sorted = [...timers].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    const chunks: Chunk[] = [];
    for (let i = 0; i < sorted.length; i += MAX / 2) chunks.push(new Chunk(sorted.slice(i, i + MAX / 2)));
    return new TimerList(chunks, sorted.length);
  }

  get(key: string): Timer | undefined {
    if (this.length === 0) return undefined;
    const c = this.chunks[chunkFor(this.chunks, key)].timers;
    const i = slotFor(c, key);
    return i < c.length && c[i].key === key ? c[i] : undefined;
  }

  /** This list with `t` in it, in place of the timer of the same key if there is one. */
  set(t: Timer): TimerList {
    if (this.length === 0) return new TimerList([new Chunk([t])], 1);
    const ci = chunkFor(this.chunks, t.key);
    const old = this.chunks[ci].timers;
    const i = slotFor(old, t.key);
    const replace = i < old.length && old[i].key === t.key;
    const timers = old.slice();
    const prev = this.chunks[ci].min;
    // The least deadline carried forward, rescanned only when the replaced timer may have held it.
    const min = replace && timers[i].deadline === prev && t.deadline > prev ? undefined : Math.min(prev, t.deadline);
    if (replace) timers[i] = t;
    else timers.splice(i, 0, t);
    const chunks = this.chunks.slice();
    // A full chunk splits in two halves, so each stays short to copy.
    if (timers.length > MAX) chunks.splice(ci, 1, new Chunk(timers.slice(0, MAX / 2)), new Chunk(timers.slice(MAX / 2)));
    else chunks[ci] = new Chunk(timers, min);
    return new TimerList(chunks, replace ? this.length : this.length + 1);
  }

  /** This list without the timer `key` (itself when there is none). */
  delete(key: string): TimerList {
    if (this.length === 0) return this;
    const ci = chunkFor(this.chunks, key);
    const old = this.chunks[ci].timers;
    const i = slotFor(old, key);
    if (i >= old.length || old[i].key !== key) return this;
    const chunks = this.chunks.slice();
    if (old.length === 1) chunks.splice(ci, 1);
    else {
      const timers = old.slice();
      const [gone] = timers.splice(i, 1);
      chunks[ci] = new Chunk(timers, gone.deadline === this.chunks[ci].min ? undefined : this.chunks[ci].min);
    }
    return new TimerList(chunks, this.length - 1);
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

  *[Symbol.iterator](): Iterator<Timer> {
    for (const c of this.chunks) yield* c.timers;
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
