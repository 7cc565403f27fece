// Folding the shards' vacuity records (core/check/vacuityAt.ts) as one thread records: judged by
// any, else the highest stage, first reached. On the exhaustive ladder a record is placed in its
// rung's search (inSearch), so that of two equal stages the earlier rung's wins however shallow
// the later rung reached it: one thread meets every step of rung 1 before any of rung 2.

import { describe, expect, it } from 'vitest';
import { foldVacuityAt, inSearch, type PositionedVacuity } from '../../../src/core/check/vacuityAt.js';

const rec = (stage: number, reason: string, depth: number, key: number, judged = false): PositionedVacuity => ({ judged, best: { stage, reason }, depth, key });

describe('foldVacuityAt', () => {
  it('should keep the highest stage, and of equal stages the one first reached (depth, then key)', () => {
    expect(foldVacuityAt([rec(1, 'a', 3, 0), rec(2, 'b', 9, 0)]).best?.reason).toBe('b');
    expect(foldVacuityAt([rec(2, 'a', 3, 7), rec(2, 'b', 3, 2)]).best?.reason).toBe('b');
    expect(foldVacuityAt([rec(2, 'a', 3, 7), rec(2, 'b', 4, 0)]).best?.reason).toBe('a');
    expect(foldVacuityAt([rec(1, 'a', 3, 7), rec(1, 'b', 4, 0, true)]).judged).toBe(true);
  });

  it('should put an earlier rung first, whatever the depths (inSearch)', () => {
    // Rung 1 reached the stage at depth 12, rung 2 at depth 2: one thread met rung 1's first.
    const records = [inSearch(rec(2, 'rung 2', 2, 0), 1), inSearch(rec(2, 'rung 1', 12, 5), 0)];
    expect(foldVacuityAt(records).best?.reason).toBe('rung 1');
    // A higher stage in a later rung still wins.
    expect(foldVacuityAt([inSearch(rec(3, 'rung 2', 2, 0), 1), inSearch(rec(2, 'rung 1', 12, 5), 0)]).best?.reason).toBe('rung 2');
  });
});
