import { describe, expect, it } from 'vitest';
import { BUILTIN_PROPERTIES } from '../../../properties/index.js';
import { check, type PropertyReport, sharesSearch } from '../../../src/core/check/check.js';
import { exhaustiveScope } from '../../../src/core/exhaustiveScope.js';
import { ExhaustiveSearch } from '../../../src/core/explore/exhaustive.js';
import { SharedSteps } from '../../../src/core/explore/stepSource.js';
import { applyOverrides } from '../../../src/core/overrides.js';
import { SEED_LAB } from '../../../src/core/seedLab.js';
import { createModel } from '../../../src/core/world/model.js';
import { countWorldSteps } from '../../../bench/worldSteps.js';

// Exhaustive checks of several properties take turns and share world steps (issue 9): each
// property's report is the one it gets checked alone (timings aside), and the world steps taken
// fall, as the searches read the successors another one computed.

const F2 = 'moves=1,sends=2,timerExpiries=1,losses=0,duplicates=0,reboots=0,garps=0,spoofs=0';
const OPTIONS = { mode: 'exhaustive' as const, runs: 0, seed: 1, maxSteps: 0, depth: 8, maxStates: 200_000, shortestBudget: 0 };
const strip = (r: PropertyReport) => ({ ...r, elapsedMs: 0 });

describe('exhaustive properties sharing world steps', () => {
  it.each([
    ['the F2 scope', createModel(applyOverrides(SEED_LAB, { bounds: [F2] }).scenario!), OPTIONS],
    (() => {
      const ladder = exhaustiveScope(SEED_LAB.bounds, new Set());
      return ['the first two rungs of the ladder', createModel(applyOverrides(SEED_LAB, { bounds: [ladder.caps!] }).scenario!), { ...OPTIONS, depth: 100, scopes: ladder.rungs.slice(0, 2) }] as const;
    })(),
  ])('should give each property the report it gets alone, taking fewer world steps: %s', (_name, model, options) => {
    const alone = countWorldSteps(() => BUILTIN_PROPERTIES.map((p) => check(model, [p], options).properties[0]));
    const together = countWorldSteps(() => check(model, BUILTIN_PROPERTIES, options).properties);
    expect(together.value.map(strip)).toEqual(alone.value.map(strip));
    // Six properties, four of which search the whole scope: the steps are taken about once.
    expect(together.steps).toBeLessThan(alone.steps / 3);
  });

  it('should let go of every world once the searches have ended', () => {
    const model = createModel(applyOverrides(SEED_LAB, { bounds: [F2] }).scenario!);
    const src = new SharedSteps();
    const searches = BUILTIN_PROPERTIES.slice(0, 3).map((p) => new ExhaustiveSearch(model, p, { depth: 8, maxStates: 1_000_000 }, src));
    const done = searches.map(() => false);
    while (done.includes(false)) for (const [i, s] of searches.entries()) if (!done[i]) done[i] = s.run(1) !== undefined;
    expect(src.shared).toBeGreaterThan(src.taken);
    expect(src.size).toBe(0);
  });

  it('should search alone with coverage, partial-order reduction or a time limit, and for one property', () => {
    expect(sharesSearch({ mode: 'exhaustive' }, 6)).toBe(true);
    expect(sharesSearch({ mode: 'exhaustive' }, 1)).toBe(false);
    expect(sharesSearch({ mode: 'exhaustive', coverage: true }, 6)).toBe(false);
    expect(sharesSearch({ mode: 'exhaustive', por: true }, 6)).toBe(false);
    expect(sharesSearch({ mode: 'exhaustive', timeLimitMs: 1000 }, 6)).toBe(false);
    expect(sharesSearch({ mode: 'random' }, 6)).toBe(false);
  });
});
