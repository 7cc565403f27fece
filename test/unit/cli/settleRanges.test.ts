// Ranges of random runs merge into the one-thread report (workUnits.ts, settleRanges.ts): checked
// in-process, without threads, for arbitrary cuts of the runs, properties that hold, hold
// vacuously and are violated (in the first range or a later one), with and without coverage.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BUILTIN_PROPERTIES } from '../../../properties/index.js';
import { check, notStarted, type CheckOptions, type PropertyReport } from '../../../src/core/check/check.js';
import { applyOverrides } from '../../../src/core/overrides.js';
import { SEED_LAB } from '../../../src/core/seedLab.js';
import { createModel } from '../../../src/core/world/model.js';
import { recordVacuity } from '../../../src/cli/recordVacuity.js';
import { settleRanges, type RangeResult } from '../../../src/cli/settleRanges.js';

const scenario = applyOverrides(SEED_LAB, { sets: ['registration=timestamped'], bounds: ['moves=1,losses=0'] }).scenario!;
const models = { none: createModel(scenario), 'no-notify-previous': createModel(scenario, { mutant: 'no-notify-previous' }) };

const timeless = (r: PropertyReport) => JSON.parse(JSON.stringify(r, (k, v) => (k === 'elapsedMs' ? undefined : v)));

/** Check runs [from, to) of property `p` as a worker checks a range. */
function checkRange(mutant: keyof typeof models, p: (typeof BUILTIN_PROPERTIES)[number], o: CheckOptions, from: number, to: number): RangeResult {
  const watched = recordVacuity(p);
  const report = check(models[mutant], [watched.property], { ...o, runs: to - from, path: from > 0 ? String(from) : undefined }).properties[0];
  return { report, vacuity: watched.result() };
}

describe('settleRanges', () => {
  it('should merge ranges of runs into the report of one pass over all of them', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<keyof typeof models>('none', 'no-notify-previous'),
        // Half the cases on the two properties that fail within a few runs (the mutant breaks one).
        fc.oneof(fc.integer({ min: 0, max: BUILTIN_PROPERTIES.length - 1 }), fc.constantFrom(1, 2)),
        fc.integer({ min: 2, max: 40 }),
        fc.uniqueArray(fc.integer({ min: 1, max: 39 }), { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 1, max: 5 }),
        fc.constantFrom(12, 20),
        fc.boolean(),
        (mutant, which, runs, cuts, seed, maxSteps, coverage) => {
          const p = BUILTIN_PROPERTIES[which];
          const o: CheckOptions = { mode: 'random', runs, seed, maxSteps, depth: 0, maxStates: 0, coverage };
          const whole = check(models[mutant], [p], o).properties[0];
          const bounds = [0, ...cuts.filter((c) => c < runs).sort((a, b) => a - b), runs];
          const ranges = bounds.slice(1).map((to, i) => checkRange(mutant, p, o, bounds[i], to));
          const s = settleRanges(ranges, runs);
          expect(s.decided).toBe(true);
          if (!s.decided) return;
          expect(timeless(s.report)).toEqual(timeless(whole));
          // After a violation, only the later ranges are dropped.
          const first = ranges.findIndex((r) => r.report.verdict === 'violated');
          expect(s.cancel).toEqual(first < 0 ? [] : ranges.map((_, i) => i).slice(first + 1));
        },
      ),
      { numRuns: 30, seed: 1 },
    );
  }, 300_000);

  it('should wait for earlier ranges, and decide at the first violation without the later ones', () => {
    const p = BUILTIN_PROPERTIES.find((x) => x.id === 'intra-subnet-reachability')!;
    const o: CheckOptions = { mode: 'random', runs: 30, seed: 1, maxSteps: 12, depth: 0, maxStates: 0 };
    const early = checkRange('none', p, o, 0, 5);
    const violated = checkRange('none', p, o, 5, 20);
    expect(early.report.verdict).toBe('holds');
    expect(violated.report.verdict).toBe('violated');
    expect(settleRanges([undefined, violated, undefined], 30)).toEqual({ decided: false });
    const s = settleRanges([early, violated, undefined], 30);
    expect(s).toMatchObject({ decided: true, cancel: [2], report: { verdict: 'violated', runs: 12 } });
  });

  it('should report an interrupt as one thread does: runs so far, or not started', () => {
    const p = BUILTIN_PROPERTIES[0];
    const o: CheckOptions = { mode: 'random', runs: 30, seed: 1, maxSteps: 12, depth: 0, maxStates: 0 };
    const done = checkRange('none', p, o, 0, 10);
    const cut: RangeResult = { report: { ...notStarted(p), reason: 'interrupted after 3 runs', runs: 3, steps: 30 }, vacuity: { judged: false, best: null } };
    const never: RangeResult = { report: notStarted(p), vacuity: { judged: false, best: null } };
    expect(settleRanges([done, cut, undefined], 30)).toEqual({ decided: false });
    const s = settleRanges([done, cut, never], 30);
    expect(s).toMatchObject({ decided: true, report: { verdict: 'unknown', interrupted: true, runs: 13, reason: 'interrupted after 13 runs', vacuous: false } });
    expect(settleRanges([never, never], 30)).toMatchObject({ decided: true, report: { verdict: 'unknown', interrupted: true, runs: 0, reason: 'interrupted before it started' } });
  });
});
