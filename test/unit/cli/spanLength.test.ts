// The spans free workers take (spanLength.ts): consecutive ranges of one property only, big while
// the queue is long and single units at its end, never over a cancelled unit; whatever the spans,
// every unit is taken exactly once, in queue order.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { spanLength } from '../../../src/cli/spanLength.js';
import { workUnits } from '../../../src/cli/workUnits.js';

const random = { mode: 'random' as const, runs: 10_000, maxSteps: 60 };
const six = ['a', 'b', 'c', 'd', 'e', 'f'];

describe('spanLength', () => {
  it('should give the first threads whole properties and the last units one at a time', () => {
    const units = workUnits(six, random, true); // 16 ranges each
    const queue = units.map((_, i) => i);
    expect(spanLength(queue, units, 2)).toBe(16); // ceil(96 / 4) = 24, one property's 16
    expect(spanLength(queue.slice(16), units, 2)).toBe(16); // ceil(80 / 4) = 20
    expect(spanLength(queue.slice(32), units, 2)).toBe(16);
    expect(spanLength(queue.slice(48), units, 2)).toBe(12);
    expect(spanLength(queue.slice(90), units, 2)).toBe(2);
    expect(spanLength(queue.slice(93), units, 2)).toBe(1);
    expect(spanLength([], units, 2)).toBe(0);
  });

  it('should not join two properties, whole properties, or a cancelled unit', () => {
    const units = workUnits(six, random, true);
    expect(spanLength([14, 15, 16, 17], units, 1)).toBe(2);
    const whole = workUnits(six, random, false);
    expect(spanLength([0, 1, 2, 3, 4, 5], whole, 1)).toBe(1);
    expect(spanLength([3, 4, 5, 6], units, 1, (u) => u === 5)).toBe(2);
    expect(spanLength([3, 5, 6], units, 1)).toBe(1); // 4 is not in the queue: not consecutive
  });

  it('should take every unit once, in order, for any number of properties, runs and threads', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 40_000 }), fc.integer({ min: 1, max: 9 }), (count, runs, threads) => {
        const units = workUnits(six.slice(0, Math.min(count, 6)), { ...random, runs }, true);
        const queue = units.map((_, i) => i);
        const taken: number[] = [];
        while (queue.length) {
          const n = spanLength(queue, units, threads);
          expect(n).toBeGreaterThanOrEqual(1);
          const span = queue.splice(0, n);
          for (const u of span) expect(units[u].index).toBe(units[span[0]].index);
          taken.push(...span);
        }
        expect(taken).toEqual(units.map((_, i) => i));
      }),
    );
  });
});
