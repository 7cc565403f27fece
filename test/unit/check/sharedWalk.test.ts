// Random mode walks the properties together (explore/sharedWalk.ts, check.ts checkShared): each
// schedule's world is stepped once for every property still undecided, and a property that fails
// is replayed from its failing run by its own check. Held here to the per-property check it
// replaces: on several models and seeds, every property's report (verdict, runs, steps, reason,
// vacuity, counterexample, path, shrinks) is the one its own check gives, elapsed time apart;
// properties that fail at different runs, in the same run, and ones that hold; whole checks and
// ranges of runs (the worker pool's units, `from` K as `path: "K"`), failures shrunk as found or
// after the walk.

import { describe, expect, it } from 'vitest';
import { BUILTIN_PROPERTIES } from '../../../properties/index.js';
import { buildScenario } from '../../../src/config/buildScenario.js';
import { check, checkShared, type CheckOptions, type PropertyReport } from '../../../src/core/check/check.js';
import { scopeOf } from '../../../src/core/check/zoo.js';
import { applyOverrides } from '../../../src/core/overrides.js';
import type { Scenario } from '../../../src/core/scenario.js';
import { SEED_LAB } from '../../../src/core/seedLab.js';
import { createModel, type Model } from '../../../src/core/world/model.js';
import { folderFiles } from '../config/modelFiles.js';

const bounded = (s: Scenario, bounds: string, sets: string[] = []) => applyOverrides(s, { bounds: [bounds], sets }).scenario!;
const zoo = (mutant: string) => {
  const scope = scopeOf(mutant);
  return createModel(bounded(SEED_LAB, scope.random, scope.sets), { mutant });
};
const folder = (dir: string) => buildScenario({ dir, files: folderFiles(dir) }).scenario!;

const MODELS: { name: string; model: () => Model; runs: number }[] = [
  { name: 'seed lab', model: () => createModel(SEED_LAB), runs: 150 },
  { name: 'seed lab, timestamped, moves=1', model: () => createModel(bounded(SEED_LAB, 'moves=1,losses=0', ['registration=timestamped'])), runs: 300 },
  { name: 'mutant no-proxy-reply', model: () => zoo('no-proxy-reply'), runs: 300 },
  { name: 'mutant refresh-after-move', model: () => zoo('refresh-after-move'), runs: 200 },
  { name: 'mutant smr-ignored', model: () => zoo('smr-ignored'), runs: 200 },
  { name: 'three-site', model: () => createModel(folder('models/three-site')), runs: 60 },
];

/** The report without its timings. */
const timeless = (r: PropertyReport | undefined) => (r ? JSON.parse(JSON.stringify(r, (k, v) => (k === 'elapsedMs' ? undefined : v))) : r);

function options(model: Model, runs: number, seed: number): CheckOptions {
  // A small shortest-story budget: the search is the same code either way, and costs time here.
  return { mode: 'random', runs, seed, maxSteps: model.scenario.bounds.steps, depth: 30, maxStates: 1_000_000, shortestBudget: 2_000 };
}

describe('check walks the properties together, with the reports of their own checks', () => {
  for (const m of MODELS) {
    it(`on ${m.name}`, () => {
      const model = m.model();
      let violated = 0;
      let held = 0;
      for (const seed of [1, 7, 2024]) {
        const opts = options(model, m.runs, seed);
        const shared = check(model, BUILTIN_PROPERTIES, opts).properties;
        const own = BUILTIN_PROPERTIES.map((p) => check(model, [p], opts).properties[0]);
        expect(shared.map(timeless), `seed ${seed}`).toEqual(own.map(timeless));
        violated += own.filter((r) => r.verdict === 'violated').length;
        held += own.filter((r) => r.verdict === 'holds').length;
      }
      // Both kinds were compared on every model but the ones where nothing fails.
      expect(held + violated).toBe(3 * BUILTIN_PROPERTIES.length);
    });
  }

  it('should fail properties at different runs, and some hold (the comparison is not trivial)', () => {
    const model = zoo('no-proxy-reply');
    const own = BUILTIN_PROPERTIES.map((p) => check(model, [p], options(model, 300, 1)).properties[0]);
    const runs = new Set(own.filter((r) => r.verdict === 'violated').map((r) => r.runs));
    expect(runs.size).toBeGreaterThan(1);
    expect(own.some((r) => r.verdict === 'holds')).toBe(true);
  });

  it('on a range of runs from K, as the pool checks one (fast-check path "K")', () => {
    for (const m of [MODELS[1], MODELS[2]]) {
      const model = m.model();
      for (const from of [37, 150]) {
        const opts = options(model, 120, 7);
        const shared = checkShared(model, BUILTIN_PROPERTIES, { ...opts, from });
        const own = BUILTIN_PROPERTIES.map((p) => check(model, [p], { ...opts, path: String(from) }).properties[0]);
        expect(shared.map(timeless), `${m.name} from ${from}`).toEqual(own.map(timeless));
        // Failures shrunk after the walk (the pool's later ranges): the same reports.
        const deferred = checkShared(model, BUILTIN_PROPERTIES, { ...opts, from }, { defer: true });
        expect(deferred.map(timeless), `${m.name} from ${from}, deferred`).toEqual(own.map(timeless));
      }
    }
  });

  it('should say when each property is decided, and leave a dropped one undecided', () => {
    const model = zoo('no-proxy-reply');
    const opts = options(model, 300, 1);
    const seen: number[] = [];
    const reports = checkShared(model, BUILTIN_PROPERTIES, opts, { onDecided: (i) => seen.push(i), dropped: (i) => i === 0 });
    expect(reports[0]).toBeUndefined();
    expect([...seen].sort()).toEqual(BUILTIN_PROPERTIES.map((_, i) => i).slice(1));
  });

  it('should end every undecided property unknown after the runs walked when interrupted', () => {
    const model = createModel(bounded(SEED_LAB, 'moves=1,losses=0', ['registration=timestamped']));
    let runs = 0;
    const reports = checkShared(model, BUILTIN_PROPERTIES, { ...options(model, 1000, 1), onProgress: (id) => id === 'registration-authenticated' && runs++, shouldStop: () => runs >= 20 });
    for (const r of reports) {
      if (r!.verdict === 'violated') continue;
      expect(r).toMatchObject({ verdict: 'unknown', interrupted: true, runs: 20, reason: 'interrupted after 20 runs' });
    }
  });
});
