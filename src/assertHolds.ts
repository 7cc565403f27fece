// assertHolds: check a property over a model inside any test runner (vitest, node:test, jest).
// On a violation it throws a PropertyViolation whose message carries the seed, the fast-check
// path, the reproduce line and the counterexample story, so a failing CI run can be replayed.

import { check, type CheckOptions, type PropertyReport } from './core/check/check.js';
import type { Property } from './core/properties/property.js';
import type { Model } from './core/world/model.js';

export class PropertyViolation extends Error {
  constructor(
    readonly report: PropertyReport,
    readonly seed: number,
  ) {
    const ce = report.counterexample!;
    const story = ce.steps.map((s) => `  ${String(s.i + 1).padStart(3)}. ${s.text}\n       ${s.summary}`).join('\n');
    super(
      `${report.id} violated: ${ce.message}\n` +
        `seed ${seed}${ce.path ? `, path ${ce.path}` : ''} (roamcheck check -p ${report.id} --seed ${seed}${ce.path ? ` --path ${ce.path}` : ''})\n` +
        `counterexample, ${ce.length} steps:\n${story}`,
    );
    this.name = 'PropertyViolation';
  }
}

/**
 * Throw unless `property` holds on `model` in random mode (or exhaustive mode with `exhaustive`).
 * A hold that judged nothing (vacuous) throws too, unless `allowVacuous`: a test must not pass by
 * checking nothing. The seed defaults to 1 so a test is deterministic; pass another to explore more.
 */
export function assertHolds(
  model: Model,
  property: Property<any>,
  opts: Partial<Pick<CheckOptions, 'runs' | 'seed' | 'maxSteps' | 'depth' | 'maxStates' | 'path' | 'shortestBudget'>> & { exhaustive?: boolean; allowVacuous?: boolean } = {},
): PropertyReport {
  const seed = opts.seed ?? 1;
  const report = check(model, [property], {
    mode: opts.exhaustive ? 'exhaustive' : 'random',
    runs: opts.runs ?? 1000,
    seed,
    maxSteps: opts.maxSteps ?? model.scenario.bounds.steps,
    depth: opts.depth ?? 16,
    maxStates: opts.maxStates ?? 1_000_000,
    path: opts.path,
    shortestBudget: opts.shortestBudget,
  }).properties[0];
  if (report.verdict === 'violated') throw new PropertyViolation(report, seed);
  if (report.verdict === 'unknown') throw new Error(`${property.id}: unknown (${report.reason})`);
  if (report.vacuous && !opts.allowVacuous) throw new Error(`${property.id}: holds vacuously (${report.vacuityReason}); nothing was judged (pass allowVacuous to accept that)`);
  return report;
}
