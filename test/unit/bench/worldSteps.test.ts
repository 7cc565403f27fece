import { describe, expect, it } from 'vitest';
import { countDistinctWorlds, countWorldSteps } from '../../../bench/worldSteps.js';
import { SEED_LAB } from '../../../src/core/seedLab.js';
import { enabled } from '../../../src/core/world/enabled.js';
import { initialWorld } from '../../../src/core/world/initial.js';
import { createModel } from '../../../src/core/world/model.js';
import { step } from '../../../src/core/world/step.js';

describe('bench world-step counters', () => {
  const model = createModel(SEED_LAB);
  const start = initialWorld(model);
  const first = enabled(model, start).at(0);

  it('should count a step taken twice from one world as two steps and one distinct world', () => {
    const r = countDistinctWorlds(() => {
      step(model, start, first, false);
      step(model, start, first, false);
    });
    expect(r.steps).toBe(2);
    expect(r.distinct).toBe(1);
  });

  it('should count worlds that differ as distinct', () => {
    const acts = enabled(model, start);
    const r = countDistinctWorlds(() => {
      for (let i = 0; i < acts.count; i++) step(model, start, acts.at(i), false);
    });
    expect(r.steps).toBe(acts.count);
    expect(r.distinct).toBeGreaterThan(1);
    expect(r.distinct).toBeLessThanOrEqual(acts.count);
  });

  it('should nest: an inner counter sees the steps the outer one sees', () => {
    const outer = countDistinctWorlds(() => countWorldSteps(() => step(model, start, first, false)).steps);
    expect(outer.value).toBe(1);
    expect(outer.steps).toBe(1);
  });
});
