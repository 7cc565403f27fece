// stateFingerprint: one 64-bit fingerprint (two uint32 words) of a (world, monitor) state of
// exhaustive search, mixed numerically from the world's fingerprint and a hash of the monitor's key.
// PURE. The world fingerprint (world/key.ts) is a 53-bit number today: `splitWorldFingerprint` is
// the one place that knows it, so a 64-bit world fingerprint later changes only that function and
// WORLD_FINGERPRINT_BITS.

import type { Property } from '../properties/property.js';
// key.ts's fmix (murmur3's finaliser) is the Feistel mix's round function below.
import { fmix, hash2 } from '../world/key.js';

/**
 * Bits of the world fingerprint. They bound the state fingerprint's: two states with equal
 * monitor keys collide exactly when their worlds' fingerprints do (the mix below is a bijection
 * for a fixed monitor key), so collision estimates use 2^53, not 2^64.
 */
export const WORLD_FINGERPRINT_BITS = 53;

/** The world fingerprint as two uint32 words (hi holds its top 21 bits). */
export function splitWorldFingerprint(fp: number): { hi: number; lo: number } {
  return { hi: Math.floor(fp / 0x100000000) >>> 0, lo: fp >>> 0 };
}

/**
 * The hash of `property.key(s)` as two uint32 words, memoised per monitor-state object: monitor
 * states are immutable (a step returns a new state or the same one), and most steps return the
 * same one, so the key's text is built about once per distinct monitor state, not once per state.
 */
export function monitorHasher<S>(property: Property<S>): (s: S) => readonly [number, number] {
  const cache = new WeakMap<object, readonly [number, number]>();
  return (s) => {
    if (typeof s !== 'object' || s === null) return hash2(property.key(s));
    let h = cache.get(s);
    if (h === undefined) {
      h = hash2(property.key(s));
      cache.set(s, h);
    }
    return h;
  };
}

/**
 * `next`, or `prev` when `next` is a fresh object with the same fields (by identity): monitors
 * build a new state object on most steps even when nothing in it changed, and each new object
 * costs monitorHasher a key text. Monitor states are immutable, so the two are interchangeable;
 * keeping `prev` lets the memoised hash hit and lets the collector take `next` at once.
 */
export function sameMonitor<S>(prev: S, next: S): S {
  if (next === prev || typeof next !== 'object' || next === null || typeof prev !== 'object' || prev === null) return next;
  if (Array.isArray(next) || Object.getPrototypeOf(next) !== Object.getPrototypeOf(prev)) return next;
  let n = 0;
  for (const k in next) {
    if (!Object.hasOwn(next, k)) continue;
    if ((next as Record<string, unknown>)[k] !== (prev as Record<string, unknown>)[k]) return next;
    n++;
  }
  for (const k in prev) if (Object.hasOwn(prev, k)) n--;
  return n === 0 ? prev : next;
}

/**
 * Mix the world's fingerprint with the monitor hash: a three-round Feistel network over the
 * world's (hi, lo) keyed by the monitor hash. A Feistel network is a bijection whatever its
 * round function, so states that differ only in the world never collide unless their world
 * fingerprints do; states with different monitor keys land apart like random 64-bit values.
 * Writes the result into `out`.
 */
export function stateFingerprint(worldFp: number, mon: readonly [number, number], out: { hi: number; lo: number }): void {
  // splitWorldFingerprint's words, without its object (this runs once per transition).
  let l = Math.floor(worldFp / 0x100000000) >>> 0;
  let r = worldFp >>> 0;
  l = (l ^ fmix(r ^ mon[0])) >>> 0;
  r = (r ^ fmix(l ^ mon[1])) >>> 0;
  l = (l ^ fmix((r + 0x9e3779b9) ^ mon[0])) >>> 0;
  out.hi = l;
  out.lo = r;
}
