// LevelIndex against a JS Map of the same 64-bit fingerprints: positions found as set, a
// fingerprint set again keeping its first position, nothing found that was not set, growth past
// the initial table, and clear between levels.

import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { LevelIndex } from '../../../src/core/explore/levelIndex.js';

const u32 = fc.integer({ min: 0, max: 0xffffffff });
/** Few distinct words, so equal high lanes (and zeros) come up often. */
const word = fc.oneof(u32, fc.integer({ min: 0, max: 3 }), fc.constantFrom(0xffffffff, 0x80000000, -1));
const fingerprints = fc.array(fc.tuple(word, word), { maxLength: 3000 });

/** The key a 32-bit word has whatever its sign (the search hands lanes signed or unsigned). */
const key = (hi: number, lo: number) => `${hi >>> 0}:${lo >>> 0}`;

describe('LevelIndex', () => {
  test.prop([fingerprints, fc.array(fc.tuple(u32, u32), { maxLength: 100 })])('should answer get like a Map of the same pairs, across levels', (fps, other) => {
    const index = new LevelIndex();
    for (let level = 0; level < 2; level++) {
      index.clear();
      const ref = new Map<string, number>();
      fps.forEach(([hi, lo], pos) => {
        index.set(hi, lo, pos);
        if (!ref.has(key(hi, lo))) ref.set(key(hi, lo), pos);
      });
      for (const [hi, lo] of fps) expect(index.get(hi, lo)).toBe(ref.get(key(hi, lo)));
      for (const [hi, lo] of other) expect(index.get(hi, lo)).toBe(ref.get(key(hi, lo)));
      // Signed and unsigned forms of a lane are one fingerprint.
      for (const [hi, lo] of fps) expect(index.get(hi >>> 0, lo | 0)).toBe(ref.get(key(hi, lo)));
    }
    index.clear();
    for (const [hi, lo] of fps) expect(index.get(hi, lo)).toBeUndefined();
  });
});
