// Benchmark (DESIGN.md §2, §7): world steps/s (cached runners vs XState's transition()), random
// `check` with all six monitors vs the bare walk, exhaustive states/s and bytes per state, growth
// with network size (generated models included), time to the first counterexample per mutant,
// the worker pool, and SPIN on the same lab when it is installed. Every figure is a median beside
// a baseline measured in the same run. NOT PURE: timing, memory, child processes, stdout.
// `npm run bench [-- --json] [--seconds S] [--rounds N] [--only growth|check-growth|pool|por|shared|symmetry|instructions]`: the table by default; --json
// prints one JSON document (bench/figures.ts `Figure`) and nothing else on stdout.

import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { VERSION } from '../src/cli/version.js';
import type { Scenario } from '../src/core/scenario.js';
import { SEED_LAB } from '../src/core/seedLab.js';
import { enabled } from '../src/core/world/enabled.js';
import { initialWorld } from '../src/core/world/initial.js';
import { createModel, type Model } from '../src/core/world/model.js';
import { step } from '../src/core/world/step.js';
import { figure, figuresTable, fmtInt, fmtMiB, fmtPct, fmtRatio, median, table, type Figure } from './figures.js';
import { checkGrowth } from './checkGrowth.js';
import { checkRate, exhaustiveMemory, exhaustiveRates, generatedScenario, mutantTimes, porRates, sharedSearchRates, symmetryRates, widened, workerCheckMs } from './sections.js';
import { spinThreadsMs, walkThreadsMs } from './parallelCapacity.js';
import { EXHAUSTIVE_LADDER_DEPTH } from '../src/core/exhaustiveScope.js';
import { runSpin, SPIN_DEFINES, spinMissing, type SpinResult } from './spin.js';
import { instructionCount, valgrindMissing } from './instructions.js';
import { mulberry32 } from '../src/core/mulberry32.js';
import { countDistinctWorlds } from './worldSteps.js';

const WALK_STEPS = 60;
const SEED = 1;

interface Measurement {
  steps: number;
  ms: number;
  stepsPerSecond: number;
  /** Steps per second of this process's CPU time: what a busy shared machine disturbs least. */
  stepsPerCpuSecond: number;
  heapUsed: number;
}

/** Random walks of WALK_STEPS from the initial world, for about `budgetMs`; the same walks every call. */
function measure(model: Model, budgetMs: number): Measurement {
  const rnd = mulberry32(SEED);
  const start = initialWorld(model); // immutable: every walk restarts from it
  let steps = 0;
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  let ms = 0;
  do {
    let world = start;
    for (let i = 0; i < WALK_STEPS; i++) {
      // The action enabledActions(model, world)[⌊rnd · n⌋], indexed without building the list,
      // as random schedules take it (runSchedule.ts pickEnabled).
      const acts = enabled(model, world);
      if (acts.count === 0) throw new Error('no enabled action: every benched model always has traffic to send');
      // Quiet, as every search steps (no debug-lisp log text); the XState baseline steps the same way.
      world = step(model, world, acts.at(Math.floor(rnd() * acts.count)), false).world;
      steps++;
    }
    ms = performance.now() - t0;
  } while (ms < budgetMs);
  const cpu = process.cpuUsage(cpu0);
  return { steps, ms, stepsPerSecond: (steps / ms) * 1000, stepsPerCpuSecond: (steps / (cpu.user + cpu.system)) * 1e6, heapUsed: process.memoryUsage().heapUsed };
}

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : NaN;
  return Number.isFinite(v) && v > 0 ? v : fallback;
}

const json = process.argv.includes('--json');
/** The human report on stdout; with --json only progress, on stderr. */
const say = (text: string) => (json ? undefined : console.log(text));
const progress = (text: string) => (json ? process.stderr.write(`bench: ${text}\n`) : undefined);

/**
 * Growth with network size (issue 9): wider seed labs and generated models against the seed lab,
 * 3 interleaved rounds, in wall and CPU time (the 32x256 model's CPU figure beside the wall one).
 */
function growth(seconds: number, figures: Figure[]): void {
  progress('growth with network size');
  const sizes: { name: string; scenario: Scenario }[] = [
    { name: 'seed-lab', scenario: SEED_LAB },
    { name: 'seed-lab+2', scenario: widened(2) },
    { name: 'seed-lab+6', scenario: widened(6) },
    { name: 'generated-4x16', scenario: generatedScenario(4, 16) },
    { name: 'generated-8x64', scenario: generatedScenario(8, 64) },
    { name: 'generated-32x256', scenario: generatedScenario(32, 256) },
  ];
  const budget = Math.max(1000, (seconds * 1000) / 3);
  const growth = sizes.map((s) => ({ ...s, model: createModel(s.scenario), samples: [] as number[], cpuSamples: [] as number[] }));
  for (const g of growth) measure(g.model, 200);
  for (let r = 0; r < 3; r++) {
    for (const g of growth) {
      const m = measure(g.model, budget);
      g.samples.push(m.stepsPerSecond);
      g.cpuSamples.push(m.stepsPerCpuSecond);
    }
  }
  for (const g of growth.slice(1)) {
    figures.push(
      figure(
        `growth-steps-per-second-${g.name}`,
        'steps/s',
        g.samples,
        { name: 'growth-steps-per-second-seed-lab', samples: growth[0].samples },
        `${g.scenario.hosts.length} hosts, ${g.scenario.routers.length} routers, ${g.scenario.traffic.length} flows; rounds interleaved`,
      ),
    );
  }
  const big = growth[growth.length - 1];
  figures.push(
    figure(
      `growth-cpu-steps-per-second-${big.name}`,
      'steps/cpu-s',
      big.cpuSamples,
      { name: 'growth-cpu-steps-per-second-seed-lab', samples: growth[0].cpuSamples },
      'per second of CPU time of the process, same rounds',
    ),
  );
  say(`\ngrowth with network size (cached; 3 interleaved rounds, medians; baseline: the seed lab; issue 9 targets >= 0.5x at 32x256):`);
  say(
    table(
      ['model', 'hosts', 'routers', 'flows', 'steps/s', 'vs seed lab', 'steps/cpu-s', 'vs seed lab'],
      growth.map((g) => [
        g.name,
        String(g.scenario.hosts.length),
        String(g.scenario.routers.length),
        String(g.scenario.traffic.length),
        fmtInt(median(g.samples)),
        fmtRatio(median(g.samples) / median(growth[0].samples)),
        fmtInt(median(g.cpuSamples)),
        fmtRatio(median(g.cpuSamples) / median(growth[0].cpuSamples)),
      ]),
    ),
  );
}

/**
 * Instructions per world step (the seed lab's bare walk, steps 60,000 to 180,000; the 32-site /
 * 256-host model's, 20,000 to 100,000; random mode inside check, runs 2,000 to 6,000, as the
 * first 1,000 runs still pay for compiling: 39,500 instructions a world step against 25,400 past
 * 6,000) and per exhaustive state (the seed lab's F2 search, depth 10 to 12), counted under
 * valgrind when it is installed (bench/instructions.ts): figures that repeat to ~1 %, for telling
 * small changes apart across builds where timings cannot (`--only instructions` runs this alone,
 * about 12 minutes).
 */
function instructionsSection(figures: Figure[]): void {
  progress('instruction counts (valgrind)');
  const missing = valgrindMissing();
  if (missing) {
    say(`\ninstruction counts: not run (${missing}; Debian: apt-get install valgrind)`);
    return;
  }
  const walk = instructionCount('walk', 60_000, 180_000);
  const grown = instructionCount('walk-generated', 20_000, 100_000);
  const checked = instructionCount('check', 2_000, 6_000);
  const search = instructionCount('search', 10, 12);
  const walkRefs = walk.long - walk.short;
  const steps = walk.longWork.steps - walk.shortWork.steps;
  const grownRefs = grown.long - grown.short;
  const grownSteps = grown.longWork.steps - grown.shortWork.steps;
  const checkRefs = checked.long - checked.short;
  const checkSteps = checked.longWork.steps - checked.shortWork.steps;
  const searchRefs = search.long - search.short;
  const states = search.longWork.states - search.shortWork.states;
  const transitions = search.longWork.transitions - search.shortWork.transitions;
  const note = 'cachegrind, node --single-threaded --predictable; the difference of a short and a long run (start-up and most JIT warm-up cancel); repeats to ~1 %';
  const perStep = walkRefs / steps;
  figures.push(figure('instructions-per-world-step', 'instructions', [perStep], undefined, `seed lab bare walk, steps ${fmtInt(walk.shortWork.steps)} to ${fmtInt(walk.longWork.steps)}; ${note}`));
  figures.push(
    figure(
      'instructions-per-world-step-32x256',
      'instructions',
      [grownRefs / grownSteps],
      { name: 'instructions-per-world-step', samples: [perStep] },
      `the same walk of the generated 32-site / 256-host model, steps ${fmtInt(grown.shortWork.steps)} to ${fmtInt(grown.longWork.steps)}: the growth figure counted (the seed lab's count over this one is what timing's 0.5x target compares, less memory stalls)`,
    ),
  );
  figures.push(
    figure(
      'instructions-per-check-world-step',
      'instructions',
      [checkRefs / checkSteps],
      { name: 'instructions-per-world-step', samples: [perStep] },
      `random mode inside check, the six built-in properties, timestamped seed lab, seed 1, runs ${fmtInt(checked.shortWork.runs)} to ${fmtInt(checked.longWork.runs)} (${fmtInt(checkSteps)} world steps): the walk, the monitors and fast-check's generation`,
    ),
  );
  figures.push(
    figure('instructions-per-exhaustive-state', 'instructions', [searchRefs / states], undefined, `seed lab F2 scope, no-blackhole-after-smr, depth 10 to 12 (${fmtInt(states)} states); ${note}`),
  );
  figures.push(figure('instructions-per-exhaustive-transition', 'instructions', [searchRefs / transitions], undefined, `the same search (${fmtInt(transitions)} transitions)`));
  say('\ninstructions (valgrind cachegrind; deterministic to ~1 %, for comparing builds; the long run less the short one):');
  say(
    table(
      ['workload', 'work (long - short)', 'instructions', 'per unit'],
      [
        ['bare walk, seed lab', `${fmtInt(steps)} steps`, fmtInt(walkRefs), `${fmtInt(perStep)} a step`],
        [
          'bare walk, 32 sites / 256 hosts',
          `${fmtInt(grownSteps)} steps`,
          fmtInt(grownRefs),
          `${fmtInt(grownRefs / grownSteps)} a step (${fmtRatio(perStep / (grownRefs / grownSteps))} of the seed lab's rate)`,
        ],
        [
          'random check, six properties',
          `${fmtInt(checkSteps)} world steps`,
          fmtInt(checkRefs),
          `${fmtInt(checkRefs / checkSteps)} a world step (${fmtRatio(checkRefs / checkSteps / perStep)} the bare walk's)`,
        ],
        [
          'exhaustive F2, depth 10 -> 12',
          `${fmtInt(states)} states, ${fmtInt(transitions)} transitions`,
          fmtInt(searchRefs),
          `${fmtInt(searchRefs / states)} a state, ${fmtInt(searchRefs / transitions)} a transition`,
        ],
      ],
    ),
  );
}

/** Exhaustive searches sharing world steps: the six properties in one check against each alone (`--only shared` runs this alone). */
function sharedSection(figures: Figure[]): void {
  progress('shared searches');
  const r = sharedSearchRates(2);
  figures.push(
    figure(
      'exhaustive-shared-cpu-ms',
      'ms',
      r.sharedCpuMs,
      { name: 'exhaustive-alone-cpu-ms', samples: r.aloneCpuMs },
      'six properties, F2 scope, depth 30, one thread: in one check (searches taking turns) against six checks; 2 interleaved rounds; same reports',
    ),
    figure('exhaustive-shared-world-steps', 'steps', [r.sharedSteps], { name: 'exhaustive-alone-world-steps', samples: [r.aloneSteps] }, 'world steps taken (transactions finished), as above'),
  );
  say(
    `\nexhaustive searches sharing world steps (six properties, F2 scope, depth 30, one thread; same reports): CPU ${fmtInt(median(r.sharedCpuMs))} ms against ${fmtInt(median(r.aloneCpuMs))} ms alone (${fmtRatio(median(r.sharedCpuMs) / median(r.aloneCpuMs))}), world steps ${fmtInt(r.sharedSteps)} against ${fmtInt(r.aloneSteps)}`,
  );
}

/** Partial-order reduction: each property's F2 search with sleep sets beside the one without (`--only por` runs this alone). */
function porSection(figures: Figure[]): void {
  progress('partial-order reduction');
  const por = porRates(2);
  const sum = (xs: number[][]) => xs[0].map((_, i) => xs.reduce((n, x) => n + x[i], 0));
  figures.push(
    figure(
      'exhaustive-por-transitions',
      'transitions',
      [por.reduce((n, r) => n + r.porTransitions, 0)],
      { name: 'exhaustive-transitions', samples: [por.reduce((n, r) => n + r.transitions, 0)] },
      `sleep sets (check --exhaustive --por), seed lab, F2 scope, depth 30, six properties; the same ${fmtInt(por.reduce((n, r) => n + r.states, 0))} states`,
    ),
    figure(
      'exhaustive-por-cpu-ms',
      'ms',
      sum(por.map((r) => r.porCpuMs)),
      { name: 'exhaustive-cpu-ms', samples: sum(por.map((r) => r.cpuMs)) },
      'as above, CPU time of the six searches, 2 interleaved rounds',
    ),
  );
  for (const r of por) {
    figures.push(
      figure(`exhaustive-por-transitions-${r.id}`, 'transitions', [r.porTransitions], { name: `exhaustive-transitions-${r.id}`, samples: [r.transitions] }, `${fmtInt(r.states)} states either way`),
      figure(`exhaustive-por-cpu-ms-${r.id}`, 'ms', r.porCpuMs, { name: `exhaustive-cpu-ms-${r.id}`, samples: r.cpuMs }),
    );
  }
  say(`\npartial-order reduction (sleep sets, --por), seed lab, F2 scope, depth 30 (same states with and without; CPU medians of 2 interleaved rounds):`);
  say(
    table(
      ['property', 'states', 'transitions', 'with --por', 'ratio', 'CPU ms', 'with --por', 'ratio'],
      por.map((r) => {
        const [a, b] = [median(r.cpuMs), median(r.porCpuMs)];
        return [r.id, fmtInt(r.states), fmtInt(r.transitions), fmtInt(r.porTransitions), fmtRatio(r.porTransitions / r.transitions), fmtInt(a), fmtInt(b), fmtRatio(b / a)];
      }),
    ),
  );
}

/** Symmetry reduction on models/twin-vms beside the search without it (`--only symmetry` runs this alone). */
function symmetrySection(figures: Figure[]): void {
  progress('symmetry reduction');
  const r = symmetryRates(2);
  const total = (k: 'states' | 'symmetryStates') => r.rows.reduce((n, x) => n + x[k], 0);
  figures.push(
    figure(
      'exhaustive-symmetry-states',
      'states',
      [total('symmetryStates')],
      { name: 'exhaustive-states-without-symmetry', samples: [total('states')] },
      `check --exhaustive --symmetry, models/twin-vms (group of order ${r.twinOrder}), F2 scope without timer expiries, six properties; same verdicts and lengths; the seed lab's group has order ${r.seedLabOrder}`,
    ),
    figure(
      'exhaustive-symmetry-cpu-ms',
      'ms',
      r.symmetryCpuMs,
      { name: 'exhaustive-cpu-ms-without-symmetry', samples: r.cpuMs },
      `no-blackhole-after-smr, models/twin-vms, F2 scope, depth 30: ${fmtInt(r.symmetryStates)} states against ${fmtInt(r.states)}; 2 interleaved rounds`,
    ),
  );
  say(`
symmetry reduction (--symmetry), models/twin-vms, group of order ${r.twinOrder} (the seed lab's: ${r.seedLabOrder}); F2 scope without timer expiries, same verdicts and lengths:`);
  say(
    table(
      ['property', 'states', 'with --symmetry', 'ratio'],
      r.rows.map((x) => [x.id, fmtInt(x.states), fmtInt(x.symmetryStates), fmtRatio(x.symmetryStates / x.states)]),
    ),
  );
  say(
    `F2 scope, no-blackhole-after-smr, depth 30: ${fmtInt(r.symmetryStates)} states against ${fmtInt(r.states)} (${fmtRatio(r.symmetryStates / r.states)}), CPU ${fmtInt(median(r.symmetryCpuMs))} ms against ${fmtInt(median(r.cpuMs))} ms (${fmtRatio(median(r.symmetryCpuMs) / median(r.cpuMs))})`,
  );
}

/**
 * The worker pool: the same check in 2 worker threads against 1, random and exhaustive, wall and
 * CPU time of the process (every thread: what the second thread costs in work), and beside it
 * what the machine gave 2 threads of a plain CPU loop in the same rounds.
 */
async function pool(figures: Figure[], rounds = 3): Promise<void> {
  progress('worker pool');
  const poolRuns = 10_000;
  const poolDepth = 10; // F2 at depth 10 (~50,000 states a property): long enough, short enough for 3 rounds
  const capacity: number[] = [];
  const walkCapacity: number[] = [];
  // A long random job beside the default one: a thread's start-up and its JIT warm-up are a fixed
  // cost, so how far 2 workers get from 2x depends on the job's length (issue 9 asks for 1.8x).
  const longRuns = 50_000;
  const modes = ['random', 'random-long', 'exhaustive', 'ladder', 'exhaustive-one', 'ladder-one'] as const;
  const side = () => ({ one: [] as number[], two: [] as number[], cores: [] as number[], oneCpu: [] as number[], twoCpu: [] as number[] });
  const pool = { random: side(), 'random-long': side(), exhaustive: side(), ladder: side(), 'exhaustive-one': side(), 'ladder-one': side() };
  // One exhaustive property, split over the threads (cli/splitUnit.ts): the unit the pool could
  // not share before, F2 at depth 10 as above.
  const oneProperty = 'no-blackhole-after-smr';
  for (let r = 0; r < rounds; r++) {
    capacity.push((2 * (await spinThreadsMs(1))) / (await spinThreadsMs(2)));
    walkCapacity.push((2 * (await walkThreadsMs(1))) / (await walkThreadsMs(2)));
    for (const mode of modes) {
      const s = pool[mode];
      const o = {
        runs: mode === 'random-long' ? longRuns : poolRuns,
        depth: mode.startsWith('ladder') ? EXHAUSTIVE_LADDER_DEPTH : poolDepth,
        property: mode === 'exhaustive-one' || mode === 'ladder-one' ? oneProperty : undefined,
        ladder: mode.startsWith('ladder'),
      };
      const m = mode.startsWith('random') ? 'random' : 'exhaustive';
      const one = await workerCheckMs(1, m, o);
      s.one.push(one.ms);
      s.oneCpu.push(one.cpuMs);
      const two = await workerCheckMs(2, m, o);
      s.two.push(two.ms);
      s.twoCpu.push(two.cpuMs);
      s.cores.push(two.cpuMs / two.ms);
    }
  }
  const jobs = {
    random: `random, timestamped seed lab, six properties x ${poolRuns} runs, seed 1`,
    'random-long': `random long, timestamped seed lab, six properties x ${longRuns} runs, seed 1`,
    exhaustive: `exhaustive, seed lab, F2 scope, depth ${poolDepth}, six properties`,
    'exhaustive-one': `exhaustive, seed lab, F2 scope, depth ${poolDepth}, one property (${oneProperty}) split over the threads`,
    ladder: `exhaustive ladder, seed lab, the default ladder (4 rungs, \`check --exhaustive\`), six properties`,
    'ladder-one': `exhaustive, seed lab, the default ladder (4 rungs), one property (${oneProperty}), each rung split over the threads`,
  };
  const poolRows: string[][] = [];
  for (const mode of modes) {
    const s = pool[mode];
    const id = mode === 'exhaustive-one' ? 'exhaustive-one-property' : mode === 'ladder-one' ? 'ladder-one-property' : mode;
    const speedup = figure(
      `check-2-workers-${id}-speedup`,
      'x',
      s.one.map((t, i) => t / s.two[i]),
      undefined,
      `wall time of 1 worker / 2 workers per round, start-up included (${jobs[mode]}); ${cpus().length} cores, shared`,
    );
    const ms = figure(`check-2-workers-${id}-ms`, 'ms', s.two, { name: `check-1-worker-${id}-ms`, samples: s.one }, `wall time, ${jobs[mode]}; ratio < 1 is a speed-up`);
    const cores = figure(`check-2-workers-${id}-cores`, 'cores', s.cores, undefined, 'CPU time of the process (every thread) / wall time, with 2 workers: the cores the job got');
    figures.push(ms, speedup, cores);
    // Every thread's CPU, V8's compiler and collector threads included: what the second worker
    // costs in work (its start-up and JIT, the ranges, the split), the overhead 2 cores must absorb.
    const cpu = figure(
      `check-2-workers-${id}-cpu-ms`,
      'ms',
      s.twoCpu,
      { name: `check-1-worker-${id}-cpu-ms`, samples: s.oneCpu },
      'CPU time of the process (every thread), 2 workers against 1: what the second worker costs in work',
    );
    figures.push(cpu);
    poolRows.push([
      jobs[mode].split(',')[0] + (mode === 'exhaustive-one' ? ', one property' : mode === 'ladder-one' ? ', ladder, one property' : ''),
      fmtInt(ms.baselineValue!),
      fmtInt(ms.value),
      fmtRatio(speedup.value),
      cores.value.toFixed(2),
      fmtInt(cpu.baselineValue!),
      fmtInt(cpu.value),
      fmtRatio(cpu.ratio),
    ]);
  }
  const cap = figure(
    'parallel-capacity-2-threads',
    'x',
    capacity,
    undefined,
    '2 x wall of a CPU loop in 1 thread / wall of the same loop in 2 threads at once, rounds interleaved with the pool: 2.0 on 2 idle cores',
  );
  figures.push(cap);
  const walkCap = figure(
    'parallel-capacity-walk-2-threads',
    'x',
    walkCapacity,
    undefined,
    "2 x wall of the seed lab's bare walk (1,000,000 world steps) in 1 thread / wall of the same walk in 2 threads at once, rounds interleaved with the pool: the engine's own work split perfectly, the ceiling of every 2-worker figure here",
  );
  figures.push(walkCap);
  say(`\nworker pool, 1 vs 2 workers, wall time with start-up, ${rounds} rounds (medians; speed-up is the median of per-round ratios):`);
  say(table(['mode', '1 worker ms', '2 workers ms', 'speed-up', 'cores used', '1 worker CPU ms', '2 workers CPU ms', 'CPU ratio'], poolRows));
  say(
    `(${jobs.random}; ${jobs['random-long']}; ${jobs.exhaustive}; ${jobs.ladder}; ${jobs['exhaustive-one']}; ${jobs['ladder-one']}); the machine gave 2 threads of a CPU loop ${fmtRatio(cap.value)} of one, 2 threads of the bare walk ${fmtRatio(walkCap.value)}`,
  );
}

function optionText(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const seconds = option('seconds', 3);
  const rounds = option('rounds', 5);
  const started = { loadavg: loadavg().map((x) => Math.round(x * 100) / 100), at: performance.now() };
  const figures: Figure[] = [];
  // `--only growth`: the growth section alone (issue 9's figure in a minute, not the whole bench);
  // `--only check-growth`: check with six monitors on the generated 32x256 model beside the seed lab;
  // `--only pool`: the worker pool alone, with --rounds rounds; `--only por`: partial-order reduction
  // alone; `--only shared`: exhaustive searches sharing world steps alone; `--only symmetry`:
  // symmetry reduction alone; `--only instructions`: instruction counts under valgrind alone.
  const only = optionText('only');
  if (only === 'growth' || only === 'check-growth' || only === 'pool' || only === 'por' || only === 'shared' || only === 'symmetry' || only === 'instructions') {
    say(`roamcheck bench --only ${only}: node ${process.version}, ${cpus().length} cores, load average ${started.loadavg.join(' ')} (1/5/15 min)`);
    if (only === 'growth') growth(seconds, figures);
    else if (only === 'pool') await pool(figures, option('rounds', 3));
    else if (only === 'por') porSection(figures);
    else if (only === 'shared') sharedSection(figures);
    else if (only === 'symmetry') symmetrySection(figures);
    else if (only === 'instructions') instructionsSection(figures);
    else figures.push(...checkGrowth(option('rounds', 3), (model, ms) => measure(model, ms).stepsPerCpuSecond, say));
    const ended = loadavg().map((x) => Math.round(x * 100) / 100);
    say(`\n${figuresTable(figures)}`);
    say(`\nload average at the end ${ended.join(' ')}`);
    if (json)
      process.stdout.write(
        `${JSON.stringify({ tool: 'roamcheck-bench', version: VERSION, node: process.version, cpus: cpus().length, loadavg: { start: started.loadavg, end: ended }, options: { seconds, rounds: only === 'growth' ? undefined : option('rounds', 3), only }, elapsedMs: Math.round(performance.now() - started.at), figures }, null, 2)}\n`,
      );
    return;
  }
  say(`roamcheck bench: node ${process.version}, ${cpus().length} cores, load average ${started.loadavg.join(' ')} (1/5/15 min)`);
  say(`every figure is a median over rounds beside a baseline measured in the same run; absolute numbers move with the machine's load\n`);

  // 1. World steps per second: cached runners vs every machine stepped through XState's transition().
  progress('world steps/s');
  const cached = createModel(SEED_LAB, { cached: true });
  const uncached = createModel(SEED_LAB, { cached: false });
  const c: Measurement[] = [];
  const b: Measurement[] = [];
  const rows: string[][] = [];
  measure(cached, 300); // warm-up (JIT, runner caches), not counted
  measure(uncached, 300);
  for (let r = 1; r <= rounds; r++) {
    c.push(measure(cached, seconds * 1000));
    b.push(measure(uncached, seconds * 1000));
    const [x, y] = [c[r - 1], b[r - 1]];
    rows.push([`round ${r}`, fmtInt(x.stepsPerSecond), fmtMiB(x.heapUsed), fmtInt(y.stepsPerSecond), fmtMiB(y.heapUsed), fmtRatio(x.stepsPerSecond / y.stepsPerSecond)]);
  }
  const world = figure(
    'world-steps-per-second',
    'steps/s',
    c.map((m) => m.stepsPerSecond),
    { name: 'xstate-transition', samples: b.map((m) => m.stepsPerSecond) },
    `seed lab, random walks of ${WALK_STEPS} steps (mulberry32 seed ${SEED}), ${seconds} s per round and side, alternating`,
  );
  figures.push(world);
  rows.push(['median', fmtInt(world.value), fmtMiB(median(c.map((m) => m.heapUsed))), fmtInt(world.baselineValue!), fmtMiB(median(b.map((m) => m.heapUsed))), fmtRatio(world.ratio)]);
  say(`world steps/s, seed lab, random walks of ${WALK_STEPS} steps, ${rounds} rounds x ${seconds} s each side, alternating:`);
  say(table(['', 'cached steps/s', 'heap after', 'transition() steps/s', 'heap after', 'ratio'], rows));

  const runners = Object.entries(cached.runners);
  const total = runners.reduce((acc, [, x]) => ({ hits: acc.hits + x.hits, misses: acc.misses + x.misses }), { hits: 0, misses: 0 });
  const lookups = (x: { hits: number; misses: number }) => x.hits + x.misses;
  figures.push(figure('runner-cache-hit-rate', '%', [(100 * total.hits) / Math.max(1, lookups(total))], undefined, 'all runners of the cached model, all rounds'));
  say(`\nrunner caches of the cached model (all rounds; ${fmtInt(c.reduce((n, m) => n + m.steps, 0))} world steps):`);
  say(
    table(
      ['runner', 'lookups', 'hits', 'misses', 'hit rate'],
      [...runners, ['all', total] as const].map(([name, x]) => [name, fmtInt(lookups(x)), fmtInt(x.hits), fmtInt(x.misses), lookups(x) ? fmtPct(x.hits / lookups(x)) : '-']),
    ),
  );

  // 2. Random mode inside check, all six monitors, against the bare walk of the same model.
  progress('random check with six monitors');
  // Rounds of 2,000 runs (about half a second each) after two uncounted ones: three rounds of 500
  // runs, straight after the walk, measured mostly V8 compiling the monitors and fast-check (the
  // same check ran 3x faster by its fifth round), not the checker's throughput.
  const checkRuns = 2_000;
  const checkSamples: number[] = [];
  const worldSamples: number[] = [];
  const walkSamples: number[] = [];
  const timestamped = createModel({ ...SEED_LAB, registration: 'timestamped' });
  measure(timestamped, 300);
  for (let r = 0; r < 2; r++) checkRate(checkRuns);
  for (let r = 0; r < 3; r++) {
    const c = checkRate(checkRuns);
    checkSamples.push(c.stepsPerSecond);
    worldSamples.push(c.worldStepsPerSecond);
    walkSamples.push(measure(timestamped, seconds * 1000).stepsPerSecond);
  }
  const chk = figure(
    'check-random-steps-per-second',
    'steps/s',
    checkSamples,
    { name: 'bare-walk', samples: walkSamples },
    `timestamped seed lab, six properties x ${checkRuns} runs, seed 1, shrinking included, after 2 uncounted rounds (JIT warm-up); steps as the report counts them (each property's own: a world step six properties judge on the shared walk counts six); baseline: walks without monitors`,
  );
  figures.push(chk);
  const chkWorld = figure(
    'check-random-world-steps-per-second',
    'steps/s',
    worldSamples,
    { name: 'bare-walk', samples: walkSamples },
    'the same checks, world steps actually taken (shared walk, shrinking, counterexample replays), each judged by every undecided monitor; baseline: walks without monitors',
  );
  figures.push(chkWorld);
  // Not a rate: how many of the check's world steps reach a world it had not reached before. Near
  // 1, a memo of world transitions cannot make random mode faster; each step itself must cost less.
  const distinctRuns = 6_000;
  const d = countDistinctWorlds(() => checkRate(distinctRuns));
  const distinct = figure(
    'check-random-distinct-worlds',
    'worlds',
    [d.distinct],
    { name: 'check-random-world-steps', samples: [d.steps] },
    `the same check at ${fmtInt(distinctRuns)} runs: distinct worlds (by fingerprint) its world steps reached; ratio: the share of steps that reached a new world`,
  );
  figures.push(distinct);
  say(`\nrandom check, six monitors (timestamped seed lab, ${checkRuns} runs per property, shrinking included; 2 warm-up rounds, then 3 rounds each side):`);
  say(
    table(
      ['', 'steps/s'],
      [
        ['check, six monitors (steps as reported: per property)', fmtInt(chk.value)],
        ['check, six monitors (world steps taken)', fmtInt(chkWorld.value)],
        ['bare walk', fmtInt(chk.baselineValue!)],
        ['ratio, reported steps', fmtRatio(chk.ratio)],
        ['ratio, world steps', fmtRatio(chkWorld.ratio)],
        [`distinct worlds reached / world steps (${fmtInt(distinctRuns)} runs)`, `${fmtInt(distinct.value)} / ${fmtInt(distinct.baselineValue!)}`],
      ],
    ),
  );

  // 3. The worker pool.
  await pool(figures);

  // 4. Exhaustive search: distinct states/s (compact search, cached vs uncached machines, and
  // against the search it replaced) and bytes per stored state (exact and heap, both searches).
  progress('exhaustive search');
  const ex = exhaustiveRates(3);
  const exFig = figure(
    'exhaustive-states-per-second',
    'states/s',
    ex.cached,
    { name: 'exhaustive-states-per-second-uncached', samples: ex.baseline },
    `seed lab, F2 scope (${ex.states} states), no-blackhole-after-smr, depth 30`,
  );
  const exRef = figure(
    'exhaustive-states-per-second-vs-reference',
    'states/s',
    ex.cached,
    { name: 'exhaustive-reference-states-per-second', samples: ex.reference },
    'the compact search against the one it replaced (bench/exhaustiveReference.ts), cached machines, rounds interleaved',
  );
  const exCpu = figure(
    'exhaustive-states-per-cpu-second-vs-reference',
    'states/s',
    ex.cachedCpu,
    { name: 'exhaustive-reference-states-per-cpu-second', samples: ex.referenceCpu },
    'as above, over the process CPU time (steadier than wall time on a shared machine)',
  );
  figures.push(exFig, exRef, exCpu);
  const mem = exhaustiveMemory();
  figures.push(figure('exhaustive-stored-bytes-per-state', 'bytes', [mem.storedBytesPerState], undefined, `fingerprint set + BFS tree / ${mem.states} states (exact; issue 9 targets <= 16)`));
  figures.push(
    figure(
      'exhaustive-bytes-per-state',
      'bytes',
      [mem.bytesPerState],
      { name: 'exhaustive-reference-bytes-per-state', samples: [mem.referenceBytesPerState] },
      `live heap peak after GC / ${mem.states} states (visited set, parent links, frontier worlds: at most ${mem.peakFrontier}); baseline: the search it replaced`,
    ),
  );
  say(`\nexhaustive search, F2 scope, no-blackhole-after-smr (${fmtInt(ex.states)} states, 3 interleaved rounds each side):`);
  say(
    table(
      ['', 'states/s', 'states/CPU-s'],
      [
        ['compact, cached', fmtInt(exFig.value), fmtInt(exCpu.value)],
        ['compact, uncached', fmtInt(exFig.baselineValue!), ''],
        ['reference (replaced search), cached', fmtInt(exRef.baselineValue!), fmtInt(exCpu.baselineValue!)],
        ['compact / uncached', fmtRatio(exFig.ratio), ''],
        ['compact / reference', fmtRatio(exRef.ratio), fmtRatio(exCpu.ratio)],
      ],
    ),
  );
  say(
    table(
      ['memory', 'bytes', 'bytes per stored state'],
      [
        ['fingerprint set + BFS tree (exact)', fmtInt(mem.storedBytes), mem.storedBytesPerState.toFixed(1)],
        [`live heap peak, compact (frontier of at most ${fmtInt(mem.peakFrontier)} worlds included)`, fmtInt(mem.peakBytes), fmtInt(mem.bytesPerState)],
        ['live heap peak, reference (replaced search)', fmtInt(mem.referencePeakBytes), fmtInt(mem.referenceBytesPerState)],
      ],
    ),
  );

  // 4b. Partial-order reduction: the same searches with sleep sets, per property.
  porSection(figures);
  symmetrySection(figures);
  // 4c. The six searches in one thread taking turns, sharing world steps.
  sharedSection(figures);

  // 4d. Instruction counts (valgrind), deterministic where the timings above are not.
  instructionsSection(figures);

  // 5. SPIN on the Promela model of the seed lab, in the same run.
  progress('SPIN');
  const missing = spinMissing();
  let spin: SpinResult | { skipped: string } = { skipped: missing ?? '' };
  if (missing) say(`\nSPIN: not run (${missing}; Debian: apt-get install spin gcc)`);
  else {
    try {
      spin = runSpin(3);
      const rates = spin.wallMs.map((ms) => ((spin as SpinResult).states / ms) * 1000);
      figures.push(
        figure(
          'spin-states-per-second',
          'states/s',
          rates,
          { name: 'exhaustive-states-per-second', samples: ex.cached },
          `SPIN ${spin.version.replace(/^Spin Version /, '')}, pan -A over s1.pml ${SPIN_DEFINES.join(' ')} (${spin.states} states), wall time incl. start-up; baseline: roamcheck, F2 scope`,
        ),
      );
      figures.push(
        figure(
          'spin-bytes-per-state',
          'bytes',
          [spin.stateMemoryBytes / spin.states],
          { name: 'exhaustive-bytes-per-state', samples: [mem.bytesPerState] },
          `pan's memory for states / states (state vector ${spin.stateVectorBytes} bytes)`,
        ),
      );
      const sFig = figures[figures.length - 2];
      say(`\nSPIN beside roamcheck (same run; different models of the seed lab, so compare rates, not counts):`);
      say(
        table(
          ['', 'states', 'states/s (median)', 'bytes/state'],
          [
            [`SPIN pan -A, s1.pml ${SPIN_DEFINES.join(' ')}`, fmtInt(spin.states), fmtInt(sFig.value), fmtInt(spin.stateMemoryBytes / spin.states)],
            ['roamcheck --exhaustive, F2 scope', fmtInt(ex.states), fmtInt(exFig.value), fmtInt(mem.bytesPerState)],
            ['roamcheck / SPIN', '', fmtRatio(exFig.value / sFig.value), ''],
          ],
        ),
      );
      say(`(${spin.version}; pan wall ms ${spin.wallMs.map((x) => fmtInt(x)).join(', ')}; pan's own timer ${spin.panSeconds.join(', ')} s)`);
    } catch (e) {
      spin = { skipped: (e as Error).message.split('\n')[0] };
      say(`\nSPIN: not run (${spin.skipped})`);
    }
  }

  // 6. Growth with network size: wider seed labs and generated models, against the seed lab.
  growth(seconds, figures);

  // 7. Time to the first counterexample per mutant, and the length reported (timestamped seed lab, seeds 1-10, random mode).
  progress('mutants');
  const zoo = mutantTimes(10, (z) => progress(`mutants: ${z.id}`));
  for (const z of zoo) {
    const found = z.lengths.filter((x): x is number => x !== null);
    const atShortest = found.filter((x) => x === z.shortest).length;
    const shorter = z.shortest === null ? 0 : found.filter((x) => x < z.shortest!).length;
    figures.push(
      figure(`first-counterexample-ms-${z.id}`, 'ms', z.ms, undefined, `seeds 1-${z.ms.length}, median; runs to find ${z.runs.join(', ')}; shrinking and the search for a shorter story included`),
    );
    figures.push(figure(`found-and-shrunk-ms-${z.id}`, 'ms', z.shrunkMs, undefined, `seeds 1-${z.ms.length}, median; found and shrunk, without the search for a shorter story (--shortest-budget 0)`));
    figures.push(
      figure(
        `story-length-${z.id}`,
        'steps',
        found,
        z.shortest === null ? undefined : { name: 'exhaustive-shortest', samples: [z.shortest] },
        `seeds 1-${z.ms.length}: lengths ${z.lengths.map((x) => x ?? '-').join(', ')}; ${atShortest} at the exhaustive shortest (${z.shortest ?? 'none'} in the zoo's exhaustive scope), ${shorter} shorter; search: ${z.shortened} shortened, ${z.proved} proved shortest within the story's budgets`,
      ),
    );
  }
  say('\ntime to first counterexample and story length, per mutant (random mode in the zoo scope, seeds 1-10, shrinking and the search for a shorter story included):');
  say(
    table(
      ['mutant', 'median ms', 'found+shrunk ms', 'median runs', 'lengths (seeds 1-10)', 'exhaustive shortest', 'at shortest', 'shortened', 'proved'],
      zoo.map((z) => [
        z.id,
        fmtInt(median(z.ms)),
        fmtInt(median(z.shrunkMs)),
        fmtInt(median(z.runs)),
        z.lengths.map((x) => x ?? '-').join(' '),
        String(z.shortest ?? '-'),
        `${z.lengths.filter((x) => x !== null && x === z.shortest).length}/${z.lengths.length}`,
        String(z.shortened),
        String(z.proved),
      ]),
    ),
  );

  const ended = loadavg().map((x) => Math.round(x * 100) / 100);
  say(`\nall figures (medians; ratio = figure / baseline, same run):`);
  say(figuresTable(figures));
  say(`\nheap used at the end: ${fmtMiB(process.memoryUsage().heapUsed)}; load average at the end ${ended.join(' ')}; ${((performance.now() - started.at) / 1000).toFixed(0)} s in all`);
  if (json) {
    const doc = {
      tool: 'roamcheck-bench',
      version: VERSION,
      node: process.version,
      cpus: cpus().length,
      loadavg: { start: started.loadavg, end: ended },
      options: { seconds, rounds },
      elapsedMs: Math.round(performance.now() - started.at),
      figures,
      spin,
    };
    process.stdout.write(JSON.stringify(doc, null, 2) + '\n');
  }
}

await main();
