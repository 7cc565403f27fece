// PrefixRunner (prefixRunner.ts) against runChoices: for a violating schedule and candidates made
// from it as fast-check's shrinker makes them (items removed, lowered, changed, the list cut or
// lengthened), in any order, the runner that follows its last violating run gives the same
// verdict, violating step and message as a run from the start, candidate for candidate; also
// when the answer comes from its memo of passing candidates (a different list of choices that
// picks the same actions as one already run).

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BUILTIN_PROPERTIES } from '../../properties/index.js';
import { PrefixRunner } from '../../src/core/explore/prefixRunner.js';
import { runChoices } from '../../src/core/explore/runSchedule.js';
import { applyOverrides } from '../../src/core/overrides.js';
import { SEED_LAB } from '../../src/core/seedLab.js';
import { createModel } from '../../src/core/world/model.js';

const byId = (id: string) => BUILTIN_PROPERTIES.find((p) => p.id === id)!;

/** Models where short random schedules often violate: the seed lab (F12, F3) and a mutant. */
const cases = [
  { name: 'seed lab, intra-subnet-reachability', model: createModel(SEED_LAB), property: byId('intra-subnet-reachability') },
  {
    name: 'timestamped seed lab, refresh-after-move',
    model: createModel(applyOverrides(SEED_LAB, { sets: ['registration=timestamped'] }).scenario!, { mutant: 'refresh-after-move' }),
    property: byId('single-authoritative-rloc'),
  },
  { name: 'seed lab, single-authoritative-rloc', model: createModel(SEED_LAB), property: byId('single-authoritative-rloc') },
];

/** A candidate made from `base` by one shrinker-like edit. */
const edit = fc.oneof(
  fc.record({ kind: fc.constant('remove' as const), at: fc.nat(), n: fc.integer({ min: 1, max: 5 }) }),
  fc.record({ kind: fc.constant('lower' as const), at: fc.nat(), by: fc.nat() }),
  fc.record({ kind: fc.constant('set' as const), at: fc.nat(), to: fc.nat({ max: 16 }) }),
  fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('append' as const), more: fc.array(fc.nat(), { maxLength: 5 }) }),
);

function apply(base: readonly number[], e: fc.RecordValue<any>): number[] {
  const out = [...base];
  if (out.length === 0) return e.kind === 'append' ? [...e.more] : out;
  const at = e.at % out.length;
  switch (e.kind) {
    case 'remove':
      out.splice(at, e.n);
      return out;
    case 'lower':
      out[at] = Math.max(0, out[at] - (e.by % (out[at] + 1)));
      return out;
    case 'set':
      out[at] = e.to;
      return out;
    case 'cut':
      return out.slice(0, at);
    default:
      return [...out, ...e.more];
  }
}

describe('PrefixRunner', () => {
  for (const c of cases) {
    it(`should give runChoices' verdict for every candidate (${c.name})`, () => {
      let judged = 0;
      // Memo answers to lists never run before: the memo's own case, not a repeat.
      let novelHits = 0;
      fc.assert(
        fc.property(fc.array(fc.nat(), { minLength: 10, maxLength: 60 }), fc.array(fc.array(edit, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 40 }), (start, edits) => {
          const runner = new PrefixRunner(c.model, c.property);
          let base = start;
          const seen = new Set<string>();
          const check = (choices: number[]) => {
            const fresh = runChoices(c.model, c.property, choices);
            const hits = runner.memoHits;
            const r = runner.run(choices);
            expect(r.violation).toEqual(fresh.violation);
            const text = choices.join(',');
            if (runner.memoHits > hits && !seen.has(text)) novelHits++;
            seen.add(text);
            if (fresh.violation) {
              judged++;
              base = choices;
            }
          };
          check(base);
          edits.forEach((es, n) => {
            check(es.reduce(apply, base));
            // fast-check lowers one item toward 0 by halving the distance: v - v, v - v/2, ... (a
            // few times per run, for time): these candidates meet the memo. Each also with the
            // next item changed: the same actions up to the change, a different run after it.
            if (n < 2 && base.length > 0) {
              const at = (es[0].at ?? n) % base.length;
              const v = base[at];
              for (let d = v; d > 0; d = Math.floor(d / 2)) {
                const lowered = base.map((x, i) => (i === at ? v - d : x));
                check(lowered);
                if (at + 1 < lowered.length) check(lowered.map((x, i) => (i === at + 1 ? x + 1 : x)));
              }
            }
          });
        }),
        { seed: 3, numRuns: 60 },
      );
      // Not vacuous: violating candidates were met (and so followed).
      expect(judged).toBeGreaterThan(20);
      expect(novelHits).toBeGreaterThan(5);
    });
  }
});
