import { beforeAll, describe, expect, it } from 'vitest';
import { BUILTIN_PROPERTIES } from '../../../properties/index.js';
import { runZoo, type ZooRow } from '../../../src/core/check/zoo.js';
import { runActions } from '../../../src/core/explore/runSchedule.js';
import { applyOverrides } from '../../../src/core/overrides.js';
import { SEED_LAB } from '../../../src/core/seedLab.js';
import { createModel } from '../../../src/core/world/model.js';

// DESIGN.md §4 / issue 3: every mutant, on the seed lab with registration timestamped, is caught
// by its property in random mode (seed 1, within 10,000 runs) and in exhaustive mode, and the
// random counterexample (shrunk, then searched for a shorter one) is no longer than the shortest
// (exhaustive) one. The search gets a small budget: the default's adds two minutes here.
describe('the bug zoo in both modes', () => {
  let rows: ZooRow[] = [];
  beforeAll(() => {
    rows = runZoo(SEED_LAB, BUILTIN_PROPERTIES, { runs: 10_000, seed: 1, depth: 30, maxStates: 3_000_000, exhaustive: true, shortestBudget: 20_000 }).rows;
  }, 600_000);

  it('should judge all nine mutants', () => {
    expect(rows.map((r) => r.mutant.id)).toHaveLength(9);
  });

  it.each(['no-smr', 'smr-ignored', 'smr-request-to-source', 'no-notify-previous', 'refresh-after-move', 'merge-rlocs', 'any-nonce', 'no-proxy-reply', 'no-auth-check'])(
    'should catch %s in random and exhaustive mode with a random story no longer than the shortest',
    (id) => {
      const row = rows.find((r) => r.mutant.id === id)!;
      expect(row.random.verdict).toBe('violated');
      expect(row.random.runs).toBeLessThanOrEqual(10_000);
      expect(row.exhaustive!.verdict).toBe('violated');
      const shown = row.random.counterexample!.length;
      const shortest = row.exhaustive!.counterexample!.length;
      expect(shown).toBeLessThanOrEqual(shortest);
      // The shortest story is really a violation of that property under that mutant.
      const s = applyOverrides(SEED_LAB, { sets: row.scope.sets, bounds: [row.scope.exhaustive] }).scenario!;
      const property = BUILTIN_PROPERTIES.find((p) => p.id === row.mutant.breaks)!;
      const replay = runActions(createModel(s, { mutant: id }), property, row.exhaustive!.counterexample!.actions);
      expect(replay.violation?.index).toBe(shortest - 1);
      // And the same schedule without the bug is no violation: the mutant is the cause.
      const fixed = runActions(createModel(s), property, row.exhaustive!.counterexample!.actions);
      expect(fixed.violation).toBeUndefined();
    },
  );
});
