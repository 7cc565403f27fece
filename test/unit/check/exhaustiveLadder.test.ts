// The exhaustive ladder (core/exhaustiveScope.ts, check.ts `scopes`): which rungs a model gets,
// that a rung is searched exactly as the same scope given with --bounds, that a climb stops at
// its first violation and holds only when every rung holds, and that the seed lab's default
// ladder reaches F2 and F3 (PROTOCOL.md) and every bug-zoo mutant whose bug needs no budget the
// ladder leaves out.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BUILTIN_PROPERTIES } from '../../../properties/index.js';
import { check } from '../../../src/core/check/check.js';
import { EXHAUSTIVE_LADDER_DEPTH, EXHAUSTIVE_RUNGS, exhaustiveScope, rungText } from '../../../src/core/exhaustiveScope.js';
import { narrowScope } from '../../../src/core/explore/narrowScope.js';
import { runActions } from '../../../src/core/explore/runSchedule.js';
import { MUTANTS } from '../../../src/core/mutants.js';
import { applyOverrides } from '../../../src/core/overrides.js';
import { SEED_LAB } from '../../../src/core/seedLab.js';
import type { Action } from '../../../src/core/world/action.js';
import { createModel } from '../../../src/core/world/model.js';

const prop = (id: string) => BUILTIN_PROPERTIES.find((p) => p.id === id)!;
const none = new Set<string>();

/** The seed lab (with `sets`) capped at its ladder's join, as `check --exhaustive` builds it. */
function laddered(sets: string[] = [], mutant?: string) {
  const s = applyOverrides(SEED_LAB, { sets }).scenario!;
  const { caps, rungs } = exhaustiveScope(s.bounds, none);
  const capped = applyOverrides(s, { bounds: caps ? [caps] : [] }).scenario!;
  return { model: createModel(capped, mutant ? { mutant } : {}), rungs };
}

describe('exhaustiveScope', () => {
  it('should give the seed lab every rung, capped at their join below its own bounds', () => {
    const { caps, rungs } = exhaustiveScope(SEED_LAB.bounds, none);
    expect(rungs).toEqual(EXHAUSTIVE_RUNGS);
    // moves=2 and spoofs=1 are the seed lab's own: nothing to cap there.
    expect(caps).toBe('losses=0,timerExpiries=1,sends=4,garps=0');
  });

  it('should keep what the user gives in every rung and drop the rungs another contains', () => {
    // moves=1: the A -> B -> A rung (moves=2, sends=2) shrinks into the four-send rung.
    const r = exhaustiveScope(SEED_LAB.bounds, new Set(['moves'])).rungs.map(rungText);
    expect(r).toEqual([
      'moves=2,losses=0,duplicates=0,reboots=0,spoofs=1,timerExpiries=0,sends=1,garps=0',
      'moves=2,losses=0,duplicates=0,reboots=0,spoofs=0,timerExpiries=0,sends=4,garps=0',
      'moves=2,losses=0,duplicates=0,reboots=0,spoofs=0,timerExpiries=1,sends=2,garps=0',
    ]);
    const small = { ...SEED_LAB.bounds, moves: 1 };
    expect(exhaustiveScope(small, none).rungs.map((x) => x.moves)).toEqual([1, 1, 1]);
    // Every budget given: one scope, the user's, and nothing capped.
    const all = exhaustiveScope(SEED_LAB.bounds, new Set(['moves', 'losses', 'duplicates', 'reboots', 'spoofs', 'timerExpiries', 'sends', 'garps']));
    expect(all).toEqual({ caps: undefined, rungs: [] });
  });
});

describe('a climb of the ladder', () => {
  it('should search each rung exactly as the same scope given with --bounds', () => {
    const { model, rungs } = laddered();
    const p = prop('registration-authenticated');
    const climb = check(model, [p], { mode: 'exhaustive', runs: 0, seed: 1, maxSteps: 0, depth: 8, maxStates: 1e6, scopes: rungs.slice(0, 2) }).properties[0];
    expect(climb.verdict).toBe('holds');
    expect(climb.scopes).toHaveLength(2);
    for (const [i, r] of climb.scopes!.entries()) {
      const alone = createModel(applyOverrides(SEED_LAB, { bounds: [r.bounds] }).scenario!);
      const one = check(alone, [p], { mode: 'exhaustive', runs: 0, seed: 1, maxSteps: 0, depth: 8, maxStates: 1e6 }).properties[0];
      expect(r.distinctStates, rungText(rungs[i])).toBe(one.distinctStates);
      expect(r.transitions).toBe(one.runs);
    }
    expect(climb.distinctStates).toBe(climb.scopes![0].distinctStates + climb.scopes![1].distinctStates);
  });

  it('should stop at the first rung with a violation and name it (F3: the A -> B -> A crossing, rung 2)', () => {
    const { model, rungs } = laddered();
    const r = check(model, [prop('single-authoritative-rloc')], { mode: 'exhaustive', runs: 0, seed: 1, maxSteps: 0, depth: 16, maxStates: 1e6, scopes: rungs }).properties[0];
    expect(r.verdict).toBe('violated');
    expect(r.scopes!.map((x) => x.verdict)).toEqual(['holds', 'violated']);
    expect(r.scope).toBe(rungText(rungs[1]));
    expect(r.counterexample!.length).toBe(12);
    expect(r.counterexample!.actions.filter((a) => a.type === 'host.move')).toHaveLength(2);
  });

  it('should reach F2 (the periodic refresh crossing a move) in its timer rung', () => {
    const trace = JSON.parse(readFileSync(new URL('../../../docs/counterexamples/f2-single-authoritative-rloc.json', import.meta.url), 'utf8')) as { actions: Action[] };
    const { model, rungs } = laddered();
    const rung = rungs.find((r) => r.timerExpiries === 1)!;
    const n = narrowScope(model, prop('single-authoritative-rloc'), rung);
    const run = runActions(n.model, n.property, trace.actions, false);
    expect(run.notEnabled).toBeUndefined();
    expect(run.violation?.index).toBe(trace.actions.length - 1);
    // Not in the rungs without a timer expiry: F2 needs the refresh timer.
    const early = narrowScope(model, prop('single-authoritative-rloc'), rungs[2]);
    expect(runActions(early.model, early.property, trace.actions, false).notEnabled).toBeDefined();
  });

  // `any-nonce` needs duplicates=1 with four sends, `no-proxy-reply` the zoo's ARP timers: the
  // README names both; every other mutant is found with the defaults.
  const reached = MUTANTS.filter((m) => m.id !== 'any-nonce' && m.id !== 'no-proxy-reply');
  it.each(reached.map((m) => [m.id, m.breaks]))('should find mutant %s (%s) on the timestamped seed lab', (mutant, breaks) => {
    const { model, rungs } = laddered(['registration=timestamped'], mutant);
    const r = check(model, [prop(breaks)], { mode: 'exhaustive', runs: 0, seed: 1, maxSteps: 0, depth: EXHAUSTIVE_LADDER_DEPTH, maxStates: 1e6, scopes: rungs }).properties[0];
    expect(r.verdict).toBe('violated');
  });

  // The seed lab's own bounds forbid duplicated messages (duplicates: 0), so no rung may
  // duplicate one; a user who allows them (`--bounds duplicates=1`) gets them in every rung,
  // and the four-send rung then finds `any-nonce` (the stale duplicate Map-Reply).
  it('should find any-nonce once the user allows duplicates, in the four-send rung', () => {
    const s = applyOverrides(SEED_LAB, { sets: ['registration=timestamped'] }).scenario!;
    const { caps, rungs } = exhaustiveScope({ ...s.bounds, duplicates: 1 }, new Set(['duplicates']));
    expect(rungs.every((x) => x.duplicates === 1)).toBe(true);
    const model = createModel(applyOverrides(s, { bounds: ['duplicates=1', ...(caps ? [caps] : [])] }).scenario!, { mutant: 'any-nonce' });
    const r = check(model, [prop('no-blackhole-after-smr')], { mode: 'exhaustive', runs: 0, seed: 1, maxSteps: 0, depth: EXHAUSTIVE_LADDER_DEPTH, maxStates: 2e6, scopes: rungs }).properties[0];
    expect(r.verdict).toBe('violated');
    expect(r.scope).toBe(rungText(rungs.find((x) => x.sends === 4 && x.timerExpiries === 0)!));
    expect(r.counterexample!.actions.some((a) => a.type === 'msg.duplicate')).toBe(true);
  });
});
