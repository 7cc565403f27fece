// worldKey: a canonical fingerprint of a World for deduplication in exhaustive search.
// PURE. Independent of the order actors, timers and messages were created in, and of the ids
// given to messages and packets (two worlds that differ only in numbering are the same state).
// Worlds share unchanged parts by reference, so each part's text is memoised per object.

import type { Snap } from '../machines/machineRunner.js';
import type { Bounds } from '../scenario.js';
import type { Msg, World } from './world.js';

const snapText = new WeakMap<Snap, string>();
const msgText = new WeakMap<Msg, string>();
const actorsText = new WeakMap<object, string>();

/** `bounds`: leave out spent-budget counters whose budget is unlimited (they cannot change what happens next). */
export function worldKey(w: World, bounds?: Bounds): string {
  let actors = actorsText.get(w.actors);
  if (actors === undefined) {
    actors = Object.keys(w.actors)
      .sort()
      .map((id) => `${id}=${snapKey(w.actors[id])}`)
      .join(';');
    actorsText.set(w.actors, actors);
  }
  const msgs = w.msgs.map(msgKey).sort().join(';');
  return `${actors}|${msgs}|${worldKeyRest(w, bounds)}`;
}

function snapKey(s: Snap): string {
  let t = snapText.get(s);
  if (t === undefined) {
    t = s.v + JSON.stringify(s.c);
    snapText.set(s, t);
  }
  return t;
}

/** A message without its id (and its packet without the packet id). */
function msgKey(m: Msg): string {
  let t = msgText.get(m);
  if (t !== undefined) return t;
  const { id: _id, ...rest } = m;
  if ('pkt' in rest) {
    const { id: _pid, ...pkt } = rest.pkt;
    t = JSON.stringify({ ...rest, pkt });
  } else t = JSON.stringify(rest);
  msgText.set(m, t);
  return t;
}

/** Two independent 32-bit hashes of a string (FNV-1a and a murmur-style mix). */
export function hash2(s: string): [number, number] {
  let h1 = 0x811c9dc5;
  let h2 = 0x12345678;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    h2 ^= h2 >>> 15;
  }
  return [h1 >>> 0, h2 >>> 0];
}

const partHash = new WeakMap<object, [number, number]>();

function cachedHash(o: object, text: () => string): [number, number] {
  let h = partHash.get(o);
  if (!h) {
    h = hash2(text());
    partHash.set(o, h);
  }
  return h;
}

/** Fold a list of part hashes in a canonical (sorted) order. */
function foldSorted(parts: [number, number][]): [number, number] {
  parts.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let a = 0x9e3779b9;
  let b = 0x7f4a7c15;
  for (const [x, y] of parts) {
    a = Math.imul(a ^ x, 0x01000193) >>> 0;
    b = Math.imul((b ^ y) + 0x6b43a9b5, 0x5bd1e995) >>> 0;
    b ^= b >>> 13;
  }
  return [a >>> 0, b >>> 0];
}

/**
 * A 53-bit fingerprint of worldKey(w, bounds) computed from memoised hashes of the parts worlds
 * share (snapshots, messages, the actor table), so exhaustive search never builds the whole
 * key text. Equal keys give equal fingerprints; distinct keys collide with probability ~2^-53.
 */
export function worldFingerprint(w: World, bounds?: Bounds): number {
  const actors = cachedHash(w.actors, () => {
    const h = foldSorted(Object.keys(w.actors).map((id) => hash2(`${id}=${snapKey(w.actors[id])}`)));
    return `${h[0]},${h[1]}`;
  });
  const msgs = foldSorted(w.msgs.map((m) => cachedHash(m, () => msgKey(m))));
  const rest = hash2(worldKeyRest(w, bounds));
  const all = foldSorted([actors, msgs, rest]);
  // foldSorted is order-free; the three parts are tagged by position through rest's text.
  return all[0] * 0x200000 + (all[1] & 0x1fffff);
}

/** Everything but actors and messages, as text (small). */
function worldKeyRest(w: World, bounds?: Bounds): string {
  const timers = w.timers.map((t) => `${t.key}@${t.deadline}`).sort().join(';');
  const hosts = Object.keys(w.hostAt)
    .sort()
    .map((h) => `${h}@${w.hostAt[h]}`)
    .join(';');
  const queues = Object.keys(w.arpQueue)
    .sort()
    .map((k) => `${k}:${w.arpQueue[k].map((p) => `${p.src}>${p.dst}`).join(',')}`)
    .join(';');
  const u = w.used;
  const c = (n: number, limit: number | undefined) => (bounds && (limit ?? Infinity) === Infinity ? '' : String(n));
  const used = bounds
    ? [c(u.moves, bounds.moves), c(u.losses, bounds.losses), c(u.duplicates, bounds.duplicates), c(u.reboots, bounds.reboots), c(u.spoofs, bounds.spoofs), c(u.timerExpiries, bounds.timerExpiries), c(u.sends, bounds.sends), c(u.garps, bounds.garps)]
    : [u.moves, u.losses, u.duplicates, u.reboots, u.spoofs, u.timerExpiries, u.sends, u.garps];
  // Per-host move counters exist only for hosts with a per-host budget: left out when absent,
  // so the key of a scenario without one is unchanged.
  const hm = u.hostMoves;
  const perHost = hm ? `|${Object.keys(hm).sort().map((h) => `${h}:${hm[h]}`).join(',')}` : '';
  return `rest|${w.now}|${w.epoch}|${timers}|${hosts}|${queues}|${used.join(',')}${perHost}`;
}
