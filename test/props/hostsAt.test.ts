// The hosts-by-attachment index (hostsAt.ts) against a scan of every host: on random walks with
// many moves, the hosts on each segment and the hosts of each MAC are those a scan finds, in the
// model's host order, whether the index was derived move by move or built afresh; and a hostAt
// is one object per set of places (hostAtAfterMove), whatever moves led there.

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

  it('should hand out one hostAt object per set of places (hostAtAfterMove), holding those places', () => {
    const start = initialWorld(model);
    // Places as text (host order) -> the first object seen with them: the start's own first.
    const text = (h: Record<string, string>) => [...topo.hosts.keys()].map((n) => h[n]).join(';');
    const seen = new Map<string, object>([[text(start.hostAt), start.hostAt]]);
    let back = 0;
    fc.assert(
      fc.property(fc.array(fc.nat(), { maxLength: 40 }), (choices) => {
        let w = start;
        for (const n of choices) {
          const movesNow = enabledActions(model, w).filter((a) => a.type === 'host.move');
          if (movesNow.length === 0) break;
          const a = movesNow[n % movesNow.length];
          const before = w.hostAt;
          w = step(model, w, a, false).world;
          // The move itself: the mover is where it went, every other host where it was.
          for (const name of topo.hosts.keys()) expect(w.hostAt[name]).toBe(a.type === 'host.move' && name === a.host ? a.to : before[name]);
          const t = text(w.hostAt);
          const first = seen.get(t);
          if (first === undefined) seen.set(t, w.hostAt);
          else expect(w.hostAt).toBe(first);
          if (w.hostAt === start.hostAt) back++;
        }
      }),
      { seed: 7, numRuns: 100 },
    );
    // Some walk came back to where every host started, in the start's object.
    expect(back).toBeGreaterThan(0);
  });
});
