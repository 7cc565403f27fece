// MachineRunner: the cache in front of XState's transition() never changes an answer.
// For random event sequences on every machine (and the mutants and options that change their
// definitions), the cached step and the uncached step give the same next snapshot and outputs.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AnyStateMachine } from 'xstate';
import { ARP_CACHE_INITIAL, createArpCacheMachine, type ArpCacheEvent } from '../../src/core/machines/arpCacheMachine.js';
import { createDynEidMachine, DYN_EID_INITIAL, type DynEidEvent } from '../../src/core/machines/dynEidMachine.js';
import { MachineRunner, type Snap } from '../../src/core/machines/machineRunner.js';
import { createMapCacheMachine, MAP_CACHE_INITIAL, type MapCacheEvent } from '../../src/core/machines/mapCacheMachine.js';
import { createMapServerMachine, MAP_SERVER_INITIAL, type MapServerEvent } from '../../src/core/machines/mapServerMachine.js';
import { REGISTRATIONS } from '../../src/core/scenario.js';

const RUN = { seed: 42, numRuns: 200 } as const;
const RLOCS = ['10.0.1.2', '10.0.2.2', '10.0.3.1'];
const MACS = ['0050.5600.0010', '0000.0d0e.010c'];

const dynEidEventArb: fc.Arbitrary<DynEidEvent> = fc.oneof(
  fc.record({ type: fc.constant('host.seen' as const), ts: fc.nat(4), iface: fc.constantFrom('GigabitEthernet2', 'GigabitEthernet3') }),
  fc.record({ type: fc.constant('rarp.seen' as const), ts: fc.nat(4) }),
  fc.record({ type: fc.constant('notify.receive' as const), ours: fc.boolean(), ts: fc.nat(4), solicited: fc.boolean() }),
  fc.constantFrom<DynEidEvent>({ type: 'probe.reply' }, { type: 'timer.refresh' }, { type: 'timer.retx' }, { type: 'timer.liveness' }, { type: 'timer.livenessTimeout' }, { type: 'reboot' }),
);

const mapServerEventArb: fc.Arbitrary<MapServerEvent> = fc.oneof(
  fc.record({
    type: fc.constant('register.receive' as const),
    from: fc.constantFrom(...RLOCS),
    rlocs: fc.subarray(RLOCS, { minLength: 1 }),
    authOk: fc.boolean(),
    accepted: fc.boolean(),
    refresh: fc.boolean(),
    withdraw: fc.boolean(),
    ts: fc.nat(4),
  }),
  fc.record({ type: fc.constant('notify.ack' as const), from: fc.constantFrom(...RLOCS) }),
  fc.record({ type: fc.constant('timer.nretx' as const), target: fc.constantFrom(...RLOCS) }),
  fc.constant<MapServerEvent>({ type: 'timer.expiry' }),
);

const mapCacheEventArb: fc.Arbitrary<MapCacheEvent> = fc.oneof(
  fc.record({
    type: fc.constant('reply.receive' as const),
    nonce: fc.nat(6),
    rlocs: fc.subarray(RLOCS.slice(0, 2)),
    action: fc.constantFrom('' as const, 'native-forward' as const, 'drop' as const),
    ttl: fc.constantFrom('positive' as const, 'site' as const, 'non-eid' as const),
  }),
  fc.record({ type: fc.constant('smr.receive' as const), source: fc.constantFrom(...RLOCS) }),
  fc.constantFrom<MapCacheEvent>({ type: 'lookup' }, { type: 'timer.retry' }, { type: 'timer.ttl' }, { type: 'timer.suppress' }, { type: 'reboot' }),
);

const arpCacheEventArb: fc.Arbitrary<ArpCacheEvent> = fc.oneof(
  fc.record({ type: fc.constantFrom('reply' as const, 'learn' as const, 'garp' as const), mac: fc.constantFrom(...MACS) }),
  fc.constantFrom<ArpCacheEvent>({ type: 'resolve' }, { type: 'timer.retry' }, { type: 'timer.reachable' }, { type: 'timer.probe' }, { type: 'reboot' }),
);

interface Variant {
  name: string;
  machine: AnyStateMachine;
  initial: Snap;
  events: fc.Arbitrary<{ type: string }>;
}

const VARIANTS: Variant[] = [
  ...[false, true].map((timestamped) => ({ name: `dynEid timestamped=${timestamped}`, machine: createDynEidMachine(new Set(), { timestamped }), initial: DYN_EID_INITIAL, events: dynEidEventArb })),
  { name: 'dynEid refresh-after-move', machine: createDynEidMachine(new Set(['refresh-after-move']), { timestamped: false }), initial: DYN_EID_INITIAL, events: dynEidEventArb },
  ...REGISTRATIONS.map((mode) => ({ name: `mapServer ${mode}`, machine: createMapServerMachine(new Set(), mode, 3), initial: MAP_SERVER_INITIAL, events: mapServerEventArb })),
  ...['merge-rlocs', 'no-notify-previous', 'no-auth-check'].map((m) => ({
    name: `mapServer ${m}`,
    machine: createMapServerMachine(new Set([m]), 'last-writer', 3),
    initial: MAP_SERVER_INITIAL,
    events: mapServerEventArb,
  })),
  ...[[], ['smr-ignored'], ['any-nonce'], ['smr-request-to-source']].map((m) => ({
    name: `mapCache ${m.join() || 'sound'}`,
    machine: createMapCacheMachine(new Set(m), { retries: 3, smrIgnore: false }),
    initial: MAP_CACHE_INITIAL,
    events: mapCacheEventArb,
  })),
  { name: 'mapCache smrIgnore option', machine: createMapCacheMachine(new Set(), { retries: 3, smrIgnore: true }), initial: MAP_CACHE_INITIAL, events: mapCacheEventArb },
  ...(['host', 'router'] as const).map((kind) => ({ name: `arpCache ${kind}`, machine: createArpCacheMachine(new Set(), { kind, retries: 3 }), initial: ARP_CACHE_INITIAL, events: arpCacheEventArb })),
];

describe('MachineRunner', () => {
  it.each(VARIANTS.map((v) => [v.name, v] as const))('should step %s the same through the cache as through XState', (_name, v) => {
    // Arrange: one runner for all runs, so later runs hit what earlier ones cached
    const runner = new MachineRunner(v.machine, v.initial);
    // Act / Assert
    fc.assert(
      fc.property(fc.array(v.events, { maxLength: 40 }), (events) => {
        let snap = v.initial;
        for (const event of events) {
          const cached = runner.step(snap, event);
          const uncached = runner.stepUncached(snap, event);
          expect(cached.next).toEqual(uncached.next);
          expect(cached.outs).toEqual(uncached.outs);
          snap = cached.next;
        }
      }),
      RUN,
    );
    expect(runner.hits).toBeGreaterThan(0);
    expect(runner.misses).toBeGreaterThan(0);
  });

  it('should give the same answer to a snapshot whose context was built in another key order', () => {
    // Arrange
    const runner = new MachineRunner(createMapServerMachine(new Set(), 'last-writer', 3), MAP_SERVER_INITIAL);
    const a: Snap = { v: 'registered', c: { rlocs: ['10.0.1.2'], ts: 0, pending: {} } };
    const b: Snap = { v: 'registered', c: { pending: {}, ts: 0, rlocs: ['10.0.1.2'] } };
    const event: MapServerEvent = { type: 'register.receive', from: '10.0.2.2', rlocs: ['10.0.2.2'], authOk: true, accepted: true, refresh: false, withdraw: false, ts: 0 };
    // Act
    const first = runner.step(a, event);
    const second = runner.step(b, event);
    // Assert
    expect(second).toEqual(first);
    expect(second).toEqual(runner.stepUncached(b, event));
  });
});
