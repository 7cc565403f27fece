// The canonical text of a machine snapshot (state value and context), memoised per object.
// PURE. Snapshots are immutable and shared between worlds by reference, so the text (used for
// runner cache keys, interning and world fingerprints) is built once per object, not per step.

import type { Snap } from './machineRunner.js';

const texts = new WeakMap<Snap, string>();

export function snapText(s: Snap): string {
  let t = texts.get(s);
  if (t === undefined) {
    t = s.v + JSON.stringify(s.c);
    texts.set(s, t);
  }
  return t;
}
