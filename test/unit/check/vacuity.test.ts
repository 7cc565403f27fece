// Vacuity (DESIGN.md §3): a property that judged nothing in a whole check is reported as
// `holds (vacuous: reason)`, in random mode (over all runs) and exhaustive mode (over all
// explored transitions); properties that do not opt in are never reported vacuous.

import { describe, expect, it } from 'vitest';
import { eventualReachability, intraSubnetReachability, noBlackholeAfterSmr, singleAuthoritativeRloc } from '../../../properties/index.js';
import { check, expectedForm, type CheckOptions } from '../../../src/core/check/check.js';
import { applyOverrides } from '../../../src/core/overrides.js';
import { defineProperty, type Property } from '../../../src/core/properties/property.js';
import type { Scenario } from '../../../src/core/scenario.js';
import { SEED_LAB } from '../../../src/core/seedLab.js';
import { createModel, type Model } from '../../../src/core/world/model.js';
import { renderCheckText } from '../../../src/render/checkText.js';

const scoped = (bounds: string, sets: string[] = [], base: Scenario = SEED_LAB): Model => createModel(applyOverrides(base, { bounds: [bounds], sets }).scenario!);

const RANDOM: CheckOptions = { mode: 'random', runs: 300, seed: 1, maxSteps: 40, depth: 8, maxStates: 200_000 };
const EXHAUSTIVE: CheckOptions = { ...RANDOM, mode: 'exhaustive', depth: 6 };

function one(model: Model, p: Property<any>, opts: CheckOptions) {
  return check(model, [p], opts).properties[0];
}

describe('vacuity', () => {
  it.each([
    ['random', RANDOM],
    ['exhaustive', EXHAUSTIVE],
  ] as const)('should report eventual-reachability vacuous with "no host moved" when no move is allowed (%s)', (_mode, opts) => {
    const r = one(scoped('moves=0,losses=0,sends=3,garps=0,spoofs=0'), eventualReachability, opts);

    expect(r.verdict).toBe('holds');
    expect(r.vacuous).toBe(true);
    expect(r.vacuityReason).toBe('no host moved');
    expect(expectedForm(r)).toBe('vacuous');
  });

  it('should not report eventual-reachability vacuous once a move is allowed and packets are judged', () => {
    const r = one(scoped('moves=1,losses=0', ['registration=timestamped']), eventualReachability, { ...RANDOM, runs: 1000, maxSteps: 60 });

    expect(r.verdict).toBe('holds');
    expect(r.vacuous).toBe(false);
    expect(r.vacuityReason).toBeNull();
    expect(expectedForm(r)).toBe('holds');
  });

  it('should give the furthest reason reached: a move but no SMR-invoked mapping', () => {
    // One move, no sends: nothing is encapsulated to a stale RLOC, so no SMR is ever sent.
    const r = one(scoped('moves=1,losses=0,sends=0,garps=0,spoofs=0'), noBlackholeAfterSmr, RANDOM);

    expect(r.vacuous).toBe(true);
    expect(r.vacuityReason).toBe('no SMR-invoked mapping installed');
  });

  it('should name a missing traffic flow for intra-subnet reachability', () => {
    const base = { ...SEED_LAB, traffic: SEED_LAB.traffic.filter(([a, b]) => a === 'client' || b === 'client') };
    const r = one(scoped('moves=1,losses=0', [], base), intraSubnetReachability, RANDOM);

    expect(r.vacuous).toBe(true);
    expect(r.vacuityReason).toMatch(/^no packet between hosts of one subnet/);
  });

  it('should name a model without a Map-Server', () => {
    const base = { ...SEED_LAB, routers: SEED_LAB.routers.map((r) => ({ ...r, ms: false })) };
    const r = one(scoped('moves=1,losses=0,spoofs=0', [], base), singleAuthoritativeRloc, RANDOM);

    expect(r.verdict).toBe('holds');
    expect(r.vacuityReason).toBe('no Map-Server in the model');
  });

  it('should never report vacuity for a property that does not opt in, nor for a violation', () => {
    const silent = defineProperty<null>({ id: 'silent', description: 'judges nothing', reference: 'test', kind: 'safety', init: () => null, step: () => ({ state: null }), key: () => '' });
    const held = one(scoped('moves=0'), silent, RANDOM);
    const broken = one(scoped('moves=1,losses=0'), intraSubnetReachability, RANDOM);

    expect(held.vacuous).toBe(false);
    expect(broken.verdict).toBe('violated');
    expect(broken.vacuous).toBe(false);
    expect(broken.vacuityReason).toBeNull();
  });

  it('should render a vacuous hold as such, never as a plain HOLDS', () => {
    const report = check(scoped('moves=0,losses=0'), [eventualReachability], RANDOM);
    const text = renderCheckText(report, {}, undefined, { 'eventual-reachability': 'holds' });

    expect(text).toMatch(/^HOLDS \(vacuous: no host moved\) eventual-reachability .*\(MISMATCH: expected holds\)$/m);
  });
});
