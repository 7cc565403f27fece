// The state fingerprint: the world's 53-bit fingerprint split into two words in one place; the
// monitor key hashed once per monitor-state object; the mix a bijection for a fixed monitor key
// (no collision the world fingerprints did not already have); TLC's collision estimate.

import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { collisionProbability } from '../../../src/core/explore/collisionProbability.js';
import { monitorHasher, splitWorldFingerprint, stateFingerprint, WORLD_FINGERPRINT_BITS } from '../../../src/core/explore/stateFingerprint.js';
import type { Property } from '../../../src/core/properties/property.js';
import { hash2 } from '../../../src/core/world/key.js';

const fp53 = fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER });

describe('stateFingerprint', () => {
  test.prop([fp53])('should split a 53-bit fingerprint into words that give it back', (fp) => {
    const { hi, lo } = splitWorldFingerprint(fp);
    expect(hi).toBeLessThan(2 ** 21);
    expect(lo).toBeLessThanOrEqual(0xffffffff);
    expect(hi * 2 ** 32 + lo).toBe(fp);
  });

  test.prop([fc.uniqueArray(fp53, { minLength: 2, maxLength: 200 }), fc.tuple(fc.integer({ min: 0, max: 0xffffffff }), fc.integer({ min: 0, max: 0xffffffff }))])(
    'should never merge two worlds under the same monitor key',
    (worlds, mon) => {
      const out = { hi: 0, lo: 0 };
      const seen = new Set<string>();
      for (const w of worlds) {
        stateFingerprint(w, mon, out);
        expect(Number.isInteger(out.hi) && out.hi >= 0 && out.hi <= 0xffffffff).toBe(true);
        seen.add(`${out.hi}:${out.lo}`);
      }
      expect(seen.size).toBe(worlds.length);
    },
  );

  it('should tell the same world apart under different monitor keys', () => {
    const a = { hi: 0, lo: 0 };
    const b = { hi: 0, lo: 0 };
    stateFingerprint(12345, hash2('armed'), a);
    stateFingerprint(12345, hash2(''), b);
    expect([a.hi, a.lo]).not.toEqual([b.hi, b.lo]);
  });

  it('should build the key of a monitor-state object once, and of a primitive state each time', () => {
    let calls = 0;
    const p = { key: (s: unknown) => (calls++, JSON.stringify(s)) } as unknown as Property<unknown>;
    const hash = monitorHasher(p);
    const s = { armed: ['x'] };
    expect(hash(s)).toEqual(hash2(JSON.stringify(s)));
    expect(hash(s)).toEqual(hash2(JSON.stringify(s)));
    expect(calls).toBe(1);
    expect(hash({ armed: ['x'] })).toEqual(hash(s)); // an equal state is the same key
    expect(hash(null)).toEqual(hash2('null'));
    expect(calls).toBe(3);
  });
});

describe('collisionProbability', () => {
  it("should be TLC's calculated (optimistic) estimate over 2^53", () => {
    expect(WORLD_FINGERPRINT_BITS).toBe(53);
    expect(collisionProbability(1000, 5000)).toBe((1000 * 4000) / 2 ** 53);
    expect(collisionProbability(10, 10)).toBe(0);
    expect(collisionProbability(1000, 5000, 64)).toBe((1000 * 4000) / 2 ** 64);
    expect(collisionProbability(2 ** 40, 2 ** 42)).toBe(1);
  });
});
