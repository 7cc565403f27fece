import { describe, expect, it } from 'vitest';
import { toDirectedGraph } from 'xstate/graph';
import { BUILTIN_PROPERTIES } from '../../../properties/index.js';
import { check, type CheckOptions } from '../../../src/core/check/check.js';
import { machineGraph, arrowKey } from '../../../src/core/check/coverageGraph.js';
import type { Coverage } from '../../../src/core/check/coverageSummary.js';
import { applyOverrides } from '../../../src/core/overrides.js';
import { SEED_LAB } from '../../../src/core/seedLab.js';
import { createModel } from '../../../src/core/world/model.js';

// A small budget for the search for shorter stories: it runs (and must not change coverage) but cheaply.
const OPTS: CheckOptions = { mode: 'random', runs: 300, seed: 1, maxSteps: 40, depth: 8, maxStates: 100_000, coverage: true, shortestBudget: 1000 };
const prop = (id: string) => BUILTIN_PROPERTIES.filter((p) => p.id === id);
const machine = (c: Coverage, name: string) => c.machines.find((m) => m.machine === name)!;

describe('check coverage', () => {
  const model = createModel(SEED_LAB);

  it("should count states and transitions against each machine's xstate/graph graph, listing the unreached ones", () => {
    const c = check(model, prop('intra-subnet-reachability-eventual'), OPTS).coverage!;
    for (const [name, runner] of [
      ['dynEid', model.runners.dyn],
      ['mapCache', model.runners.mc],
      ['mapServer', model.runners.ms],
      ['arpCache (host)', model.runners.arpHost],
    ] as const) {
      const m = machine(c, name);
      const g = machineGraph(runner.machine);
      expect(m.states.total).toBe(toDirectedGraph(runner.machine).children.length);
      expect([...m.states.reached, ...m.states.unreached].sort()).toEqual([...g.states].sort());
      expect(m.transitions.total).toBe(g.arrows.length);
      expect(m.transitions.reached + m.transitions.unreached.length).toBe(g.arrows.length);
      for (const t of m.transitions.taken) expect(g.arrows.map(arrowKey)).toContain(t.transition);
    }
    // What these bounds never exercise: the seed lab has no reboot budget, and no MS registration expires.
    expect(machine(c, 'dynEid').transitions.unreached).toContain('registered --reboot--> absent');
    expect(c.timers.find((t) => t.machine === 'mapServer' && t.timer === 'expiry')?.fired).toBe(0);
    expect(c.actions.find((a) => a.action === 'xtr.reboot')?.count).toBe(0);
    expect(c.budgets.find((b) => b.budget === 'moves')).toEqual({ budget: 'moves', maxPerRun: 2, bound: 2 });
    expect(c.messages.find((m) => m.type === 'map-register')!.delivered).toBeGreaterThan(0);
    expect(c.properties).toEqual([{ id: 'intra-subnet-reachability-eventual', judgedSteps: expect.any(Number), armed: true, furthest: null }]);
  });

  it('should show what a mutant removes: no-smr never delivers an SMR and never reaches mapCache refreshing', () => {
    const timestamped = applyOverrides(SEED_LAB, { sets: ['registration=timestamped'] });
    const fixed = check(createModel(timestamped.scenario!), prop('eventual-reachability'), OPTS).coverage!;
    const mutant = check(createModel(timestamped.scenario!, { mutant: 'no-smr' }), prop('eventual-reachability'), OPTS).coverage!;
    expect(fixed.messages.find((m) => m.type === 'smr')!.delivered).toBeGreaterThan(0);
    expect(mutant.messages.find((m) => m.type === 'smr')!.delivered).toBe(0);
    expect(machine(fixed, 'mapCache').states.reached).toContain('refreshing');
    expect(machine(mutant, 'mapCache').states.unreached).toContain('refreshing');
    expect(machine(mutant, 'mapCache').transitions.unreached).toContain('cached --smr.receive--> refreshing');
  });

  it('should be deterministic and leave verdicts as they are without it', () => {
    const ps = prop('single-authoritative-rloc');
    const a = check(model, ps, OPTS);
    const b = check(model, ps, OPTS);
    expect(a.coverage).toEqual(b.coverage);
    const plain = check(model, ps, { ...OPTS, coverage: false });
    expect(plain.coverage).toBeUndefined();
    expect(plain.properties.map((p) => [p.verdict, p.runs, p.steps, p.counterexample?.actions])).toEqual(a.properties.map((p) => [p.verdict, p.runs, p.steps, p.counterexample?.actions]));
  });

  it('should merge properties into one coverage, and cover exhaustive search too', () => {
    const both = check(model, [...prop('intra-subnet-reachability'), ...prop('registration-authenticated')], { ...OPTS, runs: 50 }).coverage!;
    expect(both.properties.map((p) => p.id)).toEqual(['intra-subnet-reachability', 'registration-authenticated']);
    const ex = check(model, prop('registration-authenticated'), { ...OPTS, mode: 'exhaustive', depth: 4 }).coverage!;
    expect(ex.actions.find((a) => a.action === 'host.send')!.count).toBeGreaterThan(0);
    expect(machine(ex, 'dynEid').states.reached).toContain('registering');
  });
});
