// The hosts-by-attachment index (hostsAt.ts) against a scan of every host: on random walks with
// many moves, the hosts on each segment and the hosts of each MAC are those a scan finds, in the
// model's host order, whether the index was derived move by move or built afresh.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildScenario } from '../../src/config/buildScenario.js';
import { generateModel } from '../../src/config/generateModel.js';
import { applyOverrides } from '../../src/core/overrides.js';
import { enabledActions } from '../../src/core/world/enabled.js';
import { attachmentsOf, hostsOnSegment, hostsWithMac } from '../../src/core/world/hostsAt.js';
import { initialWorld } from '../../src/core/world/initial.js';
import { createModel } from '../../src/core/world/model.js';
import { step } from '../../src/core/world/step.js';

const files = generateModel({ sites: 4, hosts: 12, pitrs: 1, seed: 3 }).map((f) => ({ path: f.name, text: f.text }));
const built = buildScenario({ dir: 'generated-4x12', files }).scenario!;
const model = createModel(applyOverrides(built, { bounds: ['moves=40'] }).scenario!);
const topo = model.topo;

describe('hostsAt index', () => {
  it('should list the hosts a scan of every host finds, in host order', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(), { maxLength: 60 }), (choices) => {
        let w = initialWorld(model);
        for (const n of choices) {
          const acts = enabledActions(model, w);
          if (acts.length === 0) break;
          // Mostly moves, so the index is derived move after move.
          const movesNow = acts.filter((a) => a.type === 'host.move');
          const a = n % 3 !== 0 && movesNow.length > 0 ? movesNow[n % movesNow.length] : acts[n % acts.length];
          w = step(model, w, a, false).world;
          const fresh = { ...w.hostAt }; // no index memoised: built from scratch
          for (const seg of topo.segments.values()) {
            const on = attachmentsOf(seg);
            const scan = [...topo.hosts.keys()].filter((h) => on.has(w.hostAt[h]));
            expect(hostsOnSegment(topo, w.hostAt, seg)).toEqual(scan);
            expect(hostsOnSegment(topo, fresh, seg)).toEqual(scan);
          }
        }
        for (const h of topo.hosts.values()) expect(hostsWithMac(topo, h.spec.mac)).toEqual([...topo.hosts.values()].filter((x) => x.spec.mac === h.spec.mac).map((x) => x.name));
      }),
      { seed: 5, numRuns: 100 },
    );
  });
});
