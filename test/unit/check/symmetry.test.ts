import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BUILTIN_PROPERTIES } from '../../../properties/index.js';
import { check, type PropertyReport } from '../../../src/core/check/check.js';
import { exhaustiveCheck } from '../../../src/core/explore/exhaustive.js';
import { MUTANTS } from '../../../src/core/mutants.js';
import { applyOverrides } from '../../../src/core/overrides.js';
import type { Property } from '../../../src/core/properties/property.js';
import type { Scenario } from '../../../src/core/scenario.js';
import { SEED_LAB } from '../../../src/core/seedLab.js';
import { enabledActions } from '../../../src/core/world/enabled.js';
import { hostSymmetry, interchangeableClasses } from '../../../src/core/world/hostSymmetry.js';
import { initialWorld } from '../../../src/core/world/initial.js';
import { worldFingerprint, worldKey } from '../../../src/core/world/key.js';
import { hostImageFingerprint } from '../../../src/core/world/hostImage.js';
import { mulberry32 } from '../../../src/core/mulberry32.js';
import { createModel, type Model } from '../../../src/core/world/model.js';
import { renamePlain, renameWorld } from '../../../src/core/world/renameWorld.js';
import { step } from '../../../src/core/world/step.js';
import { loadModelDir } from '../world/loadModelDir.js';

// Symmetry reduction (issue 9, `check --exhaustive --symmetry`): states that differ only by a
// renaming of interchangeable hosts are searched once. It must change nothing but the state count:
// the same verdicts and shortest counterexample lengths as the full search, on a model with two
// interchangeable VMs and under every mutant; and the count must be the number of orbits of the
// states the full search reaches (what it would be if the engine treated the two VMs alike at
// every step, which is what makes the reduction sound).

/** The seed lab with vm3, a twin of vm1: same segment, same move, mirrored traffic. */
function twinLab(
  extraTraffic: [string, string][] = [
    ['client', 'vm3'],
    ['web2', 'vm3'],
    ['vm3', 'web2'],
    ['vm3', 'client'],
  ],
): Scenario {
  const vm1 = SEED_LAB.hosts.find((h) => h.name === 'vm1')!;
  return { ...SEED_LAB, name: 'twin', hosts: [...SEED_LAB.hosts, { ...vm1, name: 'vm3', ip: '192.168.1.11', mac: '0050.5600.0011' }], traffic: [...SEED_LAB.traffic, ...extraTraffic] };
}

const SCOPE = 'moves=1,sends=2,timerExpiries=0,losses=0,duplicates=0,reboots=0,garps=0,spoofs=0';
const OPTIONS = { mode: 'exhaustive' as const, runs: 0, seed: 1, maxSteps: 0, depth: 40, maxStates: 200_000, shortestBudget: 0 };

const outcome = (r: PropertyReport) => ({
  id: r.id,
  verdict: r.verdict,
  reason: r.reason?.replace(/\d+ distinct states/, 'N distinct states'),
  vacuous: r.vacuous,
  length: r.counterexample?.length ?? null,
});

function twinModel(mutant?: string): Model {
  return createModel(applyOverrides(twinLab(), { bounds: [SCOPE], sets: mutant ? ['registration=timestamped'] : [] }).scenario!, { mutant });
}

describe('interchangeable hosts', () => {
  it.each(
    readdirSync('models', { withFileTypes: true })
      .filter((e) => e.isDirectory() && e.name !== 'twin-vms')
      .map((e) => e.name),
  )('should find none in models/%s, where every host has its own part', (name) => {
    expect(interchangeableClasses(loadModelDir(`models/${name}`).scenario)).toEqual([]);
  });

  it('should find the two VMs of models/twin-vms', () => {
    expect(interchangeableClasses(loadModelDir('models/twin-vms').scenario)).toEqual([['vm1', 'vm3']]);
  });

  it('should find the twin VMs, and the group of their swap', () => {
    const s = twinLab();
    expect(interchangeableClasses(s)).toEqual([['vm1', 'vm3']]);
    const g = hostSymmetry(s);
    expect(g.order).toBe(2);
    expect(Object.fromEntries(g.elements[0].tokens)).toEqual({
      vm1: 'vm3',
      vm3: 'vm1',
      '192.168.1.10': '192.168.1.11',
      '192.168.1.11': '192.168.1.10',
      '0050.5600.0010': '0050.5600.0011',
      '0050.5600.0011': '0050.5600.0010',
    });
  });

  it('should not swap hosts whose traffic differs, or whose address a config names', () => {
    expect(interchangeableClasses(twinLab([['client', 'vm3']]))).toEqual([]);
    const named = twinLab();
    named.routers = named.routers.map((r) => (r.name === 'core' ? { ...r, databaseMappings: [...r.databaseMappings, { prefix: '192.168.1.11/32', rlocs: [] }] } : r));
    expect(interchangeableClasses(named)).toEqual([]);
  });

  it('should start the twins from one world and its image (their timers share an offset)', () => {
    const m = twinModel();
    const w0 = initialWorld(m);
    expect(worldKey(renameWorld(w0, hostSymmetry(m.scenario).elements[0]))).toBe(worldKey(w0));
  });
});

describe('hostImageFingerprint', () => {
  it("should be the fingerprint of the renamed world, from the parts, along walks (with and without the parent's image)", () => {
    const model = createModel(applyOverrides(twinLab(), { bounds: ['moves=2,losses=1,spoofs=1,sends=20,timerExpiries=20'] }).scenario!);
    const [swap] = hostSymmetry(model.scenario).elements;
    const rnd = mulberry32(7);
    let checked = 0;
    for (let walk = 0; walk < 40; walk++) {
      let w = initialWorld(model);
      expect(hostImageFingerprint(w, model.scenario.bounds, swap)).toBe(worldFingerprint(renameWorld(w, swap), model.scenario.bounds));
      for (let i = 0; i < 30; i++) {
        const acts = enabledActions(model, w);
        if (acts.length === 0) break;
        const next = step(model, w, acts[Math.floor(rnd() * acts.length)], false).world;
        const expected = worldFingerprint(renameWorld(next, swap), model.scenario.bounds);
        expect(hostImageFingerprint(next, model.scenario.bounds, swap, w)).toBe(expected);
        expect(hostImageFingerprint(next, model.scenario.bounds, swap)).toBe(expected);
        // The image of the image is the world itself.
        expect(worldFingerprint(renameWorld(renameWorld(next, swap), swap), model.scenario.bounds)).toBe(worldFingerprint(next, model.scenario.bounds));
        w = next;
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(1000);
  });
});

describe('check --exhaustive --symmetry', () => {
  function compare(model: Model): { full: number; reduced: number } {
    const full = check(model, BUILTIN_PROPERTIES, OPTIONS);
    const sym = check(model, BUILTIN_PROPERTIES, { ...OPTIONS, symmetry: true });
    expect(sym.properties.map(outcome)).toEqual(full.properties.map(outcome));
    let f = 0;
    let r = 0;
    for (const [i, p] of sym.properties.entries()) {
      expect(p.symmetryOrder).toBe(2);
      expect(p.distinctStates!).toBeLessThanOrEqual(full.properties[i].distinctStates!);
      f += full.properties[i].distinctStates!;
      r += p.distinctStates!;
    }
    return { full: f, reduced: r };
  }

  it('should report what the full search reports, in about half the states, on the twin lab', () => {
    const { full, reduced } = compare(twinModel());
    expect(reduced).toBeLessThan(full * 0.6);
  });

  it.each(MUTANTS.map((m) => m.id))('should report what the full search reports on the twin lab with mutant %s', (id) => {
    compare(twinModel(id));
  });

  it('should count the orbits of the states the full search reaches', () => {
    // A plain breadth-first search on worldKey text (not the fingerprints the reduction uses),
    // counting each state and its image once.
    const model = twinModel();
    const p = BUILTIN_PROPERTIES.find((x) => x.id === 'no-blackhole-after-smr')!;
    const swap = hostSymmetry(model.scenario).elements[0];
    const keyOf = (w: ReturnType<typeof initialWorld>, m: unknown) => `${worldKey(w, model.scenario.bounds)}#${p.key(m)}`;
    const orbitOf = (w: ReturnType<typeof initialWorld>, m: unknown) => {
      const a = keyOf(w, m);
      const b = keyOf(renameWorld(w, swap), renamePlain(m, swap));
      return [a, b].sort()[0];
    };
    const w0 = initialWorld(model);
    let level = [{ w: w0, m: p.init(model, w0) }];
    const seen = new Set([keyOf(w0, level[0].m)]);
    const orbits = new Set([orbitOf(w0, level[0].m)]);
    while (level.length > 0) {
      const next: typeof level = [];
      for (const { w, m } of level)
        for (const a of enabledActions(model, w)) {
          const r = step(model, w, a, false);
          const s = p.step(m, { model, index: 0, action: a, before: w, after: r.world, obs: r.obs }).state;
          const k = keyOf(r.world, s);
          if (seen.has(k)) continue;
          seen.add(k);
          orbits.add(orbitOf(r.world, s));
          next.push({ w: r.world, m: s });
        }
      level = next;
    }
    const full = exhaustiveCheck(model, p, { depth: 100, maxStates: 200_000 });
    const reduced = exhaustiveCheck(model, p, { depth: 100, maxStates: 200_000, symmetry: true });
    expect(full.distinctStates).toBe(seen.size);
    expect(reduced.distinctStates).toBe(orbits.size);
    expect(orbits.size).toBeLessThan(seen.size);
  });

  it('should change nothing on a model without interchangeable hosts', () => {
    const model = createModel(applyOverrides(SEED_LAB, { bounds: [SCOPE] }).scenario!);
    const full = check(model, BUILTIN_PROPERTIES, OPTIONS);
    const sym = check(model, BUILTIN_PROPERTIES, { ...OPTIONS, symmetry: true });
    expect(sym.properties.map((p) => [p.distinctStates, p.symmetryOrder])).toEqual(full.properties.map((p) => [p.distinctStates, 1]));
  });

  it('should lose a violation when a property breaks its promise (Property.symmetric): the promise is what makes it sound', () => {
    // Judges vm3 and not vm1, yet says it treats hosts alike. Its one violation is vm3 sending
    // right after its move (the second step): the state where vm3 has just moved is the image of
    // the one where vm1 has, which is found first (vm1's move comes first), and is not expanded.
    const liar: Property<null> = {
      id: 'vm3-stays-home',
      description: 'vm3 does not send from dcedge-2 right after moving there',
      reference: 'test',
      kind: 'safety',
      init: () => null,
      step: (s, { action, after, index }) => ({
        state: s,
        violation: index === 1 && action.type === 'host.send' && action.src === 'vm3' && after.hostAt.vm3?.startsWith('dcedge-2') ? 'vm3 sent from dcedge-2' : undefined,
      }),
      key: () => '',
      symmetric: true,
    };
    const model = twinModel();
    expect(exhaustiveCheck(model, liar, { depth: 40, maxStates: 200_000 }).verdict).toBe('violated');
    expect(exhaustiveCheck(model, liar, { depth: 40, maxStates: 200_000, symmetry: true }).verdict).toBe('holds');
    expect(exhaustiveCheck(model, { ...liar, symmetric: undefined }, { depth: 40, maxStates: 200_000, symmetry: true })).toMatchObject({ verdict: 'violated', symmetryOrder: 1 });
  });
});
