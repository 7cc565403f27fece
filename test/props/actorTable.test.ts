// The persistent actor table (actorTable.ts) against a plain Map under random updates: the same
// lookups, size and iteration order (a Map's insertion order is the Record order the table keeps),
// and every earlier version unchanged by later updates (worlds kept by searches and traces).

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Snap } from '../../src/core/machines/machineRunner.js';
import { ActorTable, actorIdHash } from '../../src/core/world/actorTable.js';

/** Ids whose hashes agree entirely (a bucket) or in their low 10 bits (a chain of nodes before they part). */
function collidingIds(): { full: string[]; low: string[] } {
  const byHash = new Map<number, string>();
  const byLow = new Map<number, string>();
  let full: string[] = [];
  let low: string[] = [];
  for (let i = 0; full.length === 0 || low.length === 0; i++) {
    const id = `mc|r${i}|10.0.${i & 255}.${i >> 8}`;
    const h = actorIdHash(id);
    const f = byHash.get(h);
    if (f !== undefined && full.length === 0) full = [f, id];
    byHash.set(h, id);
    const l = byLow.get(h & 1023);
    if (l !== undefined && low.length === 0 && actorIdHash(l) !== h) low = [l, id];
    byLow.set(h & 1023, id);
  }
  return { full, low };
}

const { full, low } = collidingIds();
const IDS = [...full, ...low, ...Array.from({ length: 60 }, (_, i) => `dyn|xtr-${i % 7}|192.168.${i}.1`)];
const SNAPS: Snap[] = ['absent', 'registered', 'away', 'stale'].map((v) => ({ v, c: { n: v.length } }));

type Op = { kind: 'set'; id: number; snap: number } | { kind: 'delete'; id: number } | { kind: 'drop'; mod: number };
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('set' as const), id: fc.nat(IDS.length - 1), snap: fc.nat(SNAPS.length - 1) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('delete' as const), id: fc.nat(IDS.length - 1) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('drop' as const), mod: fc.integer({ min: 2, max: 5 }) }) },
);

describe('ActorTable', () => {
  it('should hold colliding ids (the test exercises buckets and deep paths)', () => {
    expect(actorIdHash(full[0])).toBe(actorIdHash(full[1]));
    expect(actorIdHash(low[0]) & 1023).toBe(actorIdHash(low[1]) & 1023);
  });

  it('should agree with a Map under random updates, and keep every earlier version', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 300 }), (ops) => {
        let t = ActorTable.EMPTY;
        let ref = new Map<string, Snap>();
        const versions: [ActorTable, [string, Snap][]][] = [[t, []]];
        for (const op of ops) {
          if (op.kind === 'set') {
            t = t.set(IDS[op.id], SNAPS[op.snap]);
            ref.set(IDS[op.id], SNAPS[op.snap]);
          } else if (op.kind === 'delete') {
            t = t.delete(IDS[op.id]);
            ref.delete(IDS[op.id]);
          } else {
            const drop = (id: string) => IDS.indexOf(id) % op.mod === 0;
            t = t.filterOut(drop);
            ref = new Map([...ref].filter(([id]) => !drop(id)));
          }
          expect(t.size).toBe(ref.size);
          for (const id of IDS) {
            expect(t.get(id)).toBe(ref.get(id));
            expect(t.has(id)).toBe(ref.has(id));
          }
          expect(t.entries()).toEqual([...ref]);
          expect(t.keys()).toEqual([...ref.keys()]);
          const unordered: string[] = [];
          t.forEachUnordered((id, s) => {
            expect(ref.get(id)).toBe(s);
            unordered.push(id);
          });
          expect(unordered.sort()).toEqual([...ref.keys()].sort());
          versions.push([t, [...ref]]);
        }
        for (const [v, entries] of versions) {
          expect(v.entries()).toEqual(entries);
          for (const [id, s] of entries) expect(v.get(id)).toBe(s);
        }
        expect(ActorTable.fromEntries([...ref]).entries()).toEqual([...ref]);
      }),
      { seed: 11, numRuns: 300 },
    );
  });

  it('should name exactly the ids that differ between two versions (changedIds), shared or not', () => {
    /** The ids a comparison of every id finds: in one only, or mapped to another snap. */
    const scan = (a: Map<string, Snap>, b: Map<string, Snap>) => IDS.filter((id) => a.get(id) !== b.get(id) || a.has(id) !== b.has(id)).sort();
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 120 }), fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 20 }), (ops, pairs) => {
        let t = ActorTable.EMPTY;
        let ref = new Map<string, Snap>();
        const versions: [ActorTable, Map<string, Snap>][] = [[t, ref]];
        for (const op of ops) {
          if (op.kind === 'set') t = t.set(IDS[op.id], SNAPS[op.snap]);
          else if (op.kind === 'delete') t = t.delete(IDS[op.id]);
          else t = t.filterOut((id) => IDS.indexOf(id) % op.mod === 0);
          ref = new Map(t.entries());
          versions.push([t, ref]);
        }
        const check = (a: [ActorTable, Map<string, Snap>], b: [ActorTable, Map<string, Snap>]) => {
          const ids = ActorTable.changedIds(a[0], b[0]);
          expect(new Set(ids).size).toBe(ids.length);
          expect([...ids].sort()).toEqual(scan(a[1], b[1]));
        };
        // Each step (a step's before and after), any two versions, and tables built afresh (nothing shared).
        for (let i = 1; i < versions.length; i++) check(versions[i - 1], versions[i]);
        for (const [i, j] of pairs) check(versions[i % versions.length], versions[j % versions.length]);
        const last = versions[versions.length - 1];
        check([ActorTable.fromEntries([...last[1]].reverse()), last[1]], versions[0]);
        check(last, [ActorTable.fromEntries([...last[1]].reverse()), last[1]]);
      }),
      { seed: 12, numRuns: 300 },
    );
  });
});
