// Further benchmark sections (DESIGN.md §7): exhaustive distinct states/s and bytes per state,
// random `check` with every monitor, the worker pool, time to the first counterexample and shrunk
// length per mutant, and growth with network size (wider seed labs, generated models), each with
// a baseline measured in the same process. NOT PURE (timing, memory); called from bench/run.ts.

import { performance } from 'node:perf_hooks';
import v8 from 'node:v8';
import vm from 'node:vm';
import { checkInWorkers } from '../src/cli/checkPool.js';
import { loadForRun } from '../src/cli/loadForRun.js';
import { buildScenario } from '../src/config/buildScenario.js';
import { generateModel } from '../src/config/generateModel.js';
import { BUILTIN_PROPERTIES } from '../properties/index.js';
import { check } from '../src/core/check/check.js';
import { countWorldSteps } from './worldSteps.js';
import { scopeOf } from '../src/core/check/zoo.js';
import { exhaustiveScope } from '../src/core/exhaustiveScope.js';
import { exhaustiveCheck } from '../src/core/explore/exhaustive.js';
import { exhaustiveCheckReference } from './exhaustiveReference.js';
import { MUTANTS } from '../src/core/mutants.js';
import { applyOverrides } from '../src/core/overrides.js';
import type { Scenario } from '../src/core/scenario.js';
import { SEED_LAB } from '../src/core/seedLab.js';
import { createModel } from '../src/core/world/model.js';
import { hostSymmetry } from '../src/core/world/hostSymmetry.js';

const F2_SCOPE = 'moves=1,losses=0,sends=2,garps=0,spoofs=0,timerExpiries=1';

/**
 * Exhaustive search of the F2 scope: distinct states per second (wall time, and CPU time of the
 * process), the compact search on cached machines, on uncached machines, and the search
 * it replaced (bench/exhaustiveReference.ts) on cached machines; rounds interleaved, so a busy
 * machine slows every side alike.
 */
export function exhaustiveRates(rounds: number): { cached: number[]; baseline: number[]; reference: number[]; cachedCpu: number[]; referenceCpu: number[]; states: number } {
  const s = applyOverrides(SEED_LAB, { bounds: [F2_SCOPE] }).scenario!;
  const property = BUILTIN_PROPERTIES.find((x) => x.id === 'no-blackhole-after-smr')!;
  const run = (search: typeof exhaustiveCheck, cached: boolean) => {
    const model = createModel(s, { cached });
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    const r = search(model, property, { depth: 30, maxStates: 3_000_000 });
    const cpu = process.cpuUsage(c0);
    const ms = performance.now() - t0;
    return { perSecond: (r.distinctStates / ms) * 1000, perCpuSecond: (r.distinctStates / ((cpu.user + cpu.system) / 1000)) * 1000, states: r.distinctStates };
  };
  const out = { cached: [] as number[], baseline: [] as number[], reference: [] as number[], cachedCpu: [] as number[], referenceCpu: [] as number[], states: 0 };
  for (let i = 0; i < rounds; i++) {
    const c = run(exhaustiveCheck, true);
    out.cached.push(c.perSecond);
    out.cachedCpu.push(c.perCpuSecond);
    out.states = c.states;
    const r = run(exhaustiveCheckReference as typeof exhaustiveCheck, true);
    if (r.states !== c.states) throw new Error(`the compact search found ${c.states} states, the reference ${r.states}`);
    out.reference.push(r.perSecond);
    out.referenceCpu.push(r.perCpuSecond);
    out.baseline.push(run(exhaustiveCheck, false).perSecond);
  }
  return out;
}

/** Per property on the F2 scope: the search with sleep sets (`--por`) beside the one without, rounds interleaved. */
export interface PorRow {
  id: string;
  states: number;
  transitions: number;
  porTransitions: number;
  cpuMs: number[];
  porCpuMs: number[];
}

/**
 * Partial-order reduction (explore/sleepSet.ts) on the seed lab's F2 scope, depth 30, each built-in
 * property, `rounds` interleaved rounds. Sleep sets skip transitions, never states: a different
 * state count is an error, not a figure.
 */
export function porRates(rounds: number): PorRow[] {
  const model = createModel(applyOverrides(SEED_LAB, { bounds: [F2_SCOPE] }).scenario!);
  const rows: PorRow[] = [];
  for (const property of BUILTIN_PROPERTIES) {
    const row: PorRow = { id: property.id, states: 0, transitions: 0, porTransitions: 0, cpuMs: [], porCpuMs: [] };
    for (let i = 0; i < rounds; i++) {
      for (const por of [false, true]) {
        const c0 = process.cpuUsage();
        const r = exhaustiveCheck(model, property, { depth: 30, maxStates: 3_000_000, por });
        const cpu = process.cpuUsage(c0);
        const ms = (cpu.user + cpu.system) / 1000;
        if (!por) {
          row.states = r.distinctStates;
          row.transitions = r.transitions;
          row.cpuMs.push(ms);
        } else {
          if (r.distinctStates !== row.states) throw new Error(`${property.id}: ${r.distinctStates} states with --por, ${row.states} without`);
          row.porTransitions = r.transitions;
          row.porCpuMs.push(ms);
        }
      }
    }
    rows.push(row);
  }
  return rows;
}

/** Symmetry reduction's figures (`--symmetry`): see symmetryRates. */
export interface SymmetryRates {
  /** The group's order on the seed lab (1: it has no interchangeable hosts) and on models/twin-vms. */
  seedLabOrder: number;
  twinOrder: number;
  /** Per property, models/twin-vms, F2 scope without timer expiries: states without and with. */
  rows: { id: string; states: number; symmetryStates: number }[];
  /** `no-blackhole-after-smr` on models/twin-vms, F2 scope, depth 30: states and CPU ms without and with, rounds interleaved. */
  states: number;
  symmetryStates: number;
  cpuMs: number[];
  symmetryCpuMs: number[];
}

/**
 * Symmetry reduction on models/twin-vms (two interchangeable VMs): every property's state count
 * with and without it in a small scope, and one property's search of the F2 scope timed, `rounds`
 * interleaved rounds. A verdict or counterexample length that differs is an error, not a figure.
 */
export function symmetryRates(rounds: number): SymmetryRates {
  const twin = (bounds: string) => {
    const r = loadForRun('models/twin-vms', { bounds: [bounds] }, process.cwd());
    if (!r.model) throw new Error('models/twin-vms does not load');
    return r.model;
  };
  const small = twin(`${F2_SCOPE.replace('timerExpiries=1', 'timerExpiries=0')},duplicates=0,reboots=0`);
  const same = (a: ReturnType<typeof exhaustiveCheck>, b: ReturnType<typeof exhaustiveCheck>, id: string) => {
    if (a.verdict !== b.verdict || a.actions?.length !== b.actions?.length) throw new Error(`${id}: ${a.verdict}/${a.actions?.length} without --symmetry, ${b.verdict}/${b.actions?.length} with`);
  };
  const rows = BUILTIN_PROPERTIES.map((p) => {
    const a = exhaustiveCheck(small, p, { depth: 100, maxStates: 3_000_000 });
    const b = exhaustiveCheck(small, p, { depth: 100, maxStates: 3_000_000, symmetry: true });
    same(a, b, p.id);
    return { id: p.id, states: a.distinctStates, symmetryStates: b.distinctStates };
  });
  const model = twin(`${F2_SCOPE},duplicates=0,reboots=0`);
  const property = BUILTIN_PROPERTIES.find((x) => x.id === 'no-blackhole-after-smr')!;
  const out = { states: 0, symmetryStates: 0, cpuMs: [] as number[], symmetryCpuMs: [] as number[] };
  for (let i = 0; i < rounds; i++) {
    const runs = [false, true].map((symmetry) => {
      const c0 = process.cpuUsage();
      const r = exhaustiveCheck(model, property, { depth: 30, maxStates: 3_000_000, symmetry });
      const cpu = process.cpuUsage(c0);
      (symmetry ? out.symmetryCpuMs : out.cpuMs).push((cpu.user + cpu.system) / 1000);
      return r;
    });
    same(runs[0], runs[1], property.id);
    out.states = runs[0].distinctStates;
    out.symmetryStates = runs[1].distinctStates;
  }
  return { seedLabOrder: hostSymmetry(SEED_LAB).order, twinOrder: hostSymmetry(model.scenario).order, rows, ...out };
}

/**
 * The six properties' exhaustive checks of the F2 scope (depth 30) in one thread: each alone, and
 * all in one check, whose searches take turns sharing world steps (check.ts sharesSearch); CPU
 * time and world steps (transactions finished), `rounds` interleaved rounds. Different reports
 * are an error, not a figure.
 */
export function sharedSearchRates(rounds: number): { aloneCpuMs: number[]; sharedCpuMs: number[]; aloneSteps: number; sharedSteps: number } {
  const model = createModel(applyOverrides(SEED_LAB, { bounds: [F2_SCOPE] }).scenario!);
  const opts = { mode: 'exhaustive' as const, runs: 0, seed: 1, maxSteps: 0, depth: 30, maxStates: 3_000_000, shortestBudget: 0 };
  const out = { aloneCpuMs: [] as number[], sharedCpuMs: [] as number[], aloneSteps: 0, sharedSteps: 0 };
  const strip = (r: { elapsedMs: number }) => JSON.stringify({ ...r, elapsedMs: 0 });
  const cpuMs = (c0: NodeJS.CpuUsage) => {
    const c = process.cpuUsage(c0);
    return (c.user + c.system) / 1000;
  };
  for (let i = 0; i < rounds; i++) {
    let c0 = process.cpuUsage();
    const alone = countWorldSteps(() => BUILTIN_PROPERTIES.map((p) => check(model, [p], opts).properties[0]));
    out.aloneCpuMs.push(cpuMs(c0));
    out.aloneSteps = alone.steps;
    c0 = process.cpuUsage();
    const shared = countWorldSteps(() => check(model, BUILTIN_PROPERTIES, opts).properties);
    out.sharedCpuMs.push(cpuMs(c0));
    out.sharedSteps = shared.steps;
    if (shared.value.map(strip).join() !== alone.value.map(strip).join()) throw new Error('shared searches reported differently from searches alone');
  }
  return out;
}

/** One mutant over seeds 1..N: per seed the ms to the first counterexample, the runs and the length reported; and the exhaustive shortest. */
export interface MutantTimes {
  id: string;
  ms: number[];
  /** Per seed, ms to the first counterexample found and shrunk, without the search for a shorter story (`--shortest-budget 0`). */
  shrunkMs: number[];
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
    const row: MutantTimes = { id: m.id, ms: [], shrunkMs: [], runs: [], lengths: [], proved: 0, shortened: 0, shortest: null };
    for (let seed = 1; seed <= seeds; seed++) {
      const t1 = performance.now();
      check(createModel(s, { mutant: m.id }), [p], { mode: 'random', runs: 10_000, seed, maxSteps: s.bounds.steps, depth: 0, maxStates: 0, shortestBudget: 0 });
      row.shrunkMs.push(performance.now() - t1);
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
export function checkRate(runs: number): { stepsPerSecond: number; steps: number; worldStepsPerSecond: number; worldSteps: number } {
  const model = createModel(timestampedSeedLab());
  // World steps actually taken (worldSteps.ts): the report's steps are each property's own, and in
  // random mode the properties walk together, so one world step judged by six properties is six of those.
  const t0 = performance.now();
  const { value: r, steps: worldSteps } = countWorldSteps(() => check(model, BUILTIN_PROPERTIES, { mode: 'random', runs, seed: 1, maxSteps: model.scenario.bounds.steps, depth: 0, maxStates: 0 }));
  const ms = performance.now() - t0;
  return { stepsPerSecond: (r.stats.steps / ms) * 1000, steps: r.stats.steps, worldStepsPerSecond: (worldSteps / ms) * 1000, worldSteps };
}

/** `global.gc`, exposed at run time so `npm run bench` needs no node flag. */
function gcFunction(): () => void {
  v8.setFlagsFromString('--expose-gc');
  return vm.runInNewContext('gc') as () => void;
}

/**
 * Bytes per stored state of the exhaustive search of the F2 scope, two ways. Exact: the compact
 * search's fingerprint set and BFS tree (ExhaustiveResult.storedBytes) over the states; what
 * grows with the states explored, and what the 16-byte target is about. Heap: the live
 * heap and ArrayBuffers at their peak (a full GC at every poll) less before, over the states, for the
 * compact search and for the one it replaced (bench/exhaustiveReference.ts): it also counts the
 * frontier's worlds (transient: one BFS level, `peakFrontier` of them at most) and the model's
 * caches filled on the way, so it is an estimate, not pan's exact "memory for states".
 */
export function exhaustiveMemory(): {
  storedBytesPerState: number;
  storedBytes: number;
  peakFrontier: number;
  bytesPerState: number;
  peakBytes: number;
  referenceBytesPerState: number;
  referencePeakBytes: number;
  states: number;
} {
  const gc = gcFunction();
  const s = applyOverrides(SEED_LAB, { bounds: [F2_SCOPE] }).scenario!;
  const property = BUILTIN_PROPERTIES.find((x) => x.id === 'no-blackhole-after-smr')!;
  /** Live JS heap plus ArrayBuffer contents (typed arrays live outside the JS heap: the compact search's set and tree). */
  const used = () => {
    const m = process.memoryUsage();
    return m.heapUsed + m.arrayBuffers;
  };
  /** One search with a full GC at every poll: the memory in use at its largest, less the memory before. */
  const heapPeak = (search: typeof exhaustiveCheck) => {
    const model = createModel(s);
    gc();
    const base = used();
    let peak = base;
    const r = search(model, property, {
      depth: 30,
      maxStates: 3_000_000,
      shouldStop: () => {
        gc();
        peak = Math.max(peak, used());
        return false;
      },
    });
    return { result: r, peakBytes: peak - base };
  };
  const heap = heapPeak(exhaustiveCheck);
  const reference = heapPeak(exhaustiveCheckReference as typeof exhaustiveCheck);
  const exact = heap.result as ReturnType<typeof exhaustiveCheck>;
  return {
    storedBytesPerState: exact.storedBytes / exact.distinctStates,
    storedBytes: exact.storedBytes,
    peakFrontier: exact.peakFrontier,
    bytesPerState: heap.peakBytes / exact.distinctStates,
    peakBytes: heap.peakBytes,
    referenceBytesPerState: reference.peakBytes / reference.result.distinctStates,
    referencePeakBytes: reference.peakBytes,
    states: exact.distinctStates,
  };
}

/**
 * The seed lab's six properties (or the one `property`) through the `--workers` pool with
 * `workers` threads, start-up included: wall ms, and CPU ms of the whole process (every thread),
 * whose ratio says how many cores the job got on a shared machine. Random: the timestamped seed
 * lab (every property but one holds, so each runs all its runs), seed 1. Exhaustive: the seed lab
 * on the F2 scope (one property is split over the threads: cli/splitUnit.ts).
 */
export async function workerCheckMs(workers: number, mode: 'random' | 'exhaustive', o: { runs: number; depth: number; property?: string; ladder?: boolean }): Promise<{ ms: number; cpuMs: number }> {
  const random = mode === 'random';
  // `ladder`: the default exhaustive ladder, capped as `check --exhaustive` caps it (checkCommand.ts).
  const ladder = o.ladder ? exhaustiveScope(SEED_LAB.bounds, new Set()) : undefined;
  const runOptions = random ? { set: ['registration=timestamped'] } : ladder ? { bounds: ladder.caps ? [ladder.caps] : [] } : { bounds: [F2_SCOPE] };
  const job = {
    modelArg: undefined,
    cwd: process.cwd(),
    runOptions,
    // As `check` does: the main thread reads the model, the workers build it from its scenario.
    scenario: loadForRun(undefined, runOptions, process.cwd()).scenario,
    propertyFiles: [],
    options: { mode, runs: o.runs, seed: 1, maxSteps: SEED_LAB.bounds.steps, depth: o.depth, maxStates: 3_000_000, ...(ladder ? { scopes: ladder.rungs } : {}) },
    memoryMiB: undefined,
  };
  const properties = o.property ? BUILTIN_PROPERTIES.filter((p) => p.id === o.property) : BUILTIN_PROPERTIES;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await checkInWorkers(job, properties, workers, () => {}).done;
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return { ms, cpuMs: (cpu.user + cpu.system) / 1000 };
}
