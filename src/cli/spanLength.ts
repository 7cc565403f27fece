// How many queued units a free worker takes at once: a span of consecutive ranges of one random
// property, checked as one range (one fast-check call). PURE.
// Why: each range starts with fast-check skipping `from` runs (about 1 µs a run: 5 % of a property
// cut into 16 ranges), and each thread that touches a property compiles and warms its monitor
// again. Big spans early (a thread usually checks a property whole, from run 0, skipping nothing)
// and spans that shrink as the queue empties (so the threads still finish together) keep both
// low: guided self-scheduling, a span of at most 1/(2N) of the queue. Ranges merge exactly
// (settleRanges.ts), so how the units are grouped never changes the report, only the CPU spent.

import type { WorkUnit } from './workUnits.js';

/**
 * The length of the span at the head of `queue` (unit indices in the order workers take them):
 * the head, and the units after it that continue the same property's runs, not cancelled, up to
 * ceil(queue.length / (2 x threads)). At least 1 when the queue is not empty.
 */
export function spanLength(queue: readonly number[], units: readonly WorkUnit[], threads: number, cancelled: (u: number) => boolean = () => false): number {
  if (queue.length === 0) return 0;
  const most = Math.ceil(queue.length / (2 * Math.max(1, threads)));
  let n = 1;
  while (n < most && n < queue.length) {
    const prev = units[queue[n - 1]];
    const u = queue[n];
    const unit = units[u];
    if (unit.index !== prev.index || unit.chunk !== prev.chunk + 1 || cancelled(u)) break;
    n++;
  }
  return n;
}
