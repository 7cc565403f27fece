// The default scope of `check --exhaustive` (core/exhaustiveScope.ts): why it exists (with an
// unlimited send or timer budget the seed lab's state space is infinite: here is an unbounded
// family of distinct reachable states for each), what it caps and what it leaves alone, and that
// the CLI says which scope it searched and puts it in the reproduce line.

import { describe, expect, it } from 'vitest';
import { EXHAUSTIVE_CAPS, exhaustiveScope } from '../../../src/core/exhaustiveScope.js';
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

describe('exhaustiveScope', () => {
  it('should cap what is above its cap and not given, and nothing else', () => {
    const b = SEED_LAB.bounds;
    const scope = exhaustiveScope(b, new Set());
    expect(scope).toBe('losses=0,spoofs=0,sends=2,garps=0,timerExpiries=1');
    expect(exhaustiveScope(b, new Set(['losses', 'spoofs', 'sends', 'garps', 'timerExpiries']))).toBeUndefined();
    expect(exhaustiveScope({ ...b, moves: 5, losses: 0, spoofs: 0, sends: 1, garps: 0, timerExpiries: 0 }, new Set())).toBe(`moves=${EXHAUSTIVE_CAPS.moves}`);
  });

  it('should be said on stderr, searched, and written into the reproduce line', async () => {
    const cwd = tempDir();
    const r = await runMain(['check', '-p', 'intra-subnet-reachability', '--exhaustive', '--depth', '4', '--json', '--trace-dir', 'traces'], cwd);
    expect(r.code).toBe(1);
    expect(r.err).toContain('exhaustive scope losses=0,spoofs=0,sends=2,garps=0,timerExpiries=1');
    const doc = JSON.parse(r.out) as { properties: { counterexample: { reproduce: string; length: number } }[] };
    expect(doc.properties[0].counterexample.reproduce).toContain('--bounds losses=0,spoofs=0,sends=2,garps=0,timerExpiries=1 --exhaustive --depth 4');
    expect(doc.properties[0].counterexample.length).toBe(3);
    // A budget the user gives is theirs: not capped, not mentioned.
    const mine = await runMain(['check', '-p', 'intra-subnet-reachability', '--exhaustive', '--depth', '3', '--bounds', 'sends=1', '--json', '--trace-dir', 'traces'], cwd);
    expect(mine.err).toContain('exhaustive scope losses=0,spoofs=0,garps=0,timerExpiries=1 ');
  });
});
