// PartsList against a plain array of the same lanes: every lane read back as `>>> 0` gives it,
// across growth past the initial capacity, signed and unsigned lanes alike (the search hands a
// step's hashes as either), and `of` holding exactly the lanes it was given.

import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { PartsList } from '../../../src/core/explore/partsList.js';

const lane = fc.oneof(fc.integer({ min: 0, max: 0xffffffff }), fc.integer({ min: -0x80000000, max: 0x7fffffff }), fc.constantFrom(0, 0x80000000, 0xffffffff, -1));
const worlds = fc.array(fc.tuple(lane, lane, lane, lane), { maxLength: 600 });

describe('PartsList', () => {
  test.prop([worlds, fc.integer({ min: 1, max: 64 })])('should hold every pushed lane as its uint32, in order, past its capacity', (ws, capacity) => {
    const list = new PartsList(capacity);
    for (const [a, b, c, d] of ws) list.push4(a, b, c, d);
    expect(list.length).toBe(4 * ws.length);
    expect(list.data.length).toBeGreaterThanOrEqual(list.length);
    expect(Array.from(list.data.subarray(0, list.length))).toEqual(ws.flat().map((x) => x >>> 0));
  });

  test.prop([fc.array(lane, { minLength: 4, maxLength: 4 })])('should start from the lanes `of` is given and go on after them', (lanes) => {
    const list = PartsList.of(lanes);
    expect(list.length).toBe(4);
    list.push4(1, 2, 3, 4);
    expect(Array.from(list.data.subarray(0, list.length))).toEqual([...lanes.map((x) => x >>> 0), 1, 2, 3, 4]);
  });
});
