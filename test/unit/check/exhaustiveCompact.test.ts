// The compact exhaustive search (fingerprint set, BFS tree of action indices, replayed
// counterexamples) against the search it replaced (bench/exhaustiveReference.ts): the same
// verdicts, state and transition counts, depths and shortest counterexamples, action for action.
// (The F2 scope of the README, 170,379 states, is compared by the bench script, not here: minutes.)

import { check } from '../../../src/core/check/check.js';
import { describe, expect, it } from 'vitest';
import { exhaustiveCheckReference } from '../../../bench/exhaustiveReference.js';
import { BUILTIN_PROPERTIES, intraSubnetReachability } from '../../../properties/index.js';
import { exhaustiveCheck } from '../../../src/core/explore/exhaustive.js';
import { runActions } from '../../../src/core/explore/runSchedule.js';
import { applyOverrides } from '../../../src/core/overrides.js';
import { SEED_LAB } from '../../../src/core/seedLab.js';
import { createModel } from '../../../src/core/world/model.js';

const scoped = (bounds: string, sets: string[] = [], mutant?: string) => createModel(applyOverrides(SEED_LAB, { bounds: [bounds], sets }).scenario!, mutant ? { mutant } : {});
const F2 = 'moves=1,losses=0,sends=2,garps=0,spoofs=0,timerExpiries=1';

function expectSameSearch(bounds: string, propertyIds: string[], sets: string[] = [], mutant?: string) {
  for (const p of BUILTIN_PROPERTIES.filter((x) => propertyIds.includes(x.id))) {
    const opts = { depth: 30, maxStates: 100_000 };
    const a = exhaustiveCheck(scoped(bounds, sets, mutant), p, opts);
    const b = exhaustiveCheckReference(scoped(bounds, sets, mutant), p, opts);
    const pick = (r: typeof b) => ({
      id: p.id,
      verdict: r.verdict,
      distinctStates: r.distinctStates,
      transitions: r.transitions,
      depthReached: r.depthReached,
      actions: r.actions,
      message: r.message,
    });
    expect(pick(a)).toEqual(pick(b));
    if (a.verdict === 'holds') expect(a.reason).toBe(b.reason);
  }
}

describe('exhaustiveCheck, compact, against the reference search', () => {
  it('should explore the same states and give the same 15-step counterexample (sends=1, one timer expiry)', () => {
    expectSameSearch('moves=1,losses=0,sends=1,garps=0,spoofs=0,timerExpiries=1', ['single-authoritative-rloc', 'eventual-reachability']);
  }, 60_000);

  it('should agree for every property with a loss in scope', () => {
    expectSameSearch(
      'moves=1,losses=1,sends=1,garps=0,spoofs=0,timerExpiries=0',
      BUILTIN_PROPERTIES.map((p) => p.id),
    );
  }, 60_000);

  it('should agree under a mutant', () => {
    expectSameSearch('moves=1,losses=0,sends=2,garps=0,spoofs=0,timerExpiries=0', ['no-blackhole-after-smr'], [], 'no-smr');
  }, 60_000);

  it('should find the README counterexample of intra-subnet reachability in the F2 scope: 99 states, 3 steps, replayable', () => {
    const model = scoped(F2);
    const r = exhaustiveCheck(model, intraSubnetReachability, { depth: 30, maxStates: 100_000 });
    expect(r).toMatchObject({ verdict: 'violated', distinctStates: 99, transitions: 130, depthReached: 3 });
    expect(r.actions!.map((a) => a.type)).toEqual(['host.send', 'host.move', 'host.send']);
    expect(runActions(model, intraSubnetReachability, r.actions!).violation?.index).toBe(2);
  });

  it('should explore the same states in the same order once past the memory budget (frontier recomputed from the tree)', () => {
    const bounds = 'moves=1,losses=0,sends=1,garps=0,spoofs=0,timerExpiries=1';
    for (const p of BUILTIN_PROPERTIES.filter((x) => ['single-authoritative-rloc', 'eventual-reachability'].includes(x.id))) {
      const stored = exhaustiveCheck(scoped(bounds), p, { depth: 30, maxStates: 100_000 });
      // Polls every 500 transitions as well as between levels: the budget is spent once, between
      // levels (polls 1 and 3: after depths 1 and 3) or within one (poll 12, expanding depth 8).
      for (const at of [1, 3, 12]) {
        let polls = 0;
        const r = exhaustiveCheck(scoped(bounds), p, { depth: 30, maxStates: 100_000, pollEvery: 500, memoryExceeded: () => ++polls === at });
        expect(r.regeneratedFrom).toBeGreaterThan(0);
        expect(r.regeneratedSteps).toBeGreaterThan(0);
        const pick = (x: typeof r) => ({
          verdict: x.verdict,
          distinctStates: x.distinctStates,
          transitions: x.transitions,
          depthReached: x.depthReached,
          actions: x.actions,
          message: x.message,
          reason: x.reason,
        });
        expect(pick(r)).toEqual(pick(stored));
      }
    }
  }, 60_000);

  it('should say in the check report that the frontier was recomputed, from which depth and at what cost', () => {
    let polls = 0;
    const p = BUILTIN_PROPERTIES.find((x) => x.id === 'registration-authenticated')!;
    const r = check(scoped('moves=1,losses=0,sends=1,garps=0,spoofs=0,timerExpiries=1'), [p], {
      mode: 'exhaustive',
      runs: 0,
      seed: 1,
      maxSteps: 0,
      depth: 30,
      maxStates: 100_000,
      memoryExceeded: () => ++polls === 1,
    }).properties[0];
    expect(r.verdict).toBe('holds');
    expect(r.reason).toMatch(/^state space exhausted; frontier recomputed from depth 1 past the memory budget \(\d+ extra steps\)$/);
  });

  it('should end unknown the second time the memory budget is spent, with its figures', () => {
    // Spent from the first poll on (after depth 1): the frontier goes then, the search at the next poll.
    const r = exhaustiveCheck(scoped('moves=1,losses=0,sends=1,garps=0,spoofs=0,timerExpiries=1'), BUILTIN_PROPERTIES[0], { depth: 30, maxStates: 100_000, memoryExceeded: () => true });
    expect(r.verdict).toBe('unknown');
    expect(r.regeneratedFrom).toBe(1);
    expect(r.reason).toMatch(/^memory budget reached after depth 2 \(\d+ distinct states, \d+ bytes of fingerprints and parent links, frontier recomputed from depth 1\)$/);
  });

  it('should report its figures: collision estimate, bytes held, peak frontier', () => {
    const r = exhaustiveCheck(scoped('moves=1,losses=0,sends=1,garps=0,spoofs=0,timerExpiries=1'), BUILTIN_PROPERTIES[0], { depth: 30, maxStates: 100_000 });
    expect(r.distinctStates).toBe(3725);
    expect(r.collisionProbability).toBe((r.distinctStates * (r.transitions + 1 - r.distinctStates)) / 2 ** 53);
    // 8 KiB of fingerprint slots (grown to 8,192 slots: 64 KiB) and two 1-byte lists in 4 KiB chunks.
    expect(r.storedBytes).toBe(64 * 1024 + 2 * 4096);
    expect(r.peakFrontier).toBeGreaterThan(1);
    expect(r.peakFrontier).toBeLessThan(r.distinctStates);
  });
});
