// Shortest stories from random mode (explore/shortest.ts): after shrinking, a breadth-first search
// to one step less than the shrunk story reports a shorter story when there is one, says the
// shrunk one is shortest when there is none, and keeps the shrunk one, saying so, when its state
// budget runs out. Mutants at seed 5 in their zoo scope, where shrinking is not minimal.

import { describe, expect, it } from 'vitest';
import { BUILTIN_PROPERTIES } from '../../../properties/index.js';
import { check, type CheckOptions } from '../../../src/core/check/check.js';
import { scopeOf } from '../../../src/core/check/zoo.js';
import { exhaustiveCheck } from '../../../src/core/explore/exhaustive.js';
import { runActions } from '../../../src/core/explore/runSchedule.js';
import { shortestStory } from '../../../src/core/explore/shortest.js';
import { leanPoints, storyScope } from '../../../src/core/explore/storyScope.js';
import { findMutant } from '../../../src/core/mutants.js';
import { applyOverrides } from '../../../src/core/overrides.js';
import { SEED_LAB } from '../../../src/core/seedLab.js';
import { createModel } from '../../../src/core/world/model.js';
import { shortestLine } from '../../../src/render/checkText.js';

/** A mutant in its zoo scope (random bounds), with the property it breaks. */
function zoo(mutant: string) {
  const scope = scopeOf(mutant);
  const scenario = applyOverrides(SEED_LAB, { sets: scope.sets, bounds: [scope.random] }).scenario!;
  return { model: createModel(scenario, { mutant }), property: BUILTIN_PROPERTIES.find((p) => p.id === findMutant(mutant)!.breaks)!, steps: scenario.bounds.steps };
}

function random(mutant: string, seed: number, extra: Partial<CheckOptions> = {}) {
  const z = zoo(mutant);
  const r = check(z.model, [z.property], { mode: 'random', runs: 10_000, seed, maxSteps: z.steps, depth: 30, maxStates: 1_000_000, ...extra }).properties[0];
  expect(r.verdict).toBe('violated');
  return { ...z, ce: r.counterexample! };
}

describe('shortest stories from random mode', () => {
  it('should report the shortest story when the shrunk one is longer (no-notify-previous, seed 5: 7 steps shrunk, 6 shortest)', () => {
    const off = random('no-notify-previous', 5, { shortestBudget: 0 });
    const on = random('no-notify-previous', 5);

    expect(off.ce.length).toBe(7);
    expect(off.ce.shortest).toBeUndefined();
    expect(on.ce.length).toBe(6);
    expect(on.ce.shrunkFrom).toBe(off.ce.shrunkFrom);
    expect(on.ce.shortest).toMatchObject({ proved: true, from: 7 });
    expect(on.ce.shortest!.reason).toBeUndefined();
    // A real violation of the model itself, at its last step, with the random run's path.
    expect(runActions(on.model, on.property, on.ce.actions).violation?.index).toBe(5);
    expect(on.ce.path).toBe(off.ce.path);
    // Shortest on the whole (unnarrowed) model too: no story of 5 steps or fewer there.
    const whole = exhaustiveCheck(on.model, on.property, { depth: 5, maxStates: 1_000_000 });
    expect(whole.verdict).toBe('holds');
    // Not on the shrunk story's flow (vm1 -> web2): the first pass found none, the second did.
    expect(on.ce.actions.some((a) => a.type === 'host.send' && a.dst === 'client')).toBe(true);
    expect(shortestLine(on.ce, on.ce.shortest!)).toMatch(/^shortest: yes, a breadth-first search of \d+ states found it \(the shrunk story had 7 steps\) among stories within .*sends=1/);
  });

  it('should keep the shrunk story and say so when the state budget runs out (refresh-after-move, seed 5)', () => {
    const full = random('refresh-after-move', 5);
    const starved = random('refresh-after-move', 5, { shortestBudget: 10 });

    expect(full.ce.length).toBe(8);
    expect(full.ce.shortest).toMatchObject({ proved: true, from: 9 });
    expect(starved.ce.length).toBe(9);
    expect(starved.ce.shortest).toMatchObject({ proved: false, from: 9, searchedStates: 10 });
    expect(starved.ce.shortest!.reason).toMatch(/^state budget of 10 distinct states reached at depth \d+$/);
    expect(shortestLine(starved.ce, starved.ce.shortest!)).toMatch(/^shortest: unknown, the search for a shorter story stopped \(state budget of 10 .*\); the shrunk story is kept$/);
  });

  it('should report a shorter story a first pass found even when the budget cannot pay for the proof (no-notify-previous, seed 10)', () => {
    const r = random('no-notify-previous', 10, { shortestBudget: 200 });

    expect(r.ce.length).toBe(6);
    // The shrunk story spent a gratuitous ARP or a timer: the calm pass, first, found the 6 steps.
    expect(r.ce.shortest).toMatchObject({ proved: false, from: 9, searchedStates: 200, foundBy: 'calm' });
    expect(runActions(r.model, r.property, r.ce.actions).violation?.index).toBe(5);
    expect(shortestLine(r.ce, r.ce.shortest!)).toMatch(
      /^shortest: unknown; a search without faults, timer expiries or gratuitous ARPs found this shorter story \(the shrunk one had 9 steps\), then the search for a shorter story stopped \(state budget of 200 distinct states reached at depth \d+\)$/,
    );
    // Found by the flows pass, the line names the flows.
    expect(shortestLine(r.ce, { ...r.ce.shortest!, foundBy: 'flows' })).toMatch(/^shortest: unknown; a search of the story's own flows \(vm1 -> client\) found this shorter story/);
  });

  it('should find the shortest story without the timer expiries the shrunk one spent (no-smr, seed 2: 23 steps shrunk, 17 shortest)', () => {
    // The shrunk story spends two retransmission timer expiries the violation does not need. In
    // the story's budgets the search does not get past depth 10 in 200,000 states; the calm pass
    // (no faults, timers or gratuitous ARPs) reaches the 17-step story in under 60,000.
    const r = random('no-smr', 2, { shortestBudget: 60_000 });
    const exhaustive = zoo('no-smr');
    const scope = scopeOf('no-smr');
    const shortest = exhaustiveCheck(createModel(applyOverrides(SEED_LAB, { sets: scope.sets, bounds: [scope.exhaustive] }).scenario!, { mutant: 'no-smr' }), exhaustive.property, {
      depth: 30,
      maxStates: 1_000_000,
    });

    expect(r.ce.shortest).toMatchObject({ proved: false, from: 23, foundBy: 'calm', scope: { bounds: { timerExpiries: 2 } } });
    expect(r.ce.length).toBe(shortest.actions!.length);
    expect(r.ce.length).toBe(17);
    expect(r.ce.actions.some((a) => a.type === 'timer.expire')).toBe(false);
    expect(runActions(r.model, r.property, r.ce.actions).violation?.index).toBe(16);
    expect(shortestLine(r.ce, r.ce.shortest!)).toMatch(/^shortest: unknown; a search without faults, timer expiries or gratuitous ARPs found this shorter story \(the shrunk one had 23 steps\)/);
  });

  it('should find a shortest story that spends less of each budget than the shrunk one (no-proxy-reply, seed 5: 16 steps shrunk, 13 shortest)', () => {
    // The shrunk story spends four sends and four timer expiries and no single step can be
    // dropped from it; the shortest needs three sends and two timer expiries. Neither the calm pass
    // (no timer expiries) nor the story's own budgets (past 200,000 states at depth 10) reach it;
    // a walk through smaller budgets does, at sends=3, timerExpiries=2.
    const r = random('no-proxy-reply', 5);
    const scope = scopeOf('no-proxy-reply');
    const exhaustive = exhaustiveCheck(createModel(applyOverrides(SEED_LAB, { sets: scope.sets, bounds: [scope.exhaustive] }).scenario!, { mutant: 'no-proxy-reply' }), r.property, {
      depth: 30,
      maxStates: 1_000_000,
    });

    expect(r.ce.shortest).toMatchObject({ proved: false, from: 16, foundBy: 'lean', scope: { bounds: { sends: 4, timerExpiries: 4 } } });
    expect(r.ce.length).toBe(exhaustive.actions!.length);
    expect(r.ce.length).toBe(13);
    expect(r.ce.actions.filter((a) => a.type === 'timer.expire')).toHaveLength(2);
    expect(runActions(r.model, r.property, r.ce.actions).violation?.index).toBe(12);
    expect(shortestLine(r.ce, r.ce.shortest!)).toMatch(
      /^shortest: unknown; a search of smaller budgets than the story spent, on its flows \(web2 -> vm1, vm1 -> client\) found this shorter story \(the shrunk one had 16 steps\)/,
    );
  });

  it("should walk smaller budgets by total, sends and moves before faults and timers, leaving out the story's own and the calm pass's points", () => {
    const scope = { bounds: { timerExpiries: 2, sends: 2, garps: 0 }, traffic: null };
    const points = leanPoints(scope, true, 64).map((p) => `${p.sends},${p.timerExpiries}`);

    // Without the story's own point (2,2) and, the calm pass running, without timerExpiries=0.
    expect(points).toEqual(['0,1', '1,1', '0,2', '2,1', '1,2']);
    expect(leanPoints(scope, false, 64).map((p) => `${p.sends},${p.timerExpiries}`)).toEqual(['0,0', '1,0', '0,1', '2,0', '1,1', '0,2', '2,1', '1,2']);
    expect(leanPoints(scope, false, 3)).toHaveLength(3);
    // Keys the story spent none of are not walked: the narrowed model holds them at 0.
    expect(Object.keys(leanPoints(scope, true, 64)[0])).toEqual(['sends', 'timerExpiries']);
  });

  it('should say that a shrunk story is already shortest (no-notify-previous, seed 1: 6 steps)', () => {
    const r = random('no-notify-previous', 1);

    expect(r.ce.length).toBe(6);
    expect(r.ce.shortest).toMatchObject({ proved: true, from: 6 });
    expect(r.ce.shortest!.searchedStates).toBeGreaterThan(1);
    expect(shortestLine(r.ce, r.ce.shortest!)).toMatch(/^shortest: yes, a breadth-first search of \d+ states found none shorter among stories within /);
  });

  it('should narrow the search to the budgets the story spent (first to its flows), and judge with the original model', () => {
    const r = random('no-notify-previous', 1, { shortestBudget: 0 });
    const n = storyScope(r.model, r.property, r.ce.actions);

    expect(n.scope).toEqual({ bounds: { spoofs: 0, timerExpiries: 0, sends: 1, garps: 0 }, traffic: [['vm1', 'client']] });
    expect(n.budgets.scenario.bounds).toMatchObject({ moves: 1, losses: 0, sends: 1, garps: 0, timerExpiries: 0, spoofs: 0 });
    expect(n.budgets.scenario.traffic).toBe(r.model.scenario.traffic);
    expect(n.flows!.scenario.traffic).toEqual([['vm1', 'client']]);
    expect(n.flows!.scenario.bounds).toEqual(n.budgets.scenario.bounds);
    // The search hands the property a narrowed model; the property sees the original.
    let seen: unknown;
    const spy: typeof r.property = { ...r.property, init: (m, w) => ((seen = m), r.property.init(m, w)) };
    storyScope(r.model, spy, r.ce.actions).property.init(n.budgets, runActions(r.model, null, []).world);
    expect(seen).toBe(r.model);
  });

  it('should keep the story, unproved, when told to stop before the search', () => {
    const r = random('no-notify-previous', 5, { shortestBudget: 0 });
    const s = shortestStory(r.model, r.property, r.ce.actions, { budget: 1000, shouldStop: () => 'interrupted' });

    expect(s.actions).toBe(r.ce.actions);
    expect(s.search).toMatchObject({ proved: false, from: 7, searchedStates: 0, reason: 'interrupted before the search' });
  });

  it('should give the same report for the same model, options and seed', () => {
    const a = random('no-notify-previous', 5);
    const b = random('no-notify-previous', 5);

    expect(JSON.stringify(b.ce)).toBe(JSON.stringify(a.ce));
  });
});
