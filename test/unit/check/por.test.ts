import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BUILTIN_PROPERTIES } from '../../../properties/index.js';
import { check, type PropertyReport } from '../../../src/core/check/check.js';
import { exhaustiveScope } from '../../../src/core/exhaustiveScope.js';
import { exhaustiveCheck } from '../../../src/core/explore/exhaustive.js';
import { MUTANTS } from '../../../src/core/mutants.js';
import { applyOverrides } from '../../../src/core/overrides.js';
import type { Property } from '../../../src/core/properties/property.js';
import { isControlQuiet } from '../../../src/core/world/quiet.js';
import { SEED_LAB } from '../../../src/core/seedLab.js';
import { createModel, type Model } from '../../../src/core/world/model.js';
import { loadModelDir } from '../world/loadModelDir.js';

// Partial-order reduction (issue 9, `check --exhaustive --por`): sleep sets skip transitions,
// never states, so every verdict, state count, vacuity and counterexample length is the one the
// search without them reports, on every model of models/ and under every mutant. The scope is
// the F2 one (moves and sends, no faults), where sleep sets skip the most: faults, timers and
// moves depend on every step (world/footprint.ts).

const SCOPE = 'moves=1,sends=2,timerExpiries=1,losses=0,duplicates=0,reboots=0,garps=0,spoofs=0';
const OPTIONS = { mode: 'exhaustive' as const, runs: 0, seed: 1, maxSteps: 0, depth: 7, maxStates: 20_000, shortestBudget: 0 };

/** What the reduction must leave as it is. */
const outcome = (r: PropertyReport) => ({
  id: r.id,
  verdict: r.verdict,
  distinctStates: r.distinctStates,
  reason: r.reason,
  vacuous: r.vacuous,
  vacuityReason: r.vacuityReason,
  length: r.counterexample?.length ?? null,
});

function compare(model: Model): { taken: number; slept: number } {
  const full = check(model, BUILTIN_PROPERTIES, OPTIONS);
  const por = check(model, BUILTIN_PROPERTIES, { ...OPTIONS, por: true });
  expect(por.properties.map(outcome)).toEqual(full.properties.map(outcome));
  for (const p of full.properties) expect(p.slept).toBeUndefined();
  let taken = 0;
  let slept = 0;
  for (const [i, p] of por.properties.entries()) {
    // Sleep sets only skip: what is taken and what is skipped never exceed the full search's.
    expect(p.steps + p.slept!).toBeLessThanOrEqual(full.properties[i].steps);
    taken += p.steps;
    slept += p.slept!;
  }
  return { taken, slept };
}

describe('check --exhaustive --por', () => {
  const models = readdirSync('models', { withFileTypes: true }).filter((e) => e.isDirectory());

  it.each(models.map((e) => e.name))('should report what the full search reports: models/%s', (name) => {
    const r = compare(loadModelDir(`models/${name}`, [SCOPE]));
    expect(r.taken).toBeGreaterThan(0);
  });

  it.each(MUTANTS.map((m) => m.id))('should report what the full search reports: the seed lab with mutant %s', (id) => {
    compare(createModel(applyOverrides(SEED_LAB, { bounds: [SCOPE], sets: ['registration=timestamped'] }).scenario!, { mutant: id }));
  });

  it('should skip a good part of the transitions on the seed lab (not a reduction that never reduces)', () => {
    const r = compare(createModel(applyOverrides(SEED_LAB, { bounds: [SCOPE] }).scenario!));
    expect(r.slept).toBeGreaterThan((r.taken + r.slept) / 10);
  });

  it('should skip the same transitions whatever was searched before in the process (a footprint never depends on a cache)', () => {
    // Machine runners cache transitions as they go: a footprint that told an unchanged machine
    // from a changed one by object identity differed between a cold and a warm cache.
    // The first two rungs of the default ladder, as `check --exhaustive` climbs them.
    const ladder = exhaustiveScope(SEED_LAB.bounds, new Set());
    const model = () => createModel(applyOverrides(SEED_LAB, { bounds: [ladder.caps!] }).scenario!);
    const [a, b] = ['single-authoritative-rloc', 'no-blackhole-after-smr'].map((id) => BUILTIN_PROPERTIES.find((p) => p.id === id)!);
    const figures = (r: ReturnType<typeof check>) => Object.fromEntries(r.properties.map((p) => [p.id, [p.steps, p.slept]]));
    const options = { ...OPTIONS, depth: 100, maxStates: 100_000, por: true, scopes: ladder.rungs.slice(0, 2) };
    const ab = check(model(), [a, b], options);
    const ba = check(model(), [b, a], options);
    expect(figures(ab)).toEqual(figures(ba));
  });

  it('should lose states when a property breaks its promise (Property.ignores): the promise is what makes it sound', () => {
    // A monitor that remembers which step made the control plane quiet, yet says it ignores
    // every step: two deliveries that each leave the other's message in flight commute in the
    // world, but not in this monitor (whichever comes second is remembered).
    const liar: Property<string> = {
      id: 'liar',
      description: 'remembers the step that made the control plane quiet',
      reference: 'test',
      kind: 'safety',
      init: () => '',
      step: (s, { before, after, action }) => ({ state: !isControlQuiet(before) && isControlQuiet(after) ? JSON.stringify(action) : s }),
      key: (s) => s,
      ignores: () => true,
    };
    const silent: Property<string> = { ...liar, ignores: undefined };
    // Honest: any step may be the one that makes the control plane quiet.
    const honest: Property<string> = { ...liar, ignores: () => false };
    const model = createModel(applyOverrides(SEED_LAB, { bounds: [SCOPE] }).scenario!);
    const full = exhaustiveCheck(model, silent, { depth: 12, maxStates: 200_000 });
    expect(exhaustiveCheck(model, silent, { depth: 12, maxStates: 200_000, por: true })).toMatchObject({ distinctStates: full.distinctStates, slept: 0 });
    expect(exhaustiveCheck(model, honest, { depth: 12, maxStates: 200_000, por: true })).toMatchObject({ distinctStates: full.distinctStates, slept: 0 });
    expect(exhaustiveCheck(model, liar, { depth: 12, maxStates: 200_000, por: true }).distinctStates).toBeLessThan(full.distinctStates);
  });
});
