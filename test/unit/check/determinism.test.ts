// Determinism of `check`: the same model, options and seed give byte-identical output apart from
// the timing fields (elapsedMs, stepsPerSecond), and byte-identical trace files. Run in-process,
// the second time with every cache warm, so state leaking between runs would show.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BUILTIN_PROPERTIES } from '../../../properties/index.js';
import { check, type CheckOptions } from '../../../src/core/check/check.js';
import { applyOverrides } from '../../../src/core/overrides.js';
import { SEED_LAB } from '../../../src/core/seedLab.js';
import { createModel } from '../../../src/core/world/model.js';
import { listTree, removeTempDirs, runMain, sanitizeTiming, tempDir, withoutTiming } from '../../e2e/cliHarness.js';

const ONE_MOVE = ['--bounds', 'moves=1,losses=0', '-s', '1'];
/** F2's full search for a shorter story takes tens of seconds: every-property runs search cheaply. */
const SMALL_SEARCH = ['--shortest-budget', '1000'];

/** Run the same command in two fresh folders; return both outputs and trace folders. */
async function twice(argv: string[]) {
  const runs = [];
  for (let k = 0; k < 2; k++) {
    const cwd = tempDir('roamcheck-det-');
    const r = await runMain([...argv, '--trace-dir', 'traces'], cwd);
    runs.push({ ...r, cwd });
  }
  return runs;
}

function expectSameTraces(a: string, b: string) {
  const files = listTree(a);
  expect(listTree(b)).toEqual(files);
  for (const f of files) expect(readFileSync(join(b, f), 'utf8'), f).toBe(readFileSync(join(a, f), 'utf8'));
  return files;
}

afterAll(removeTempDirs);

describe('check determinism', () => {
  it.each([
    ['the seed lab, every property', ['check', ...ONE_MOVE, '-n', '300', ...SMALL_SEARCH]],
    ['a mutant', ['check', '--mutant', 'no-notify-previous', '--set', 'registration=timestamped', ...ONE_MOVE, '-n', '300', '-p', 'single-authoritative-rloc', '-p', 'eventual-reachability']],
    ['another seed', ['check', '--bounds', 'moves=1,losses=0', '-s', '7', '-n', '300', '-p', 'single-authoritative-rloc', '-p', 'intra-subnet-reachability']],
    [
      'a story the search shortens (7 steps shrunk, 6 shown)',
      ['check', '--mutant', 'no-notify-previous', '--set', 'registration=timestamped', '--bounds', 'moves=1,losses=0', '-s', '5', '-n', '300', '-p', 'single-authoritative-rloc'],
    ],
    ['exhaustive mode', ['check', '-p', 'intra-subnet-reachability', '-p', 'registration-authenticated', ...ONE_MOVE, '--exhaustive', '--depth', '4']],
  ])('should give byte-identical --json output and traces for %s', async (_name, argv) => {
    const [a, b] = await twice([...argv, '--json']);

    expect(a.code).toBe(b.code);
    expect(a.err).toBe(b.err);
    expect(JSON.stringify(withoutTiming(b.out))).toBe(JSON.stringify(withoutTiming(a.out)));
    const files = expectSameTraces(join(a.cwd, 'traces'), join(b.cwd, 'traces'));
    if (a.code === 1) expect(files.length).toBeGreaterThan(0);
  });

  it('should give the same text report apart from times', async () => {
    const [a, b] = await twice(['check', ...ONE_MOVE, '-n', '300', ...SMALL_SEARCH]);

    expect(a.code).toBe(1);
    expect(sanitizeTiming(b.out)).toBe(sanitizeTiming(a.out));
    expectSameTraces(join(a.cwd, 'traces'), join(b.cwd, 'traces'));
  });

  it('should return equal reports from the core check() without a clock', () => {
    const scenario = applyOverrides(SEED_LAB, { bounds: ['moves=1,losses=0'] }).scenario!;
    const opts: CheckOptions = { mode: 'random', runs: 200, seed: 1, maxSteps: scenario.bounds.steps, depth: 16, maxStates: 1_000_000, shortestBudget: 2000 };

    // A fresh model each time, and the same model again (warm caches).
    const model = createModel(scenario);
    const first = check(model, BUILTIN_PROPERTIES, opts);
    const fresh = check(createModel(scenario), BUILTIN_PROPERTIES, opts);
    const warm = check(model, BUILTIN_PROPERTIES, opts);

    expect(fresh).toEqual(first);
    expect(warm).toEqual(first);
    expect(first.properties.some((p) => p.verdict === 'violated')).toBe(true);
  });
});
