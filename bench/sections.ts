// Further benchmark sections (DESIGN.md §7): exhaustive distinct states/s, time to the first
// counterexample and shrunk length per mutant, and growth with network size, each with a baseline
// measured in the same process. NOT PURE (timing, memory); called from bench/run.ts.

import { performance } from 'node:perf_hooks';
import { BUILTIN_PROPERTIES } from '../properties/index.js';
import { check } from '../src/core/check/check.js';
import { scopeOf } from '../src/core/check/zoo.js';
import { exhaustiveCheck } from '../src/core/explore/exhaustive.js';
import { MUTANTS } from '../src/core/mutants.js';
import { applyOverrides } from '../src/core/overrides.js';
import type { Scenario } from '../src/core/scenario.js';
import { SEED_LAB } from '../src/core/seedLab.js';
import { createModel } from '../src/core/world/model.js';

const F2_SCOPE = 'moves=1,losses=0,sends=2,garps=0,spoofs=0,timerExpiries=1';

/** Exhaustive search of the F2 scope: distinct states per second, cached vs XState baseline. */
export function exhaustiveRates(rounds: number): { cached: number[]; baseline: number[]; states: number } {
  const s = applyOverrides(SEED_LAB, { bounds: [F2_SCOPE] }).scenario!;
  const p = BUILTIN_PROPERTIES.find((x) => x.id === 'no-blackhole-after-smr')!;
  const rate = (cached: boolean) => {
    const model = createModel(s, { cached });
    const t0 = performance.now();
    const r = exhaustiveCheck(model, p, { depth: 30, maxStates: 3_000_000 });
    return { perSecond: (r.distinctStates / (performance.now() - t0)) * 1000, states: r.distinctStates };
  };
  const cached: number[] = [];
  const baseline: number[] = [];
  let states = 0;
  for (let i = 0; i < rounds; i++) {
    const c = rate(true);
    cached.push(c.perSecond);
    states = c.states;
    baseline.push(rate(false).perSecond);
  }
  return { cached, baseline, states };
}

/** Each mutant on the timestamped seed lab, random mode, seed 1: time to the first counterexample, runs, shrunk length. */
export function mutantTimes(): { id: string; ms: number; runs: number; length: number | null }[] {
  return MUTANTS.map((m) => {
    const scope = scopeOf(m.id);
    const s = applyOverrides(SEED_LAB, { sets: scope.sets, bounds: [scope.random] }).scenario!;
    const p = BUILTIN_PROPERTIES.find((x) => x.id === m.breaks)!;
    const t0 = performance.now();
    const r = check(createModel(s, { mutant: m.id }), [p], { mode: 'random', runs: 10_000, seed: 1, maxSteps: s.bounds.steps, depth: 0, maxStates: 0 }).properties[0];
    return { id: m.id, ms: performance.now() - t0, runs: r.runs, length: r.counterexample?.length ?? null };
  });
}

/** The seed lab with `extra` more servers on dcedge-1's segment, each talking to vm1 and the client. */
export function widened(extra: number): Scenario {
  const hosts = [...SEED_LAB.hosts];
  const traffic = [...SEED_LAB.traffic];
  for (let i = 0; i < extra; i++) {
    const name = `srv${i + 3}`;
    hosts.push({ ...SEED_LAB.hosts[1], name, ip: `192.168.1.${30 + i}`, mac: `0050.5600.00${(0x30 + i).toString(16)}` });
    traffic.push([name, 'vm1'], ['client', name]);
  }
  return { ...SEED_LAB, name: `seed-lab+${extra}`, hosts, traffic };
}
