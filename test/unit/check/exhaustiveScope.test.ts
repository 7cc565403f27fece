// The default scope of `check --exhaustive` (core/exhaustiveScope.ts): why it exists (with an
// unlimited send or timer budget the seed lab's state space is infinite: here is an unbounded
// family of distinct reachable states for each), what it caps and what it leaves alone, and that
// the CLI says which scope it searched and puts it in the reproduce line.

import { describe, expect, it } from 'vitest';
import { applyOverrides } from '../../../src/core/overrides.js';
import { SEED_LAB } from '../../../src/core/seedLab.js';
import { enabledActions } from '../../../src/core/world/enabled.js';
import { initialWorld } from '../../../src/core/world/initial.js';
import { worldFingerprint } from '../../../src/core/world/key.js';
import { createModel } from '../../../src/core/world/model.js';
import { step } from '../../../src/core/world/step.js';
import type { World } from '../../../src/core/world/world.js';
import { runMain, tempDir } from '../../e2e/cliHarness.js';

/** The seed lab as `check --exhaustive --bounds moves=1,losses=0` saw it before the caps. */
const uncapped = createModel(applyOverrides(SEED_LAB, { bounds: ['moves=1,losses=0'] }).scenario!);

describe('the seed lab with unlimited budgets', () => {
  it('should reach a distinct state for every number of packets sent at one instant (sends unlimited)', () => {
    let w: World = initialWorld(uncapped);
    const send = () => enabledActions(uncapped, w).find((a) => a.type === 'host.send' && a.src === 'client' && a.dst === 'vm1')!;
    // The core resolves vm1 (its first packet is dropped while it does), all at t = 0 ...
    w = step(uncapped, w, send()).world;
    while (w.msgs.length) w = step(uncapped, w, { type: 'msg.deliver', id: w.msgs[0].id }).world;
    const seen = new Set<number>([worldFingerprint(w, uncapped.scenario.bounds)]);
    // ... then every further send puts one more encapsulated packet in flight, still at t = 0.
    for (let k = 1; k <= 50; k++) {
      w = step(uncapped, w, send()).world;
      expect(w.now).toBe(0);
      expect(w.msgs.filter((m) => m.type === 'data')).toHaveLength(k);
      seen.add(worldFingerprint(w, uncapped.scenario.bounds));
    }
    expect(seen.size).toBe(51);
  });

  it('should move the clock on for ever when timer expiries are unlimited', () => {
    let w: World = initialWorld(uncapped);
    const times = [w.now];
    for (let k = 0; k < 100; k++) {
      const acts = enabledActions(uncapped, w);
      // Deliver what is in flight, else fire the earliest timer.
      const a = acts.find((x) => x.type === 'msg.deliver') ?? acts.find((x) => x.type === 'timer.expire');
      expect(a).toBeDefined();
      w = step(uncapped, w, a!).world;
      times.push(w.now);
    }
    // The periodic Map-Register (60 s) and the timers it re-arms: the clock only grows.
    expect(w.now).toBeGreaterThan(10 * 60_000);
    expect(new Set(times).size).toBeGreaterThan(10);
  });
});

describe('check --exhaustive without bounds', () => {
  it('should say its ladder on stderr, search it, and write the rung that found a counterexample into the reproduce line', async () => {
    const cwd = tempDir();
    const r = await runMain(['check', '-p', 'intra-subnet-reachability', '--exhaustive', '--depth', '4', '--json', '--trace-dir', 'traces'], cwd);
    expect(r.code).toBe(1);
    expect(r.err).toContain('exhaustive scope: 4 rungs');
    expect(r.err).toContain('  2. moves=2,losses=0,duplicates=0,reboots=0,spoofs=0,timerExpiries=0,sends=2,garps=0\n');
    const doc = JSON.parse(r.out) as { properties: { scope: string; scopes: unknown[]; counterexample: { reproduce: string; length: number } }[] };
    const p = doc.properties[0];
    expect(p.scope).toBe('moves=2,losses=0,duplicates=0,reboots=0,spoofs=0,timerExpiries=0,sends=2,garps=0');
    expect(p.scopes).toHaveLength(2);
    expect(p.counterexample.reproduce).toContain(`--bounds losses=0,timerExpiries=1,sends=4,garps=0 --bounds ${p.scope} --exhaustive --depth 4`);
    expect(p.counterexample.length).toBe(3);
    // The reproduce line gives every budget: it searches that rung alone and finds the same story.
    const again = await runMain([...p.counterexample.reproduce.split(' ').slice(1), '--json', '--trace-dir', 'traces'], cwd);
    expect(again.err).not.toContain('exhaustive scope');
    const doc2 = JSON.parse(again.out) as { properties: { scope?: string; counterexample: { length: number; steps: unknown[] } }[] };
    expect(doc2.properties[0].scope).toBeUndefined();
    expect(doc2.properties[0].counterexample.steps).toEqual((JSON.parse(r.out) as typeof doc2).properties[0].counterexample.steps);
    // A budget the user gives is theirs in every rung: not capped, and rungs it makes redundant go.
    const mine = await runMain(['check', '-p', 'intra-subnet-reachability', '--exhaustive', '--depth', '3', '--bounds', 'sends=1', '--json', '--trace-dir', 'traces'], cwd);
    expect(mine.err).toContain('exhaustive scope: 3 rungs');
    expect(mine.err).not.toMatch(/sends=[^1]/);
  });
});
