// Further benchmark sections (DESIGN.md §7): exhaustive distinct states/s and bytes per state,
// random `check` with every monitor, the worker pool, time to the first counterexample and shrunk
// length per mutant, and growth with network size (wider seed labs, generated models), each with
// a baseline measured in the same process. NOT PURE (timing, memory); called from bench/run.ts.

import { performance } from 'node:perf_hooks';
import v8 from 'node:v8';
import vm from 'node:vm';
import { checkInWorkers } from '../src/cli/checkPool.js';
import { buildScenario } from '../src/config/buildScenario.js';
import { generateModel } from '../src/config/generateModel.js';
import { BUILTIN_PROPERTIES } from '../properties/index.js';
import { check } from '../src/core/check/check.js';
import { scopeOf } from '../src/core/check/zoo.js';
import { exhaustiveCheck } from '../src/core/explore/exhaustive.js';
import { MUTANTS } from '../src/core/mutants.js';
import { applyOverrides } from '../src/core/overrides.js';
import type { Scenario } from '../src/core/scenario.js';
import { SEED_LAB } from '../src/core/seedLab.js';
import { createModel } from '../src/core/world/model.js';

const F2_SCOPE = 'moves=1,losses=0,sends=2,garps=0,spoofs=0,timerExpiries=1';

/** Exhaustive search of the F2 scope: distinct states per second, cached vs XState baseline. */
export function exhaustiveRates(rounds: number): { cached: number[]; baseline: number[]; states: number } {
  const s = applyOverrides(SEED_LAB, { bounds: [F2_SCOPE] }).scenario!;
  const p = BUILTIN_PROPERTIES.find((x) => x.id === 'no-blackhole-after-smr')!;
  const rate = (cached: boolean) => {
    const model = createModel(s, { cached });
    const t0 = performance.now();
    const r = exhaustiveCheck(model, p, { depth: 30, maxStates: 3_000_000 });
    return { perSecond: (r.distinctStates / (performance.now() - t0)) * 1000, states: r.distinctStates };
  };
  const cached: number[] = [];
  const baseline: number[] = [];
  let states = 0;
  for (let i = 0; i < rounds; i++) {
    const c = rate(true);
    cached.push(c.perSecond);
    states = c.states;
    baseline.push(rate(false).perSecond);
  }
  return { cached, baseline, states };
}

/** One mutant over seeds 1..N: per seed the ms to the first counterexample, the runs and the length reported; and the exhaustive shortest. */
export interface MutantTimes {
  id: string;
  ms: number[];
  runs: number[];
  /** Reported length per seed (null: not found). */
  lengths: (number | null)[];
  /** Seeds whose story the search proved shortest (within the story's budgets), or shortened. */
  proved: number;
  shortened: number;
  /** Shortest length exhaustive search finds in the zoo's exhaustive scope (null: none within the depth). */
  shortest: number | null;
}

/**
 * Each mutant on the timestamped seed lab in its zoo scope, random mode, seeds 1..`seeds`: time to
 * the first counterexample with shrinking and the search for a shorter story (default budget),
 * the length reported, and the exhaustive shortest in the zoo's (narrower) exhaustive scope, where
 * every story is also one of the random scope, so a reported length is at most that shortest
 * when the search did its job.
 */
export function mutantTimes(seeds = 10, onMutant?: (m: MutantTimes) => void): MutantTimes[] {
  return MUTANTS.map((m) => {
    const scope = scopeOf(m.id);
    const p = BUILTIN_PROPERTIES.find((x) => x.id === m.breaks)!;
    const scoped = (bounds: string) => applyOverrides(SEED_LAB, { sets: scope.sets, bounds: [bounds] }).scenario!;
    const s = scoped(scope.random);
    const row: MutantTimes = { id: m.id, ms: [], runs: [], lengths: [], proved: 0, shortened: 0, shortest: null };
    for (let seed = 1; seed <= seeds; seed++) {
      const t0 = performance.now();
      const r = check(createModel(s, { mutant: m.id }), [p], { mode: 'random', runs: 10_000, seed, maxSteps: s.bounds.steps, depth: 0, maxStates: 0 }).properties[0];
      row.ms.push(performance.now() - t0);
      row.runs.push(r.runs);
      const ce = r.counterexample;
      row.lengths.push(ce?.length ?? null);
      if (ce?.shortest?.proved) row.proved++;
      if (ce?.shortest && ce.length < ce.shortest.from) row.shortened++;
    }
    const e = exhaustiveCheck(createModel(scoped(scope.exhaustive), { mutant: m.id }), p, { depth: 30, maxStates: 3_000_000 });
    row.shortest = e.actions?.length ?? null;
    onMutant?.(row);
    return row;
  });
}

/** The seed lab with `extra` more servers on dcedge-1's segment, each talking to vm1 and the client. */
export function widened(extra: number): Scenario {
  const hosts = [...SEED_LAB.hosts];
  const traffic = [...SEED_LAB.traffic];
  for (let i = 0; i < extra; i++) {
    const name = `srv${i + 3}`;
    hosts.push({ ...SEED_LAB.hosts[1], name, ip: `192.168.1.${30 + i}`, mac: `0050.5600.00${(0x30 + i).toString(16)}` });
    traffic.push([name, 'vm1'], ['client', name]);
  }
  return { ...SEED_LAB, name: `seed-lab+${extra}`, hosts, traffic };
}

/** A generated model (`roamcheck generate`), built in memory. */
export function generatedScenario(sites: number, hosts: number): Scenario {
  const files = generateModel({ sites, hosts, pitrs: 1, seed: 1 }).map((f) => ({ path: f.name, text: f.text }));
  const built = buildScenario({ dir: `generated-${sites}x${hosts}`, files });
  if (!built.scenario) throw new Error(`generated-${sites}x${hosts} does not load: ${built.diagnostics[0]?.message}`); // generate.test.ts keeps them loading
  return built.scenario;
}

/** The timestamped seed lab, where the zoo is judged (DESIGN.md §4). */
export function timestampedSeedLab(): Scenario {
  return applyOverrides(SEED_LAB, { sets: ['registration=timestamped'] }).scenario!;
}

/** Random mode inside `check` with all six monitors: steps per second (shrinking included). */
export function checkRate(runs: number): { stepsPerSecond: number; steps: number } {
  const model = createModel(timestampedSeedLab());
  const t0 = performance.now();
  const r = check(model, BUILTIN_PROPERTIES, { mode: 'random', runs, seed: 1, maxSteps: model.scenario.bounds.steps, depth: 0, maxStates: 0 });
  const ms = performance.now() - t0;
  return { stepsPerSecond: (r.stats.steps / ms) * 1000, steps: r.stats.steps };
}

/** `global.gc`, exposed at run time so `npm run bench` needs no node flag. */
function gcFunction(): () => void {
  v8.setFlagsFromString('--expose-gc');
  return vm.runInNewContext('gc') as () => void;
}

/**
 * Bytes per stored state of the exhaustive search of the F2 scope: the live heap (after a full
 * GC) at its largest while searching, less the heap before, over the distinct states. It counts
 * the visited set, the parent links and the BFS frontier's worlds: an estimate, not pan's exact
 * "memory for states".
 */
export function exhaustiveMemory(): { bytesPerState: number; states: number; peakBytes: number } {
  const gc = gcFunction();
  const s = applyOverrides(SEED_LAB, { bounds: [F2_SCOPE] }).scenario!;
  const p = BUILTIN_PROPERTIES.find((x) => x.id === 'no-blackhole-after-smr')!;
  const model = createModel(s);
  gc();
  const base = process.memoryUsage().heapUsed;
  let peak = base;
  const r = exhaustiveCheck(model, p, {
    depth: 30,
    maxStates: 3_000_000,
    shouldStop: () => {
      gc();
      peak = Math.max(peak, process.memoryUsage().heapUsed);
      return false;
    },
  });
  return { bytesPerState: (peak - base) / r.distinctStates, states: r.distinctStates, peakBytes: peak - base };
}

/** Wall time of random `check` of the six properties in `workers` worker threads (the `--workers` pool). */
export async function workerCheckMs(workers: number, runs: number): Promise<number> {
  const ids = BUILTIN_PROPERTIES.map((p) => p.id);
  const job = {
    modelArg: undefined,
    cwd: process.cwd(),
    runOptions: { set: ['registration=timestamped'] },
    propertyFiles: [],
    options: { mode: 'random' as const, runs, seed: 1, maxSteps: SEED_LAB.bounds.steps, depth: 0, maxStates: 0 },
    memoryMiB: undefined,
  };
  const t0 = performance.now();
  await checkInWorkers(job, BUILTIN_PROPERTIES.filter((p) => ids.includes(p.id)), workers, () => {}).done;
  return performance.now() - t0;
}
