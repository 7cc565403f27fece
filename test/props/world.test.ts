// The composed world on the seed lab: properties of the engine itself (STYLE.md "Tests").
// Random walks choose indices into enabledActions (so every walk only takes enabled actions, and
// every shrunk walk still runs) under last-writer and timestamped registration and every mutant:
// step never throws and is deterministic, the bookkeeping stays consistent, worldKey ignores
// insertion order and numbering, and the cached and uncached models agree.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MUTANTS } from '../../src/core/mutants.js';
import type { Bounds, Scenario } from '../../src/core/scenario.js';
import { SEED_LAB } from '../../src/core/seedLab.js';
import type { Action } from '../../src/core/world/action.js';
import { ActorTable } from '../../src/core/world/actorTable.js';
import { TimerList } from '../../src/core/world/timerList.js';
import { enabledActions } from '../../src/core/world/enabled.js';
import { initialWorld } from '../../src/core/world/initial.js';
import { worldKey } from '../../src/core/world/key.js';
import { createModel, type Model } from '../../src/core/world/model.js';
import type { Observation } from '../../src/core/world/observation.js';
import { step } from '../../src/core/world/step.js';
import type { Budgets, Msg, World } from '../../src/core/world/world.js';

const RUN = { seed: 42, numRuns: 200 } as const;
/** Fewer runs where each run does much more work (every enabled action, or XState uncached). */
const HEAVY = { seed: 42, numRuns: 60 } as const;
const choicesArb = fc.array(fc.nat(), { maxLength: 40 });

interface Config {
  name: string;
  scenario: Scenario;
  mutant: string | null;
}

const CONFIGS: Config[] = [
  { name: 'last-writer', scenario: SEED_LAB, mutant: null },
  { name: 'timestamped', scenario: { ...SEED_LAB, registration: 'timestamped' }, mutant: null },
  ...MUTANTS.map((m) => ({ name: `mutant ${m.id}`, scenario: SEED_LAB, mutant: m.id })),
];

interface Walk {
  /** worlds[0] is the initial world; worlds[i + 1] follows actions[i]. */
  worlds: World[];
  actions: Action[];
  obs: Observation[][];
}

/** Take `choices[i] % enabled.length` at each step. */
function walk(model: Model, choices: readonly number[]): Walk {
  let world = initialWorld(model);
  const out: Walk = { worlds: [world], actions: [], obs: [] };
  for (const n of choices) {
    const acts = enabledActions(model, world);
    if (acts.length === 0) throw new Error('no enabled action: the seed lab always has traffic to send');
    const action = acts[n % acts.length];
    const r = step(model, world, action);
    world = r.world;
    out.worlds.push(world);
    out.actions.push(action);
    out.obs.push(r.obs);
  }
  return out;
}

/** Replay a list of actions (no choosing). */
function replay(model: Model, actions: readonly Action[]): Walk {
  let world = initialWorld(model);
  const out: Walk = { worlds: [world], actions: [], obs: [] };
  for (const action of actions) {
    const r = step(model, world, action);
    world = r.world;
    out.worlds.push(world);
    out.actions.push(action);
    out.obs.push(r.obs);
  }
  return out;
}

const BUDGETS: (keyof Budgets)[] = ['moves', 'losses', 'duplicates', 'reboots', 'spoofs', 'timerExpiries', 'sends', 'garps'];
const boundOf = (b: Bounds, k: keyof Budgets): number => (b as unknown as Record<string, number | undefined>)[k] ?? Infinity;

/**
 * Every bookkeeping invariant of one transition `before --action--> after`, as a list of what is
 * wrong (plain checks: a walk makes thousands, too many for one `expect` each).
 */
function bookkeepingProblems(model: Model, before: World, action: Action, after: World, gone: Set<number>): string[] {
  const problems: string[] = [];
  const check = (ok: boolean, what: string) => {
    if (!ok) problems.push(what);
  };
  const ids = after.msgs.map((m) => m.id);
  check(new Set(ids).size === ids.length, `message ids not unique: ${ids}`);
  check(
    ids.every((id) => id < after.seq),
    `a message id >= seq ${after.seq}: ${ids}`,
  );
  check(after.seq >= before.seq, `seq went back ${before.seq} -> ${after.seq}`);
  check(after.now >= before.now, `time went back ${before.now} -> ${after.now}`);
  for (const t of after.timers) check(t.deadline >= after.now, `timer ${t.key} due at ${t.deadline} < now ${after.now}`);
  const timers = after.timers.toArray();
  for (let i = 1; i < timers.length; i++) check(timers[i - 1].key < timers[i].key, `timers not sorted and unique at ${timers[i].key}`);
  for (const t of after.timers) check(t.key === `${t.actor}#${t.name}`, `timer key ${t.key} is not actor#name`);
  for (const k of BUDGETS) {
    check(after.used[k] <= boundOf(model.scenario.bounds, k), `used.${k} = ${after.used[k]} over its bound`);
    check(after.used[k] >= before.used[k], `used.${k} went back`);
  }
  // No message is delivered twice: once taken off the wire its id never comes back.
  if (action.type === 'msg.deliver' || action.type === 'msg.drop') check(!ids.includes(action.id), `#${action.id} still in flight after ${action.type}`);
  for (const m of before.msgs) if (!ids.includes(m.id)) gone.add(m.id);
  for (const id of ids) check(!gone.has(id), `#${id} is back in flight`);
  return problems;
}

/** The same world with actors, timers and messages stored in another order. */
function reorder(w: World, perm: { actors: string[]; timers: number[]; msgs: number[]; hosts: string[]; queues: string[] }): World {
  return {
    ...w,
    actors: ActorTable.fromEntries(perm.actors.map((id) => [id, w.actors.get(id)!])),
    timers: TimerList.from(perm.timers.map((i) => w.timers.toArray()[i])),
    msgs: perm.msgs.map((i) => w.msgs[i]),
    hostAt: Object.fromEntries(perm.hosts.map((h) => [h, w.hostAt[h]])),
    arpQueue: Object.fromEntries(perm.queues.map((q) => [q, w.arpQueue[q]])),
  };
}

/** The same world with every message and packet id shifted (ids are names, not state). */
function renumber(w: World, by: number): World {
  const msgs = w.msgs.map((m) => ({ ...m, id: m.id + by, ...('pkt' in m ? { pkt: { ...m.pkt, id: m.pkt.id + by } } : {}) }) as Msg);
  return { ...w, msgs, seq: w.seq + by };
}

const indices = (n: number) => Array.from({ length: n }, (_, i) => i);

describe.each(CONFIGS)('world on the seed lab ($name)', ({ scenario, mutant }) => {
  const model = createModel(scenario, { mutant });

  it('should step every enabled action of every world along a walk without throwing', () => {
    fc.assert(
      fc.property(choicesArb, (choices) => {
        // Arrange
        const { worlds } = walk(model, choices);
        for (const w of worlds) {
          const acts = enabledActions(model, w);
          expect(acts.length).toBeGreaterThan(0);
          // Act / Assert
          for (const a of acts) expect(() => step(model, w, a)).not.toThrow();
        }
      }),
      HEAVY,
    );
  });

  it('should be deterministic: the same choices give the same worlds and observations', () => {
    // Arrange: a second model, whose runner caches fill in another order
    const twin = createModel(scenario, { mutant });
    fc.assert(
      fc.property(choicesArb, (choices) => {
        // Act
        const a = walk(model, choices);
        const b = walk(twin, choices);
        // Assert
        expect(b.actions).toEqual(a.actions);
        expect(b.worlds.map((w) => worldKey(w))).toEqual(a.worlds.map((w) => worldKey(w)));
        expect(b.obs).toEqual(a.obs);
        expect(b.worlds[b.worlds.length - 1]).toEqual(a.worlds[a.worlds.length - 1]);
      }),
      RUN,
    );
  });

  it('should keep its bookkeeping consistent at every step', () => {
    fc.assert(
      fc.property(choicesArb, (choices) => {
        // Act
        const { worlds, actions } = walk(model, choices);
        // Assert
        const gone = new Set<number>();
        const problems = actions.flatMap((a, i) => bookkeepingProblems(model, worlds[i], a, worlds[i + 1], gone).map((p) => `step ${i} (${a.type}): ${p}`));
        expect(problems).toEqual([]);
      }),
      RUN,
    );
  });

  it('should give a worldKey independent of insertion order and of message numbering', () => {
    fc.assert(
      fc.property(choicesArb, fc.gen(), fc.nat(1000), (choices, g, by) => {
        // Arrange
        const { worlds } = walk(model, choices);
        const w = worlds[worlds.length - 1];
        const shuffle = <T>(xs: T[]): T[] => g(fc.shuffledSubarray, xs, { minLength: xs.length, maxLength: xs.length });
        const perm = {
          actors: shuffle(w.actors.keys()),
          timers: shuffle(indices(w.timers.length)),
          msgs: shuffle(indices(w.msgs.length)),
          hosts: shuffle(Object.keys(w.hostAt)),
          queues: shuffle(Object.keys(w.arpQueue)),
        };
        // Act
        const shuffled = reorder(w, perm);
        const shifted = renumber(w, by + 1);
        // Assert
        expect(worldKey(shuffled)).toBe(worldKey(w));
        expect(worldKey(renumber(shuffled, by + 1))).toBe(worldKey(w));
        expect(worldKey(shifted)).toBe(worldKey(w));
        expect(worldKey(shuffled, scenario.bounds)).toBe(worldKey(w, scenario.bounds));
      }),
      RUN,
    );
  });

  it('should reach identical worlds through the cached and the uncached (XState) models', () => {
    // Arrange
    const uncached = createModel(scenario, { mutant, cached: false });
    fc.assert(
      fc.property(choicesArb, (choices) => {
        // Act
        const a = walk(model, choices);
        const b = replay(uncached, a.actions);
        // Assert
        expect(b.worlds).toStrictEqual(a.worlds);
        expect(b.obs).toStrictEqual(a.obs);
      }),
      HEAVY,
    );
  });
});
