// Random exploration with fast-check: schedules are arrays of choices among enabled actions,
// generated, checked after every step and shrunk to a minimal failing one (DESIGN.md §2).
// PURE: all randomness comes from fast-check's seeded generator; the seed and the path of the
// shrunk failure are reported so `--seed S --path P` replays it exactly.

import fc from 'fast-check';
import type { Property } from '../properties/property.js';
import type { Model } from '../world/model.js';
import { type PrefixRun, PrefixRunner } from './prefixRunner.js';
import { runChoices, type ScheduleRun } from './runSchedule.js';

export interface RandomOptions {
  runs: number;
  seed: number;
  maxSteps: number;
  /** Replay only this fast-check path (from a previous report). */
  path?: string;
  /** Stop generating new runs after this long (ms of wall time, given by the edge). */
  interruptAfterTimeLimit?: number;
  /** Called after every run with the number of runs so far (progress display at the edge). */
  onRun?: (runs: number) => void;
  /** Polled before every run (and shrink step): true ends the search (an interrupt at the edge). */
  shouldStop?: () => boolean;
}

export interface RandomResult {
  verdict: 'holds' | 'violated';
  runs: number;
  shrinks: number;
  seed: number;
  path: string | null;
  /** World steps taken over all runs (shrinking included). */
  steps: number;
  /** The shrunk failing schedule and its recorded run. */
  choices?: number[];
  run?: ScheduleRun;
  /** Ended early: by the time limit or by `shouldStop`. */
  interrupted: boolean;
  /** Ended early by `shouldStop` (a failure found before is kept, shrunk as far as it got). */
  stopped: boolean;
}

/** The schedule arbitrary: up to `maxSteps` choices; shrinking makes it shorter and picks earlier actions. */
/**
 * A `--path` that fast-check cannot replay on this property (well-formed, but naming a run or a
 * shrink that does not exist for this model, seed and `--max-steps`): the user's input, not a bug.
 */
export class PathReplayError extends Error {
  constructor(
    readonly path: string,
    readonly property: string,
  ) {
    super(`--path "${path}" does not replay on property "${property}"`);
  }
}

export function scheduleArb(maxSteps: number) {
  return fc.array(fc.nat(), { maxLength: maxSteps, size: 'max' });
}

export function randomCheck(model: Model, property: Property<any>, opts: RandomOptions): RandomResult {
  let steps = 0;
  let runs = 0;
  let stopped = false;
  let thrown: { error: unknown } | undefined;
  let details: fc.RunDetails<[number[]]>;
  // Shrinking runs thousands of candidates that share a prefix with the failure they shrink:
  // each is resumed from there (prefixRunner.ts), with the same verdict as a run from the start.
  const runner = new PrefixRunner(model, property);
  try {
    details = fc.check(
      fc.property(scheduleArb(opts.maxSteps), (choices) => {
        // An interrupt-execution precondition failure is fast-check's own way to end a check early.
        if (opts.shouldStop?.()) {
          stopped = true;
          throw new fc.PreconditionFailure(true);
        }
        let r: PrefixRun;
        try {
          r = runner.run(choices);
        } catch (error) {
          // A throw is a bug (the model's or a user property's), not a counterexample: never shrink it.
          thrown = { error };
          throw new fc.PreconditionFailure(true);
        }
        steps += r.steps;
        opts.onRun?.(++runs);
        return r.violation === undefined;
      }),
      {
        numRuns: opts.runs,
        seed: opts.seed,
        path: opts.path,
        endOnFailure: false,
        interruptAfterTimeLimit: opts.interruptAfterTimeLimit,
        markInterruptAsFailure: false,
      },
    );
  } catch (e) {
    // fast-check's own words for a path that leads nowhere (a run or shrink that does not exist).
    if (opts.path !== undefined && !thrown && e instanceof Error && /Unable to replay/.test(e.message)) throw new PathReplayError(opts.path, property.id);
    throw e;
  }
  if (thrown) throw thrown.error;
  if (!details.failed || !details.counterexample) {
    return { verdict: 'holds', runs: details.numRuns, shrinks: 0, seed: opts.seed, path: null, steps, interrupted: details.interrupted, stopped };
  }
  const choices = details.counterexample[0] as number[];
  const run = runChoices(model, property, choices, true);
  return {
    verdict: 'violated',
    runs: details.numRuns,
    shrinks: details.numShrinks,
    seed: opts.seed,
    path: details.counterexamplePath,
    steps,
    choices: choices.slice(0, run.steps),
    run,
    interrupted: details.interrupted,
    stopped,
  };
}
