// The built-in monitors re-evaluate only what a step changed (registryFacts.ts, localDyns.ts,
// arrival.ts's facts: issue 9). Held here to the straightforward evaluation they replaced
// (./referenceMonitors: every host, router and actor scanned at every step): over random
// schedules on several models, each step of each property gives the same state (deep, and its
// key), the same violation text, the same `judged` and the same vacuity reason. The schedules also
// hand the monitors worlds and arrivals they have never seen (copies: nothing remembered about
// them), as a search that rebuilds a world or a worker that receives one would, so the paths that
// read everything afresh are compared too.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildScenario } from '../../../src/config/buildScenario.js';
import { generateModel } from '../../../src/config/generateModel.js';
import { pickEnabled } from '../../../src/core/explore/runSchedule.js';
import { applyOverrides } from '../../../src/core/overrides.js';
import type { Property } from '../../../src/core/properties/property.js';
import type { Action } from '../../../src/core/world/action.js';
import type { Observation } from '../../../src/core/world/observation.js';
import type { Scenario } from '../../../src/core/scenario.js';
import { SEED_LAB } from '../../../src/core/seedLab.js';
import { ActorTable } from '../../../src/core/world/actorTable.js';
import { enabled } from '../../../src/core/world/enabled.js';
import { initialWorld } from '../../../src/core/world/initial.js';
import { createModel, type Model } from '../../../src/core/world/model.js';
import { step } from '../../../src/core/world/step.js';
import type { World } from '../../../src/core/world/world.js';
import { BUILTIN_PROPERTIES } from '../../../properties/index.js';
import { folderFiles } from '../config/modelFiles.js';
import { eventualReachability } from './referenceMonitors/eventualReachability.js';
import { intraSubnetReachabilityEventual } from './referenceMonitors/intraSubnetReachabilityEventual.js';
import { registrationAuthenticated } from './referenceMonitors/registrationAuthenticated.js';
import { singleAuthoritativeRloc } from './referenceMonitors/singleAuthoritativeRloc.js';

const REFERENCE: Record<string, Property<any>> = Object.fromEntries([singleAuthoritativeRloc, registrationAuthenticated, eventualReachability, intraSubnetReachabilityEventual].map((p) => [p.id, p]));

/** Budgets wide enough for several moves, losses, reboots, spoofs and timer expiries (clocks past the bound). */
const WIDE = 'moves=4,losses=2,duplicates=1,reboots=1,spoofs=1,timerExpiries=6,sends=6,garps=1';

function widen(s: Scenario, sets: string[] = []): Scenario {
  return applyOverrides(s, { bounds: [WIDE], sets }).scenario!;
}

function folder(dir: string): Scenario {
  return buildScenario({ dir, files: folderFiles(dir) }).scenario!;
}

function generated(sites: number, hosts: number): Scenario {
  const files = generateModel({ sites, hosts, pitrs: 1, seed: 2 }).map((f) => ({ path: f.name, text: f.text }));
  return buildScenario({ dir: `generated-${sites}x${hosts}`, files }).scenario!;
}

const MODELS: { name: string; model: () => Model }[] = [
  { name: 'seed lab', model: () => createModel(widen(SEED_LAB)) },
  // A short convergence bound, so hosts settle by time and by retransmissions while not quiet.
  { name: 'seed lab, timestamped, 5 s bound', model: () => createModel(widen(SEED_LAB, ['registration=timestamped', 'convergence.seconds=5', 'convergence.retransmissions=2'])) },
  { name: 'three-site', model: () => createModel(widen(folder('models/three-site'))) },
  { name: 'generated 6x24', model: () => createModel(widen(generated(6, 24))) },
  // Violations of each kind: split RLOC sets, a stale registry, a wrong key accepted; a refused
  // registration retransmitted for ever; two mapping systems.
  { name: 'seed lab, merge-rlocs', model: () => createModel(widen(SEED_LAB), { mutant: 'merge-rlocs' }) },
  { name: 'seed lab, refresh-after-move', model: () => createModel(widen(SEED_LAB), { mutant: 'refresh-after-move' }) },
  { name: 'seed lab, no-auth-check', model: () => createModel(widen(SEED_LAB), { mutant: 'no-auth-check' }) },
  { name: 'missing-accept-more-specifics', model: () => createModel(widen(folder('models/missing-accept-more-specifics'))) },
  { name: 'lispwb-expanded-lab5 (two Map-Servers)', model: () => createModel(widen(folder('models/lispwb-expanded-lab5'))) },
];

/**
 * A step of a schedule: which enabled action; what the monitors are handed afresh first (0: the
 * world, 1: its hostAt, 2: the arrivals, 3: the actor table, rebuilt; more: nothing); and whether they are first shown a made-up world (see `inject`; 0-2: yes).
 */
const scheduleArb = fc.array(fc.tuple(fc.nat(), fc.nat(11), fc.nat(9), fc.nat()), { maxLength: 60 });

/** Deliveries of the oldest message after the schedule, so runs reach the quiet states judged there (runSchedule.ts). */
const SETTLE = 100;

/**
 * `w` with actors set to states a schedule rarely or never reaches: two xTRs holding a host as
 * local, a Map-Server record naming RLOCs of two routers, an xTR holding an EID outside its
 * ranges, a record or a detection gone. Monitors are functions of (before, after, observations),
 * so a made-up `after` is as good a question as a reached one; the world stepped on is never it.
 */
function inject(model: Model, w: World, n: number): World {
  const hosts = [...model.topo.hosts.values()];
  const routers = [...model.topo.routers.values()];
  const servers = routers.filter((r) => r.spec.ms);
  const h = hosts[n % hosts.length];
  const r = routers[Math.floor(n / 7) % routers.length];
  const entries = w.actors.entries();
  const local = entries.find(([id, s]) => id.startsWith('dyn|') && s.v === 'registered')?.[1];
  const record = entries.find(([id, s]) => id.startsWith('ms|') && s.v === 'registered')?.[1];
  switch (Math.floor(n / 3) % 4) {
    case 0:
      return local ? { ...w, actors: w.actors.set(`dyn|${r.name}|${h.eid}`, local) } : w;
    case 1: {
      const [a, b] = [routers[n % routers.length], routers[(n + 1) % routers.length]];
      return record && servers.length ? { ...w, actors: w.actors.set(`ms|${servers[n % servers.length].name}|${h.eid}`, { ...record, c: { ...record.c, rlocs: [a.rloc, b.rloc] } }) } : w;
    }
    case 2:
      return local ? { ...w, actors: w.actors.set(`dyn|${r.name}|198.51.100.${n % 250}`, local) } : w;
    default:
      return { ...w, actors: w.actors.delete(n % 2 ? `dyn|${r.name}|${h.eid}` : `ms|${servers[0]?.name}|${h.eid}`) };
  }
}

/** A copy of a monitor state whose arrivals object is new (its facts unknown). */
function freshArrivals(s: any): any {
  return s && typeof s === 'object' && 'arrivals' in s ? { ...s, arrivals: { ...s.arrivals } } : s;
}

describe('incremental monitors', () => {
  for (const { name, model: make } of MODELS) {
    it(`should report what a full scan reports, step by step (${name})`, () => {
      const model = make();
      const start = initialWorld(model);
      const pairs = BUILTIN_PROPERTIES.map((p) => ({ p, ref: REFERENCE[p.id] ?? p }));
      let violations = 0;
      fc.assert(
        fc.property(scheduleArb, (schedule) => {
          let world: World = start;
          /** What the monitors last saw: the world, or a made-up one beside it. */
          let seen: World = world;
          let states = pairs.map(({ p, ref }) => ({ mine: p.init(model, world), ref: ref.init(model, world) }));
          const judge = (i: number, action: Action, before: World, after: World, obs: readonly Observation[]) => {
            states = pairs.map(({ p, ref }, k) => {
              const ctx = { model, index: i, action, before, after, obs };
              const a = p.step(states[k].mine, ctx);
              const b = ref.step(states[k].ref, ctx);
              const at = `${p.id}, step ${i} (${action.type}${after === world ? '' : ', made up'})`;
              expect(a.violation, at).toBe(b.violation);
              expect(a.judged, at).toBe(b.judged);
              expect(p.key(a.state), at).toBe(ref.key(b.state));
              expect(a.state, at).toEqual(b.state);
              expect(p.vacuity?.(a.state, model), at).toEqual(ref.vacuity?.(b.state, model));
              if (a.violation) violations++;
              return { mine: a.state, ref: b.state };
            });
            seen = after;
          };
          for (let i = 0; i < schedule.length + SETTLE; i++) {
            const [choice, fresh, made, n] = schedule[i] ?? [0, 9, 9, 0];
            if (i >= schedule.length && world.msgs.length === 0) break;
            if (fresh === 0) world = { ...world };
            if (fresh === 1) world = { ...world, hostAt: { ...world.hostAt } };
            if (fresh === 3) world = { ...world, actors: ActorTable.fromEntries(world.actors.entries()) };
            if (fresh <= 1 || fresh === 3) seen = world;
            if (fresh === 2) states = states.map((s) => ({ mine: freshArrivals(s.mine), ref: s.ref }));
            const action = i < schedule.length ? pickEnabled(enabled(model, world), choice) : ({ type: 'msg.deliver', id: world.msgs[0].id } as const);
            if (!action) break;
            if (made <= 2) judge(i, action, seen, inject(model, world, n), []);
            const r = step(model, world, action, false);
            world = r.world;
            judge(i, action, seen, world, r.obs);
          }
        }),
        { seed: 42, numRuns: 60 },
      );
      // Not vacuous itself: the mutants and broken models do violate along the way.
      if (name.includes(',') || name.startsWith('missing')) expect(violations).toBeGreaterThan(0);
    });
  }
});
