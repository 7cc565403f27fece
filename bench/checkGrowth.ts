// Bench section `check-growth` (DESIGN.md §7; issue 9): random `check` with all six built-in
// monitors on the generated 32-site / 256-host model beside the seed lab, in the same process,
// rounds interleaved so a busy machine slows both alike; wall and CPU time. Each model is checked
// as `roamcheck check` checks it (its scenario's `bounds.steps`: 60 for the seed lab, 2 for the
// generated model), the generated one also with 60-step runs, and the bare walk of each (no
// monitor) in the same rounds, so the monitors' share shows beside the world's. NOT PURE
// (timing); called from bench/run.ts.

import { performance } from 'node:perf_hooks';
import { BUILTIN_PROPERTIES } from '../properties/index.js';
import { check } from '../src/core/check/check.js';
import type { Scenario } from '../src/core/scenario.js';
import { SEED_LAB } from '../src/core/seedLab.js';
import { createModel, type Model } from '../src/core/world/model.js';
import { figure, fmtInt, fmtRatio, median, table, type Figure } from './figures.js';
import { generatedScenario } from './sections.js';

/** Runs per property and round: about a second of CPU each on an idle core (the generated model's own runs are 2 steps long). */
const RUNS = { seedLab: 1_000, generated: 6_000, generatedLong: 250 };

interface Side {
  name: string;
  scenario: Scenario;
  runs: number;
  /** Schedule length: the scenario's `bounds.steps` unless given. */
  maxSteps?: number;
  model: Model;
  check: { wall: number[]; cpu: number[] };
  walk: number[];
}

/** One `check` of the six properties: steps per second of wall time and of the process's CPU time. */
function checkRound(model: Model, runs: number, maxSteps = model.scenario.bounds.steps): { wall: number; cpu: number } {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const r = check(model, BUILTIN_PROPERTIES, { mode: 'random', runs, seed: 1, maxSteps, depth: 0, maxStates: 0 });
  const c = process.cpuUsage(c0);
  const ms = performance.now() - t0;
  return { wall: (r.stats.steps / ms) * 1000, cpu: (r.stats.steps / (c.user + c.system)) * 1e6 };
}

/**
 * The section: `rounds` interleaved rounds; `walk(model, ms)` is run.ts's bare random walk
 * (steps per CPU second), passed in so both sections measure the world the same way.
 */
export function checkGrowth(rounds: number, walk: (model: Model, budgetMs: number) => number, say: (text: string) => void): Figure[] {
  const generated = generatedScenario(32, 256);
  // The generated model also with the seed lab's schedule length: long runs, where per-run costs
  // (fast-check, a monitor's start) weigh less and the worlds are deeper.
  const sides: Side[] = [
    { name: 'seed-lab', scenario: SEED_LAB, runs: RUNS.seedLab },
    { name: 'generated-32x256', scenario: generated, runs: RUNS.generated },
    { name: 'generated-32x256-long', scenario: generated, runs: RUNS.generatedLong, maxSteps: SEED_LAB.bounds.steps },
  ].map((s) => ({ ...s, model: createModel(s.scenario), check: { wall: [], cpu: [] }, walk: [] }));
  // Warm-up, not counted: JIT, runner caches, the monitors' per-model indexes.
  for (const s of sides) {
    checkRound(s.model, Math.ceil(s.runs / 10), s.maxSteps);
    walk(s.model, 200);
  }
  for (let r = 0; r < rounds; r++) {
    for (const s of sides) {
      const c = checkRound(s.model, s.runs, s.maxSteps);
      s.check.wall.push(c.wall);
      s.check.cpu.push(c.cpu);
      s.walk.push(walk(s.model, 1000));
    }
  }
  const [seed, big, long] = sides;
  const note = (s: Side) => `six properties x ${fmtInt(s.runs)} runs, seed 1, max-steps ${s.maxSteps ?? `${s.scenario.bounds.steps} (the model's own)`}, shrinking included`;
  const figures = [
    figure(
      'check-growth-steps-per-second-generated-32x256',
      'steps/s',
      big.check.wall,
      { name: 'check-growth-steps-per-second-seed-lab', samples: seed.check.wall },
      `${note(big)}; baseline: ${note(seed)}; rounds interleaved`,
    ),
    figure(
      'check-growth-cpu-steps-per-second-generated-32x256',
      'steps/cpu-s',
      big.check.cpu,
      { name: 'check-growth-cpu-steps-per-second-seed-lab', samples: seed.check.cpu },
      'as above, per second of CPU time of the process',
    ),
    figure(
      'check-growth-cpu-steps-per-second-generated-32x256-long',
      'steps/cpu-s',
      long.check.cpu,
      { name: 'check-growth-cpu-steps-per-second-seed-lab', samples: seed.check.cpu },
      `${note(long)}; CPU time`,
    ),
    ...sides.map((s) =>
      figure(
        `check-vs-walk-cpu-${s.name}`,
        'steps/cpu-s',
        s.check.cpu,
        { name: `walk-cpu-steps-per-second-${s.name}`, samples: s.walk },
        "check with six monitors against the bare random walk of the same model, same rounds; not the monitors' cost alone: the walk picks uniformly among enabled actions, check's schedules pick kinds evenly and end with a settling tail",
      ),
    ),
  ];
  say(`\ncheck with six monitors, generated 32x256 beside the seed lab (${rounds} interleaved rounds, medians; CPU time of the process):`);
  say(
    table(
      ['model', 'runs/property', 'max-steps', 'check steps/s', 'check steps/cpu-s', 'vs seed lab', 'bare walk steps/cpu-s', 'vs seed lab', 'check / walk'],
      sides.map((s) => [
        s.name,
        fmtInt(s.runs),
        String(s.maxSteps ?? s.scenario.bounds.steps),
        fmtInt(median(s.check.wall)),
        fmtInt(median(s.check.cpu)),
        fmtRatio(median(s.check.cpu) / median(seed.check.cpu)),
        fmtInt(median(s.walk)),
        fmtRatio(median(s.walk) / median(seed.walk)),
        fmtRatio(median(s.check.cpu) / median(s.walk)),
      ]),
    ),
  );
  return figures;
}
