// dynEidMachine: every state and every transition walked with xstate/graph, outputs checked as data.
// The walk (./machineGraph.ts) finds every reachable snapshot for a representative event alphabet
// and steps every event from each through MachineRunner, matching the transitions to the graph.

import { describe, expect, it } from 'vitest';
import { toDirectedGraph } from 'xstate/graph';
import { createDynEidMachine, DYN_EID_INITIAL, type DynEidEvent } from '../../../src/core/machines/dynEidMachine.js';
import { MachineRunner, type Snap } from '../../../src/core/machines/machineRunner.js';
import type { Out } from '../../../src/core/machines/out.js';
import { effects, explore, expectReplayedAlongTestModel, graphEdges, logs, simpleRoutesTo, stepper, type Exercised as ExercisedOf } from './machineGraph.js';

type Exercised = ExercisedOf<DynEidEvent>;

/** A typed event literal (MachineRunner takes any `{ type }`). */
const ev = (e: DynEidEvent) => e;

// ---- the machine under test ------------------------------------------------------------------

const IFACE = 'GigabitEthernet2';
const SEEN_TS = 2;
const RARP_TS = 3;

/** Notify payloads: ours or not, solicited or not, older (1) or newer (4) than any detection. */
function alphabet(): DynEidEvent[] {
  const notifies = [true, false].flatMap((ours) => [true, false].flatMap((solicited) => [1, 4].map((ts) => ({ type: 'notify.receive' as const, ours, solicited, ts }))));
  return [
    { type: 'host.seen', ts: SEEN_TS, iface: IFACE },
    { type: 'rarp.seen', ts: RARP_TS },
    ...notifies,
    { type: 'probe.reply' },
    { type: 'timer.refresh' },
    { type: 'timer.retx' },
    { type: 'timer.liveness' },
    { type: 'timer.livenessTimeout' },
    { type: 'reboot' },
  ];
}

const register = (ts: number, refresh = false): Out => ({ kind: 'send', msg: 'map-register', refresh, withdraw: false, ts });
const withdraw = (ts: number): Out => ({ kind: 'send', msg: 'map-register', refresh: false, withdraw: true, ts });
const armRetx = (scale: number): Out => ({ kind: 'arm', timer: 'retx', after: { timer: 'registerRetransmit', scale } });
const armRefresh: Out = { kind: 'arm', timer: 'refresh', after: { timer: 'mapRegisterInterval' } };
const armLiveness: Out = { kind: 'arm', timer: 'liveness', after: { timer: 'livenessInterval' } };
const cancelAll: Out[] = ['retx', 'refresh', 'liveness', 'livenessTimeout'].map((timer) => ({ kind: 'cancel', timer }));
const ackIfUnsolicited = (e: DynEidEvent): Out[] => (e.type === 'notify.receive' && !e.solicited ? [{ kind: 'send', msg: 'map-notify-ack' }] : []);
const isNotify = (e: DynEidEvent): e is Extract<DynEidEvent, { type: 'notify.receive' }> => e.type === 'notify.receive';

function expectDetected(r: Exercised): void {
  // A fresh registration: no refresh outstanding, and no probe out (moving away settles any).
  expect(r.to).toEqual({ v: 'registering', c: { ts: SEEN_TS, retx: 1, iface: IFACE, refresh: false, probing: false } });
  expect(effects(r.outs)).toEqual([register(SEEN_TS), armRetx(1), armRefresh, armLiveness, { kind: 'note', note: 'detected' }]);
}

function expectMovedAway(r: Exercised): void {
  expect(isNotify(r.event) && !r.event.ours).toBe(true);
  // The liveness timers are cancelled with everything else, so no probe is out any more.
  expect(r.to).toEqual({ v: 'away', c: { ...r.from.c, probing: false } });
  expect(effects(r.outs)).toEqual([...ackIfUnsolicited(r.event), ...cancelAll, withdraw(r.from.c.ts), { kind: 'note', note: 'moved-away' }]);
  expect(logs(r.outs)).toEqual(expect.arrayContaining(['Moved away.', 'Delete.']));
}

/** timestamped: a Map-Notify older than our newest detection is ignored and we register again at
 * once; from `registered` the retransmit backoff restarts at 1, in `registering` it carries on. */
function expectStaleReassert(r: Exercised): void {
  expect(isNotify(r.event) && !r.event.ours && r.event.ts < r.from.c.ts).toBe(true);
  const retx = r.from.v === 'registered' ? 1 : r.from.c.retx;
  expect(r.to).toEqual({ v: 'registering', c: { ...r.from.c, retx, refresh: false } });
  expect(effects(r.outs)).toEqual([...ackIfUnsolicited(r.event), register(r.from.c.ts), armRetx(retx)]);
}

function expectLocalUnchanged(state: string) {
  return (r: Exercised) => {
    expect(r.to.v).toBe(state);
  };
}

function expectLivenessTimer(r: Exercised): void {
  expect(r.to).toEqual({ v: r.from.v, c: { ...r.from.c, probing: true } });
  expect(effects(r.outs)).toEqual([
    { kind: 'send', msg: 'probe' },
    { kind: 'arm', timer: 'livenessTimeout', after: { timer: 'livenessTimeout' } },
  ]);
}

/** An echo reply, or (LNET) traffic from the host while a probe is out, proves it is alive. */
function expectProbeSettled(r: Exercised): void {
  if (r.event.type === 'host.seen') expect(r.from.c.probing).toBe(true);
  expect(r.to).toEqual({ v: r.from.v, c: { ...r.from.c, probing: false } });
  expect(effects(r.outs)).toEqual([{ kind: 'cancel', timer: 'livenessTimeout' }, armLiveness]);
}

function expectLivenessDeleted(r: Exercised): void {
  expect(r.to).toEqual(DYN_EID_INITIAL);
  expect(effects(r.outs)).toEqual([...cancelAll, withdraw(r.from.c.ts), { kind: 'note', note: 'deleted' }]);
}

function expectRarp(r: Exercised): void {
  // timestamped: a RARP on the new segment advances our idea of the newest detection.
  expect(r.to).toEqual({ v: r.from.v, c: { ...r.from.c, ts: Math.max(r.from.c.ts, RARP_TS) } });
  expect(r.outs).toEqual([]);
}

function expectReboot(r: Exercised): void {
  expect(r.to).toEqual(DYN_EID_INITIAL);
  expect(effects(r.outs)).toEqual(r.from.v === 'away' ? [] : cancelAll);
}

/** What each transition of the (timestamped) machine must do, keyed by edge. */
const EXPECTED: Record<string, (r: Exercised) => void> = {
  'absent host.seen#0': expectDetected,
  'absent notify.receive#0': (r) => {
    expect(r.to).toEqual(r.from);
    expect(r.outs).toEqual(ackIfUnsolicited(r.event));
  },
  'registering notify.receive#0': (r) => {
    // RFC 9301 §5.7: the solicited Map-Notify confirms the registration; stop retransmitting.
    expect(isNotify(r.event) && r.event.ours).toBe(true);
    // The confirmed registration leaves nothing outstanding: no refresh flag, backoff reset.
    expect(r.to).toEqual({ v: 'registered', c: { ...r.from.c, refresh: false, retx: 1 } });
    expect(effects(r.outs)).toEqual([...ackIfUnsolicited(r.event), { kind: 'cancel', timer: 'retx' }]);
  },
  'registering notify.receive#1': expectStaleReassert,
  'registering notify.receive#2': expectMovedAway,
  'registering timer.retx#0': (r) => {
    // A retransmission repeats the outstanding Map-Register, periodic refresh or not.
    const retx = Math.min(r.from.c.retx * 2, 60);
    expect(r.to).toEqual({ v: 'registering', c: { ...r.from.c, retx } });
    expect(effects(r.outs)).toEqual([register(r.from.c.ts, r.from.c.refresh), armRetx(retx)]);
  },
  'registering timer.refresh#0': (r) => {
    // The periodic timer while a Map-Register is unacknowledged repeats that registration, with
    // its own refresh flag: a first registration never turns into a refresh (refresh-bit).
    expect(r.to).toEqual(r.from);
    expect(effects(r.outs)).toEqual([register(r.from.c.ts, r.from.c.refresh), armRefresh]);
  },
  'registering rarp.seen#0': expectRarp,
  'registering timer.liveness#0': expectLivenessTimer,
  'registering probe.reply#0': expectProbeSettled,
  'registering host.seen#0': expectProbeSettled,
  'registering timer.livenessTimeout#0': expectLivenessDeleted,
  'registering reboot#0': expectReboot,
  'registered notify.receive#0': (r) => {
    expect(isNotify(r.event) && r.event.ours).toBe(true);
    expect(r.to).toEqual(r.from);
    expect(r.outs).toEqual(ackIfUnsolicited(r.event));
  },
  'registered notify.receive#1': expectStaleReassert,
  'registered notify.receive#2': expectMovedAway,
  'registered timer.refresh#0': (r) => {
    // RFC 9301 §8.2: the periodic Map-Register, with want-map-notify, so retransmitted again.
    expect(r.to).toEqual({ v: 'registering', c: { ...r.from.c, retx: 1, refresh: true } });
    expect(effects(r.outs)).toEqual([register(r.from.c.ts, true), armRefresh, armRetx(1)]);
  },
  'registered rarp.seen#0': expectRarp,
  'registered timer.liveness#0': expectLivenessTimer,
  'registered probe.reply#0': expectProbeSettled,
  'registered host.seen#0': expectProbeSettled,
  'registered timer.livenessTimeout#0': expectLivenessDeleted,
  'registered reboot#0': expectReboot,
  'away host.seen#0': (r) => {
    expectDetected(r);
    expect(logs(r.outs)[0]).toMatch(/again/);
  },
  'away notify.receive#0': (r) => {
    expectLocalUnchanged('away')(r);
    expect(r.outs).toEqual(ackIfUnsolicited(r.event));
  },
  'away reboot#0': expectReboot,
};

describe('dynEidMachine', () => {
  const machine = createDynEidMachine(new Set(), { timestamped: true });
  const { reached, exercised } = explore(machine, DYN_EID_INITIAL, alphabet);

  it('should reach every state of the machine', () => {
    // Arrange
    const states = Object.keys(machine.root.states);
    // Act: explored above
    // Assert
    expect([...reached].sort()).toEqual([...states].sort());
  });

  it('should exercise every edge of the directed graph, guarded self-transitions included', () => {
    // Arrange
    const edges = graphEdges(toDirectedGraph(machine));
    // Act
    const taken = new Set(exercised.map((r) => r.edge));
    // Assert
    expect(edges.length).toBe(new Set(edges).size);
    expect(edges.filter((e) => !taken.has(e))).toEqual([]);
    expect([...taken].filter((e) => !edges.includes(e))).toEqual([]);
  });

  it('should have an expectation for every edge and meet it on every exercised instance', () => {
    // Arrange
    const edges = graphEdges(toDirectedGraph(machine));
    // Act / Assert
    expect(Object.keys(EXPECTED).sort()).toEqual([...edges].sort());
    for (const r of exercised) EXPECTED[r.edge](r);
  });

  it('should send a map-register and arm retx, refresh and liveness when a host is seen while absent', () => {
    // Arrange
    const runner = new MachineRunner(machine, DYN_EID_INITIAL);
    // Act
    const { next, outs } = runner.stepUncached(DYN_EID_INITIAL, ev({ type: 'host.seen', ts: 7, iface: IFACE }));
    // Assert
    expect(next.v).toBe('registering');
    expect(outs).toContainEqual(register(7));
    expect(outs.filter((o) => o.kind === 'arm').map((o) => (o.kind === 'arm' ? o.timer : ''))).toEqual(['retx', 'refresh', 'liveness']);
  });

  it('should go away and send a withdraw when a registered EID gets a Map-Notify without our locator', () => {
    // Arrange
    const runner = new MachineRunner(machine, DYN_EID_INITIAL);
    const registered: Snap = { v: 'registered', c: { ...DYN_EID_INITIAL.c, iface: IFACE } };
    // Act
    const { next, outs } = runner.stepUncached(registered, ev({ type: 'notify.receive', ours: false, solicited: false, ts: 0 }));
    // Assert
    expect(next.v).toBe('away');
    expect(outs).toContainEqual(withdraw(0));
    expect(outs).toContainEqual({ kind: 'send', msg: 'map-notify-ack' });
    expect(logs(outs)).toEqual(expect.arrayContaining(['Map-Notify does not contain our locator, dyn-EID moved', 'Moved away.', 'Delete.']));
  });

  describe('regressions', () => {
    const runner = new MachineRunner(machine, DYN_EID_INITIAL);
    const REGISTERED: Snap = { v: 'registered', c: { ...DYN_EID_INITIAL.c, ts: SEEN_TS, iface: IFACE } };
    const steps = stepper<DynEidEvent>(runner);

    it.each(['registering', 'registered'])('should clear probing when moving away from %s with a probe out', (v) => {
      // Arrange
      const [probing] = steps({ ...REGISTERED, v }, ev({ type: 'timer.liveness' }));
      // Act
      const { next, outs } = runner.stepUncached(probing.next, ev({ type: 'notify.receive', ours: false, solicited: false, ts: 4 }));
      // Assert
      expect(probing.next.c.probing).toBe(true);
      expect(next).toEqual({ v: 'away', c: { ...probing.next.c, probing: false } });
      expect(outs).toContainEqual({ kind: 'cancel', timer: 'livenessTimeout' });
    });

    it('should detect the host afresh, with no probe out, when it comes back after moving away mid-probe', () => {
      // Arrange
      const [, away] = steps(REGISTERED, ev({ type: 'timer.liveness' }), ev({ type: 'notify.receive', ours: false, solicited: true, ts: 4 }));
      // Act
      const { next, outs } = runner.stepUncached(away.next, ev({ type: 'host.seen', ts: 5, iface: IFACE }));
      // Assert
      expect(next).toEqual({ v: 'registering', c: { ts: 5, retx: 1, iface: IFACE, refresh: false, probing: false } });
      expect(outs).toContainEqual(register(5));
    });

    it('should keep the refresh flag on the retransmissions of a periodic Map-Register', () => {
      // Arrange
      const [refreshing] = steps(REGISTERED, ev({ type: 'timer.refresh' }));
      // Act
      const [first, second] = steps(refreshing.next, ev({ type: 'timer.retx' }), ev({ type: 'timer.retx' }));
      // Assert
      expect(refreshing.outs).toContainEqual(register(SEEN_TS, true));
      expect(first.outs).toContainEqual(register(SEEN_TS, true));
      expect(second.outs).toContainEqual(register(SEEN_TS, true));
      expect(second.next).toEqual({ v: 'registering', c: { ...REGISTERED.c, retx: 4, refresh: true } });
    });

    it('should keep a first registration unacknowledged past the refresh period without the refresh flag', () => {
      // Arrange: detected, never acknowledged
      const [detected] = steps(DYN_EID_INITIAL, ev({ type: 'host.seen', ts: SEEN_TS, iface: IFACE }));
      // Act: the periodic timer fires, then a retransmission
      const [periodic, retx] = steps(detected.next, ev({ type: 'timer.refresh' }), ev({ type: 'timer.retx' }));
      // Assert
      expect(periodic.outs).toContainEqual(register(SEEN_TS, false));
      expect(retx.outs).toContainEqual(register(SEEN_TS, false));
    });

    it('should send retransmissions of a first registration without the refresh flag', () => {
      // Arrange
      const [detected] = steps(DYN_EID_INITIAL, ev({ type: 'host.seen', ts: SEEN_TS, iface: IFACE }));
      // Act
      const { outs } = runner.stepUncached(detected.next, ev({ type: 'timer.retx' }));
      // Assert
      expect(outs).toContainEqual(register(SEEN_TS, false));
    });

    it.each(['registering', 'registered'])('should settle an outstanding probe on traffic from the host while %s', (v) => {
      // Arrange
      const [probing] = steps({ ...REGISTERED, v }, ev({ type: 'timer.liveness' }));
      // Act
      const { next, outs } = runner.stepUncached(probing.next, ev({ type: 'host.seen', ts: 9, iface: IFACE }));
      // Assert: proof of life only; the detection timestamp and interface are left alone
      expect(next).toEqual({ v, c: { ...probing.next.c, probing: false } });
      expect(effects(outs)).toEqual([{ kind: 'cancel', timer: 'livenessTimeout' }, armLiveness]);
    });

    it.each(['registering', 'registered'])('should ignore traffic from the host while %s with no probe out', (v) => {
      // Arrange
      const from: Snap = { ...REGISTERED, v };
      // Act
      const { next, outs } = runner.stepUncached(from, ev({ type: 'host.seen', ts: 9, iface: IFACE }));
      // Assert
      expect(next).toEqual(from);
      expect(outs).toEqual([]);
    });
  });

  it('should be replayed by MachineRunner along every path of the test model', async () => {
    // Arrange / Act / Assert
    await expectReplayedAlongTestModel(machine, DYN_EID_INITIAL, alphabet);
  });

  it('should find the move lifecycle among the simple paths from absent to away', () => {
    // Act
    const routes = simpleRoutesTo(machine, alphabet, 'away');
    // Assert
    expect(routes).toContain('absent > registering > away');
    expect(routes).toContain('absent > registering > registered > away');
  });

  describe('under last-writer registration', () => {
    const lastWriter = createDynEidMachine(new Set(), { timestamped: false });
    const run = explore(lastWriter, DYN_EID_INITIAL, alphabet);

    it('should never treat a Map-Notify as stale, so every foreign one moves the EID away', () => {
      // Arrange
      const foreign = run.exercised.filter((r) => isNotify(r.event) && !r.event.ours && r.from.v.startsWith('regist'));
      // Act
      const targets = new Set(foreign.map((r) => r.to.v));
      // Assert
      expect(foreign.length).toBeGreaterThan(0);
      expect([...targets]).toEqual(['away']);
      expect(run.exercised.some((r) => r.edge.endsWith('notify.receive#1'))).toBe(false);
    });

    it('should ignore RARP timestamps', () => {
      // Arrange
      const rarps = run.exercised.filter((r) => r.event.type === 'rarp.seen');
      // Act / Assert
      expect(rarps.length).toBeGreaterThan(0);
      for (const r of rarps) expect(r.to).toEqual(r.from);
    });
  });

  describe('with the refresh-after-move mutant', () => {
    const mutant = createDynEidMachine(new Set(['refresh-after-move']), { timestamped: false });
    // The world never arms the liveness timers for this mutant (initial.ts), so none fires (and
    // no probe is ever out for host traffic to settle).
    const noLiveness = () => alphabet().filter((e) => !e.type.startsWith('timer.liveness') && e.type !== 'probe.reply');
    const run = explore(mutant, DYN_EID_INITIAL, noLiveness);

    it('should never reach away nor withdraw, and never arm the liveness test', () => {
      // Arrange
      const allOuts = run.exercised.flatMap((r) => r.outs);
      // Act / Assert
      expect([...run.reached].sort()).toEqual(['absent', 'registered', 'registering']);
      expect(allOuts).not.toContainEqual(expect.objectContaining({ withdraw: true }));
      expect(allOuts).not.toContainEqual(expect.objectContaining({ timer: 'liveness', kind: 'arm' }));
    });

    it('should still exercise every edge of its own graph', () => {
      // Arrange
      const edges = graphEdges(toDirectedGraph(mutant));
      // Act
      const taken = new Set(run.exercised.map((r) => r.edge));
      // Assert: `away` has no way in and the liveness events never come, so only those stay unwalked.
      const unwalked = edges.filter((e) => !taken.has(e));
      const livenessOnly = /liveness|probe\.reply|^regist\w+ host\.seen/;
      expect(unwalked.filter((e) => !livenessOnly.test(e))).toEqual(['away host.seen#0', 'away notify.receive#0', 'away reboot#0']);
    });
  });
});
