import { describe, expect, it } from 'vitest';
import { BUILTIN_PROPERTIES, intraSubnetReachability, singleAuthoritativeRloc } from '../../../properties/index.js';
import { exhaustiveCheck } from '../../../src/core/explore/exhaustive.js';
import { runActions } from '../../../src/core/explore/runSchedule.js';
import { applyOverrides } from '../../../src/core/overrides.js';
import { SEED_LAB } from '../../../src/core/seedLab.js';
import { createModel } from '../../../src/core/world/model.js';

const scoped = (bounds: string, sets: string[] = []) => createModel(applyOverrides(SEED_LAB, { bounds: [bounds], sets }).scenario!);

describe('exhaustiveCheck', () => {
  it('should find the shortest intra-subnet story (3 steps) and it should replay', () => {
    const model = scoped('moves=1,losses=0,sends=2,garps=0,spoofs=0,timerExpiries=0');
    const r = exhaustiveCheck(model, intraSubnetReachability, { depth: 10, maxStates: 100_000 });
    expect(r.verdict).toBe('violated');
    expect(r.actions).toHaveLength(3);
    expect(runActions(model, intraSubnetReachability, r.actions!).violation?.index).toBe(2);
  });

  it('should prove a property in a closed scope: the state space is exhausted', () => {
    // No move at all: every property but the quiescence ones is trivially safe, and so is this one.
    const model = scoped('moves=0,losses=0,sends=1,garps=0,spoofs=0,timerExpiries=0');
    const r = exhaustiveCheck(model, singleAuthoritativeRloc, { depth: 40, maxStates: 100_000 });
    expect(r.verdict).toBe('holds');
    expect(r.reason).toBe('state space exhausted');
    expect(r.distinctStates).toBeGreaterThan(1);
  });

  it('should answer unknown, never holds, when the state budget runs out', () => {
    const r = exhaustiveCheck(scoped('moves=1,losses=0'), BUILTIN_PROPERTIES[0], { depth: 30, maxStates: 500 });
    expect(r.verdict).toBe('unknown');
    expect(r.reason).toMatch(/state budget of 500/);
  });

  it('should answer unknown when told to stop (time budget)', () => {
    let polls = 0;
    const r = exhaustiveCheck(scoped('moves=1,losses=0'), BUILTIN_PROPERTIES[0], { depth: 30, maxStates: 10_000_000, shouldStop: () => ++polls > 2 });
    expect(r.verdict).toBe('unknown');
    expect(r.reason).toMatch(/time budget/);
  });
});
