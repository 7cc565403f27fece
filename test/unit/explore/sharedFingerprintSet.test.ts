// The shared visited set of the parallel search: who stored a fingerprint first, in which level,
// growth between levels, and the zero fingerprint (no empty marker in the words: the tag says).

import { describe, expect, it } from 'vitest';
import { INSERT_OLD, SharedFingerprintSet, TAG_NEW } from '../../../src/core/explore/sharedFingerprintSet.js';

describe('SharedFingerprintSet', () => {
  it('should tell the first insert of a level from a repeat in the level and from an earlier level', () => {
    const set = new SharedFingerprintSet();
    const first = set.insert(1, 2);
    expect(first & 1).toBe(1);
    expect(set.insert(1, 2)).toBe(first - 1);
    expect(set.tag(first >>> 1)).toBe(TAG_NEW);
    set.settle(first >>> 1);
    expect(set.insert(1, 2)).toBe(INSERT_OLD);
    expect(set.insert(0, 0) & 1).toBe(1);
    expect(set.insert(0, 0) & 1).toBe(0);
  });

  it('should grow between levels to hold the stored states and the worst case of the next level, keeping every fingerprint and tag', () => {
    const set = new SharedFingerprintSet();
    for (let i = 0; i < 700; i++) set.settle(set.insert(i, i * 7) >>> 1);
    const grown = set.ensure(700, 1000);
    expect(grown.capacity).toBe(2048);
    expect(grown.bytes).toBe(9 * 2048);
    for (let i = 0; i < 700; i++) expect(grown.insert(i, i * 7)).toBe(INSERT_OLD);
    expect(grown.insert(5000, 1) & 1).toBe(1);
    expect(new SharedFingerprintSet(grown.buffers).insert(5000, 1) & 1).toBe(0); // another thread's view of the same table
    expect(grown.ensure(701, 0)).toBe(grown);
    expect(set.insert(3, 21)).toBe(INSERT_OLD); // the old table is left as it was
  });
});
