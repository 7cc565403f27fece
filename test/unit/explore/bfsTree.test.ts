// BfsTree and SmallUints: the compact BFS tree gives back, for every state, the action indices of
// its path from the root, as an explicit parent array would; small numbers widen when one does
// not fit.

import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { BfsTree } from '../../../src/core/explore/bfsTree.js';
import { SmallUints } from '../../../src/core/explore/smallUints.js';

/** A BFS-shaped tree: per expanded state (in id order), the action indices of its new children. */
const shape = fc.array(fc.array(fc.integer({ min: 0, max: 300 }), { maxLength: 6 }), { minLength: 1, maxLength: 400 });

describe('BfsTree', () => {
  test.prop([shape])('should rebuild every path as an explicit parent array does', (expansions) => {
    const tree = new BfsTree();
    const parent = [-1];
    const action = [0];
    for (const kids of expansions) {
      if (tree.expanded >= tree.size) break; // every state expanded: a BFS would have stopped
      const id = tree.expandNext();
      for (const k of kids) {
        expect(tree.addChild(k)).toBe(parent.length);
        parent.push(id);
        action.push(k);
      }
    }
    for (let id = 0; id < tree.size; id++) {
      const want: number[] = [];
      for (let t = id; t > 0; t = parent[t]) want.push(action[t]);
      expect(tree.pathTo(id)).toEqual(want.reverse());
    }
  });

  it('should hold about two bytes a state', () => {
    const tree = new BfsTree();
    for (let i = 0; i < 100_000; i++) {
      tree.expandNext();
      tree.addChild(i % 7);
      tree.addChild(i % 5);
    }
    expect(tree.size).toBe(200_001);
    expect(tree.bytes / tree.size).toBeLessThan(2.1); // 100,000 counts + 200,001 indices, 1 byte each, in 4 KiB chunks
    expect(tree.pathTo(200_000)).toHaveLength(17); // a binary tree: depth floor(log2(200,001))
  });

  it('should refuse to expand a state that was never recorded, and a path to an unknown state', () => {
    const tree = new BfsTree();
    tree.expandNext();
    expect(() => tree.expandNext()).toThrow(/expanded already/);
    expect(() => tree.pathTo(1)).toThrow(RangeError);
  });
});

describe('SmallUints', () => {
  it('should widen from 1 to 2 to 4 bytes and keep every value', () => {
    const a = new SmallUints();
    const values = [0, 255, 7, 256, 65535, 65536, 0xffffffff, 3];
    for (let i = 0; i < 10_000; i++) a.push(values[i % 3]); // bytes only
    expect(a.bytes).toBe(3 * 4096);
    for (const v of values) a.push(v);
    expect(a.bytes).toBe(3 * 4096 * 4);
    for (let i = 0; i < 10_000; i++) expect(a.get(i)).toBe(values[i % 3]);
    for (const [j, v] of values.entries()) expect(a.get(10_000 + j)).toBe(v);
    expect(() => a.push(-1)).toThrow(RangeError);
    expect(() => a.set(a.length, 1)).toThrow(RangeError);
  });
});
