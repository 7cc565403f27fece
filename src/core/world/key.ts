// worldKey: a canonical fingerprint of a World for deduplication in exhaustive search.
// PURE. Independent of the order actors, timers and messages were created in, and of the ids
// given to messages and packets (two worlds that differ only in numbering are the same state).
// Worlds share unchanged parts by reference, so each part's text is memoised per object.

import type { Snap } from '../machines/machineRunner.js';
import type { ActorTable } from './actorTable.js';
import { snapText } from '../machines/snapText.js';
import type { Bounds } from '../scenario.js';
import { BUDGET_KEYS, type BudgetKey, isControl, type Msg, type Packet, type World } from './world.js';

const msgText = new WeakMap<Msg, string>();
const actorsText = new WeakMap<object, string>();

/** `bounds`: leave out spent-budget counters whose budget is unlimited (they cannot change what happens next). */
export function worldKey(w: World, bounds?: Bounds): string {
  let actors = actorsText.get(w.actors);
  if (actors === undefined) {
    actors = w.actors
      .entries()
      .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
      .map(([id, s]) => `${id}=${snapKey(s)}`)
      .join(';');
    actorsText.set(w.actors, actors);
  }
  const msgs = w.msgs.map(msgKey).sort().join(';');
  return `${actors}|${msgs}|${worldKeyRest(w, bounds)}`;
}

const snapKey = snapText;

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
  return [h1 | 0, h2 | 0];
}

/**
 * murmur3's finaliser: every input bit flips about half the output bits.
 *
 * Hashes here are 32-bit patterns and every consumer treats them as such (xor, Math.imul, sums
 * taken mod 2^32 with `>>> 0`, stores into Uint32Array/Int32Array), so they are returned as
 * signed int32 (`| 0`): V8 keeps an int32 as a small integer, while a uint32 of 2^31 or more is a
 * heap number, allocated when it leaves a function that is not inlined. As uint32 these returns
 * were 15-20 % of the bytes an exhaustive search allocated per transition (issue 9). The bits,
 * and so every fingerprint, are unchanged.
 */
export function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** A part's hash as two 32-bit lanes. */
export type Lanes = readonly [number, number];

function lanesOf(text: string): Lanes {
  const [a, b] = hash2(text);
  return [fmix(a), fmix(b ^ 0x9e3779b9)];
}

const textLanes = new WeakMap<object, Lanes>();

/**
 * The lanes of an immutable object's text, memoised per object (worlds share parts by reference).
 * `text` takes the object itself, so a call allocates no closure (it runs once per transition).
 */
function memoLanes<T extends object>(o: T, text: (o: T) => string): Lanes {
  let h = textLanes.get(o);
  if (h === undefined) {
    h = lanesOf(text(o));
    textLanes.set(o, h);
  }
  return h;
}

const stringCache = new Map<string, Lanes>();

/** A string's lanes, cached: actor ids, timer keys and messages' addresses, names and EIDs repeat. */
export function stringLanes(s: string): Lanes {
  let h = stringCache.get(s);
  if (h === undefined) {
    h = lanesOf(s);
    if (stringCache.size >= 100_000) stringCache.clear();
    stringCache.set(s, h);
  }
  return h;
}

/**
 * One actor table entry's contribution: a mix of the id's and the snapshot's lanes. Entries are
 * summed (mod 2^32 per lane), so the table's hash is order-free and can be updated one entry at a
 * time (Zobrist-style: subtract the old entry, add the new) as a transaction changes actors.
 */
export function actorTerm(id: string, s: Snap): Lanes {
  const i = stringLanes(id);
  const v = memoLanes(s, snapKey);
  return [fmix((i[0] ^ Math.imul(v[0], 0xcc9e2d51)) + 0x6b43a9b5), fmix(Math.imul(i[1] + v[1], 0x1b873593) ^ i[0])];
}

/**
 * `acc[at]`, `acc[at + 1]` plus `sign` times actorTerm(id, s), mod 2^32, without the term's
 * array: a transaction updates its carried table hash this way for every actor it changes.
 * `id` may be given as its lanes (stringLanes(id)), which an actor ref keeps (actorRef.ts).
 */
export function addActorTerm(acc: number[], at: number, id: string | Lanes, s: Snap, sign: 1 | -1): void {
  const i = typeof id === 'string' ? stringLanes(id) : id;
  const v = memoLanes(s, snapKey);
  acc[at] = (acc[at] + sign * fmix((i[0] ^ Math.imul(v[0], 0xcc9e2d51)) + 0x6b43a9b5)) >>> 0;
  acc[at + 1] = (acc[at + 1] + sign * fmix(Math.imul(i[1] + v[1], 0x1b873593) ^ i[0])) >>> 0;
}

const actorsLanes = new WeakMap<object, Lanes>();

/** The actor table's hash, if already known (computed or carried forward by a transaction). */
export function knownActorsHash(actors: object): Lanes | undefined {
  return actorsLanes.get(actors);
}

/** Record a table's hash carried forward incrementally (tx.ts), so it is never recomputed. */
export function rememberActorsHash(actors: object, h: Lanes): void {
  actorsLanes.set(actors, h);
}

export function actorsHash(actors: ActorTable): Lanes {
  let h = actorsLanes.get(actors);
  if (h === undefined) {
    let a = 0;
    let b = 0;
    actors.forEachUnordered((id, s) => {
      const t = actorTerm(id, s);
      a = (a + t[0]) >>> 0;
      b = (b + t[1]) >>> 0;
    });
    h = [a, b];
    actorsLanes.set(actors, h);
  }
  return h;
}

/**
 * One in-flight message's lanes: a hash of its fields without ids (what msgKey's text holds),
 * hashed field by field rather than from msgKey's JSON text, which was built for every new
 * message of every explored transition (issue 9). Not memoised: hashing again costs what a
 * WeakMap entry per message did.
 */
export function msgLanes(m: Msg): Lanes {
  foldMsg(m);
  return [fmix(run[0]), fmix(run[1] ^ run[0])];
}

/** `acc[at]`, `acc[at + 1]` plus `sign` times msgLanes(m), mod 2^32, without the lanes' array (tx.ts, once per message in or out). */
export function addMsgLanes(acc: number[], at: number, m: Msg, sign: 1 | -1): void {
  foldMsg(m);
  const a = run[0];
  acc[at] = (acc[at] + sign * fmix(a)) >>> 0;
  acc[at + 1] = (acc[at + 1] + sign * fmix(run[1] ^ a)) >>> 0;
}

/**
 * The running lanes of a message's hash. They live in a module Int32Array rather than returned
 * pairs or module variables: this runs for every message into and out of flight at every explored
 * transition; each pair was garbage, and each store of a 32-bit value into a module variable boxed
 * a heap number. Only the bits matter (every operation on a lane is a 32-bit one).
 */
const run = new Int32Array(2);

/**
 * A message's running lanes, left in `run`: its type, send time and every field of its variant
 * but the id (and its packet's but the packet id: worldKey's text holds the same), folded in a
 * fixed order, each with a tag of its kind. Written out per variant rather than walking the
 * object's keys: the walk (for-in, a keyed load and a kind test per field) was three quarters of
 * the hashing, and hashing messages a seventh of an exhaustive search (issue 9). A field left
 * out here would merge states that differ in it: test/unit/world/msgLanes.test.ts changes every
 * field of messages met on walks over every model and expects the hash to change.
 */
function foldMsg(m: Msg): void {
  run[0] = 0x3c6ef372;
  run[1] = 0xa54ff53a;
  foldString(m.type);
  foldNumber(m.sentAt);
  // Every control message starts src, dst, eid.
  if (isControl(m)) {
    foldString(m.src);
    foldString(m.dst);
    foldString(m.eid);
  }
  switch (m.type) {
    case 'map-register':
      foldStrings(m.rlocs);
      foldString(m.key);
      foldValue(m.refresh);
      foldValue(m.withdraw);
      foldValue(m.ts);
      return;
    case 'map-notify':
      foldStrings(m.rlocs);
      foldValue(m.solicited);
      foldValue(m.ts);
      return;
    case 'map-notify-ack':
      return;
    case 'map-request':
      foldValue(m.nonce);
      foldString(m.itr);
      foldValue(m.smrInvoked);
      foldString(m.leg);
      return;
    case 'smr':
      foldString(m.record);
      return;
    case 'map-reply':
      foldStrings(m.rlocs);
      foldString(m.action);
      foldString(m.ttl);
      foldValue(m.ttlMinutes);
      foldValue(m.nonce);
      return;
    case 'data':
      foldString(m.src);
      foldString(m.dst);
      foldPacket(m.pkt);
      return;
    case 'ip':
      foldString(m.to);
      foldPacket(m.pkt);
      foldValue(m.transit);
      return;
    case 'frame':
      foldString(m.seg);
      foldString(m.srcMac);
      foldString(m.dstMac);
      foldPacket(m.pkt);
      foldString(m.fromHost);
      foldString(m.ingress);
      return;
    case 'arp':
      foldString(m.seg);
      foldString(m.op);
      foldString(m.senderIp);
      foldString(m.senderMac);
      foldString(m.targetIp);
      foldString(m.dstMac);
      foldString(m.fromHost);
      foldValue(m.gratuitous);
      return;
    case 'probe':
      foldString(m.seg);
      foldString(m.router);
      foldString(m.iface);
      foldString(m.hostIp);
      return;
    case 'probe-reply':
      foldString(m.seg);
      foldString(m.router);
      foldString(m.hostIp);
      foldString(m.fromHost);
      return;
    default: {
      // Every variant is a case above: the compiler rejects one added to the union and not here.
      const unknown: never = m;
      throw new Error(`msgLanes: no fold for message ${JSON.stringify(unknown)}`);
    }
  }
}

/** A packet without its id. */
function foldPacket(p: Packet): void {
  foldString(p.src);
  foldString(p.dst);
  foldString(p.srcIp);
  foldString(p.dstIp);
  foldValue(p.iid);
}

/** A string field (undefined told apart from every string). */
function foldString(v: string | undefined): void {
  if (v === undefined) {
    run[0] = fold(run[0] ^ 8, 0);
    run[1] = fold(run[1] ^ 8, 0);
    return;
  }
  const h = stringLanes(v);
  run[0] = fold(run[0] ^ 1, h[0]);
  run[1] = fold(run[1] ^ 1, h[1]);
}

/** An array of strings: its length, tagged, then its elements. */
function foldStrings(v: readonly string[]): void {
  run[0] = fold(run[0] ^ 5, v.length);
  run[1] = fold(run[1] ^ 5, v.length);
  for (let i = 0; i < v.length; i++) foldString(v[i]);
}

function foldNumber(v: number): void {
  if (Number.isInteger(v) && Math.abs(v) < 2 ** 52) {
    run[0] = fold(fold(run[0] ^ 2, v >>> 0), Math.floor(v / 0x100000000));
    run[1] = fold(run[1] ^ 2, v >>> 0);
    return;
  }
  run[0] ^= 3;
  foldString(String(v));
}

/** A field whose kind varies (a flag or a number that may be absent). */
function foldValue(v: string | number | boolean | undefined): void {
  switch (typeof v) {
    case 'string':
      return foldString(v);
    case 'number':
      return foldNumber(v);
    case 'boolean':
      run[0] = fold(run[0] ^ 4, v ? 1 : 0);
      run[1] = fold(run[1] ^ 4, v ? 1 : 0);
      return;
    default:
      return foldString(undefined);
  }
}

/**
 * The in-flight messages as a multiset hash (sums of msgLanes), from scratch: a search carries
 * it beside each world instead (PARTS), so only a world without carried hashes comes here.
 */
function msgsHash(msgs: readonly Msg[]): Lanes {
  let a = 0;
  let b = 0;
  for (const m of msgs) {
    const t = msgLanes(m);
    a = (a + t[0]) >>> 0;
    b = (b + t[1]) >>> 0;
  }
  return [a, b];
}

/** Fold one more number into a running lane (position-dependent, unlike the sums). */
function fold(acc: number, x: number): number {
  acc = Math.imul(acc ^ fmix(x >>> 0), 0x5bd1e995);
  // Signed, as fmix's result is (see there).
  return (acc << 13) | (acc >>> 19);
}

/**
 * A 53-bit fingerprint of worldKey(w, bounds): equal keys give equal fingerprints; distinct keys
 * collide with probability ~2^-53. Built from per-object memoised lanes (snapshots, messages,
 * timers, host places) summed as multisets, and from the actor table's hash, which transactions
 * carry forward entry by entry, so fingerprinting a successor costs O(changes + messages + timers),
 * not O(actors), and never builds the world's key text.
 */
export function worldFingerprint(w: World, bounds?: Bounds, parts?: ArrayLike<number>, at = 0): number {
  fingerprintLanes(w, bounds, parts, at);
  return fp[0] * 0x200000 + (fp[1] & 0x1fffff);
}

/** fingerprintLanes's result: a module array, not a returned pair (once per explored transition). */
const fp = new Uint32Array(2);

/**
 * The hashes a search carries beside each world instead of looking them up (issue 9): the actor
 * table's lanes and the in-flight messages' lanes, 4 numbers. A step given them (step.ts) returns
 * its successor's, updated by what it changed, so no table is rehashed and no WeakMap is written.
 */
export const PARTS = 4;

/** A world's PARTS hashes, computed (and memoised) from its tables: for the start of a search. */
export function partsOf(w: World): number[] {
  const act = actorsHash(w.actors);
  const m = msgsHash(w.msgs);
  return [act[0], act[1], m[0], m[1]];
}

/** The fingerprint's two 32-bit lanes (64 bits; worldFingerprint keeps 53 of them). `parts`: the world's PARTS hashes from index `at`, when the caller carries them. */
export function worldFingerprintLanes(w: World, bounds?: Bounds, parts?: ArrayLike<number>, at = 0): Lanes {
  fingerprintLanes(w, bounds, parts, at);
  return [fp[0], fp[1]];
}

/** worldFingerprintLanes, written into `fp`. */
function fingerprintLanes(w: World, bounds: Bounds | undefined, parts: ArrayLike<number> | undefined, at: number): void {
  // Folded one by one, not through array literals: this runs once per explored transition.
  let a0: number;
  let a1: number;
  let m0: number;
  let m1: number;
  if (parts) {
    a0 = parts[at];
    a1 = parts[at + 1];
    m0 = parts[at + 2];
    m1 = parts[at + 3];
  } else {
    const act = actorsHash(w.actors);
    const m = msgsHash(w.msgs);
    a0 = act[0];
    a1 = act[1];
    m0 = m[0];
    m1 = m[1];
  }
  const t0 = w.timers.lane0();
  const t1 = w.timers.lane1();
  // Successors of one world mostly share its places, queues and spent budgets (the same objects):
  // the last answer for each is kept beside its memo, and the budgets are hashed once per object
  // and folded in as one value (16 folds a transition before, issue 9).
  const hosts = w.hostAt === lastHostAt ? lastHostLanes : ((lastHostAt = w.hostAt), (lastHostLanes = memoLanes(w.hostAt, hostsText)));
  const queues = w.arpQueue === lastQueues ? lastQueueLanes : ((lastQueues = w.arpQueue), (lastQueueLanes = memoLanes(w.arpQueue, queuesText)));
  // Folded here rather than through combine (which fingerprintOfImage uses): a call with nine
  // arguments once per explored transition made the F2 search 5-15 % slower in interleaved A/B
  // runs against 5fda5ef (load 2); folded here, it ran level with it.
  const u = budgetLanes(w.used, bounds);
  const a = fold(fold(fold(fold(fold(fold(fold(fold(0x9747b28c, a0), m0), t0), hosts[0]), queues[0]), w.now), w.epoch), u[0]);
  const b = fold(fold(fold(fold(fold(fold(fold(fold(0x2545f491, a1), m1), t1), hosts[1]), queues[1]), Math.floor(w.now / 0x100000000)), w.msgs.length), u[1]);
  fp[0] = fmix(a);
  fp[1] = fmix(b ^ a);
}

/** The fingerprint's lanes from its parts' lanes, written into `fp`. */
function combine(w: World, a0: number, a1: number, m0: number, m1: number, t: Lanes, hosts: Lanes, queues: Lanes, u: Lanes): void {
  const a = fold(fold(fold(fold(fold(fold(fold(fold(0x9747b28c, a0), m0), t[0]), hosts[0]), queues[0]), w.now), w.epoch), u[0]);
  const b = fold(fold(fold(fold(fold(fold(fold(fold(0x2545f491, a1), m1), t[1]), hosts[1]), queues[1]), Math.floor(w.now / 0x100000000)), w.msgs.length), u[1]);
  fp[0] = fmix(a);
  fp[1] = fmix(b ^ a);
}

/**
 * The parts of a world's image under a host renaming (symmetry reduction, hostImage.ts),
 * each hashed as worldFingerprint hashes the world's own: the actor table's and the messages'
 * summed lanes, the timers' summed lanes, and the places, queues and spent budgets as objects.
 */
export interface ImageParts {
  actors: Lanes;
  msgs: Lanes;
  timers: Lanes;
  hostAt: Readonly<Record<string, string>>;
  arpQueue: World['arpQueue'];
  used: World['used'];
}

/** worldFingerprint of the world that is `w` with its parts replaced by `image`'s (its clock, epoch and message count are its own). */
export function fingerprintOfImage(w: World, bounds: Bounds | undefined, image: ImageParts): number {
  combine(w, image.actors[0], image.actors[1], image.msgs[0], image.msgs[1], image.timers, memoLanes(image.hostAt, hostsText), memoLanes(image.arpQueue, queuesText), budgetLanes(image.used, bounds));
  return fp[0] * 0x200000 + (fp[1] & 0x1fffff);
}

let lastHostAt: object | undefined;
let lastHostLanes: Lanes = [0, 0];
let lastQueues: object | undefined;
let lastQueueLanes: Lanes = [0, 0];

/**
 * The spent budgets' lanes for `bounds`: each counter whose budget is limited (one that is
 * unlimited cannot change what happens next, and is left out as in worldKey), then the per-host
 * move counts. Memoised per budgets object for the last bounds asked about (a search asks about
 * one): a step that spends no budget hands its successor the same object.
 */
function budgetLanes(u: World['used'], bounds: Bounds | undefined): Lanes {
  if (bounds !== budgetsFor) {
    budgetsFor = bounds;
    budgetMemo = new WeakMap();
    lastUsed = undefined;
  }
  if (u === lastUsed) return lastUsedLanes;
  let h = budgetMemo.get(u);
  if (h === undefined) {
    const counted = countedBudgets(bounds);
    let a = 0x1b873593;
    let b = 0xcc9e2d51;
    for (let i = 0; i < BUDGET_KEYS.length; i++) {
      const x = counted[i] === 1 ? u[BUDGET_KEYS[i]] : 0xffffffff;
      a = fold(a, x);
      b = fold(b, x ^ 0x5555);
    }
    const hm = u.hostMoves;
    if (hm) {
      const m = memoLanes(hm, hostMovesText);
      a = fold(a, m[0] ^ 1);
      b = fold(b, m[1]);
    }
    h = [fmix(a), fmix(b ^ a)];
    budgetMemo.set(u, h);
  }
  lastUsed = u;
  lastUsedLanes = h;
  return h;
}

let budgetsFor: Bounds | undefined;
let budgetMemo = new WeakMap<object, Lanes>();
let lastUsed: object | undefined;
let lastUsedLanes: Lanes = [0, 0];

function hostMovesText(hm: Readonly<Record<string, number>>): string {
  return Object.keys(hm)
    .sort()
    .map((k) => `${k}:${hm[k]}`)
    .join(',');
}

/** counts(bounds, k) for each of BUDGET_KEYS (1: counted), for the last bounds asked about: a search asks about one. */
function countedBudgets(bounds: Bounds | undefined): Uint8Array {
  if (bounds !== countedFor || counted === undefined) {
    counted = Uint8Array.from(BUDGET_KEYS, (k) => (counts(bounds, k) ? 1 : 0));
    countedFor = bounds;
  }
  return counted;
}

let countedFor: Bounds | undefined;
let counted: Uint8Array | undefined;

function hostsText(hostAt: Readonly<Record<string, string>>): string {
  return Object.keys(hostAt)
    .sort()
    .map((h) => `${h}@${hostAt[h]}`)
    .join(';');
}

function queuesText(arpQueue: World['arpQueue']): string {
  return Object.keys(arpQueue)
    .sort()
    .map((k) => `${k}:${arpQueue[k].map((p) => `${p.src}>${p.dst}`).join(',')}`)
    .join(';');
}

/** Everything but actors and messages, as text (small). */
function worldKeyRest(w: World, bounds?: Bounds): string {
  const timers = w.timers
    .map((t) => `${t.key}@${t.deadline}`)
    .sort()
    .join(';');
  const hosts = hostsText(w.hostAt);
  const queues = queuesText(w.arpQueue);
  const u = w.used;
  const used = BUDGET_KEYS.map((k) => (counts(bounds, k) ? String(u[k]) : ''));
  // Per-host move counters exist only for hosts with a per-host budget: left out when absent,
  // so the key of a scenario without one is unchanged.
  const hm = u.hostMoves;
  const perHost = hm
    ? `|${Object.keys(hm)
        .sort()
        .map((h) => `${h}:${hm[h]}`)
        .join(',')}`
    : '';
  return `rest|${w.now}|${w.epoch}|${timers}|${hosts}|${queues}|${used.join(',')}${perHost}`;
}

/** Is budget `k`'s spent counter part of the state? Not when its bound is unlimited (with bounds given). */
function counts(bounds: Bounds | undefined, k: BudgetKey): boolean {
  return !bounds || (bounds[k] ?? Infinity) !== Infinity;
}
