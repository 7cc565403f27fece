// The fingerprint of a world's image under a host renaming (hostSymmetry.ts), for symmetry
// reduction. PURE. What worldFingerprint(renameWorld(w, r)) gives, without building the image:
// each entry's hash is summed as the world's own are (key.ts), from the renamed texts of its
// parts, and the renamed parts the engine shares between worlds (machine snapshots, messages,
// timers, places, queues) are memoised per object and renaming. Building the image (a new actor
// table, a sorted timer list, every context parsed) cost about as much as the step itself.

import type { Snap } from '../machines/machineRunner.js';
import type { HostRenaming } from './hostSymmetry.js';
import { addActorTerm, fingerprintOfImage, type Lanes, msgLanes } from './key.js';
import { ActorTable } from './actorTable.js';
import { timerLanes } from './timerList.js';
import type { Bounds } from '../scenario.js';
import type { Msg, Packet, Timer, World } from './world.js';

interface Memo {
  snaps: WeakMap<Snap, Snap>;
  msgLanes: WeakMap<Msg, Lanes>;
  timers: WeakMap<Timer, Lanes>;
  objects: WeakMap<object, object>;
  /** The image's summed lanes of each actor table and timer chunk met. */
  tables: WeakMap<object, Lanes>;
}

const memos = new WeakMap<HostRenaming, Memo>();

function memoOf(r: HostRenaming): Memo {
  let m = memos.get(r);
  if (m === undefined) {
    m = { snaps: new WeakMap(), msgLanes: new WeakMap(), timers: new WeakMap(), objects: new WeakMap(), tables: new WeakMap() };
    memos.set(r, m);
  }
  return m;
}

const acc = [0, 0, 0, 0];

/**
 * worldFingerprint(renameWorld(w, r), bounds), computed from the parts. `parent`: the world `w`
 * was stepped from, whose image was taken before: the image's actor sum then follows from the
 * parent's by what the step changed (ActorTable.changedIds) instead of a pass over every actor.
 */
export function hostImageFingerprint(w: World, bounds: Bounds | undefined, r: HostRenaming, parent?: World): number {
  const memo = memoOf(r);
  const actors = actorLanes(w, r, memo, parent);
  let m0 = 0;
  let m1 = 0;
  for (const m of w.msgs) {
    // Most of a world's messages were in flight in its parent too: their image lanes are kept.
    let h = memo.msgLanes.get(m);
    if (h === undefined) {
      // Its image, with its strings renamed field by field (a JSON round trip of each new message
      // was a quarter of a symmetric search), is hashed once and let go.
      h = msgLanes(renameFields(m, r) as Msg);
      memo.msgLanes.set(m, h);
    }
    m0 = (m0 + h[0]) >>> 0;
    m1 = (m1 + h[1]) >>> 0;
  }
  return fingerprintOfImage(w, bounds, {
    actors,
    msgs: [m0, m1],
    timers: timersLanes(w, r, memo),
    hostAt: imageObject(w.hostAt, memo, () => renameKeys(w.hostAt, r, (v) => v)),
    arpQueue: imageObject(w.arpQueue, memo, () => renameKeys(w.arpQueue, r, (q) => q.map((p) => renameFields(p, r) as Packet))),
    used: w.used.hostMoves === undefined ? w.used : imageObject(w.used, memo, () => ({ ...w.used, hostMoves: renameKeys(w.used.hostMoves!, r, (n) => n) })),
  });
}

function actorLanes(w: World, r: HostRenaming, memo: Memo, parent: World | undefined): Lanes {
  const known = memo.tables.get(w.actors);
  if (known !== undefined) return known;
  const from = parent === undefined ? undefined : memo.tables.get(parent.actors);
  if (from !== undefined && parent !== undefined) {
    acc[0] = from[0];
    acc[1] = from[1];
    for (const id of ActorTable.changedIds(parent.actors, w.actors)) {
      const before = parent.actors.get(id);
      const after = w.actors.get(id);
      if (before !== undefined) addActorTerm(acc, 0, r.text(id), imageSnap(before, r, memo), -1);
      if (after !== undefined) addActorTerm(acc, 0, r.text(id), imageSnap(after, r, memo), 1);
    }
  } else {
    acc[0] = 0;
    acc[1] = 0;
    w.actors.forEachUnordered((id, s) => addActorTerm(acc, 0, r.text(id), imageSnap(s, r, memo), 1));
  }
  const out: Lanes = [acc[0], acc[1]];
  memo.tables.set(w.actors, out);
  return out;
}

/**
 * The image's summed timer lanes (the empty list's are [0, 0], timerList.ts: a sum over no
 * timers), memoised per chunk of the list: a step copies one chunk, and the rest are the parent's.
 */
function timersLanes(w: World, r: HostRenaming, memo: Memo): Lanes {
  let t0 = 0;
  let t1 = 0;
  w.timers.forEachChunk((timers, chunk) => {
    let h = memo.tables.get(chunk);
    if (h === undefined) {
      let c0 = 0;
      let c1 = 0;
      for (const t of timers) {
        // A chunk a step copied holds the parent's timers but one or two: each timer's image lanes are kept too.
        let l = memo.timers.get(t);
        if (l === undefined) {
          l = timerLanes({ key: r.text(t.key), actor: r.text(t.actor), name: r.text(t.name), deadline: t.deadline });
          memo.timers.set(t, l);
        }
        c0 = (c0 + l[0]) >>> 0;
        c1 = (c1 + l[1]) >>> 0;
      }
      h = [c0, c1];
      memo.tables.set(chunk, h);
    }
    t0 = (t0 + h[0]) >>> 0;
    t1 = (t1 + h[1]) >>> 0;
  });
  return [t0, t1];
}

function imageSnap(s: Snap, r: HostRenaming, memo: Memo): Snap {
  let out = memo.snaps.get(s);
  if (out === undefined) {
    out = { v: r.text(s.v), c: JSON.parse(r.text(JSON.stringify(s.c))) };
    memo.snaps.set(s, out);
  }
  return out;
}

/** A message or packet with its strings renamed field by field (arrays of strings and nested objects too). */
function renameFields(o: object, r: HostRenaming): object {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) {
    if (typeof v === 'string') out[k] = r.text(v);
    else if (Array.isArray(v)) out[k] = v.map((x) => (typeof x === 'string' ? r.text(x) : x));
    else if (typeof v === 'object' && v !== null) out[k] = renameFields(v, r);
    else out[k] = v;
  }
  return out;
}

function imageObject<T extends object>(o: T, memo: Memo, build: () => T): T {
  let out = memo.objects.get(o) as T | undefined;
  if (out === undefined) {
    out = build();
    memo.objects.set(o, out);
  }
  return out;
}

function renameKeys<V, W>(o: Readonly<Record<string, V>>, r: HostRenaming, value: (v: V) => W): Record<string, W> {
  const out: Record<string, W> = {};
  for (const k of Object.keys(o)) out[r.text(k)] = value(o[k]);
  return out;
}
