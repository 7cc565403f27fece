// The model's step indexes (issue 9) against the straightforward lookups they replace, on every
// bundled model, generated ones (the 32x256 growth model included) and a seed lab whose xTR
// ignores SMRs: Topology.endpoints, hostsByMac, hostOrder, segment attachments and segmentAt,
// and runnerFor (by an actor ref's kind) against the runner its parsed id names, and each actor
// ref's fields (actorRef.ts) against the id's parts, hash, timer keys, node, interface and initial
// state, for every actor id a random walk touches.

import { readdirSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readModel } from '../../src/cli/readModel.js';
import { buildScenario } from '../../src/config/buildScenario.js';
import { generateModel } from '../../src/config/generateModel.js';
import type { Scenario } from '../../src/core/scenario.js';
import { SEED_LAB } from '../../src/core/seedLab.js';
import { actorRef } from '../../src/core/world/actorRef.js';
import { actorIdHash } from '../../src/core/world/actorTable.js';
import { segmentAt } from '../../src/core/world/dataplane.js';
import { stringLanes } from '../../src/core/world/key.js';
import { enabledActions } from '../../src/core/world/enabled.js';
import { initialWorld } from '../../src/core/world/initial.js';
import { createModel, INITIAL, type Model, parseActorId, runnerFor } from '../../src/core/world/model.js';
import { step } from '../../src/core/world/step.js';

function generated(sites: number, hosts: number): Scenario {
  const files = generateModel({ sites, hosts, pitrs: 1, seed: 1 }).map((f) => ({ path: f.name, text: f.text }));
  return buildScenario({ dir: `generated-${sites}x${hosts}`, files }).scenario!;
}

const bundled = readdirSync('models', { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => readModel(`models/${d.name}`, process.cwd()).scenario)
  .filter((s): s is Scenario => s !== undefined);
const smrIgnoring: Scenario = { ...SEED_LAB, name: 'seed-lab-smr-ignore', routers: SEED_LAB.routers.map((r) => (r.itr ? { ...r, smrIgnore: true } : r)) };
const MODELS: Model[] = [...bundled, generated(4, 12), generated(32, 256), smrIgnoring].map((s) => createModel(s));

/** The runner a parsed id names (model.ts runnerFor before it read the id's first letters). */
function runnerByParsing(model: Model, id: string) {
  const { kind, owner } = parseActorId(id);
  switch (kind) {
    case 'dyn':
      return model.runners.dyn;
    case 'ms':
      return model.runners.ms;
    case 'mc':
      return model.topo.routers.get(owner)?.spec.smrIgnore ? model.runners.mcSmrIgnore : model.runners.mc;
    case 'arp':
      return owner.startsWith('h:') ? model.runners.arpHost : model.runners.arpRouter;
  }
}

/** An actor ref's fields are what its id's text gives (parseActorId, actorIdHash, stringLanes, `ID#NAME`). */
function sameAsParsed(id: string): void {
  const ref = actorRef(id);
  const { kind, owner, ip } = parseActorId(id);
  expect(ref.id).toBe(id);
  expect([ref.kind, ref.owner, ref.ip, ref.hostArp]).toEqual([kind, owner, ip, kind === 'arp' && owner.startsWith('h:')]);
  expect(ref.hash).toBe(actorIdHash(id));
  expect(ref.lanes).toEqual(stringLanes(id));
  expect(ref.timerKey('t:x')).toBe(`${id}#t:x`);
  // The node and interface the ARP handlers and logs use, and the initial state absence stands for:
  // what slicing the owner gave them (`h:HOST`, `r:ROUTER@IFACE`, a router) and INITIAL by kind.
  const at = owner.indexOf('@');
  const node = kind !== 'arp' ? owner : owner.startsWith('h:') ? owner.slice(2) : owner.slice(2, at);
  expect([ref.node, ref.iface]).toEqual([node, kind === 'arp' && !owner.startsWith('h:') ? owner.slice(at + 1) : undefined]);
  expect(ref.initial).toBe(INITIAL[kind]);
}

/** The segment of an attachment, by finding its router and interface. */
function segmentByScan(model: Model, at: string): string | undefined {
  const [router, ...rest] = at.split(' ');
  return model.topo.routers.get(router)?.ifaces.find((i) => i.name === rest.join(' '))?.segment;
}

describe('topology indexes', () => {
  it('should cover the models it names', () => {
    expect(MODELS.length).toBeGreaterThan(5);
    expect(MODELS.some((m) => m.topo.hosts.size === 256)).toBe(true);
    expect(MODELS.some((m) => m.anySmrIgnore)).toBe(true);
  });

  it('should answer as the lookups they replace', () => {
    for (const model of MODELS) {
      const topo = model.topo;
      const names = [...topo.hosts.keys(), ...topo.clients.keys(), 'nobody'];
      for (const n of names) {
        expect(topo.endpoints.get(n)?.host).toBe(topo.hosts.get(n));
        expect(topo.endpoints.get(n)?.client).toBe(topo.clients.get(n));
      }
      const hosts = [...topo.hosts.values()];
      for (const mac of [...hosts.map((h) => h.spec.mac), 'ffff.ffff.ffff']) {
        expect(topo.hostsByMac.get(mac) ?? []).toEqual(hosts.filter((h) => h.spec.mac === mac).map((h) => h.name));
      }
      expect([...topo.hostOrder]).toEqual(hosts.map((h, i) => [h.name, i]));
      for (const seg of topo.segments.values()) expect([...seg.attachments].sort()).toEqual(seg.ifaces.map((i) => `${i.router} ${i.name}`).sort());
      const attachments = [...topo.routers.values()].flatMap((r) => r.ifaces.map((i) => `${r.name} ${i.name}`));
      for (const at of [...attachments, ...hosts.flatMap((h) => h.places.map((p) => `${p.router} ${p.iface}`)), 'no-router Gi0', 'x']) {
        // Twice: the first answer is memoised, the second read from the memo.
        expect(segmentAt(topo, at)).toBe(segmentByScan(model, at));
        expect(segmentAt(topo, at)).toBe(segmentByScan(model, at));
      }
    }
  });

  it('should pick the runner its parsed id names, and hold refs true to their ids, for every actor a walk touches', () => {
    fc.assert(
      fc.property(fc.nat(MODELS.length - 1), fc.array(fc.nat(), { maxLength: 40 }), (mi, choices) => {
        const model = MODELS[mi];
        let w = initialWorld(model);
        const check = () => {
          for (const id of w.actors.keys()) {
            expect(runnerFor(model, actorRef(id))).toBe(runnerByParsing(model, id));
            sameAsParsed(id);
          }
          for (const t of w.timers) {
            expect(runnerFor(model, actorRef(t.actor))).toBe(runnerByParsing(model, t.actor));
            sameAsParsed(t.actor);
            expect(actorRef(t.actor).timerKey(t.name)).toBe(t.key);
          }
        };
        check();
        for (const n of choices) {
          const acts = enabledActions(model, w);
          if (acts.length === 0) break;
          w = step(model, w, acts[n % acts.length], false).world;
          check();
        }
      }),
      { seed: 9, numRuns: 60 },
    );
  });
});
