// The default scope of `check --exhaustive`: caps on the environment's budgets, so a search
// without `--bounds` ends. PURE.
// Why caps at all: a model's own bounds are written for random mode, and several are unlimited
// by default (sends, gratuitous ARPs, timer expiries). With any of them unlimited the state
// space is infinite by construction: k sends at one instant put k packets in flight (a distinct
// state for every k), and unlimited periodic timers move the logical clock on forever
// (test/unit/check/exhaustiveScope.test.ts shows both). Like Alloy's default scope, the caps are
// small, printed with the report and raised one by one with `--bounds`.
// Which caps: moves 2 reaches the A -> B -> A races (PROTOCOL.md F3), one timer expiry the
// periodic Map-Register crossing a move (F2), two sends a packet before and after a move; losses,
// duplicates, reboots and spoofs are off (each multiplies the space; `--bounds losses=1` etc.).

import type { Bounds } from './scenario.js';
import type { NumberBound } from './valueRules.js';

export const EXHAUSTIVE_CAPS: Readonly<Partial<Record<NumberBound, number>>> = {
  moves: 2,
  losses: 0,
  duplicates: 0,
  reboots: 0,
  spoofs: 0,
  sends: 2,
  garps: 0,
  timerExpiries: 1,
};

/**
 * The `--bounds` group that caps `bounds` for an exhaustive search, leaving alone the keys the
 * user gave and the bounds already within their cap; undefined when nothing needs capping.
 */
export function exhaustiveScope(bounds: Bounds, given: ReadonlySet<string>): string | undefined {
  const items: string[] = [];
  for (const [k, cap] of Object.entries(EXHAUSTIVE_CAPS) as [NumberBound, number][]) {
    if (given.has(k)) continue;
    const now = bounds[k] ?? Infinity;
    if (now > cap) items.push(`${k}=${cap}`);
  }
  return items.length ? items.join(',') : undefined;
}
