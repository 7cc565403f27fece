// The persistent timer list (timerList.ts) against a plain array kept sorted by key, under random
// arms and cancels (enough to split chunks: rebuilds are rare), persistent or transient (changed in
// place within a transaction): the same timers in the same order, the same lookups, earliest
// timers and count of retransmissions, and every earlier version (every committed one, for transients) unchanged by later updates.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TimerList } from '../../src/core/world/timerList.js';
import type { Timer } from '../../src/core/world/world.js';

/** Timers of ARP actors, and of control actors, some of them retransmissions (retransmission.ts), some ARP retries named like one. */
const timer = (n: number, deadline: number): Timer => {
  const actor = n % 4 === 0 ? `dyn|r${n % 7}|10.0.0.${n % 13}` : `arp|h:h${n % 97}|10.0.0.${n % 13}`;
  const name = ['t0', 'retx', 'retry', 'nretx:192.0.2.1', 't1'][n % 5];
  return { key: `${actor}#${name}`, actor, name, deadline };
};
/** The reference count of control-plane retransmission timers (DESIGN.md §3), written out apart from retransmission.ts. */
const retransmissions = (ts: readonly Timer[]) => ts.filter((t) => !t.actor.startsWith('arp|') && (t.name === 'retx' || t.name === 'retry' || t.name.startsWith('nretx:'))).length;

type Op = { kind: 'set'; n: number; deadline: number } | { kind: 'delete'; n: number } | { kind: 'rebuild'; mod: number } | { kind: 'commit' };
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 40, arbitrary: fc.record({ kind: fc.constant('set' as const), n: fc.nat(4000), deadline: fc.integer({ min: 0, max: 20 }) }) },
  { weight: 15, arbitrary: fc.record({ kind: fc.constant('delete' as const), n: fc.nat(4000) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('rebuild' as const), mod: fc.integer({ min: 2, max: 7 }) }) },
  { weight: 8, arbitrary: fc.record({ kind: fc.constant('commit' as const) }) },
);

/** The reference: an array sorted by key, as World.timers was. */
function refSet(list: readonly Timer[], t: Timer): Timer[] {
  return [...list.filter((x) => x.key !== t.key), t].sort((a, b) => (a.key < b.key ? -1 : 1));
}

describe('TimerList', () => {
  it('should agree with a sorted array under random updates, and keep every earlier version', () => {
    fc.assert(
      fc.property(fc.array(opArb, { minLength: 150, maxLength: 600 }), fc.boolean(), (ops, transient) => {
        let t = TimerList.EMPTY;
        let ref: Timer[] = [];
        const versions: [TimerList, Timer[]][] = [];
        // Transient: changes under one token (a transaction, tx.ts) until a commit; only lists
        // seen at a commit must stay unchanged, as a World only holds a finished transaction's.
        let token = 1;
        let edit: number | undefined = transient ? token : undefined;
        for (const op of ops) {
          if (op.kind === 'commit') {
            versions.push([t, ref]);
            if (transient) edit = ++token;
            continue;
          }
          if (op.kind === 'set') {
            const x = timer(op.n, op.deadline);
            t = t.set(x, edit);
            ref = refSet(ref, x);
          } else if (op.kind === 'delete') {
            const key = timer(op.n, 0).key;
            t = t.delete(key, edit);
            ref = ref.filter((x) => x.key !== key);
          } else {
            const keep = (x: Timer) => x.key.length % op.mod !== 0;
            t = TimerList.from(t.filter(keep).reverse());
            ref = ref.filter(keep);
          }
          expect(t.length).toBe(ref.length);
          expect(t.toArray()).toEqual(ref);
          expect([...t]).toEqual(ref);
          const earliest = Math.min(...ref.map((x) => x.deadline));
          expect(t.earliest()).toEqual({ deadline: earliest, keys: ref.filter((x) => x.deadline === earliest).map((x) => x.key) });
          const probe = timer(ops.length, 0).key;
          expect(t.get(probe)).toBe(ref.find((x) => x.key === probe));
          for (const x of ref.slice(0, 5)) expect(t.get(x.key)).toBe(x);
          expect(t.some((x) => x.deadline === 3)).toBe(ref.some((x) => x.deadline === 3));
          expect(t.find((x) => x.deadline === 3)).toBe(ref.find((x) => x.deadline === 3));
          expect(t.map((x) => x.key)).toEqual(ref.map((x) => x.key));
          expect(t.retransmissions).toBe(retransmissions(ref));
          if (!transient) versions.push([t, ref]);
        }
        for (const [v, r] of versions) {
          expect(v.toArray()).toEqual(r);
          expect(v.retransmissions).toBe(retransmissions(r));
        }
      }),
      // Long runs (chunks split past 64 timers) make shrinking slow: the first counterexample is reported as found.
      { seed: 13, numRuns: 60, endOnFailure: true },
    );
  });
});
