// What one step read and wrote of a World, for partial-order reduction (issue 9, `--por`).
// PURE. Recorded by the transaction (tx.ts) when the caller asks for it: the actors it looked at
// and changed, the ARP queues and timers it touched, the budgets it spent, the mobility epoch.
//
// Two steps whose footprints do not overlap (neither writes what the other reads or writes)
// commute: each stays enabled after the other and both orders reach the same World up to the
// ids of the messages and packets they create, which the fingerprint leaves out (key.ts). What
// the footprint does not track is written only by `global` steps, which depend on everything:
//   - the clock (`now`): only timer expiries (and scripts' waits) move it; a step that sends a
//     message or arms a timer reads it;
//   - host locations (`hostAt`) and a host's own move budget: only moves write them;
//   - the in-flight list as a whole: a step takes out only the message it delivers, and appends
//     what it sends (the fingerprint is a multiset sum, so appends commute); only timer expiries
//     and moves read the whole list (the expirable timers and the drained-host rule, enabled.ts);
//   - the timer list as a whole: only timer expiries read it (the earliest deadline);
//   - every actor at once: reboots and restarts forget a router's actors wholesale.
// Drops and duplicates also count as global: they spend fault budgets that every drop and
// duplicate of any message reads.

import type { Action } from './action.js';

export class Footprint {
  /** Read, not written (a write is listed once, in `writes`). */
  readonly reads: string[] = [];
  readonly writes: string[] = [];
  /** A step that depends on every other step (see above). */
  global = false;

  /** Empty again, for the next step (the search records into one footprint and copies those it keeps). */
  clear(): this {
    this.reads.length = 0;
    this.writes.length = 0;
    this.global = false;
    return this;
  }

  copy(): Footprint {
    const f = new Footprint();
    f.reads.push(...this.reads);
    f.writes.push(...this.writes);
    f.global = this.global;
    return f;
  }

  read(loc: string): void {
    if (!this.reads.includes(loc) && !this.writes.includes(loc)) this.reads.push(loc);
  }

  write(loc: string): void {
    if (this.writes.includes(loc)) return;
    const i = this.reads.indexOf(loc);
    if (i >= 0) this.reads.splice(i, 1);
    this.writes.push(loc);
  }
}

/** Whether steps with footprints `f` and `g` commute (see the header): neither global, and neither writes what the other touches. */
export function independent(f: Footprint, g: Footprint): boolean {
  if (f.global || g.global) return false;
  for (const x of f.writes) if (g.writes.includes(x) || g.reads.includes(x)) return false;
  for (const x of g.writes) if (f.reads.includes(x)) return false;
  return true;
}

/** Action types whose footprint the transaction tracks; any other step is global (see the header). */
export function isTracked(a: Action): boolean {
  return a.type === 'msg.deliver' || a.type === 'host.send' || a.type === 'host.garp' || a.type === 'spoof.register';
}
