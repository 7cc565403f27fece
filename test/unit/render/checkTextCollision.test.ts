// The text report shows an exhaustive property's fingerprint collision probability as TLC prints
// its "calculated (optimistic)" one (6.0E-8), and nothing of the kind for random mode.

import { describe, expect, it } from 'vitest';
import type { CheckReport, PropertyReport } from '../../../src/core/check/check.js';
import { renderCheckText } from '../../../src/render/checkText.js';

const property = (extra: Partial<PropertyReport>): PropertyReport => ({
  id: 'no-blackhole-after-smr',
  description: '',
  reference: '',
  verdict: 'holds',
  runs: 676_849,
  distinctStates: 170_379,
  steps: 676_849,
  elapsedMs: 1000,
  reason: 'state space exhausted',
  vacuous: false,
  vacuityReason: null,
  interrupted: false,
  counterexample: null,
  ...extra,
});

const report = (p: PropertyReport, mode: 'random' | 'exhaustive'): CheckReport => ({
  model: 'seed-lab',
  mode,
  seed: 1,
  mutant: null,
  properties: [p],
  stats: { steps: p.steps, stepsPerSecond: 1, distinctStates: p.distinctStates, elapsedMs: 1000 },
});

describe('renderCheckText, collision probability', () => {
  it('should print it under an exhaustive property, as TLC does', () => {
    const text = renderCheckText(report(property({ collisionProbability: 9.580339023096407e-6 }), 'exhaustive'), {});
    expect(text).toMatch(/^ +fingerprint collision probability, calculated \(optimistic\) as TLC does: 9\.6E-6$/m);
    expect(renderCheckText(report(property({ collisionProbability: 0 }), 'exhaustive'), {})).toMatch(/as TLC does: 0\.0E0$/m);
  });

  it('should print none in random mode', () => {
    const text = renderCheckText(report(property({ distinctStates: null, reason: 'no violation in 100 runs' }), 'random'), {});
    expect(text).not.toMatch(/collision/);
  });
});
