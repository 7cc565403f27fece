// The parallel exhaustive search (core/explore/parallelExhaustive.ts) against the single-thread
// one: the same verdict, distinct states, transitions, depth, counterexample and reason, on
// scopes of the seed lab, under bug-zoo mutants, at the state budget. The helper shards run in
// this thread (inThreadHelpers.ts), in both orders, so contested states are stored first by one
// shard or the other; worker threads are test/e2e/workers.test.ts's.

import { describe, expect, it } from 'vitest';
import { BUILTIN_PROPERTIES } from '../../../properties/index.js';
import { exhaustiveCheck, type ExhaustiveOptions, type ExhaustiveResult } from '../../../src/core/explore/exhaustive.js';
import { ExhaustiveShard } from '../../../src/core/explore/exhaustiveShard.js';
import { parallelExhaustiveCheck } from '../../../src/core/explore/parallelExhaustive.js';
import { applyOverrides } from '../../../src/core/overrides.js';
import { SEED_LAB } from '../../../src/core/seedLab.js';
import { createModel } from '../../../src/core/world/model.js';
import { inThreadHelpers } from './inThreadHelpers.js';

const scoped = (bounds: string, sets: string[] = [], mutant?: string) => createModel(applyOverrides(SEED_LAB, { bounds: [bounds], sets }).scenario!, mutant ? { mutant } : {});
const property = (id: string) => BUILTIN_PROPERTIES.find((p) => p.id === id)!;
const pick = (r: ExhaustiveResult) => ({
  verdict: r.verdict,
  distinctStates: r.distinctStates,
  transitions: r.transitions,
  depthReached: r.depthReached,
  actions: r.actions,
  message: r.message,
  reason: r.reason,
  collisionProbability: r.collisionProbability,
});

async function expectSame(bounds: string, id: string, opts: ExhaustiveOptions, sets: string[] = [], mutant?: string): Promise<ExhaustiveResult> {
  const single = exhaustiveCheck(scoped(bounds, sets, mutant), property(id), opts);
  for (const helpers of [1, 2]) {
    const model = scoped(bounds, sets, mutant);
    const p = property(id);
    const r = await parallelExhaustiveCheck(model, opts, new ExhaustiveShard(model, p), inThreadHelpers(model, p, helpers));
    expect(r, `${helpers} helpers`).toBeDefined();
    expect(pick(r!), `${helpers} helpers`).toEqual(pick(single));
  }
  return single;
}

const F2 = 'moves=1,losses=0,sends=2,garps=0,spoofs=0,timerExpiries=1';

describe('parallelExhaustiveCheck gives the single-thread result', () => {
  it('holds: the F2 scope to depth 6', async () => {
    const r = await expectSame(F2, 'no-blackhole-after-smr', { depth: 6, maxStates: 1_000_000 });
    expect(r.reason).toBe('holds within depth 6');
  });

  it('holds: the state space exhausted (a mutant that this property does not see)', async () => {
    const r = await expectSame(
      'moves=1,losses=0,sends=2,garps=0,spoofs=0,timerExpiries=0',
      'no-blackhole-after-smr',
      { depth: 30, maxStates: 1_000_000 },
      ['registration=timestamped'],
      'smr-request-to-source',
    );
    expect(r.reason).toBe('state space exhausted');
  });

  it('violated at depth 12 with two moves: states and transitions counted at the violating transition', async () => {
    const r = await expectSame('moves=2,losses=0,sends=2,garps=0,spoofs=0,timerExpiries=0', 'single-authoritative-rloc', { depth: 30, maxStates: 1_000_000 });
    expect(r).toMatchObject({ verdict: 'violated', depthReached: 12, distinctStates: 4327, transitions: 13254 });
  });

  it('violated: the 3-step intra-subnet counterexample of the F2 scope', async () => {
    const r = await expectSame(F2, 'intra-subnet-reachability', { depth: 30, maxStates: 1_000_000 });
    expect(r).toMatchObject({ verdict: 'violated', depthReached: 3, distinctStates: 99, transitions: 130 });
  });

  it.each(['no-notify-previous', 'merge-rlocs', 'refresh-after-move'])('violated under the mutant %s (registration timestamped)', async (mutant) => {
    const r = await expectSame('moves=1,losses=0,sends=3,garps=0,spoofs=0,timerExpiries=0', 'single-authoritative-rloc', { depth: 30, maxStates: 1_000_000 }, ['registration=timestamped'], mutant);
    expect(r.verdict).toBe('violated');
    expect(r.depthReached).toBeGreaterThan(2);
  });

  it('unknown at a state budget deep in the F2 scope: each state expanded from the world the single-thread search keeps', async () => {
    // At depth 10 a state is reached by both shards, and the two worlds order their in-flight
    // messages differently (the fingerprint ignores that order; enabled actions follow it). Owned
    // by the shard with the larger key, its children's action indices, and so the transitions
    // counted up to the cut, differed (91,781 against 91,785).
    const r = await expectSame(F2, 'eventual-reachability', { depth: 30, maxStates: 37_089 });
    expect(r).toMatchObject({ verdict: 'unknown', distinctStates: 37_089, transitions: 91_785 });
  }, 120_000);

  it.each([150, 1000, 2345])('unknown at a state budget of %i, cut at the same transition', async (maxStates) => {
    const r = await expectSame(F2, 'no-blackhole-after-smr', { depth: 30, maxStates });
    expect(r.verdict).toBe('unknown');
    expect(r.distinctStates).toBe(maxStates);
  });
});

describe('parallelExhaustiveCheck under budgets', () => {
  const run = (opts: ExhaustiveOptions) => {
    const model = scoped(F2);
    const p = property('no-blackhole-after-smr');
    return parallelExhaustiveCheck(model, { pollEvery: 500, ...opts }, new ExhaustiveShard(model, p), inThreadHelpers(model, p, 1));
  };

  it('should end unknown with its figures when stopped within a level or between levels, never throw', async () => {
    let polls = 0;
    const within = await run({ depth: 30, maxStates: 1_000_000, shouldStop: () => (++polls > 5 ? 'interrupted' : false) });
    expect(within?.verdict).toBe('unknown');
    expect(within?.reason).toMatch(/^interrupted (at|after) depth \d+ \(\d+ distinct states, \d+ bytes of fingerprints and parent links, frontier of \d+ worlds\)$/);
    expect(within?.distinctStates).toBeGreaterThan(1);
    const between = await run({ depth: 30, maxStates: 1_000_000, shouldStop: () => true });
    expect(between).toMatchObject({ verdict: 'unknown', depthReached: 1, reason: expect.stringMatching(/^time budget ran out after depth 1 /) });
  });

  it('should give up (undefined: the caller searches in one thread) once the memory budget is spent', async () => {
    expect(await run({ depth: 30, maxStates: 1_000_000, memoryExceeded: () => true })).toBeUndefined();
  });
});
