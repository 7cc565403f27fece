// The units `check`'s pool hands its workers: ranges that cover every run once, cut the same way
// whatever the number of workers, never cut for --path, --time-limit or exhaustive search.

import { describe, expect, it } from 'vitest';
import {
  jobUnits,
  MAX_CHUNKS,
  MIN_CHUNK_STEPS,
  runRanges,
  SHARED_SEARCH,
  searchGroups,
  splitsExhaustive,
  STEPS_PER_DEFAULT_THREAD,
  STEPS_PER_THREAD,
  usefulThreads,
  workUnits,
} from '../../../src/cli/workUnits.js';

const random = { mode: 'random' as const, runs: 10_000, maxSteps: 60 };

describe('runRanges', () => {
  it.each([
    [1, 60],
    [499, 60],
    [500, 60],
    [501, 60],
    [10_000, 60],
    [123_457, 60],
    [10_000, 6],
    [7, 1],
  ])('should cover runs 0..%i once, in order (max steps %i)', (runs, maxSteps) => {
    const ranges = runRanges(runs, maxSteps);
    expect(ranges.length).toBeLessThanOrEqual(MAX_CHUNKS);
    let next = 0;
    for (const r of ranges) {
      expect(r.from).toBe(next);
      expect(r.runs).toBeGreaterThan(0);
      next += r.runs;
    }
    expect(next).toBe(runs);
  });

  it('should keep a range at least MIN_CHUNK_STEPS world steps, so a small job stays whole', () => {
    expect(runRanges(500, 60)).toEqual([{ from: 0, runs: 500 }]);
    expect(runRanges(10_000, 60).map((r) => r.runs)).toEqual(Array(16).fill(625));
    for (const r of runRanges(4_000, 6).slice(0, -1)) expect(r.runs * 6).toBeGreaterThanOrEqual(MIN_CHUNK_STEPS);
  });
});

describe('workUnits', () => {
  const ids = ['a', 'b'];

  it('should cut random properties into ranges in property order, then run order', () => {
    const units = workUnits(ids, random, true);
    expect(units).toHaveLength(32);
    expect(units.slice(0, 2)).toEqual([
      { property: 'a', index: 0, from: 0, runs: 625, chunk: 0, chunks: 16 },
      { property: 'a', index: 0, from: 625, runs: 625, chunk: 1, chunks: 16 },
    ]);
    expect(units[16]).toMatchObject({ property: 'b', index: 1, from: 0, chunk: 0 });
  });

  it('should keep whole properties with one worker, and for exhaustive search, --path and --time-limit', () => {
    const whole = [
      { property: 'a', index: 0, from: 0, runs: undefined, chunk: 0, chunks: 1 },
      { property: 'b', index: 1, from: 0, runs: undefined, chunk: 0, chunks: 1 },
    ];
    expect(workUnits(ids, random, false)).toEqual(whole);
    expect(workUnits(ids, { ...random, mode: 'exhaustive' }, true)).toEqual(whole);
    expect(workUnits(ids, { ...random, path: '12:3' }, true)).toEqual(whole);
    expect(workUnits(ids, { ...random, timeLimitMs: 1000 }, true)).toEqual(whole);
  });
});

describe('usefulThreads', () => {
  const six = ['a', 'b', 'c', 'd', 'e', 'f'];

  it('should give a small random job one thread, and a long one as many as it has units', () => {
    const small = { ...random, runs: 100 };
    expect(usefulThreads(workUnits(six, small, true), small)).toBe(1); // 36,000 steps
    expect(usefulThreads(workUnits(['a'], random, true), random)).toBe(10); // 600,000 steps in 16 ranges
    expect(usefulThreads(workUnits(six, random, true), random)).toBe(60);
    const justTwo = { ...random, runs: (2 * STEPS_PER_THREAD) / 60 };
    expect(usefulThreads(workUnits(['a'], justTwo, true), justTwo)).toBe(2);
  });

  it('should keep the default check of the seed lab on one thread when --workers is not given, and split a long one', () => {
    // Six properties walking together, as the pool cuts them: 10,000 runs of 60 steps count 2.1 million.
    const shared = (o: typeof random) => jobUnits(six, o, true, 2);
    expect(usefulThreads(shared(random), random, STEPS_PER_DEFAULT_THREAD)).toBe(1);
    expect(usefulThreads(shared(random), random)).toBe(16); // --workers N: every range its own thread
    const long = { ...random, runs: 30_000 }; // 6.3 million
    expect(usefulThreads(shared(long), long, STEPS_PER_DEFAULT_THREAD)).toBe(3);
    const ex = { ...random, mode: 'exhaustive' as const };
    expect(usefulThreads(workUnits(six, ex, true), ex, STEPS_PER_DEFAULT_THREAD)).toBe(6);
  });

  it('should give exhaustive search a thread per property, and one for a single property', () => {
    const ex = { ...random, mode: 'exhaustive' as const };
    expect(usefulThreads(workUnits(six, ex, true), ex)).toBe(6);
    expect(usefulThreads(workUnits(['a'], ex, true), ex)).toBe(1);
  });
});

describe('splitsExhaustive', () => {
  const ex = { ...random, mode: 'exhaustive' as const };
  const units = (n: number) => workUnits(['a', 'b', 'c', 'd', 'e', 'f'].slice(0, n), ex, true);

  it('should split exhaustive properties over the threads when there are fewer properties than threads', () => {
    expect(splitsExhaustive(units(1), ex, 2)).toBe(true);
    expect(splitsExhaustive(units(2), ex, 3)).toBe(true);
  });

  it("should split on the exhaustive ladder too (each rung's search in turn)", () => {
    expect(splitsExhaustive(units(1), { ...ex, scopes: [{}, {}] }, 2)).toBe(true);
    expect(splitsExhaustive(units(1), { ...ex, scopes: [] }, 2)).toBe(true);
    expect(splitsExhaustive(units(2), { ...ex, scopes: [{}, {}] }, 2)).toBe(false);
  });

  it('should keep properties whole with as many properties as threads, one thread, coverage, or random mode', () => {
    expect(splitsExhaustive(units(2), ex, 2)).toBe(false);
    expect(splitsExhaustive(units(6), ex, 2)).toBe(false);
    expect(splitsExhaustive(units(1), ex, 1)).toBe(false);
    expect(splitsExhaustive(units(1), { ...ex, coverage: true }, 2)).toBe(false);
    expect(splitsExhaustive(workUnits(['a'], random, true), random, 2)).toBe(false);
  });
});

describe('searchGroups', () => {
  const exhaustive = { mode: 'exhaustive' as const, runs: 0, maxSteps: 0 };
  it('should group exhaustive properties: all on one thread; per thread only when each group gets SHARED_SEARCH', () => {
    expect(searchGroups(6, exhaustive, 1)).toBe(1);
    expect(searchGroups(6, exhaustive, 2)).toBe(0);
    expect(searchGroups(2 * SHARED_SEARCH, exhaustive, 2)).toBe(2);
    expect(searchGroups(1, exhaustive, 1)).toBe(0);
    expect(searchGroups(6, { ...exhaustive, por: true }, 1)).toBe(0);
    expect(searchGroups(6, { ...exhaustive, mode: 'random' }, 1)).toBe(0);
  });

  it('should deal the properties round the groups and say where each stands in the job', () => {
    const ids = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
    const units = jobUnits(ids, exhaustive, true, 2);
    expect(units.map((u) => [u.covers, u.coversAt])).toEqual([
      [
        ['a', 'c', 'e', 'g'],
        [0, 2, 4, 6],
      ],
      [
        ['b', 'd', 'f', 'h'],
        [1, 3, 5, 7],
      ],
    ]);
    expect(jobUnits(ids.slice(0, 6), exhaustive, true, 2)).toHaveLength(6);
  });
});
