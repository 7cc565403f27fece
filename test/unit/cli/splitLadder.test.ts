// One exhaustive property on the ladder, each rung's search split over threads (cli/splitUnit.ts
// checkSplit, serveHelper): the report is check()'s in one thread, field for field (timings
// apart). The helper is served in this thread over a MessageChannel; it must take part in more
// than one rung's search, or the comparison would judge only the leader.

import { MessageChannel } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { BUILTIN_PROPERTIES } from '../../../properties/index.js';
import { checkSplit, type HelperRequest, serveHelper } from '../../../src/cli/splitUnit.js';
import { check, type PropertyReport } from '../../../src/core/check/check.js';
import { exhaustiveScope } from '../../../src/core/exhaustiveScope.js';
import { applyOverrides } from '../../../src/core/overrides.js';
import { SEED_LAB } from '../../../src/core/seedLab.js';
import { createModel } from '../../../src/core/world/model.js';

const budgets = { shouldStop: () => false, memoryExceeded: () => false };
const withoutTimes = (r: PropertyReport) => JSON.parse(JSON.stringify(r, (k, v) => (k === 'elapsedMs' ? undefined : v)));

/** The seed lab capped as `check --exhaustive` caps it (with `bounds` given), its rungs, and the property. */
function ladder(id: string, opts: { mutant?: string; bounds?: string } = {}) {
  const given = new Set(opts.bounds ? opts.bounds.split(',').map((b) => b.split('=')[0]) : []);
  const { caps, rungs } = exhaustiveScope(applyOverrides(SEED_LAB, { bounds: opts.bounds ? [opts.bounds] : [] }).scenario!.bounds, given);
  const scenario = applyOverrides(SEED_LAB, { bounds: [caps ?? '', opts.bounds ?? ''].filter(Boolean) }).scenario!;
  return { model: createModel(scenario, { mutant: opts.mutant ?? null }), rungs, property: BUILTIN_PROPERTIES.find((p) => p.id === id)! };
}

async function expectSplitSame(id: string, opts: { mutant?: string; bounds?: string; maxStates?: number } = {}) {
  const { model, rungs, property } = ladder(id, opts);
  const options = { mode: 'exhaustive' as const, runs: 0, seed: 0, maxSteps: 0, depth: 100, maxStates: opts.maxStates ?? 1_000_000, scopes: rungs };
  const single = check(model, [property], options).properties[0];
  const { port1, port2 } = new MessageChannel();
  // Which searches (rungs) the helper expanded levels of.
  const helped = new Set<number>();
  let rung = -1;
  const post = port1.postMessage.bind(port1);
  port1.postMessage = (m: HelperRequest, transfer?: readonly ArrayBuffer[]) => {
    if (m.op === 'scope') rung = m.rung ?? -1;
    if (m.op === 'expand') helped.add(rung);
    post(m, transfer as ArrayBuffer[]);
  };
  const serving = serveHelper(model, property, port2, budgets, rungs);
  const split = await checkSplit(model, property, options, [port1], budgets);
  await serving;
  expect(split).toBeDefined();
  expect(withoutTimes(split!)).toEqual(withoutTimes(single));
  return { single, helped };
}

describe('checkSplit on the exhaustive ladder gives the one-thread report', () => {
  it('holds (vacuously) in every rung', async () => {
    const { single, helped } = await expectSplitSame('eventual-reachability', { bounds: 'sends=1' });
    expect(single).toMatchObject({ verdict: 'holds', vacuous: true });
    expect(single.scopes).toHaveLength(3);
    expect(helped.size).toBeGreaterThan(1);
  }, 120_000);

  it('violated in a later rung, with the rungs before it reported', async () => {
    const { single, helped } = await expectSplitSame('single-authoritative-rloc');
    expect(single.verdict).toBe('violated');
    expect(single.scopes!.length).toBeGreaterThan(1);
    expect(helped.size).toBeGreaterThan(1);
  }, 120_000);

  it('unknown when the state budget runs out in a rung, the later ones not searched', async () => {
    const { single, helped } = await expectSplitSame('eventual-reachability', { maxStates: 20_000 });
    expect(single.verdict).toBe('unknown');
    expect(single.scopes!.map((s) => s.verdict)).toEqual(['holds', 'holds', 'unknown', 'unknown']);
    expect(helped.size).toBeGreaterThan(1);
  }, 120_000);
});
