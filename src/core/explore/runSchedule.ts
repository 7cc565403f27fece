// Run one schedule against the world with a property's monitor, stopping at the first violation.
// PURE. A schedule is a list of choices; choice k picks enabledActions(world)[k mod n], so every
// list of numbers is a valid schedule and every shrunk schedule still runs (STYLE.md).

import type { Property } from '../properties/property.js';
import { type Action, sameAction } from '../world/action.js';
import { enabled, enabledActions, type Enabled } from '../world/enabled.js';
import { initialWorld } from '../world/initial.js';
import type { Model } from '../world/model.js';
import type { Observation } from '../world/observation.js';
import { step } from '../world/step.js';
import type { World } from '../world/world.js';
import { describeAction } from '../trace/describe.js';

export interface ScheduleRun {
  actions: Action[];
  /** Observations per step, only when `record` was asked for. */
  obs?: Observation[][];
  /** Logical time after each step (ms), only when recorded. */
  times?: number[];
  /** Each action in protocol words, only when recorded. */
  texts?: string[];
  /** Index of the violating step, and what was violated. */
  violation?: { index: number; message: string };
  steps: number;
  world: World;
}

const initialCache = new WeakMap<Model, World>();

/** The model's initial world, built once (worlds are immutable). */
export function startWorld(model: Model): World {
  let w = initialCache.get(model);
  if (!w) {
    w = initialWorld(model);
    initialCache.set(model, w);
  }
  return w;
}

/** Deliveries allowed in a schedule's settling tail. */
export const SETTLE_LIMIT = 200;

/**
 * Run the choices, then let the network settle: deliver what is in flight, oldest first, with no
 * new environment action, until nothing is in flight. The tail is made of ordinary enabled
 * actions, so the run stays a valid schedule; it is what lets a short random prefix reach the
 * quiet states that quiescence properties speak about.
 */
export function runChoices(model: Model, property: Property<any> | null, choices: readonly number[], record = false): ScheduleRun {
  return runWith(model, property, record, (w, i) => (i < choices.length ? pickEnabled(enabled(model, w), choices[i]) : settleAction(w, choices.length, i)));
}

/**
 * Step `i` of the settling tail after `n` choices: deliver the oldest message in flight; undefined
 * once nothing is in flight or SETTLE_LIMIT deliveries have been made. Every runner of choice
 * lists (runChoices, prefixRunner.ts, sharedWalk.ts) ends its schedules this way.
 */
export function settleAction(w: World, n: number, i: number): Action | undefined {
  if (i >= n + SETTLE_LIMIT || w.msgs.length === 0) return undefined;
  return { type: 'msg.deliver', id: w.msgs[0].id };
}

/** Replay a fixed list of actions (a saved trace); stops early if one is not enabled. */
export function runActions(model: Model, property: Property<any> | null, actions: readonly Action[], record = true): ScheduleRun & { notEnabled?: number } {
  let notEnabled: number | undefined;
  const run = runWith(model, property, record, (w, i) => {
    if (i >= actions.length) return undefined;
    const a = actions[i];
    // A script's wait is never among the explored actions; it is enabled while it skips no timer.
    const enabled = a.type === 'clock.wait' ? !w.timers.some((t) => t.deadline < a.until) : enabledActions(model, w).some((e) => sameAction(e, a));
    if (!enabled) {
      notEnabled = i;
      return undefined;
    }
    return a;
  });
  return { ...run, notEnabled };
}

function runWith(model: Model, property: Property<any> | null, record: boolean, next: (w: World, i: number) => Action | undefined): ScheduleRun {
  let world = startWorld(model);
  let mon = property?.init(model, world);
  const actions: Action[] = [];
  const obsLog: Observation[][] = [];
  const times: number[] = [];
  const texts: string[] = [];
  for (let i = 0; ; i++) {
    const action = next(world, i);
    if (!action) break;
    const before = world;
    const r = step(model, world, action, record);
    world = r.world;
    actions.push(action);
    if (record) {
      texts.push(describeAction(before, action));
      obsLog.push(r.obs);
      times.push(world.now);
    }
    if (property) {
      const m = property.step(mon, { model, index: i, action, before, after: world, obs: r.obs });
      mon = m.state;
      if (m.violation) {
        return { actions, obs: record ? obsLog : undefined, times: record ? times : undefined, texts: record ? texts : undefined, violation: { index: i, message: m.violation }, steps: i + 1, world };
      }
    }
  }
  return { actions, obs: record ? obsLog : undefined, times: record ? times : undefined, texts: record ? texts : undefined, steps: actions.length, world };
}

/**
 * Map a choice to an enabled action. The low two bits pick a kind, so message handling, timers
 * and the environment are drawn about equally often however many sends and moves are enabled
 * (0-1: a message action, 2: a timer, 3: the environment); the rest picks within the kind. An
 * empty kind falls back to all enabled actions. Choice 0 is "deliver the oldest message", which
 * is where fast-check's shrinking heads.
 */
export function pick(acts: readonly Action[], choice: number): Action | undefined {
  if (acts.length === 0) return undefined;
  const kind = choice & 3;
  const rest = Math.floor(choice / 4);
  const pool = acts.filter((a) => (kind <= 1 ? a.type.startsWith('msg.') : kind === 2 ? a.type === 'timer.expire' : !a.type.startsWith('msg.') && a.type !== 'timer.expire'));
  return pool.length ? pool[rest % pool.length] : acts[choice % acts.length];
}

/**
 * pick(enabledActions(model, w), choice), without building the list: each kind's pool is one
 * contiguous part of it (messages, then timers, then the environment: enabled.ts), so the
 * choice is an index computed from the parts' counts (issue 9). test/props/enabledLazy.test.ts
 * holds it to `pick` choice for choice.
 */
export function pickEnabled(e: Enabled, choice: number): Action | undefined {
  const i = pickIndex(e, choice);
  return i < 0 ? undefined : e.at(i);
}

/** The index in `e` of the action pickEnabled(e, choice) returns; -1 when nothing is enabled. */
export function pickIndex(e: Enabled, choice: number): number {
  if (e.count === 0) return -1;
  const kind = choice & 3;
  const rest = Math.floor(choice / 4);
  const lo = kind <= 1 ? 0 : kind === 2 ? e.msgEnd : e.timerEnd;
  const hi = kind <= 1 ? e.msgEnd : kind === 2 ? e.timerEnd : e.count;
  return hi > lo ? lo + (rest % (hi - lo)) : choice % e.count;
}
