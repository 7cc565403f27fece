// Sleep sets for the exhaustive search's partial-order reduction (issue 9, `--por`).
// PURE. Godefroid's sleep sets (1996, ch. 5): at a state, an action explored before a sibling it
// commutes with need not be explored again after that sibling, since both orders reach one state
// and the first order is already explored. A sleeping action stays asleep along steps it commutes
// with. Sleep sets skip transitions, never states: the search reaches every state it reaches
// without them, each at its least depth (a shortest path to a state can always be commuted into
// one the reduction explores), so verdicts, state counts and counterexample lengths are unchanged.
//
// A delivery is known by what it delivers, not by the message id it carries: worlds reached by
// different paths number their messages differently (the fingerprint leaves ids out, key.ts), and
// a sleep set is carried from one world to another. Two identical messages in flight are then one
// action (delivering either reaches one state). Other actions carry no ids.
// Each entry keeps the footprint the action had where it was explored: it stays the same along
// the steps the action commutes with, since none of them writes what it reads.

import { type Action, sameAction } from '../world/action.js';
import type { Footprint } from '../world/footprint.js';
import { addMsgLanes } from '../world/key.js';
import type { Msg, World } from '../world/world.js';

export interface SleepEntry {
  /** A delivery's message content (contentOf); -1 for the other actions, told apart by `action`. */
  content: number;
  action: Action;
  fp: Footprint;
}

export type SleepSet = readonly SleepEntry[];

export const NO_SLEEP: SleepSet = [];

/**
 * What a delivery delivers, independent of message ids: 53 bits of the message's fingerprint
 * lanes (key.ts), cached per message. -1 for any other action, and for a message not in flight (never enabled).
 */
export function contentOf(w: World, a: Action): number {
  if (a.type !== 'msg.deliver') return -1;
  const msgs = w.msgs;
  for (let i = 0; i < msgs.length; i++) {
    const m = msgs[i];
    if (m.id !== a.id) continue;
    // A direct-mapped cache by message id, checked by identity: a message object is shared by
    // every world it is in flight in, and its siblings ask about it in turn. It replaced a WeakMap,
    // whose insertion per new message (~0.6 µs and an ephemeron for the collector) cost more than
    // the hash it saved (issue 9); hashing at every ask instead made the `--por` search 0.89x.
    const slot = m.id & (CONTENTS - 1);
    if (contentMsgs[slot] === m) return contentValues[slot];
    lanes[0] = 0;
    lanes[1] = 0;
    addMsgLanes(lanes, 0, m, 1);
    const c = lanes[0] * 0x200000 + (lanes[1] >>> 11);
    contentMsgs[slot] = m;
    contentValues[slot] = c;
    return c;
  }
  return -1;
}

const CONTENTS = 1024;
const contentMsgs: (Msg | undefined)[] = new Array(CONTENTS).fill(undefined);
const contentValues = new Float64Array(CONTENTS);
const lanes = [0, 0];

/**
 * Whether action `a` of world `w` is in `z`: asleep(z, contentOf(w, a), a), with a delivery's
 * content looked up only when some delivery sleeps in `z` (a message's content is a WeakMap
 * lookup after a scan of the in-flight list; asked for every action of every state expanded
 * with a sleep set, it was a tenth of a `--por` search, issue 9).
 */
export function asleepIn(z: SleepSet, w: World, a: Action): boolean {
  if (a.type !== 'msg.deliver') return asleep(z, -1, a);
  for (let i = 0; i < z.length; i++) if (z[i].content >= 0) return asleep(z, contentOf(w, a), a);
  return false;
}

/** Whether the action (`content` from contentOf) is in `z`. */
export function asleep(z: SleepSet, content: number, a: Action): boolean {
  for (let i = 0; i < z.length; i++) {
    const e = z[i];
    if (content >= 0 ? e.content === content : e.content < 0 && sameAction(e.action, a)) return true;
  }
  return false;
}

/** The entries of `z` also in `y`: a state reached again at the same depth keeps asleep only what every path to it may skip. */
export function intersect(z: SleepSet, y: SleepSet): SleepSet {
  if (z.length === 0) return z;
  const out = z.filter((e) => asleep(y, e.content, e.action));
  return out.length === z.length ? z : out.length === 0 ? NO_SLEEP : out;
}
