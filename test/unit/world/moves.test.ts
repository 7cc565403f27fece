import { describe, expect, it } from 'vitest';
import type { HostSpec, Scenario } from '../../../src/core/scenario.js';
import { SEED_LAB } from '../../../src/core/seedLab.js';
import type { Action } from '../../../src/core/world/action.js';
import { enabledActions } from '../../../src/core/world/enabled.js';
import { initialWorld } from '../../../src/core/world/initial.js';
import { worldFingerprint, worldKey } from '../../../src/core/world/key.js';
import { createModel, type Model } from '../../../src/core/world/model.js';
import { isControlQuiet } from '../../../src/core/world/quiet.js';
import { step } from '../../../src/core/world/step.js';
import type { World } from '../../../src/core/world/world.js';
import { describeAction } from '../../../src/core/trace/describe.js';
import { summarize } from '../../../src/core/trace/trace.js';

const A = 'dcedge-1 GigabitEthernet2';
const B = 'dcedge-2 GigabitEthernet2';
const at = (key: string) => ({ router: key.split(' ')[0], iface: key.split(' ')[1] });

/** vm2 lives at dcedge-2 and may move to dcedge-1: the seed lab with a second roaming VM. */
const VM2: HostSpec = { name: 'vm2', ip: '192.168.2.10', prefixLength: 24, mac: '0050.5600.0030', at: at(B), gateway: '192.168.2.1', moves: [at(A)] };

function lab(o: { vm1Max?: number; vm2?: boolean; swap?: boolean; moves?: number; settle?: boolean } = {}): Scenario {
  const vm1 = { ...SEED_LAB.hosts[0], ...(o.vm1Max === undefined ? {} : { moveMax: o.vm1Max }) };
  return {
    ...SEED_LAB,
    hosts: [vm1, SEED_LAB.hosts[1], ...(o.vm2 || o.swap ? [{ ...VM2, ...(o.vm1Max === undefined ? {} : { moveMax: o.vm1Max }) }] : [])],
    ...(o.swap
      ? {
          together: [
            {
              moves: [
                { host: 'vm1', to: at(B) },
                { host: 'vm2', to: at(A) },
              ],
            },
          ],
        }
      : {}),
    bounds: { ...SEED_LAB.bounds, moves: o.moves ?? SEED_LAB.bounds.moves, ...(o.settle ? { settleBeforeMove: true } : {}) },
  };
}

const moves = (acts: Action[]) => acts.filter((a) => a.type === 'host.move' || a.type === 'hosts.move');
const run = (model: Model, actions: Action[], from: World = initialWorld(model)) => actions.reduce((w, a) => step(model, w, a).world, from);

describe('enabledActions with per-host move budgets', () => {
  it('should let a host without a budget of its own go A -> B -> A within the global budget', () => {
    // Arrange
    const model = createModel(lab({ moves: 3 }));
    // Act
    const w = run(model, [{ type: 'host.move', host: 'vm1', to: B }]);
    // Assert
    expect(moves(enabledActions(model, w))).toEqual([{ type: 'host.move', host: 'vm1', to: A }]);
    expect(w.used.hostMoves).toBeUndefined();
  });

  it('should not let a host with max 1 move twice, whatever the global budget', () => {
    const model = createModel(lab({ vm1Max: 1, moves: 10 }));
    expect(moves(enabledActions(model, initialWorld(model)))).toEqual([{ type: 'host.move', host: 'vm1', to: B }]);

    const w = run(model, [{ type: 'host.move', host: 'vm1', to: B }]);

    expect(w.used).toMatchObject({ moves: 1, hostMoves: { vm1: 1 } });
    expect(moves(enabledActions(model, w))).toEqual([]);
  });

  it('should let each of two hosts with max 1 move once, in either order', () => {
    const model = createModel(lab({ vm1Max: 1, vm2: true, moves: 10 }));
    const w = run(model, [{ type: 'host.move', host: 'vm2', to: A }]);
    expect(moves(enabledActions(model, w))).toEqual([{ type: 'host.move', host: 'vm1', to: B }]);
    const w2 = run(model, [{ type: 'host.move', host: 'vm1', to: B }], w);
    expect(w2.used.hostMoves).toEqual({ vm1: 1, vm2: 1 });
    expect(moves(enabledActions(model, w2))).toEqual([]);
  });

  it('should keep per-host counters in the key and fingerprint, and nothing of them without a budget', () => {
    const model = createModel(lab({ vm1Max: 2, moves: 10 }));
    const w = run(model, [{ type: 'host.move', host: 'vm1', to: B }]);
    const same = { ...w, used: { ...w.used, hostMoves: { vm1: 2 } } };
    expect(worldKey(w, model.scenario.bounds)).not.toBe(worldKey(same, model.scenario.bounds));
    expect(worldFingerprint(w, model.scenario.bounds)).not.toBe(worldFingerprint(same, model.scenario.bounds));
    const plain = createModel(lab({ moves: 10 }));
    const p = run(plain, [{ type: 'host.move', host: 'vm1', to: B }]);
    expect(worldKey(p, plain.scenario.bounds)).toBe(worldKey({ ...w, used: { ...w.used, hostMoves: undefined } }, model.scenario.bounds));
  });
});

describe('enabledActions with simultaneous moves (together)', () => {
  it('should offer a swap as one action and leave both hosts swapped after it', () => {
    // Arrange
    const model = createModel(lab({ swap: true, vm1Max: 1 }));
    const w0 = initialWorld(model);
    const swap = enabledActions(model, w0).filter((a) => a.type === 'hosts.move');
    // Act
    const r = step(model, w0, swap[0]);
    // Assert
    expect(swap).toEqual([
      {
        type: 'hosts.move',
        moves: [
          { host: 'vm1', to: B },
          { host: 'vm2', to: A },
        ],
      },
    ]);
    expect(r.world.hostAt).toMatchObject({ vm1: B, vm2: A });
    expect(r.world.used).toMatchObject({ moves: 2, hostMoves: { vm1: 1, vm2: 1 } });
    expect(r.obs.filter((o) => o.kind === 'moved')).toEqual([
      { kind: 'moved', host: 'vm1', from: A, to: B },
      { kind: 'moved', host: 'vm2', from: B, to: A },
    ]);
    expect(moves(enabledActions(model, r.world))).toEqual([]);
  });

  it('should describe a swap as both moves', () => {
    const model = createModel(lab({ swap: true }));
    const w0 = initialWorld(model);
    const swap = enabledActions(model, w0).find((a) => a.type === 'hosts.move')!;
    const r = step(model, w0, swap);
    expect(describeAction(w0, swap)).toBe(`vMotion at the same time: vm1 to ${B} and vm2 to ${A}`);
    expect(summarize(swap, r.obs)).toBe(`vm1: vMotion ${A} -> ${B}; vm2: vMotion ${B} -> ${A}`);
  });

  it('should count a group once per host against the global budget', () => {
    const model = createModel(lab({ swap: true, moves: 1 }));
    const acts = moves(enabledActions(model, initialWorld(model)));
    expect(acts.map((a) => a.type)).toEqual(['host.move', 'host.move']);
  });

  it('should not offer a group while one of its hosts has a frame in flight', () => {
    const model = createModel({ ...lab({ swap: true }), l2: 'async' });
    const w = run(model, [{ type: 'host.send', src: 'vm1', dst: 'web2' }]);
    expect(w.msgs.some((m) => 'fromHost' in m && m.fromHost === 'vm1')).toBe(true);
    expect(enabledActions(model, w).some((a) => a.type === 'hosts.move')).toBe(false);
  });

  it('should not offer a group once a host is already where the group takes it', () => {
    const model = createModel(lab({ swap: true, moves: 5 }));
    const w = run(model, [{ type: 'host.move', host: 'vm1', to: B }]);
    expect(enabledActions(model, w).some((a) => a.type === 'hosts.move')).toBe(false);
  });
});

describe('enabledActions with settleBeforeMove', () => {
  /** vm1 moved and sent: dcedge-2 detected it and its Map-Register is in flight. */
  const unsettled = (model: Model) =>
    run(model, [
      { type: 'host.move', host: 'vm1', to: B },
      { type: 'host.send', src: 'vm1', dst: 'client' },
    ]);

  it('should block moves while a Map-Register is in flight', () => {
    const model = createModel(lab({ settle: true, vm2: true, moves: 5 }));
    const w = unsettled(model);
    expect(w.msgs.some((m) => m.type === 'map-register')).toBe(true);
    expect(isControlQuiet(w)).toBe(false);
    expect(moves(enabledActions(model, w))).toEqual([]);
  });

  it('should allow the same moves without settleBeforeMove', () => {
    const model = createModel(lab({ vm2: true, moves: 5 }));
    expect(moves(enabledActions(model, unsettled(model))).length).toBeGreaterThan(0);
  });

  it('should allow moves again once the control plane is quiet', () => {
    const model = createModel(lab({ settle: true, vm2: true, moves: 5 }));
    let w = unsettled(model);
    for (let n = 0; n < 100 && !isControlQuiet(w); n++) {
      const next = enabledActions(model, w).find((a) => a.type === 'msg.deliver') ?? enabledActions(model, w).find((a) => a.type === 'timer.expire');
      w = step(model, w, next!).world;
    }
    expect(isControlQuiet(w)).toBe(true);
    expect(moves(enabledActions(model, w))).toContainEqual({ type: 'host.move', host: 'vm2', to: A });
  });
});
