// What `check`'s worker pool hands out: one unit per property, except that a random-mode property
// may be cut into ranges of runs, so one property's runs use several cores; and when random
// properties walk together (jobUnits), ranges of runs each for all of them. PURE.
// fast-check draws run K from the seed's generator jumped K times, and `path: "K"` starts a check at
// run K with exactly those values (skipping costs a jump, about 1 µs, per run skipped), so a range
// reproduces that part of a one-thread check; mergeChunks.ts puts the ranges back together.
// The cut depends only on --runs and --max-steps, never on how many workers take the units.

import { sharesSearch, sharesWalk } from '../core/check/check.js';
import { MAX_SHARDS } from '../core/explore/mergeLevel.js';

export interface WorkUnit {
  /** The property's id and its position in the suite. */
  property: string;
  index: number;
  /** First run of the range (0 for a whole property). */
  from: number;
  /** Runs in the range; undefined: the whole property as the options say. */
  runs: number | undefined;
  /** Position of this range among its property's ranges, and how many there are (1: whole). */
  chunk: number;
  chunks: number;
  /**
   * A shared unit (`index` -1, `property` '*'): the ids of the properties it checks, in suite
   * order: in random mode every property of the job, walked together over the range
   * (core/check/check.ts checkShared); in exhaustive mode a group of them, searched taking turns
   * and sharing world steps (check.ts sharesSearch).
   */
  covers?: string[];
  /** The positions of `covers` among the job's properties (an exhaustive group's; a random shared unit covers them all, in order). */
  coversAt?: number[];
}

/** At most this many ranges per property: each costs a skip of `from` runs (see above). */
export const MAX_CHUNKS = 16;
/**
 * A range is at least this many world steps (runs x --max-steps), so a small job is not cut into
 * ranges whose set-up and skipping cost more than they save.
 */
export const MIN_CHUNK_STEPS = 30_000;

export interface UnitOptions {
  mode: 'random' | 'exhaustive';
  runs: number;
  maxSteps: number;
  path?: string;
  timeLimitMs?: number;
  coverage?: boolean;
  /** Partial-order reduction: its sleep sets live in one search, which is then not split. */
  por?: boolean;
  /** Symmetry reduction: its least images are taken in one search, which is then not split. */
  symmetry?: boolean;
  /** The exhaustive ladder's rungs (core/exhaustiveScope.ts), when one is climbed. */
  scopes?: readonly unknown[];
}

/** Runs cut into ranges [from, from + runs): sizes depend only on `runs` and `maxSteps`. */
export function runRanges(runs: number, maxSteps: number): { from: number; runs: number }[] {
  const size = Math.max(Math.ceil(MIN_CHUNK_STEPS / Math.max(1, maxSteps)), Math.ceil(runs / MAX_CHUNKS));
  const out: { from: number; runs: number }[] = [];
  for (let from = 0; from < runs; from += size) out.push({ from, runs: Math.min(size, runs - from) });
  return out;
}

/**
 * The units of a check, in the order workers take them: properties by position, each property's
 * ranges in run order (so an early violation cancels the later ranges before they start).
 * Random properties are cut only when `split` (more than one worker) and never with `--path`
 * (one replay) or `--time-limit` (a budget per property, which ranges would change).
 */
export function workUnits(ids: readonly string[], o: UnitOptions, split: boolean): WorkUnit[] {
  const cut = split && o.mode === 'random' && o.path === undefined && o.timeLimitMs === undefined;
  return ids.flatMap((property, index) => rangeUnits({ property, index }, cut ? runRanges(o.runs, o.maxSteps) : []));
}

/** The units of one property (or of a shared walk: `covers`): whole, or one per range when there are several. */
function rangeUnits(of: Pick<WorkUnit, 'property' | 'index' | 'covers'>, ranges: readonly { from: number; runs: number }[]): WorkUnit[] {
  if (ranges.length <= 1) return [{ ...of, from: 0, runs: undefined, chunk: 0, chunks: 1 }];
  return ranges.map((r, chunk) => ({ ...of, from: r.from, runs: r.runs, chunk, chunks: ranges.length }));
}

/**
 * The units of a check: when its random properties walk together (check.ts sharesWalk), ranges of
 * runs each for all of them (one unit for the whole check with one worker), cut as workUnits cuts
 * one property's; otherwise workUnits's. A shared range gives each property the result of its own
 * range, so ranges still settle property by property (settleRanges.ts).
 */
export function jobUnits(ids: readonly string[], o: UnitOptions, split: boolean, workers = split ? 2 : 1): WorkUnit[] {
  if (searchGroups(ids.length, o, workers) > 0) {
    // Exhaustive: as many groups as threads, properties dealt round the groups in suite order.
    const groups = searchGroups(ids.length, o, workers);
    return Array.from({ length: groups }, (_, g) => {
      const at = ids.map((_, i) => i).filter((i) => i % groups === g);
      return { property: '*', index: -1, covers: at.map((i) => ids[i]), coversAt: at, from: 0, runs: undefined, chunk: 0, chunks: 1 };
    });
  }
  if (!sharesWalk(o, ids.length)) return workUnits(ids, o, split);
  return rangeUnits({ property: '*', index: -1, covers: [...ids] }, split ? runRanges(o.runs, o.maxSteps) : []);
}

/**
 * Exhaustive properties searched in groups that share world steps (check.ts sharesSearch): one
 * group per thread, when each group gets at least SHARED_SEARCH properties (or there is one
 * thread). Sharing pays with several searches: on the seed lab's F2 scope two properties taking
 * turns cost 0.95x two searches alone, four 0.62x, six 0.55-0.65x; with fewer to a thread each
 * property is a unit of its own, as the pool's balance is worth more (the default six on 2
 * threads: 10.0 s as units, 11.1 s as two groups of three). 0: no groups.
 */
export function searchGroups(properties: number, o: UnitOptions, workers: number): number {
  if (!sharesSearch(o, properties)) return 0;
  if (workers === 1) return 1;
  return properties >= SHARED_SEARCH * workers ? workers : 0;
}

/** Properties a group needs for sharing steps to pay (searchGroups). */
export const SHARED_SEARCH = 4;

/**
 * A thread costs about 0.4 s of one core to start (it loads the modules and the model), so in
 * random mode a job gets a thread per this many world steps at most (runs x --max-steps, an upper
 * bound: about 1-3 s of one core), and a small job stays on one thread.
 */
export const STEPS_PER_THREAD = 60_000;

/**
 * The same bound when `--workers` is not given (every core by default): a thread per this many
 * world steps. A check thread keeps ~1.3 cores busy (V8 compiles and collects for each isolate on
 * the cores the workers need), and a second one costs 1.5-2 s of CPU to start and warm up. On a
 * 2-core machine the seed lab's default random check (10,000 runs of six properties, 2.1 million
 * steps by this count) took 3.0-3.5 s on one thread and 3.6-4.1 s on two; at 30,000 runs (6.3
 * million) 17.9 s and 13.9 s (issue 9). Two threads pay from about 4 million: a thread per 2
 * million keeps a job of a few seconds on one. `--workers N` asks for up to N with STEPS_PER_THREAD.
 */
export const STEPS_PER_DEFAULT_THREAD = 2_000_000;

/**
 * How many threads the units can keep busy: no more than there are units, and in random mode no
 * more than the job's steps pay for (`perThread` steps a thread). Exhaustive search has no honest
 * estimate before it runs.
 */
export function usefulThreads(units: readonly WorkUnit[], o: UnitOptions, perThread = STEPS_PER_THREAD): number {
  if (o.mode !== 'random') return Math.max(1, units.length);
  // A shared unit steps its world once for all its properties, and each property's monitor: about
  // as much as half its properties' own checks (the world's step is most of a property's check).
  const steps = units.reduce((n, u) => n + (u.runs ?? o.runs) * o.maxSteps * (u.covers ? (1 + u.covers.length) / 2 : 1), 0);
  return Math.max(1, Math.min(units.length, Math.floor(steps / perThread)));
}

/**
 * Whether each exhaustive property is split over every thread (cli/splitUnit.ts) rather than
 * given one thread: when there are fewer properties than threads, some threads would otherwise
 * idle. With as many properties as threads or more, whole properties keep every thread busy
 * with no merge between levels. Coverage counts every step a thread takes, and a split search
 * takes some past a violation that one thread would not: it stays whole.
 */
export function splitsExhaustive(units: readonly WorkUnit[], o: UnitOptions, workers: number): boolean {
  // On the exhaustive ladder each rung's search is split in turn (splitUnit.ts checkSplit).
  return o.mode === 'exhaustive' && !o.coverage && !o.por && !o.symmetry && workers > 1 && workers <= MAX_SHARDS && units.length < workers;
}
