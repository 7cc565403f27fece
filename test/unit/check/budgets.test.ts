// Budgets and interrupts reach the pure core as injected callbacks (`shouldStop`,
// `memoryExceeded`): the search ends `unknown`, keeps what it decided, and never reads a clock,
// a signal or the heap itself.

import { describe, expect, it } from 'vitest';
import { BUILTIN_PROPERTIES, intraSubnetReachability, registrationAuthenticated, singleAuthoritativeRloc } from '../../../properties/index.js';
import { check } from '../../../src/core/check/check.js';
import { exhaustiveCheck } from '../../../src/core/explore/exhaustive.js';
import { randomCheck } from '../../../src/core/explore/random.js';
import { applyOverrides } from '../../../src/core/overrides.js';
import { SEED_LAB } from '../../../src/core/seedLab.js';
import { createModel } from '../../../src/core/world/model.js';

const scoped = (bounds: string) => createModel(applyOverrides(SEED_LAB, { bounds: [bounds] }).scenario!);
const base = { mode: 'random' as const, runs: 1_000_000, seed: 1, maxSteps: 60, depth: 30, maxStates: 10_000_000 };

describe('exhaustiveCheck budgets', () => {
  it('should answer unknown with the states explored when the memory budget is spent', () => {
    let polls = 0;
    const r = exhaustiveCheck(scoped('moves=1,losses=0'), BUILTIN_PROPERTIES[0], { depth: 30, maxStates: 10_000_000, memoryExceeded: () => ++polls > 3 });
    expect(r.verdict).toBe('unknown');
    expect(r.reason).toMatch(
      /^memory budget reached (at|after) depth \d+ \(\d+ distinct states, \d+ bytes of fingerprints and parent links, (frontier of \d+ worlds|frontier recomputed from depth \d+)\)$/,
    );
    expect(r.distinctStates).toBeGreaterThan(1);
  });

  it('should name the reason a stop gives', () => {
    const r = exhaustiveCheck(scoped('moves=1,losses=0'), BUILTIN_PROPERTIES[0], { depth: 30, maxStates: 10_000_000, shouldStop: () => 'interrupted' });
    expect(r.verdict).toBe('unknown');
    expect(r.reason).toMatch(/^interrupted /);
  });
});

describe('randomCheck interrupts', () => {
  it('should end at once when told to stop, and report it', () => {
    let runs = 0;
    const r = randomCheck(createModel(SEED_LAB), registrationAuthenticated, { runs: 1_000_000, seed: 1, maxSteps: 60, onRun: () => runs++, shouldStop: () => runs >= 25 });
    expect(r).toMatchObject({ verdict: 'holds', runs: 25, stopped: true, interrupted: true });
  });

  it('should propagate a throw from the model or a property at once instead of shrinking it as a counterexample', () => {
    let calls = 0;
    const thrower = {
      ...registrationAuthenticated,
      step: () => {
        calls++;
        throw new Error('boom');
      },
    };
    expect(() => randomCheck(createModel(SEED_LAB), thrower, { runs: 100, seed: 1, maxSteps: 60 })).toThrow('boom');
    expect(calls).toBe(1);
  });
});

describe('check with an interrupt', () => {
  it('should keep a violation found before the interrupt and report the rest unknown (interrupted)', () => {
    let stop = false;
    const seen: string[] = [];
    const report = check(createModel(SEED_LAB), [intraSubnetReachability, registrationAuthenticated, singleAuthoritativeRloc], {
      ...base,
      onProperty: (r) => seen.push(`${r.id}:${r.verdict}`),
      onProgress: (id, done) => {
        if (id === registrationAuthenticated.id && done >= 10) stop = true;
      },
      shouldStop: () => stop,
    });
    expect(report.properties.map((p) => [p.id, p.verdict, p.interrupted])).toEqual([
      ['intra-subnet-reachability', 'violated', false],
      ['registration-authenticated', 'unknown', true],
      ['single-authoritative-rloc', 'unknown', true],
    ]);
    expect(report.properties[0].counterexample?.length).toBeGreaterThan(0);
    expect(report.properties[1].reason).toBe('interrupted after 10 runs');
    expect(report.properties[2].reason).toBe('interrupted before it started');
    expect(seen).toEqual(['intra-subnet-reachability:violated', 'registration-authenticated:unknown', 'single-authoritative-rloc:unknown']);
  });

  it('should stop an exhaustive search as interrupted, not as a time budget', () => {
    const report = check(scoped('moves=1,losses=0'), [singleAuthoritativeRloc], { ...base, mode: 'exhaustive', shouldStop: () => true });
    expect(report.properties[0]).toMatchObject({ verdict: 'unknown', interrupted: true, reason: 'interrupted before it started' });
    let polls = 0;
    const later = check(scoped('moves=1,losses=0'), [singleAuthoritativeRloc], { ...base, mode: 'exhaustive', shouldStop: () => ++polls > 2 });
    expect(later.properties[0]).toMatchObject({ verdict: 'unknown', interrupted: true });
    expect(later.properties[0].reason).toMatch(/^interrupted (at|after) depth/);
  });
});
