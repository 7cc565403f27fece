// A world with its interchangeable hosts renamed (hostSymmetry.ts), built in full, and the image
// of a monitor state (renamePlain, which exhaustive search uses). PURE. The search fingerprints a
// world's image from its parts without building it (hostImage.ts); renameWorld is the plain
// definition that one is checked against (test/unit/check/symmetry.test.ts), and the reference a
// breadth-first search on worldKey text counts orbits with. Every text is renamed token by token
// (HostRenaming.text); a context or a message is renamed as its JSON text, which keeps its
// fields' order, so the image is the world a renamed run would have built.

import type { Snap } from '../machines/machineRunner.js';
import { ActorTable } from './actorTable.js';
import type { HostRenaming } from './hostSymmetry.js';
import { TimerList } from './timerList.js';
import type { Msg, Packet, Timer, World } from './world.js';

/** Per renaming, the images of snapshots and messages (both shared between worlds, and immutable). */
const images = new WeakMap<HostRenaming, { snaps: WeakMap<Snap, Snap>; msgs: WeakMap<Msg, Msg> }>();

function memoOf(r: HostRenaming): { snaps: WeakMap<Snap, Snap>; msgs: WeakMap<Msg, Msg> } {
  let m = images.get(r);
  if (m === undefined) {
    m = { snaps: new WeakMap(), msgs: new WeakMap() };
    images.set(r, m);
  }
  return m;
}

/** The image of `w` under `r`. */
export function renameWorld(w: World, r: HostRenaming): World {
  const memo = memoOf(r);
  const actors = ActorTable.fromEntries(w.actors.entries().map(([id, s]) => [r.text(id), renameSnap(s, r, memo.snaps)] as const));
  const msgs = w.msgs.map((m) => {
    let out = memo.msgs.get(m);
    if (out === undefined) {
      out = JSON.parse(r.text(JSON.stringify(m))) as Msg;
      memo.msgs.set(m, out);
    }
    return out;
  });
  const timers = TimerList.from(w.timers.map((t): Timer => ({ key: r.text(t.key), actor: r.text(t.actor), name: r.text(t.name), deadline: t.deadline })));
  const hostAt: Record<string, string> = {};
  for (const h of Object.keys(w.hostAt)) hostAt[r.text(h)] = w.hostAt[h];
  const arpQueue: Record<string, readonly Packet[]> = {};
  for (const id of Object.keys(w.arpQueue)) arpQueue[r.text(id)] = w.arpQueue[id].map((p) => JSON.parse(r.text(JSON.stringify(p))) as Packet);
  const hm = w.used.hostMoves;
  let hostMoves: Record<string, number> | undefined;
  if (hm !== undefined) {
    hostMoves = {};
    for (const h of Object.keys(hm)) hostMoves[r.text(h)] = hm[h];
  }
  return { now: w.now, seq: w.seq, epoch: w.epoch, actors, msgs, timers, hostAt, arpQueue, used: { ...w.used, hostMoves } };
}

function renameSnap(s: Snap, r: HostRenaming, memo: WeakMap<Snap, Snap>): Snap {
  let out = memo.get(s);
  if (out === undefined) {
    out = { v: r.text(s.v), c: JSON.parse(r.text(JSON.stringify(s.c))) };
    memo.set(s, out);
  }
  return out;
}

/** The image of plain data (a monitor state of a property that declares itself `symmetric`): its JSON text renamed. */
export function renamePlain<S>(s: S, r: HostRenaming): S {
  if (s === undefined || s === null) return s;
  return JSON.parse(r.text(JSON.stringify(s))) as S;
}
