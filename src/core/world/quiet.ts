// Is the control plane quiet? A predicate on a World, shared by the scheduler (settle before a
// move, enabled.ts) and the property monitors (core/properties/quiet.ts re-exports it). PURE.

import { isControl, type World } from './world.js';

/** DESIGN.md §3: no control message in flight and no retransmission pending. */
export function isControlQuiet(w: World): boolean {
  // Asked of one world several times in a row (the scheduler, then each monitor judging a step):
  // a world never changes, so the last answer stands for it.
  if (w === lastWorld) return lastQuiet;
  lastQuiet = quiet(w);
  lastWorld = w;
  return lastQuiet;
}

let lastWorld: World | undefined;
let lastQuiet = false;

function quiet(w: World): boolean {
  for (const m of w.msgs) if (isControl(m)) return false;
  // The timer list counts its retransmissions as timers come and go (timerList.ts): a scan of a
  // 256-host model's ~1,000 timers whenever they changed was 17 % of its check (issue 9).
  return w.timers.retransmissions === 0;
}
