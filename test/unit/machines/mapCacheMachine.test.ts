// mapCacheMachine: every state and every transition walked with xstate/graph, outputs checked as
// data (RFC 6830 §6.6.2, RFC 9301 §5.3–5.4, §8.3–8.4). Nonces grow without bound, so snapshots are
// compared up to renaming them (only the round's width nonce - firstNonce is kept), and the event
// alphabet is built from each snapshot: replies with outstanding nonces and one from an earlier round.

import { describe, expect, it } from 'vitest';
import { toDirectedGraph } from 'xstate/graph';
import { MachineRunner, type Snap } from '../../../src/core/machines/machineRunner.js';
import { createMapCacheMachine, MAP_CACHE_INITIAL, type MapCacheEvent } from '../../../src/core/machines/mapCacheMachine.js';
import type { Out } from '../../../src/core/machines/out.js';
import { effects, explore, expectReplayedAlongTestModel, graphEdges, logs, simpleRoutesTo, type Exercised as ExercisedOf } from './machineGraph.js';

type Exercised = ExercisedOf<MapCacheEvent>;

/** A snapshot up to renaming nonces: the state space is finite that way. */
const abstractKey = (s: Snap) => JSON.stringify({ v: s.v, c: { ...s.c, nonce: undefined, firstNonce: undefined, width: s.c.nonce - firstNonce(s.c) } });
/** First nonce still outstanding (every retransmission of the current round, PROTOCOL.md F6). */
const firstNonce = (c: Snap['c']): number => c.firstNonce ?? c.nonce;
const isOutstanding = (c: Snap['c'], nonce: number) => nonce >= firstNonce(c) && nonce <= c.nonce;

/** A typed event literal (MachineRunner takes any `{ type }`). */
const ev = (e: MapCacheEvent) => e;

// ---- the machine under test ------------------------------------------------------------------

const RETRIES = 3;
const NEW_RLOC = '10.0.2.2';
const OLD_RLOC = '10.0.1.2';
const SMR_SOURCE = '10.0.1.2';

type Reply = Extract<MapCacheEvent, { type: 'reply.receive' }>;
const positive = (nonce: number): Reply => ({ type: 'reply.receive', nonce, rlocs: [NEW_RLOC], action: '', ttl: 'positive' });
const negative = (nonce: number): Reply => ({ type: 'reply.receive', nonce, rlocs: [], action: 'native-forward', ttl: 'site' });

/** Replies with the newest nonce (positive and negative), the round's first, and an earlier round's. */
function alphabet(s: Snap): MapCacheEvent[] {
  return [
    { type: 'lookup' },
    positive(s.c.nonce),
    negative(s.c.nonce),
    positive(firstNonce(s.c)),
    positive(firstNonce(s.c) - 1),
    { type: 'smr.receive', source: SMR_SOURCE },
    { type: 'timer.retry' },
    { type: 'timer.ttl' },
    { type: 'timer.suppress' },
    { type: 'reboot' },
  ];
}

const isReply = (e: MapCacheEvent): e is Reply => e.type === 'reply.receive';
const request = (nonce: number, smrInvoked: boolean, to = 'map-resolver'): Out => ({ kind: 'send', msg: 'map-request', nonce, smrInvoked, to });
const armRetry: Out = { kind: 'arm', timer: 'retry', after: { timer: 'mapRequestRetry' } };
const TTL = { positive: 'mapCacheTtl', site: 'negativeTtlSite', 'non-eid': 'negativeTtlNonEid' } as const;

function expectMismatch(r: Exercised): void {
  // RFC 9301 §6.1: a Map-Reply whose nonce does not match the outstanding request is dropped.
  expect(isReply(r.event) && !isOutstanding(r.from.c, r.event.nonce)).toBe(true);
  expect(r.to).toEqual(r.from);
  expect(r.outs).toEqual([{ kind: 'log', text: 'Map-Reply nonce mismatch: dropped' }]);
}

function expectInstall(target: 'cached' | 'negative', viaSmr: boolean) {
  return (r: Exercised) => {
    const e = r.event as Reply;
    expect(isOutstanding(r.from.c, e.nonce)).toBe(true);
    expect(r.to).toEqual({ v: target, c: { ...r.from.c, rlocs: e.rlocs, action: e.action, tries: 0 } });
    expect(r.outs).toEqual([
      { kind: 'cancel', timer: 'retry' },
      { kind: 'arm', timer: 'ttl', after: { timer: TTL[e.ttl] } },
      { kind: 'note', note: 'installed', rlocs: e.rlocs, viaSmr },
    ]);
  };
}

function expectRetry(smrInvoked: boolean) {
  return (r: Exercised) => {
    // RFC 9301 §5.3: at most one Map-Request per second per prefix, a fresh nonce each time.
    expect(r.from.c.tries + 1).toBeLessThan(RETRIES);
    const c = { ...r.from.c, nonce: r.from.c.nonce + 1, tries: r.from.c.tries + 1 };
    expect(r.to).toEqual({ v: r.from.v, c });
    expect(r.outs).toEqual([request(c.nonce, smrInvoked), armRetry]);
  };
}

function expectLogOnly(pattern: RegExp) {
  return (r: Exercised) => {
    expect(r.to).toEqual(r.from);
    expect(effects(r.outs)).toEqual([]);
    expect(logs(r.outs)).toEqual([expect.stringMatching(pattern)]);
  };
}

/** What each transition must do, keyed by edge. */
const EXPECTED: Record<string, (r: Exercised) => void> = {
  '(root) reboot#0': (r) => {
    expect(r.to).toEqual(MAP_CACHE_INITIAL);
    expect(r.outs).toEqual(['retry', 'ttl', 'suppress'].map((timer) => ({ kind: 'cancel', timer })));
  },
  '(root) timer.suppress#0': (r) => {
    expect(r.to).toEqual({ v: r.from.v, c: { ...r.from.c, suppress: false } });
    expect(r.outs).toEqual([]);
  },
  'absent lookup#0': (r) => {
    // A miss: an ECM Map-Request to the map-resolver with a fresh nonce, opening a new round.
    const c = { ...r.from.c, nonce: r.from.c.nonce + 1, firstNonce: r.from.c.nonce + 1, tries: 0 };
    expect(r.to).toEqual({ v: 'resolving', c });
    expect(r.outs).toEqual([request(c.nonce, false), armRetry]);
  },
  'resolving reply.receive#0': expectMismatch,
  'resolving reply.receive#1': expectInstall('cached', false),
  'resolving reply.receive#2': expectInstall('negative', false),
  'resolving timer.retry#0': expectRetry(false),
  'resolving timer.retry#1': (r) => {
    expect(r.from.c.tries + 1).toBe(RETRIES);
    expect(r.to).toEqual({ v: 'absent', c: { ...r.from.c, tries: 0 } });
    expect(logs(r.outs)).toEqual(['Map-Request unanswered, giving up']);
    expect(effects(r.outs)).toEqual([]);
  },
  'cached smr.receive#0': expectLogOnly(/SMR ignored/),
  'cached smr.receive#1': (r) => {
    // Cisco: further SMRs for the address are suppressed for the suppression time.
    expect(r.from.c.suppress).toBe(true);
    expectLogOnly(/SMR suppressed/)(r);
  },
  'cached smr.receive#2': (r) => {
    // RFC 6830 §6.6.2: SMR-invoked Map-Request, through the mapping system, cached mapping kept.
    expect(r.from.c.suppress).toBe(false);
    const c = { ...r.from.c, nonce: r.from.c.nonce + 1, firstNonce: r.from.c.nonce + 1, tries: 0, suppress: true, smrSource: SMR_SOURCE };
    expect(r.to).toEqual({ v: 'refreshing', c });
    expect(effects(r.outs)).toEqual([request(c.nonce, true), armRetry, { kind: 'arm', timer: 'suppress', after: { timer: 'smrSuppression' } }]);
  },
  'cached timer.ttl#0': (r) => {
    expect(r.to).toEqual({ v: 'absent', c: { ...r.from.c, rlocs: [] } });
    expect(effects(r.outs)).toEqual([]);
  },
  'cached reply.receive#0': expectLogOnly(/unsolicited Map-Reply/),
  'refreshing reply.receive#0': expectMismatch,
  'refreshing reply.receive#1': expectInstall('cached', true),
  'refreshing reply.receive#2': expectInstall('negative', true),
  'refreshing timer.retry#0': expectRetry(true),
  'refreshing timer.retry#1': (r) => {
    // RFC 6830 §6.6.2 step 4: unanswered, the cached mapping stays in use.
    expect(r.to).toEqual({ v: 'cached', c: { ...r.from.c, tries: 0 } });
    expect(effects(r.outs)).toEqual([]);
    expect(r.to.c.rlocs).toEqual(r.from.c.rlocs);
  },
  'refreshing timer.ttl#0': (r) => {
    expect(r.to).toEqual({ v: 'absent', c: { ...r.from.c, rlocs: [] } });
    expect(r.outs).toEqual([{ kind: 'cancel', timer: 'retry' }]);
  },
  'refreshing smr.receive#0': expectLogOnly(/already outstanding/),
  'negative timer.ttl#0': (r) => {
    expect(r.to).toEqual({ v: 'absent', c: { ...r.from.c, action: '' } });
    expect(effects(r.outs)).toEqual([]);
  },
  'negative reply.receive#0': expectLogOnly(/unsolicited Map-Reply/),
};

const build = (mutants: string[], smrIgnore = false) => createMapCacheMachine(new Set(mutants), { retries: RETRIES, smrIgnore });
const machine = build([]);
const sound = explore(machine, MAP_CACHE_INITIAL, alphabet, abstractKey);
const ignoring = explore(build(['smr-ignored']), MAP_CACHE_INITIAL, alphabet, abstractKey);
const CACHED: Snap = { v: 'cached', c: { ...MAP_CACHE_INITIAL.c, rlocs: [OLD_RLOC], nonce: 1, firstNonce: 1 } };
const REFRESHING: Snap = { v: 'refreshing', c: { ...CACHED.c, nonce: 2, firstNonce: 2, suppress: true, smrSource: SMR_SOURCE } };

describe('mapCacheMachine', () => {
  it('should reach every state of the machine', () => {
    // Arrange
    const states = Object.keys(machine.root.states);
    // Act / Assert
    expect([...sound.reached].sort()).toEqual([...states].sort());
  });

  it('should exercise every edge of the directed graph, with smr-ignored for the ignore edge', () => {
    // Arrange
    const edges = graphEdges(toDirectedGraph(machine));
    // Act
    const bySound = new Set(sound.exercised.map((r) => r.edge));
    const taken = new Set([...bySound, ...ignoring.exercised.map((r) => r.edge)]);
    // Assert
    expect(edges.filter((e) => !taken.has(e))).toEqual([]);
    expect(edges.filter((e) => !bySound.has(e))).toEqual(['cached smr.receive#0']);
    expect([...taken].filter((e) => !edges.includes(e))).toEqual([]);
  });

  it('should have an expectation for every edge and meet it on every exercised instance', () => {
    // Arrange
    const edges = graphEdges(toDirectedGraph(machine));
    // Act / Assert
    expect(Object.keys(EXPECTED).sort()).toEqual([...edges].sort());
    for (const r of [...sound.exercised, ...ignoring.exercised]) EXPECTED[r.edge](r);
  });

  it('should refuse a Map-Reply with a mismatched nonce', () => {
    // Arrange
    const runner = new MachineRunner(machine, MAP_CACHE_INITIAL);
    // Act: a late reply to the first resolution, and one with a nonce never sent
    const late = runner.stepUncached(REFRESHING, positive(CACHED.c.nonce));
    const forged = runner.stepUncached(REFRESHING, positive(REFRESHING.c.nonce + 7));
    // Assert
    for (const { next, outs } of [late, forged]) {
      expect(next).toEqual(REFRESHING);
      expect(outs.some((o) => o.kind === 'note')).toBe(false);
    }
  });

  it('should accept a Map-Reply with a mismatched nonce with the any-nonce mutant', () => {
    // Arrange
    const runner = new MachineRunner(build(['any-nonce']), MAP_CACHE_INITIAL);
    // Act
    const { next, outs } = runner.stepUncached(REFRESHING, positive(REFRESHING.c.nonce + 7));
    // Assert
    expect(next.v).toBe('cached');
    expect(next.c.rlocs).toEqual([NEW_RLOC]);
    expect(outs).toContainEqual({ kind: 'note', note: 'installed', rlocs: [NEW_RLOC], viaSmr: true });
  });

  it('should never take a mismatch edge with the any-nonce mutant', () => {
    // Arrange
    const run = explore(build(['any-nonce']), MAP_CACHE_INITIAL, alphabet, abstractKey);
    // Act
    const mismatchesSeen = run.exercised.filter((r) => isReply(r.event) && !isOutstanding(r.from.c, r.event.nonce) && r.from.v !== 'cached' && r.from.v !== 'negative');
    // Assert
    expect(mismatchesSeen.length).toBeGreaterThan(0);
    expect(mismatchesSeen.every((r) => r.edge.endsWith('#1'))).toBe(true);
  });

  it('should ignore every SMR with smr-ignored and with the solicit-map-request ignore option', () => {
    // Arrange
    const runners = [new MachineRunner(build(['smr-ignored']), MAP_CACHE_INITIAL), new MachineRunner(build([], true), MAP_CACHE_INITIAL)];
    for (const runner of runners) {
      // Act
      const { next, outs } = runner.stepUncached(CACHED, ev({ type: 'smr.receive', source: SMR_SOURCE }));
      // Assert
      expect(next).toEqual(CACHED);
      expect(outs).toEqual([{ kind: 'log', text: 'SMR ignored (solicit-map-request ignore)' }]);
    }
    expect(ignoring.exercised.some((r) => r.to.v === 'refreshing')).toBe(false);
  });

  it("should send the SMR-invoked Map-Request to the SMR's source with smr-request-to-source", () => {
    // Arrange
    const runner = new MachineRunner(build(['smr-request-to-source']), MAP_CACHE_INITIAL);
    // Act
    const { outs } = runner.stepUncached(CACHED, ev({ type: 'smr.receive', source: SMR_SOURCE }));
    // Assert
    expect(outs).toContainEqual(request(2, true, SMR_SOURCE));
  });

  it('should be replayed by MachineRunner along every path of the test model', async () => {
    // Arrange
    // Concrete snapshots this time (the replay compares nonces too), kept finite by allowing the
    // nonce-spending events only while fewer than five nonces have been used.
    const spends = new Set(['lookup', 'smr.receive', 'timer.retry']);
    const filterEvents = (s: { context: Snap['c'] }, e: MapCacheEvent) => !spends.has(e.type) || s.context.nonce < 5;
    // Act / Assert
    await expectReplayedAlongTestModel(machine, MAP_CACHE_INITIAL, alphabet, filterEvents);
  });

  it('should find the SMR round trip absent -> resolving -> cached -> refreshing among the simple paths', () => {
    // Act
    const routes = simpleRoutesTo(machine, alphabet, 'refreshing');
    // Assert
    expect([...routes]).toEqual(['absent > resolving > cached > refreshing']);
  });
});
