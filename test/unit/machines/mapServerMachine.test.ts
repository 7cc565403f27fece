// mapServerMachine: every state and every transition walked with xstate/graph, under the three
// registration modes, outputs checked as data (RFC 9301 §5.6–5.7, §8.2; PROTOCOL.md §1.2–1.3).
// Edges guarded by one mode (older: timestamped, refreshChanges: refresh-bit) are walked in it.

import { describe, expect, it } from 'vitest';
import type { AnyStateMachine } from 'xstate';
import { toDirectedGraph } from 'xstate/graph';
import { MachineRunner, type Snap } from '../../../src/core/machines/machineRunner.js';
import { createMapServerMachine, MAP_SERVER_INITIAL, type MapServerEvent } from '../../../src/core/machines/mapServerMachine.js';
import type { Out } from '../../../src/core/machines/out.js';
import { REGISTRATIONS, type Registration } from '../../../src/core/scenario.js';
import { effects, explore, expectReplayedAlongTestModel, graphEdges, logs, simplePathsTo, stepper, type Exercised as ExercisedOf, type Exploration } from './machineGraph.js';

type Exercised = ExercisedOf<MapServerEvent>;

// ---- the machine under test ------------------------------------------------------------------

const OLD = '10.0.1.2'; // dcedge-1
const NEW = '10.0.2.2'; // dcedge-2
const NOTIFY_RETRIES = 3;

type Register = Extract<MapServerEvent, { type: 'register.receive' }>;
const reg = (from: string, over: Partial<Register> = {}): Register => ({
  type: 'register.receive',
  from,
  rlocs: [from],
  authOk: true,
  accepted: true,
  refresh: false,
  withdraw: false,
  ts: 1,
  ...over,
});

function alphabet(): MapServerEvent[] {
  return [
    reg(OLD),
    reg(NEW),
    reg(NEW, { ts: 2 }),
    // both RLOCs at once: reaches multi-RLOC sets (partial withdraws) and a pending target back in the set
    reg(NEW, { rlocs: [NEW, OLD] }),
    reg(OLD, { refresh: true }),
    reg(NEW, { refresh: true }),
    reg(OLD, { withdraw: true }),
    reg(NEW, { withdraw: true }),
    reg(OLD, { authOk: false }),
    reg(OLD, { accepted: false }),
    { type: 'notify.ack', from: OLD },
    { type: 'notify.ack', from: NEW },
    { type: 'timer.expiry' },
    { type: 'timer.nretx', target: OLD },
    { type: 'timer.nretx', target: NEW },
  ];
}

const notify = (to: string, rlocs: string[], solicited: boolean, ts: number): Out => ({ kind: 'send', msg: 'map-notify', to, rlocs, solicited, ts });
/** An unsolicited Map-Notify awaiting its ack: retransmissions so far and the notified mapping. */
interface Pending {
  n: number;
  rlocs: string[];
  ts: number;
}
const without = (rec: Record<string, Pending>, key: string) => Object.fromEntries(Object.entries(rec).filter(([k]) => k !== key));

function expectInstalled(r: Exercised): void {
  const e = r.event as Register;
  const next = [...e.rlocs].sort();
  const ts = Math.max(r.from.c.ts, e.ts);
  const previous = (r.from.c.rlocs as string[]).filter((x) => !next.includes(x) && x !== e.from);
  const pending: Record<string, Pending> = { ...r.from.c.pending };
  // Each newly notified RLOC remembers the mapping it was sent, for the retransmissions.
  for (const p of previous) pending[p] = { n: 0, rlocs: next, ts: e.ts };
  // A pending target back in the new set needs no more notifying (LNET: superseded, dequeued).
  const resumed = next.filter((n) => n in r.from.c.pending);
  for (const n of next) delete pending[n];
  expect(r.to).toEqual({ v: 'registered', c: { rlocs: next, ts, pending } });
  // RFC 9301 §5.7: a solicited Map-Notify to the registrant; PROTOCOL.md §1.3: an unsolicited one,
  // retransmitted until acked, to every previous RLOC that left the set.
  expect(effects(r.outs)).toEqual([
    { kind: 'note', note: 'installed', rlocs: next, previous: r.from.c.rlocs, authOk: true, from: e.from },
    notify(e.from, next, true, e.ts),
    ...previous.map((p) => notify(p, next, false, e.ts)),
    ...previous.map((p): Out => ({ kind: 'arm', timer: `nretx:${p}`, after: { timer: 'notifyRetransmit' } })),
    ...resumed.map((p): Out => ({ kind: 'cancel', timer: `nretx:${p}` })),
    { kind: 'arm', timer: 'expiry', after: { timer: 'msExpiry' } },
  ]);
}

function expectRejected(r: Exercised): void {
  const e = r.event as Register;
  expect(!e.authOk || !e.accepted).toBe(true);
  expect(r.to).toEqual(r.from);
  expect(effects(r.outs)).toEqual([{ kind: 'note', note: 'rejected' }]);
  expect(logs(r.outs)[0]).toMatch(e.accepted ? /failed authentication/ : /not accepted/);
}

function expectIgnored(pattern: RegExp) {
  return (r: Exercised) => {
    expect(r.to).toEqual(r.from);
    expect(effects(r.outs)).toEqual([]);
    expect(logs(r.outs)).toEqual([expect.stringMatching(pattern)]);
  };
}

function expectAck(r: Exercised): void {
  const from = (r.event as Extract<MapServerEvent, { type: 'notify.ack' }>).from;
  expect(r.to).toEqual({ v: r.from.v, c: { ...r.from.c, pending: without(r.from.c.pending, from) } });
  expect(r.outs).toEqual([{ kind: 'cancel', timer: `nretx:${from}` }]);
}

function expectRetransmit(r: Exercised): void {
  // RFC 9301 §5.7: the same unsolicited Map-Notify is sent again (3 tries, 3 s apart): the mapping
  // that was notified, whatever the RLOC set has become since.
  const target = (r.event as Extract<MapServerEvent, { type: 'timer.nretx' }>).target;
  const p = r.from.c.pending[target] as Pending;
  expect(p.n + 1).toBeLessThan(NOTIFY_RETRIES);
  expect(r.to).toEqual({ v: r.from.v, c: { ...r.from.c, pending: { ...r.from.c.pending, [target]: { ...p, n: p.n + 1 } } } });
  expect(r.outs).toEqual([
    { ...notify(target, p.rlocs, false, p.ts), retransmit: true },
    { kind: 'arm', timer: `nretx:${target}`, after: { timer: 'notifyRetransmit' } },
  ]);
}

function expectGiveUp(r: Exercised): void {
  const target = (r.event as Extract<MapServerEvent, { type: 'timer.nretx' }>).target;
  expect((r.from.c.pending[target] as Pending).n + 1).toBe(NOTIFY_RETRIES);
  expect(r.to).toEqual({ v: r.from.v, c: { ...r.from.c, pending: without(r.from.c.pending, target) } });
  expect(effects(r.outs)).toEqual([]);
  expect(logs(r.outs)).toEqual([`Map-Notify to ${target} unacknowledged, giving up`]);
}

/** What each transition must do, keyed by edge. */
const EXPECTED: Record<string, (r: Exercised) => void> = {
  'unregistered register.receive#0': expectRejected,
  'unregistered register.receive#1': expectIgnored(/withdraw for an unregistered EID ignored/),
  'unregistered register.receive#2': expectInstalled,
  'unregistered notify.ack#0': expectAck,
  'unregistered timer.nretx#0': expectRetransmit,
  'unregistered timer.nretx#1': expectGiveUp,
  'registered register.receive#0': expectRejected,
  'registered register.receive#1': (r) => {
    // timestamped: anything older than the installed registration is stale, withdrawals included.
    expect((r.event as Register).ts).toBeLessThan(r.from.c.ts);
    expectIgnored(/older than the installed registration/)(r);
  },
  'registered register.receive#2': (r) => {
    // ASCII-5: the only registrant withdraws: the registration goes.
    const e = r.event as Register;
    expect(e.withdraw && r.from.c.rlocs.length === 1 && r.from.c.rlocs[0] === e.from).toBe(true);
    expect(r.to).toEqual({ v: 'unregistered', c: { ...r.from.c, rlocs: [] } });
    expect(effects(r.outs)).toEqual([
      { kind: 'cancel', timer: 'expiry' },
      { kind: 'note', note: 'withdrawn' },
    ]);
  },
  'registered register.receive#3': (r) => {
    // A withdraw from one RLOC of several removes just that one; from an RLOC not in the set, nothing.
    const e = r.event as Register;
    const member = (r.from.c.rlocs as string[]).includes(e.from);
    expect(e.withdraw).toBe(true);
    expect(r.to).toEqual({ v: 'registered', c: { ...r.from.c, rlocs: (r.from.c.rlocs as string[]).filter((x) => x !== e.from) } });
    expect(effects(r.outs)).toEqual([]);
    expect(logs(r.outs)).toEqual([
      member ? `Map-Register (withdraw) from ${e.from}: removed from the RLOC set` : `Map-Register (withdraw) from ${e.from}: not in the current RLOC set, nothing to remove`,
    ]);
  },
  'registered register.receive#4': (r) => {
    expect((r.event as Register).refresh).toBe(true);
    expectIgnored(/cannot change the RLOC set/)(r);
  },
  'registered register.receive#5': expectInstalled,
  'registered timer.expiry#0': (r) => {
    // RFC 9301 §8.2: no valid Map-Register for 3 minutes.
    expect(r.to).toEqual({ v: 'unregistered', c: { ...r.from.c, rlocs: [] } });
    expect(effects(r.outs)).toEqual([{ kind: 'note', note: 'expired' }]);
  },
  'registered notify.ack#0': expectAck,
  'registered timer.nretx#0': expectRetransmit,
  'registered timer.nretx#1': expectGiveUp,
};

const machines = Object.fromEntries(REGISTRATIONS.map((mode) => [mode, createMapServerMachine(new Set(), mode, NOTIFY_RETRIES)])) as Record<Registration, AnyStateMachine>;
const runs = Object.fromEntries(REGISTRATIONS.map((mode) => [mode, explore(machines[mode], MAP_SERVER_INITIAL, alphabet)])) as Record<Registration, Exploration<MapServerEvent>>;
const REPLACED: Snap = { v: 'registered', c: { rlocs: [OLD], ts: 0, pending: {} } };

describe('mapServerMachine', () => {
  it.each(REGISTRATIONS)('should reach every state under %s registration', (mode) => {
    // Arrange
    const states = Object.keys(machines[mode].root.states);
    // Act / Assert
    expect([...runs[mode].reached].sort()).toEqual([...states].sort());
  });

  it('should exercise every edge of the directed graph across the registration modes', () => {
    // Arrange
    const edges = graphEdges(toDirectedGraph(machines['last-writer']));
    // Act
    const taken = new Set(REGISTRATIONS.flatMap((mode) => runs[mode].exercised.map((r) => r.edge)));
    // Assert
    expect(edges.filter((e) => !taken.has(e))).toEqual([]);
    expect([...taken].filter((e) => !edges.includes(e))).toEqual([]);
  });

  it('should take the older-registration edge only when timestamped and the refresh edge only with refresh-bit', () => {
    // Arrange
    const edgesOf = (mode: Registration) => new Set(runs[mode].exercised.map((r) => r.edge));
    // Act / Assert
    expect(edgesOf('timestamped').has('registered register.receive#1')).toBe(true);
    expect(edgesOf('last-writer').has('registered register.receive#1')).toBe(false);
    expect(edgesOf('refresh-bit').has('registered register.receive#1')).toBe(false);
    expect(edgesOf('refresh-bit').has('registered register.receive#4')).toBe(true);
    expect(edgesOf('last-writer').has('registered register.receive#4')).toBe(false);
    expect(edgesOf('timestamped').has('registered register.receive#4')).toBe(false);
  });

  it('should have an expectation for every edge and meet it on every exercised instance', () => {
    // Arrange
    const edges = graphEdges(toDirectedGraph(machines['last-writer']));
    // Act / Assert
    expect(Object.keys(EXPECTED).sort()).toEqual([...edges].sort());
    for (const mode of REGISTRATIONS) for (const r of runs[mode].exercised) EXPECTED[r.edge](r);
  });

  it('should walk a partial withdraw and a registration that stops retransmissions, in every mode', () => {
    for (const mode of REGISTRATIONS) {
      // Arrange
      const { exercised } = runs[mode];
      // Act
      const partial = exercised.filter((r) => r.edge === 'registered register.receive#3' && (r.from.c.rlocs as string[]).includes((r.event as Register).from));
      const stopping = exercised.filter((r) => r.outs.some((o) => o.kind === 'cancel' && o.timer.startsWith('nretx:')) && r.event.type === 'register.receive');
      // Assert
      expect(partial.length).toBeGreaterThan(0);
      expect(stopping.length).toBeGreaterThan(0);
    }
  });

  it('should send a solicited Map-Notify to the registrant and an unsolicited one to the previous RLOC on replace', () => {
    // Arrange
    const runner = new MachineRunner(machines['last-writer'], MAP_SERVER_INITIAL);
    // Act
    const { next, outs } = runner.stepUncached(REPLACED, reg(NEW));
    // Assert
    expect(next.c.rlocs).toEqual([NEW]);
    expect(outs.filter((o) => o.kind === 'send')).toEqual([notify(NEW, [NEW], true, 1), notify(OLD, [NEW], false, 1)]);
    expect(outs).toContainEqual({ kind: 'arm', timer: `nretx:${OLD}`, after: { timer: 'notifyRetransmit' } });
    expect(next.c.pending).toEqual({ [OLD]: { n: 0, rlocs: [NEW], ts: 1 } });
  });

  describe('regressions', () => {
    const runner = new MachineRunner(machines['last-writer'], MAP_SERVER_INITIAL);
    const nretx = (target: string): MapServerEvent => ({ type: 'timer.nretx', target });
    const steps = stepper<MapServerEvent>(runner);

    it('should retransmit the notified mapping, not the current one, after the set changed (RFC 9301 §5.7)', () => {
      // Arrange: {OLD} replaced by NEW (OLD notified of [NEW]), then NEW withdraws (set now empty).
      const [, withdrawn] = steps(REPLACED, reg(NEW), reg(NEW, { withdraw: true }));
      // Act
      const { next, outs } = runner.stepUncached(withdrawn.next, nretx(OLD));
      // Assert
      expect(withdrawn.next.v).toBe('unregistered');
      expect(withdrawn.next.c.rlocs).toEqual([]);
      expect(outs).toEqual([
        { ...notify(OLD, [NEW], false, 1), retransmit: true },
        { kind: 'arm', timer: `nretx:${OLD}`, after: { timer: 'notifyRetransmit' } },
      ]);
      expect(next.c.pending).toEqual({ [OLD]: { n: 1, rlocs: [NEW], ts: 1 } });
    });

    it('should do nothing on a retransmit timer for a target with nothing pending', () => {
      // Arrange
      const machine = machines['last-writer'];
      const registered: Snap = { v: 'registered', c: { rlocs: [NEW], ts: 1, pending: {} } };
      for (const from of [registered, MAP_SERVER_INITIAL]) {
        // Act
        const { next, outs } = runner.stepUncached(from, nretx(OLD));
        // Assert: no transition at all, so no "giving up" line either
        expect(machine.getTransitionData(machine.resolveState({ value: from.v, context: from.c }), nretx(OLD))).toEqual([]);
        expect(next).toEqual(from);
        expect(outs).toEqual([]);
      }
    });

    it('should cancel the retransmissions to a pending target that is back in the new RLOC set', () => {
      // Arrange: OLD is pending after NEW replaced it; then OLD registers again.
      const [replaced] = steps(REPLACED, reg(NEW));
      // Act
      const { next, outs } = runner.stepUncached(replaced.next, reg(OLD, { ts: 2 }));
      // Assert
      expect(replaced.next.c.pending).toHaveProperty(OLD);
      expect(outs).toContainEqual({ kind: 'cancel', timer: `nretx:${OLD}` });
      expect(outs).toContainEqual({ kind: 'arm', timer: `nretx:${NEW}`, after: { timer: 'notifyRetransmit' } });
      expect(next.c.pending).toEqual({ [NEW]: { n: 0, rlocs: [OLD], ts: 2 } });
    });

    it('should cancel the retransmissions to a pending target kept by a registration of both RLOCs', () => {
      // Arrange
      const [replaced] = steps(REPLACED, reg(NEW));
      // Act
      const { next, outs } = runner.stepUncached(replaced.next, reg(NEW, { rlocs: [NEW, OLD], ts: 2 }));
      // Assert
      expect(next.c).toEqual({ rlocs: [NEW, OLD].sort(), ts: 2, pending: {} });
      expect(outs.filter((o) => o.kind === 'cancel')).toEqual([{ kind: 'cancel', timer: `nretx:${OLD}` }]);
      expect(outs.filter((o) => o.kind === 'send')).toEqual([notify(NEW, [NEW, OLD].sort(), true, 2)]);
    });

    it('should log a withdraw of one RLOC of several as removed from the RLOC set', () => {
      // Arrange
      const both: Snap = { v: 'registered', c: { rlocs: [NEW, OLD].sort(), ts: 1, pending: {} } };
      // Act
      const { next, outs } = runner.stepUncached(both, reg(NEW, { withdraw: true }));
      // Assert
      expect(next).toEqual({ v: 'registered', c: { ...both.c, rlocs: [OLD] } });
      expect(outs).toEqual([{ kind: 'log', text: `Map-Register (withdraw) from ${NEW}: removed from the RLOC set` }]);
    });
  });

  it('should be replayed by MachineRunner along every path of the test model', async () => {
    // Arrange / Act / Assert
    await expectReplayedAlongTestModel(machines.timestamped, MAP_SERVER_INITIAL, alphabet);
  });

  it('should reach registered only through an authenticated, accepted, non-withdrawing Map-Register', () => {
    // Act
    const paths = simplePathsTo(machines['last-writer'], alphabet, 'registered');
    const lastEvents = paths.map((p) => p.steps[p.steps.length - 1].event as Register);
    // Assert
    expect(paths.length).toBeGreaterThan(0);
    for (const e of lastEvents) expect(e).toMatchObject({ type: 'register.receive', authOk: true, accepted: true, withdraw: false });
  });

  describe('with mutants', () => {
    it('should merge the RLOC sets and notify nobody else with merge-rlocs', () => {
      // Arrange
      const runner = new MachineRunner(createMapServerMachine(new Set(['merge-rlocs']), 'last-writer', NOTIFY_RETRIES), MAP_SERVER_INITIAL);
      // Act
      const { next, outs } = runner.stepUncached(REPLACED, reg(NEW));
      // Assert
      expect(next.c.rlocs).toEqual([OLD, NEW].sort());
      expect(outs.filter((o) => o.kind === 'send')).toEqual([notify(NEW, [OLD, NEW].sort(), true, 1)]);
    });

    it('should not notify the previous RLOC with no-notify-previous', () => {
      // Arrange
      const runner = new MachineRunner(createMapServerMachine(new Set(['no-notify-previous']), 'last-writer', NOTIFY_RETRIES), MAP_SERVER_INITIAL);
      // Act
      const { next, outs } = runner.stepUncached(REPLACED, reg(NEW));
      // Assert
      expect(next.c).toEqual({ rlocs: [NEW], ts: 1, pending: {} });
      expect(outs.filter((o) => o.kind === 'send')).toEqual([notify(NEW, [NEW], true, 1)]);
      expect(outs.some((o) => o.kind === 'arm' && o.timer.startsWith('nretx'))).toBe(false);
    });

    it('should install a registration with a wrong key with no-auth-check, and reject it without', () => {
      // Arrange
      const spoof = reg('203.0.113.66', { authOk: false });
      const mutant = new MachineRunner(createMapServerMachine(new Set(['no-auth-check']), 'last-writer', NOTIFY_RETRIES), MAP_SERVER_INITIAL);
      const sound = new MachineRunner(machines['last-writer'], MAP_SERVER_INITIAL);
      // Act
      const bad = mutant.stepUncached(REPLACED, spoof);
      const good = sound.stepUncached(REPLACED, spoof);
      // Assert
      expect(bad.next.c.rlocs).toEqual(['203.0.113.66']);
      expect(good.next).toEqual(REPLACED);
      expect(good.outs).toContainEqual({ kind: 'note', note: 'rejected' });
    });
  });
});
