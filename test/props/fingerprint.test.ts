// The world fingerprint (key.ts) against the world key it stands for: equal keys give equal
// fingerprints, the fingerprint a transaction carries forward entry by entry equals the one
// computed from scratch on fresh objects, and an exhaustive search deduplicated on fingerprints
// counts exactly the states a search deduplicated on key text counts.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyOverrides } from '../../src/core/overrides.js';
import { SEED_LAB } from '../../src/core/seedLab.js';
import { ActorTable } from '../../src/core/world/actorTable.js';
import { TimerList } from '../../src/core/world/timerList.js';
import { enabledActions } from '../../src/core/world/enabled.js';
import { initialWorld } from '../../src/core/world/initial.js';
import { partsOf, worldFingerprint, worldKey } from '../../src/core/world/key.js';
import { createModel, type Model } from '../../src/core/world/model.js';
import { step } from '../../src/core/world/step.js';
import type { World } from '../../src/core/world/world.js';

const F2_LIKE = 'moves=1,losses=1,sends=2,garps=1,spoofs=1,timerExpiries=2,duplicates=1';
const model = createModel(applyOverrides(SEED_LAB, { bounds: [F2_LIKE] }).scenario!);
const timestamped = createModel(applyOverrides({ ...SEED_LAB, registration: 'timestamped' }, { bounds: ['moves=2,losses=1,reboots=1'] }).scenario!);

/** Every world of a walk, fingerprinted as the walk goes (so transactions carry hashes forward). */
function walk(m: Model, choices: readonly number[]): World[] {
  let w = initialWorld(m);
  worldFingerprint(w, m.scenario.bounds);
  const out = [w];
  for (const n of choices) {
    const acts = enabledActions(m, w);
    if (acts.length === 0) break;
    w = step(m, w, acts[n % acts.length]).world;
    worldFingerprint(w, m.scenario.bounds);
    out.push(w);
  }
  return out;
}

/** structuredClone of every part; the actor table and timer list (classes) rebuilt from cloned entries. */
function freshCopy(w: World): World {
  return { ...structuredClone({ ...w, actors: null, timers: null }), actors: ActorTable.fromEntries(structuredClone(w.actors.entries())), timers: TimerList.from(structuredClone(w.timers.toArray())) };
}

describe('worldFingerprint', () => {
  for (const [name, m] of [
    ['seed lab, every fault', model],
    ['timestamped, reboots', timestamped],
  ] as const) {
    it(`should equal the fingerprint of a fresh copy and agree with worldKey (${name})`, () => {
      fc.assert(
        fc.property(fc.array(fc.nat(), { maxLength: 40 }), fc.array(fc.nat(), { maxLength: 40 }), (a, b) => {
          const worlds = [...walk(m, a), ...walk(m, b)];
          const byKey = new Map<string, number>();
          const byFp = new Map<number, string>();
          for (const w of worlds) {
            const fp = worldFingerprint(w, m.scenario.bounds);
            // A fresh copy: new objects, no memoised part, snapshots not interned.
            expect(worldFingerprint(freshCopy(w), m.scenario.bounds)).toBe(fp);
            const key = worldKey(w, m.scenario.bounds);
            if (byKey.has(key)) expect(byKey.get(key)).toBe(fp);
            byKey.set(key, fp);
            if (byFp.has(fp)) expect(byFp.get(fp)).toBe(key);
            byFp.set(fp, key);
          }
        }),
        { seed: 7, numRuns: 150 },
      );
    });
  }

  it('should count the same states as a search deduplicated on key text', () => {
    const small = createModel(applyOverrides(SEED_LAB, { bounds: ['moves=1,losses=1,sends=2,garps=0,spoofs=0,timerExpiries=1'] }).scenario!);
    const count = (id: (w: World) => string | number) => {
      let frontier = [initialWorld(small)];
      const seen = new Set<string | number>([id(frontier[0])]);
      for (let d = 0; d < 8; d++) {
        const next: World[] = [];
        for (const w of frontier)
          for (const a of enabledActions(small, w)) {
            const n = step(small, w, a).world;
            const k = id(n);
            if (!seen.has(k)) {
              seen.add(k);
              next.push(n);
            }
          }
        frontier = next;
      }
      return seen.size;
    };
    const byText = count((w) => worldKey(w, small.scenario.bounds));
    expect(byText).toBeGreaterThan(1000);
    expect(count((w) => worldFingerprint(w, small.scenario.bounds))).toBe(byText);
  });

  // Exhaustive search carries each world's actor and message hashes beside it (key.ts PARTS) and
  // steps with them, so no WeakMap is written per transition: the carried hashes must be the
  // ones computed from the world's own tables, after every kind of action (deliveries, drops,
  // duplicates, L2 settling, reboots that forget actors wholesale).
  for (const [name, m] of [
    ['seed lab, every fault', model],
    ['timestamped, reboots', timestamped],
  ] as const) {
    it(`should carry the same hashes a world's tables give (${name})`, () => {
      fc.assert(
        fc.property(fc.array(fc.nat(), { maxLength: 40 }), (choices) => {
          let w = initialWorld(m);
          let parts: readonly number[] = partsOf(w);
          for (const n of choices) {
            const acts = enabledActions(m, w);
            if (acts.length === 0) break;
            const r = step(m, w, acts[n % acts.length], false, parts);
            w = r.world;
            parts = r.parts!;
            const fresh = freshCopy(w);
            expect(parts).toEqual(partsOf(fresh));
            expect(worldFingerprint(w, m.scenario.bounds, parts)).toBe(worldFingerprint(fresh, m.scenario.bounds));
          }
        }),
        { seed: 11, numRuns: 150 },
      );
    });
  }
});
