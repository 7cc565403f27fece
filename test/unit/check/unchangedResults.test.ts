// property.ts unchangedResults: a monitor's result for (state, judged) is what a fresh
// `{ state, judged }` would be, the same object again for the same state and `judged` (what saves
// the allocation), and never a result of another state or verdict, however calls interleave.

import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { unchangedResults } from '../../../src/core/properties/property.js';

describe('unchangedResults', () => {
  test.prop([fc.array(fc.tuple(fc.nat(3), fc.boolean()), { maxLength: 60 })])("should answer every call with its own state and judged, reusing the last state's objects", (calls) => {
    const states = [{ n: 0 }, { n: 1 }, null, { n: 3 }];
    const results = unchangedResults<{ n: number } | null>();
    let prev: { s: unknown; judged: boolean; r: unknown } | undefined;
    for (const [i, judged] of calls) {
      const s = states[i];
      const r = results(s, judged);
      expect(r.state).toBe(s);
      expect(r.judged).toBe(judged);
      expect(r.violation).toBeUndefined();
      if (prev !== undefined && prev.s === s && prev.judged === judged) expect(r).toBe(prev.r);
      if (prev !== undefined && (prev.s !== s || prev.judged !== judged)) expect(r).not.toBe(prev.r);
      prev = { s, judged, r };
    }
  });
});
