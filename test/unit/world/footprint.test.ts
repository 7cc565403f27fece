import { describe, expect, it } from 'vitest';
import { BUILTIN_PROPERTIES } from '../../../properties/index.js';
import { ZOO_SCOPES } from '../../../src/core/check/zoo.js';
import { randomCheck } from '../../../src/core/explore/random.js';
import { MUTANTS } from '../../../src/core/mutants.js';
import type { Property, StepContext } from '../../../src/core/properties/property.js';
import { startWorld } from '../../../src/core/explore/runSchedule.js';
import { mulberry32 } from '../../../src/core/mulberry32.js';
import { applyOverrides } from '../../../src/core/overrides.js';
import { SEED_LAB } from '../../../src/core/seedLab.js';
import { sameAction } from '../../../src/core/world/action.js';
import { enabledActions } from '../../../src/core/world/enabled.js';
import { Footprint, independent } from '../../../src/core/world/footprint.js';
import { partsOf, worldFingerprint } from '../../../src/core/world/key.js';
import { createModel, type Model } from '../../../src/core/world/model.js';
import { step } from '../../../src/core/world/step.js';
import type { World } from '../../../src/core/world/world.js';
import { loadModelDir } from './loadModelDir.js';

// Partial-order reduction (issue 9): two steps the footprints call independent must commute.
// Along random walks, at every state, every pair of enabled actions whose footprints do not
// overlap is run in both orders: each stays enabled after the other, and both orders reach the
// same world (fingerprint), with the same observations up to ids. A footprint that misses a read
// or a write fails this (a `tx.snap` that records nothing fails it on the seed lab).

const fingerprint = (model: Model, w: World) => worldFingerprint(w, model.scenario.bounds, partsOf(w));

function after(model: Model, w: World, a: Parameters<typeof step>[2]) {
  const next = enabledActions(model, w).find((x) => sameAction(x, a));
  return next && step(model, w, next, false);
}

function checkPairs(model: Model, walks: number, steps: number, seed: number): { pairs: number; independent: number } {
  const rnd = mulberry32(seed);
  let pairs = 0;
  let indep = 0;
  for (let walk = 0; walk < walks; walk++) {
    let w = startWorld(model);
    for (let i = 0; i < steps; i++) {
      const acts = enabledActions(model, w);
      if (acts.length === 0) break;
      const fps = acts.map((a) => {
        const f = new Footprint();
        step(model, w, a, false, undefined, 0, f);
        return f;
      });
      for (let x = 0; x < acts.length; x++) {
        for (let y = x + 1; y < acts.length; y++) {
          pairs++;
          if (!independent(fps[x], fps[y])) continue;
          indep++;
          const a = step(model, w, acts[x], false);
          const b = step(model, w, acts[y], false);
          const ab = after(model, a.world, acts[y]);
          const ba = after(model, b.world, acts[x]);
          expect(ab, `${JSON.stringify(acts[y])} enabled after ${JSON.stringify(acts[x])}`).toBeDefined();
          expect(ba, `${JSON.stringify(acts[x])} enabled after ${JSON.stringify(acts[y])}`).toBeDefined();
          expect(fingerprint(model, ab!.world), `${JSON.stringify(acts[x])} and ${JSON.stringify(acts[y])} commute`).toBe(fingerprint(model, ba!.world));
        }
      }
      w = step(model, w, acts[Math.floor(rnd() * acts.length)], false).world;
    }
  }
  return { pairs, independent: indep };
}

describe('footprints', () => {
  const f2 = 'moves=1,sends=3,timerExpiries=1,losses=0,garps=1,spoofs=1';
  it.each([
    ['the seed lab', () => createModel(applyOverrides(SEED_LAB, { bounds: [f2] }).scenario!)],
    ['the seed lab, registration timestamped', () => createModel(applyOverrides(SEED_LAB, { bounds: [f2], sets: ['registration=timestamped'] }).scenario!)],
    ['lispwb-expanded-lab4', () => loadModelDir('models/lispwb-expanded-lab4', [f2])],
    ['three-site', () => loadModelDir('models/three-site', [f2])],
    ['extended-subnet', () => loadModelDir('models/extended-subnet', [f2])],
  ])('should call independent only steps that commute: %s', (_name, make) => {
    const model = make();
    const r = checkPairs(model, 30, 25, 7);
    // Not vacuous: many pairs are independent (deliveries at different routers, above all).
    expect(r.independent).toBeGreaterThan(r.pairs / 20);
  });

  it('should make timer expiries, moves and drops depend on everything', () => {
    const model = createModel(applyOverrides(SEED_LAB, { bounds: ['moves=1,losses=1,timerExpiries=1'] }).scenario!);
    const w = startWorld(model);
    const move = enabledActions(model, w).find((a) => a.type === 'host.move')!;
    const f = new Footprint();
    step(model, w, move, false, undefined, 0, f);
    expect(f.global).toBe(true);
    const send = enabledActions(model, w).find((a) => a.type === 'host.send')!;
    const g = new Footprint();
    step(model, w, send, false, undefined, 0, g);
    expect(g.global).toBe(false);
    expect(g.writes).toContain('sends');
    expect(independent(f, g)).toBe(false);
    // Two sends spend one budget: never independent.
    expect(independent(g, g)).toBe(false);
  });
});

describe('Property.ignores, in the runs that break each property', () => {
  // The same promise at every step of random checks, shrinking included, under the mutants that
  // break each property (zoo.ts scopes): their runs reach the states where the monitors arm and
  // watch, which uniform walks seldom do. Breaches are collected, not thrown, so the checker's
  // own search for a violation goes on as usual.
  const models = (id: string) =>
    [id, ...MUTANTS.filter((m) => m.breaks === id).map((m) => m.id)].map((mutant, i) => {
      const scope = ZOO_SCOPES[mutant] ?? ZOO_SCOPES.default;
      return createModel(applyOverrides(SEED_LAB, { bounds: [scope.random], sets: scope.sets }).scenario!, { mutant: i === 0 ? null : mutant });
    });

  it.each(BUILTIN_PROPERTIES.map((p) => [p.id, p] as const))('should keep its promise: %s', (_id, p) => {
    let ignored = 0;
    let changed = 0;
    const breaches: string[] = [];
    const checking: Property<any> = {
      ...p,
      step(s: unknown, ctx: StepContext) {
        const m = p.step(s, ctx);
        if (p.ignores!(s, ctx)) {
          ignored++;
          const still = p.step(s, { ...ctx, before: ctx.after, obs: [] });
          if (m.state !== s) breaches.push(`state changed by ${JSON.stringify(ctx.action)}`);
          if (still.violation !== m.violation || !!still.judged !== !!m.judged) breaches.push(`judged on more than the world after: ${JSON.stringify(ctx.action)}`);
        } else if (m.state !== s) changed++;
        return m;
      },
    };
    for (const model of models(p.id)) randomCheck(model, checking, { runs: 300, seed: 1, maxSteps: model.scenario.bounds.steps });
    expect(breaches.slice(0, 3)).toEqual([]);
    expect(ignored).toBeGreaterThan(1000);
    if (p.id !== 'intra-subnet-reachability' && p.id !== 'registration-authenticated') expect(changed).toBeGreaterThan(0);
  });
});
