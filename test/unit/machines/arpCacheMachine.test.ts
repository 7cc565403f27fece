// arpCacheMachine: every state and every transition walked with xstate/graph for host (Linux-like)
// and router (IOS-like) entries, outputs checked as data (PROTOCOL.md §2.10, §3; Linux ARP7).
// The two kinds share one graph shape; only where `timer.reachable` and `garp` lead differs.

import { describe, expect, it } from 'vitest';
import type { AnyStateMachine } from 'xstate';
import { toDirectedGraph } from 'xstate/graph';
import { ARP_CACHE_INITIAL, createArpCacheMachine, type ArpCacheEvent } from '../../../src/core/machines/arpCacheMachine.js';
import { MachineRunner, type Snap } from '../../../src/core/machines/machineRunner.js';
import type { Out } from '../../../src/core/machines/out.js';
import { effects, explore as exploreGraph, expectReplayedAlongTestModel, graphEdges, simpleRoutesTo, type Exercised as ExercisedOf } from './machineGraph.js';

type Kind = 'host' | 'router';

/** A transition taken, with the kind of entry it was taken for. */
type Exercised = ExercisedOf<ArpCacheEvent> & { kind: Kind };

/** The graph walk (./machineGraph.ts) of one kind's machine, each transition tagged with the kind. */
function explore(machine: AnyStateMachine, kind: Kind, alphabet: () => ArpCacheEvent[]) {
  const { reached, exercised } = exploreGraph(machine, ARP_CACHE_INITIAL, alphabet);
  return { reached, exercised: exercised.map((r): Exercised => ({ ...r, kind })) };
}

/** A typed event literal (MachineRunner takes any `{ type }`). */
const ev = (e: ArpCacheEvent) => e;

// ---- the machine under test ------------------------------------------------------------------

const RETRIES = 3;
const VM_MAC = '0050.5600.0010';
const ROUTER_MAC = '0000.0d0e.010c';

/** Two MACs: the host's own, and the router's (a proxy reply, or a gratuitous ARP after a move). */
function alphabet(): ArpCacheEvent[] {
  return [
    { type: 'resolve' },
    { type: 'reply', mac: VM_MAC },
    { type: 'learn', mac: VM_MAC },
    { type: 'learn', mac: ROUTER_MAC },
    { type: 'garp', mac: ROUTER_MAC },
    { type: 'timer.retry' },
    { type: 'timer.reachable' },
    { type: 'timer.probe' },
    { type: 'reboot' },
  ];
}

const macOf = (e: ArpCacheEvent) => ('mac' in e ? e.mac : '');
const broadcast: Out = { kind: 'send', msg: 'arp-request', unicast: false };
const armRetry: Out = { kind: 'arm', timer: 'retry', after: { timer: 'arpRetry' } };
const cancel = (...timers: string[]): Out[] => timers.map((timer) => ({ kind: 'cancel', timer }));

function expectReachable(r: Exercised): void {
  // A reply (or, while incomplete, a request from the neighbour) confirms the binding.
  expect(r.to).toEqual({ v: 'reachable', c: { mac: macOf(r.event), tries: 0 } });
  expect(r.outs).toEqual([
    ...cancel('retry', 'probe'),
    { kind: 'arm', timer: 'reachable', after: { timer: r.kind === 'host' ? 'hostArpReachable' : 'routerArpTimeout' } },
    { kind: 'note', note: 'arp-resolved' },
  ]);
}

function expectStale(cancels: boolean) {
  return (r: Exercised) => {
    // ARP7: an unconfirmed binding (learnt from a request, or changed by a gratuitous ARP) is STALE.
    expect(r.to).toEqual({ v: 'stale', c: { ...r.from.c, mac: macOf(r.event) } });
    expect(r.outs).toEqual(cancels ? cancel('reachable', 'probe') : []);
  };
}

/** A gratuitous ARP for an existing entry: Linux (arp_accept=0) takes the new MAC but marks the
 * entry STALE; IOS takes it as a fresh binding and restarts the entry's `arp timeout`. */
function expectGarp(r: Exercised): void {
  if (r.kind === 'host') expectStale(true)(r);
  else expectReachable(r);
}

function expectStartResolve(r: Exercised): void {
  expect(r.to).toEqual({ v: 'incomplete', c: { mac: '', tries: 0 } });
  expect(r.outs).toEqual([broadcast, armRetry]);
}

/** What each transition must do, keyed by edge. */
const EXPECTED: Record<string, (r: Exercised) => void> = {
  '(root) reboot#0': (r) => {
    expect(r.to).toEqual(ARP_CACHE_INITIAL);
    expect(r.outs).toEqual(cancel('retry', 'reachable', 'probe'));
  },
  'none resolve#0': expectStartResolve,
  'none learn#0': expectStale(false),
  'incomplete reply#0': expectReachable,
  'incomplete learn#0': expectReachable,
  'incomplete timer.retry#0': (r) => {
    expect(r.from.c.tries + 1).toBeLessThan(RETRIES);
    expect(r.to).toEqual({ v: 'incomplete', c: { ...r.from.c, tries: r.from.c.tries + 1 } });
    expect(r.outs).toEqual([broadcast, armRetry]);
  },
  'incomplete timer.retry#1': (r) => {
    // Linux mcast_solicit: three broadcasts unanswered and the entry fails.
    expect(r.from.c.tries + 1).toBe(RETRIES);
    expect(r.to).toEqual({ v: 'failed', c: { ...r.from.c, tries: 0 } });
    expect(effects(r.outs)).toEqual([{ kind: 'note', note: 'arp-failed' }]);
  },
  'reachable timer.reachable#0': (r) => {
    if (r.kind === 'host') {
      // ARP7: REACHABLE ages into STALE and is still used.
      expect(r.to).toEqual({ v: 'stale', c: r.from.c });
      expect(r.outs).toEqual([]);
    } else {
      // IOS `arp timeout`: the entry is removed and re-resolved on demand.
      expect(r.to).toEqual({ v: 'none', c: { ...r.from.c, mac: '' } });
      expect(effects(r.outs)).toEqual([]);
    }
  },
  'reachable reply#0': expectReachable,
  'reachable learn#0': (r) => {
    expect(macOf(r.event)).not.toBe(r.from.c.mac);
    expectStale(true)(r);
  },
  'reachable garp#0': expectGarp,
  'stale resolve#0': (r) => {
    // ARP7: the next use of a STALE entry probes the cached MAC by unicast.
    expect(r.to).toEqual({ v: 'probing', c: r.from.c });
    expect(r.outs).toEqual([
      { kind: 'send', msg: 'arp-request', unicast: true },
      { kind: 'arm', timer: 'probe', after: { timer: 'hostArpProbe' } },
    ]);
  },
  'stale reply#0': expectReachable,
  'stale learn#0': (r) => {
    expect(macOf(r.event)).not.toBe(r.from.c.mac);
    expectStale(true)(r);
  },
  'stale garp#0': expectGarp,
  'probing reply#0': expectReachable,
  'probing timer.probe#0': (r) => {
    expect(r.to).toEqual({ v: 'failed', c: r.from.c });
    expect(effects(r.outs)).toEqual([{ kind: 'note', note: 'arp-failed' }]);
  },
  'probing garp#0': expectGarp,
  'failed resolve#0': expectStartResolve,
  'failed learn#0': expectStale(false),
};

const KINDS: Kind[] = ['host', 'router'];
const machines = { host: createArpCacheMachine(new Set(), { kind: 'host', retries: RETRIES }), router: createArpCacheMachine(new Set(), { kind: 'router', retries: RETRIES }) };
const runs = { host: explore(machines.host, 'host', alphabet), router: explore(machines.router, 'router', alphabet) };
const STALE: Snap = { v: 'stale', c: { mac: VM_MAC, tries: 0 } };

describe('arpCacheMachine', () => {
  it.each(KINDS)('should reach every state for a %s entry', (kind) => {
    // Arrange
    const states = Object.keys(machines[kind].root.states);
    // Act / Assert
    expect([...runs[kind].reached].sort()).toEqual([...states].sort());
  });

  it.each(KINDS)('should exercise every edge of the directed graph for a %s entry', (kind) => {
    // Arrange
    const edges = graphEdges(toDirectedGraph(machines[kind]));
    // Act
    const taken = new Set(runs[kind].exercised.map((r) => r.edge));
    // Assert
    expect(edges.filter((e) => !taken.has(e))).toEqual([]);
    expect([...taken].filter((e) => !edges.includes(e))).toEqual([]);
  });

  it('should have an expectation for every edge and meet it on every exercised instance', () => {
    // Arrange
    const edges = graphEdges(toDirectedGraph(machines.host));
    // Act / Assert
    expect(Object.keys(EXPECTED).sort()).toEqual([...edges].sort());
    expect(graphEdges(toDirectedGraph(machines.router)).sort()).toEqual([...edges].sort());
    for (const kind of KINDS) for (const r of runs[kind].exercised) EXPECTED[r.edge](r);
  });

  it('should go from stale to probing with a unicast request on resolve', () => {
    // Arrange
    const runner = new MachineRunner(machines.host, ARP_CACHE_INITIAL);
    // Act
    const { next, outs } = runner.stepUncached(STALE, { type: 'resolve' });
    // Assert
    expect(next).toEqual({ v: 'probing', c: STALE.c });
    expect(outs).toContainEqual({ kind: 'send', msg: 'arp-request', unicast: true });
  });

  it('should ignore a request from the same MAC while reachable', () => {
    // Arrange
    const runner = new MachineRunner(machines.host, ARP_CACHE_INITIAL);
    const reachable: Snap = { v: 'reachable', c: { mac: VM_MAC, tries: 0 } };
    // Act
    const { next, outs } = runner.stepUncached(reachable, ev({ type: 'learn', mac: VM_MAC }));
    // Assert
    expect(next).toEqual(reachable);
    expect(outs).toEqual([]);
  });

  describe('on a gratuitous ARP for an existing entry', () => {
    const garp = ev({ type: 'garp', mac: ROUTER_MAC });
    const existing: Snap[] = [{ v: 'reachable', c: { mac: VM_MAC, tries: 0 } }, STALE, { v: 'probing', c: { mac: VM_MAC, tries: 0 } }];

    it.each(existing.map((s) => [s.v, s] as const))('should make a router entry (%s) reachable with the new MAC and restart its arp timeout', (_v, from) => {
      // Arrange
      const runner = new MachineRunner(machines.router, ARP_CACHE_INITIAL);
      // Act
      const { next, outs } = runner.stepUncached(from, garp);
      // Assert
      expect(next).toEqual({ v: 'reachable', c: { mac: ROUTER_MAC, tries: 0 } });
      expect(outs).toContainEqual({ kind: 'arm', timer: 'reachable', after: { timer: 'routerArpTimeout' } });
      expect(outs).toContainEqual({ kind: 'cancel', timer: 'probe' });
      expect(outs).toContainEqual({ kind: 'note', note: 'arp-resolved' });
    });

    it.each(existing.map((s) => [s.v, s] as const))('should make a host entry (%s) stale with the new MAC, as Linux does', (_v, from) => {
      // Arrange
      const runner = new MachineRunner(machines.host, ARP_CACHE_INITIAL);
      // Act
      const { next, outs } = runner.stepUncached(from, garp);
      // Assert
      expect(next).toEqual({ v: 'stale', c: { mac: ROUTER_MAC, tries: 0 } });
      expect(outs).toEqual(cancel('reachable', 'probe'));
    });
  });

  it.each(KINDS)('should be replayed by MachineRunner along every path of the test model for a %s entry', async (kind) => {
    // Arrange / Act / Assert
    await expectReplayedAlongTestModel(machines[kind], ARP_CACHE_INITIAL, alphabet);
  });

  it('should reach failed along both simple paths: broadcasts unanswered, or a stale probe unanswered', () => {
    // Act
    const routes = simpleRoutesTo(machines.host, alphabet, 'failed');
    // Assert
    expect(routes).toContain('none > stale > probing > failed');
    expect(routes).toContain('none > incomplete > reachable > stale > probing > failed');
    for (const route of routes) expect(route.endsWith('probing > failed') || route.endsWith('incomplete > failed')).toBe(true);
  });
});
