// FingerprintSet against a JS Set of the same 64-bit values: same answers from add and has, the
// zero fingerprint (the empty-slot marker) kept apart, and growth by doubling at load 3/4 with
// nothing allocated ahead of need.

import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { FingerprintSet } from '../../../src/core/explore/fingerprintSet.js';

const u32 = fc.integer({ min: 0, max: 0xffffffff });
/** Few distinct words, so duplicates and the zero fingerprint come up often. */
const word = fc.oneof(u32, fc.integer({ min: 0, max: 3 }), fc.constantFrom(0xffffffff, 0x80000000));
const fingerprints = fc.array(fc.tuple(word, word), { maxLength: 3000 });

describe('FingerprintSet', () => {
  test.prop([fingerprints])('should answer add and has like a Set of the same pairs', (fps) => {
    const set = new FingerprintSet();
    const ref = new Set<string>();
    for (const [hi, lo] of fps) {
      const k = `${hi}:${lo}`;
      expect(set.has(hi, lo)).toBe(ref.has(k));
      expect(set.add(hi, lo)).toBe(!ref.has(k));
      ref.add(k);
      expect(set.has(hi, lo)).toBe(true);
      expect(set.size).toBe(ref.size);
    }
    for (const [hi, lo] of fps) expect(set.add(hi, lo)).toBe(false);
  });

  test.prop([fc.array(fc.tuple(u32, u32), { maxLength: 200 }), fc.array(fc.tuple(u32, u32), { maxLength: 200 })])('should not find what was never added', (added, other) => {
    const set = new FingerprintSet();
    const ref = new Set(added.map(([h, l]) => `${h}:${l}`));
    for (const [hi, lo] of added) set.add(hi, lo);
    for (const [hi, lo] of other) expect(set.has(hi, lo)).toBe(ref.has(`${hi}:${lo}`));
  });

  it('should keep the zero fingerprint, which is the empty-slot marker, as a real value', () => {
    const set = new FingerprintSet();
    expect(set.has(0, 0)).toBe(false);
    expect(set.add(0, 0)).toBe(true);
    expect(set.add(0, 0)).toBe(false);
    expect(set.has(0, 0)).toBe(true);
    expect(set.add(0, 1)).toBe(true);
    expect(set.add(1, 0)).toBe(true);
    expect(set.size).toBe(3);
  });

  it('should take words as uint32 whatever their sign (Math.imul results)', () => {
    const set = new FingerprintSet();
    expect(set.add(-1, -2)).toBe(true);
    expect(set.has(0xffffffff, 0xfffffffe)).toBe(true);
    expect(set.add(0xffffffff, 0xfffffffe)).toBe(false);
  });

  it('should grow by doubling at load 3/4, 8 bytes a slot, from 8 KiB', () => {
    const set = new FingerprintSet();
    expect(set.bytes).toBe(8 * 1024);
    // Sequential values: the set must spread them itself.
    for (let i = 1; i <= 100_000; i++) {
      set.add(0, i);
      expect(set.size * 4).toBeLessThanOrEqual(set.capacity * 3);
    }
    expect(set.capacity).toBe(2 ** 18); // 100,000 / 0.75 = 133,334 -> 2^18
    expect(set.bytes).toBe(8 * 2 ** 18);
    for (let i = 1; i <= 100_000; i++) expect(set.has(0, i)).toBe(true);
    expect(set.has(0, 100_001)).toBe(false);
    expect(set.has(1, 1)).toBe(false);
  });
});
