// The bug zoo (DESIGN.md §4), random half: on the seed lab with timestamped registrations (one
// move, no loss, seed 1, at most 10000 runs) every mutant is caught by the property §4 names, and
// its counterexample replays to the same violation. (The exhaustive half is the lead's.)

import { describe, expect, it } from 'vitest';
import { BUILTIN_PROPERTIES } from '../../../properties/index.js';
import { check } from '../../../src/core/check/check.js';
import { runActions } from '../../../src/core/explore/runSchedule.js';
import { MUTANTS } from '../../../src/core/mutants.js';
import { applyOverrides } from '../../../src/core/overrides.js';
import { SEED_LAB } from '../../../src/core/seedLab.js';
import { createModel } from '../../../src/core/world/model.js';

/** DESIGN.md §4, copied from the contract: mutant id -> the property that must break. */
const ZOO: [string, string][] = [
  ['no-smr', 'eventual-reachability'],
  ['smr-ignored', 'eventual-reachability'],
  ['smr-request-to-source', 'no-blackhole-after-smr'],
  ['no-notify-previous', 'single-authoritative-rloc'],
  ['refresh-after-move', 'single-authoritative-rloc'],
  ['merge-rlocs', 'single-authoritative-rloc'],
  ['any-nonce', 'no-blackhole-after-smr'],
  ['no-proxy-reply', 'intra-subnet-reachability-eventual'],
  ['no-auth-check', 'registration-authenticated'],
];

const scenario = applyOverrides(SEED_LAB, { bounds: ['moves=1,losses=0'], sets: ['registration=timestamped'] }).scenario!;

describe('bug zoo', () => {
  it('should list exactly the mutants of DESIGN.md §4, each breaking the property named there', () => {
    expect(MUTANTS.map((m) => [m.id, m.breaks])).toEqual(ZOO);
  });

  it.each(ZOO)('should catch %s with %s in random mode, and replay the counterexample', (mutant, id) => {
    const property = BUILTIN_PROPERTIES.find((p) => p.id === id)!;
    const model = createModel(scenario, { mutant });

    // A modest search budget: stories it shortens must replay too; the default's budget-outs cost 50 s here.
    const report = check(model, [property], { mode: 'random', runs: 10_000, seed: 1, maxSteps: scenario.bounds.steps, depth: 16, maxStates: 1_000_000, shortestBudget: 20_000 });

    const r = report.properties[0];
    expect(report.mutant).toBe(mutant);
    expect(r.verdict).toBe('violated');
    const ce = r.counterexample!;
    expect(ce.actions).toHaveLength(ce.length);
    const replay = runActions(model, property, ce.actions);
    expect(replay.notEnabled).toBeUndefined();
    expect(replay.violation).toEqual({ index: ce.length - 1, message: ce.message });
    // The violation is the mutant's own: without it the same schedule does not violate (it may
    // not even run, when the mutant changed which messages exist).
    const plain = runActions(createModel(scenario), property, ce.actions);
    expect(plain.notEnabled === undefined && plain.violation !== undefined).toBe(false);
  });
});
