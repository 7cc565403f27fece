// The convergence bound (DESIGN.md §3): a control plane that never goes quiet counts as settled
// after the bound, so a refused registration retransmitted for ever cannot hide a failure.

import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { eventualReachability } from '../../../properties/index.js';
import { readModel } from '../../../src/cli/readModel.js';
import { parseScenarioYaml } from '../../../src/config/parseScenarioYaml.js';
import { check } from '../../../src/core/check/check.js';
import { applyOverrides } from '../../../src/core/overrides.js';
import { convergenceOf, defaultRetransmissions } from '../../../src/core/properties/arrival.js';
import type { Scenario } from '../../../src/core/scenario.js';
import { SEED_LAB } from '../../../src/core/seedLab.js';
import { createModel } from '../../../src/core/world/model.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const over = (sets: string[], bounds: string[] = [], base: Scenario = SEED_LAB) => applyOverrides(base, { sets, bounds });

describe('convergence bound', () => {
  it('should default to one retransmission more than a registration that gets through can need', () => {
    // 1-s back-off, 2-s latency: one loss -> copy 1 (t=1 s) answered by 5 s; t=1, 3 fire, t=7 cannot.
    expect(defaultRetransmissions(createModel(over([], ['losses=1']).scenario!))).toBe(3);
    expect(defaultRetransmissions(createModel(over([], ['losses=0']).scenario!))).toBe(3);
    // Two losses: copy 2 leaves at 3 s, answered by 7 s, when the third retransmission may fire.
    expect(defaultRetransmissions(createModel(over([], ['losses=2']).scenario!))).toBe(4);
    expect(defaultRetransmissions(createModel(over([], ['maxLatency=inf']).scenario!))).toBe(Infinity);
    expect(convergenceOf(createModel(SEED_LAB)).seconds).toBe(180);
  });

  it('should take the bound from --set convergence.KEY and reject bad values', () => {
    const ok = over(['convergence.seconds=30', 'convergence.retransmissions=5']);
    expect(ok.diagnostics).toEqual([]);
    expect(convergenceOf(createModel(ok.scenario!))).toEqual({ seconds: 30, retransmissions: 5 });

    const bad = over(['convergence.seconds=0', 'convergence.often=2']);
    expect(bad.diagnostics.map((d) => d.message)).toEqual(['--set convergence.seconds: must be a number from 0.001 to 10000000, got "0"', '--set: unknown option "convergence.often"']);
  });

  it('should read `convergence:` from scenario.yaml and report an unknown key', () => {
    const good = parseScenarioYaml('name: x\nconvergence: { seconds: 45, retransmissions: 4 }\n', 'scenario.yaml');
    expect(good.diagnostics).toEqual([]);
    expect(good.doc.convergence).toEqual({ seconds: 45, retransmissions: 4 });

    const bad = parseScenarioYaml('name: x\nconvergence: { minutes: 2 }\n', 'scenario.yaml');
    expect(bad.diagnostics.length).toBe(1);
    expect(bad.diagnostics[0].message).toMatch(/minutes/);
  });

  it('should let eventual-reachability judge a refused registration only through the bound', () => {
    const read = readModel(join(ROOT, 'test', 'fixtures', 'mistakes', 'key-mismatch'), ROOT);
    const run = (sets: string[]) =>
      check(createModel(applyOverrides(read.scenario!, { sets }).scenario!), [eventualReachability], {
        mode: 'random',
        runs: 3000,
        seed: 1,
        maxSteps: 60,
        depth: 8,
        maxStates: 1,
        shortestBudget: 1000,
      }).properties[0];

    const bounded = run([]);
    const unbounded = run(['convergence.retransmissions=1000', 'convergence.seconds=1000000']);

    expect(bounded.verdict).toBe('violated');
    expect(bounded.counterexample!.message).toMatch(/authentication-key/);
    // Without a reachable bound the failure is not judged, and the report says so.
    expect(unbounded.verdict).toBe('holds');
    expect(unbounded.vacuityReason).toMatch(/control plane never settled/);
  }, 60_000);
});
