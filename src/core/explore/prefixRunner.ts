// PrefixRunner: runs choice lists exactly as runChoices does (no recording), but follows the
// last violating run, whose states it keeps, for as long as a list takes the same actions.
// PURE. Why: fast-check shrinks a failing schedule by trying thousands of candidates, each run
// from the start: a 22-step no-smr story took 14,527 candidate runs and 447,609 world steps
// (issue 9: a mutant "found and shrunk in under 1 s"). Most candidates keep a prefix of the
// failure they shrink (the array shrinker works along the list), and a lowered choice often
// picks the same action as before (a choice is taken modulo the actions enabled). The same
// action from the same state gives the same state and monitor state (step and monitors are
// pure), so while a candidate's actions are the failure's, the stored states are reused and
// only the rest is run. Verdicts, violation index and message are those of runChoices (checked
// candidate for candidate in test/props/prefixRunner.test.ts).

import type { Property } from '../properties/property.js';
import { type Action, sameAction } from '../world/action.js';
import { enabled } from '../world/enabled.js';
import type { Model } from '../world/model.js';
import { step } from '../world/step.js';
import type { World } from '../world/world.js';
import { pickIndex, settleAction, startWorld } from './runSchedule.js';

export interface PrefixRun {
  violation?: { index: number; message: string };
  /** World steps taken by this call (steps along the stored run are not taken again). */
  steps: number;
}

export class PrefixRunner {
  /**
   * The last violating run: the world and monitor state before each of its steps (index 0 to
   * the violating step), the action of each step, and the violation.
   */
  private worlds: World[] = [];
  private mons: unknown[] = [];
  private actions: Action[] = [];
  private violation: { index: number; message: string } | undefined;
  /** Passing candidates, by `runKey`; cleared past MEMO_CHARS so a long shrink stays in bounds. */
  private passed = new Set<string>();
  private passedChars = 0;
  /** Candidates answered from `passed` without a step. */
  memoHits = 0;

  constructor(
    private readonly model: Model,
    private readonly property: Property<any>,
  ) {}

  run(choices: readonly number[]): PrefixRun {
    const { model, property } = this;
    const worlds: World[] = [];
    const mons: unknown[] = [];
    const actions: Action[] = [];
    let world = startWorld(model);
    let mon: unknown = property.init(model, world);
    // On the stored run while every action so far was the stored one.
    let along = this.violation !== undefined;
    let steps = 0;
    // The index picked among the enabled actions at each choice step, while on the stored run.
    const picked: number[] = [];
    let key: string | undefined;
    for (let i = 0; ; i++) {
      let action: Action | undefined;
      if (i < choices.length) {
        const e = enabled(model, world);
        const at = pickIndex(e, choices[i]);
        if (at >= 0) {
          action = e.at(at);
          if (along) picked.push(at);
        }
      } else action = settleAction(world, choices.length, i);
      if (!action) {
        if (key !== undefined) this.remember(key);
        return { violation: undefined, steps };
      }
      worlds.push(world);
      mons.push(mon);
      actions.push(action);
      if (along && sameAction(action, this.actions[i])) {
        // The stored run's step: its violation, or the state it went on from.
        const v = this.violation!;
        if (i === v.index) return { violation: v, steps };
        world = this.worlds[i + 1];
        mon = this.mons[i + 1];
        continue;
      }
      if (along) {
        // Leaving the stored run: the actions picked so far fix the state after this step, and
        // the choices after it (then the deterministic settling) fix the rest of the run.
        key = runKey(picked, choices, i);
        if (this.passed.has(key)) {
          this.memoHits++;
          return { violation: undefined, steps };
        }
      }
      along = false;
      const before = world;
      const r = step(model, world, action, false);
      world = r.world;
      steps++;
      const m = property.step(mon, { model, index: i, action, before, after: world, obs: r.obs });
      mon = m.state;
      if (m.violation) {
        this.worlds = worlds;
        this.mons = mons;
        this.actions = actions;
        this.violation = { index: i, message: m.violation };
        return { violation: this.violation, steps };
      }
    }
  }

  private remember(key: string): void {
    if (this.passedChars + key.length > MEMO_CHARS) {
      this.passed.clear();
      this.passedChars = 0;
    }
    this.passed.add(key);
    this.passedChars += key.length;
  }
}

/** Memory bound of the passed-candidate memo, in key characters (about 2 bytes each). */
const MEMO_CHARS = 32_000_000;

/** What decides a run that leaves the stored run at step `i`: the picks up to i, the raw choices after. */
function runKey(picked: readonly number[], choices: readonly number[], i: number): string {
  return `${picked.join(',')}|${choices.slice(i + 1).join(',')}`;
}
