// One exhaustive property checked by several worker threads at once (core/explore/
// parallelExhaustive.ts): the leading thread runs the search and its own shard, and reaches the
// helpers' shards over MessagePorts; the visited set and the violation word are SharedArrayBuffers,
// the level reports typed arrays moved, never copied; worlds never leave their thread. ADAPTER
// (worker_threads, clock). The report is the one a single thread gives (timings apart): past
// the memory budget the leader answers undefined and its caller checks the property in one
// thread (the search that recomputes its frontier instead of holding it).

import type { MessagePort } from 'node:worker_threads';
import { counterexample, type CheckOptions, type PropertyReport } from '../core/check/check.js';
import { foldVacuityAt, type PositionedVacuity, recordVacuityAt } from '../core/check/vacuityAt.js';
import { ExhaustiveShard, type LevelReport, type StepPosition } from '../core/explore/exhaustiveShard.js';
import { type HelperLink, parallelExhaustiveCheck } from '../core/explore/parallelExhaustive.js';
import { SharedFingerprintSet, type SharedSetBuffers } from '../core/explore/sharedFingerprintSet.js';
import type { Property } from '../core/properties/property.js';
import type { Model } from '../core/world/model.js';

/** What the leader asks a helper; each request gets one reply. */
export type HelperRequest =
  | { op: 'expand'; depth: number; set: SharedSetBuffers; control: SharedArrayBuffer }
  | { op: 'adopt'; ranks: Int32Array }
  | { op: 'replay'; paths: number[][]; ranks: number[] }
  | { op: 'clear' };

export type HelperReply = { op: 'expand'; report: LevelReport } | { op: 'adopt'; transitions: number } | { op: 'replay'; transitions: number } | { op: 'clear'; vacuity: PositionedVacuity };

/** The budgets a thread polls: the interrupt and cancel flags, the time limit, its own heap. */
export interface ThreadBudgets {
  shouldStop: () => boolean | string;
  memoryExceeded: (outsideHeap?: number) => boolean;
}

/** Milliseconds on a clock all threads share (each thread's performance.now() starts at its own origin). */
export const sharedNow = () => performance.timeOrigin + performance.now();

/** The typed arrays of a level report, to move rather than copy. */
const buffersOf = (r: LevelReport) => [r.slots.buffer, r.keys.buffer, r.kept.buffer, r.parents.buffer, r.counts.buffer] as ArrayBuffer[];

/**
 * Serve the leader on `port` as a helper shard of `property` until it clears the search; resolves
 * then. A throw (the user's property) propagates to the caller, who reports it to the pool.
 */
export function serveHelper(model: Model, property: Property<any>, port: MessagePort, budgets: ThreadBudgets): Promise<void> {
  const at: StepPosition = { depth: -1, key: 0, replaying: false };
  const vacuity = recordVacuityAt(property, at);
  const shard = new ExhaustiveShard(model, vacuity.property, at);
  let set: SharedFingerprintSet | undefined;
  return new Promise((resolve, reject) => {
    port.on('message', (m: HelperRequest) => {
      try {
        if (m.op === 'expand') {
          if (set?.buffers.words !== m.set.words) set = new SharedFingerprintSet(m.set);
          const report = shard.expand(m.depth, set, new Int32Array(m.control), budgets);
          port.postMessage({ op: 'expand', report } satisfies HelperReply, buffersOf(report));
        } else if (m.op === 'adopt' || m.op === 'replay') {
          if (m.op === 'adopt') shard.adopt(m.ranks);
          else shard.replay(m.paths, m.ranks);
          port.postMessage({ op: m.op, transitions: shard.frontierTransitions } as HelperReply);
        } else {
          shard.clear();
          port.postMessage({ op: 'clear', vacuity: vacuity.result() } satisfies HelperReply);
          port.close();
          resolve();
        }
      } catch (e) {
        port.close();
        reject(e);
      }
    });
  });
}

/** The helpers behind their ports, as the core's HelperLink; their vacuity records land in `vacuity` when cleared. */
function portLink(ports: readonly MessagePort[], vacuity: PositionedVacuity[]): HelperLink {
  const ask = <R extends HelperReply>(messages: HelperRequest[], transfer: (i: number) => ArrayBuffer[] = () => []): Promise<R[]> =>
    Promise.all(
      ports.map(
        (port, i) =>
          new Promise<R>((resolve) => {
            port.once('message', resolve);
            port.postMessage(messages[i], transfer(i));
          }),
      ),
    );
  const each = (m: HelperRequest) => ports.map(() => m);
  return {
    count: ports.length,
    expand: async (depth, set, control) => (await ask<Extract<HelperReply, { op: 'expand' }>>(each({ op: 'expand', depth, set, control }))).map((r) => r.report),
    adopt: async (ranks) =>
      (
        await ask<Extract<HelperReply, { op: 'adopt' }>>(
          ranks.map((r) => ({ op: 'adopt', ranks: r })),
          (i) => [ranks[i].buffer as ArrayBuffer],
        )
      ).map((r) => r.transitions),
    replay: async (paths, ranks) => (await ask<Extract<HelperReply, { op: 'replay' }>>(paths.map((p, i) => ({ op: 'replay', paths: p, ranks: ranks[i] })))).map((r) => r.transitions),
    clear: async () => {
      vacuity.push(...(await ask<Extract<HelperReply, { op: 'clear' }>>(each({ op: 'clear' }))).map((r) => r.vacuity));
    },
  };
}

/**
 * Check `property` exhaustively with the helpers on `ports`: the report checkOne (core/check/
 * check.ts) gives for it in one thread, or undefined past the memory budget (check it in one
 * thread then).
 */
export async function checkSplit(
  model: Model,
  property: Property<any>,
  options: Pick<CheckOptions, 'depth' | 'maxStates' | 'timeLimitMs'>,
  ports: readonly MessagePort[],
  budgets: ThreadBudgets,
): Promise<PropertyReport | undefined> {
  const t0 = performance.now();
  const at: StepPosition = { depth: -1, key: 0, replaying: false };
  const mine = recordVacuityAt(property, at);
  const records: PositionedVacuity[] = [];
  const r = await parallelExhaustiveCheck(model, { depth: options.depth, maxStates: options.maxStates, ...budgets }, new ExhaustiveShard(model, mine.property, at), portLink(ports, records));
  if (!r) return undefined;
  records.push(mine.result());
  const folded = foldVacuityAt(records);
  const vacuityReason = r.verdict === 'holds' && property.vacuity && !folded.judged ? (folded.best?.reason ?? 'the property judged nothing') : null;
  return {
    id: property.id,
    description: property.description,
    reference: property.reference,
    verdict: r.verdict,
    runs: r.transitions,
    distinctStates: r.distinctStates,
    collisionProbability: r.collisionProbability,
    steps: r.transitions,
    elapsedMs: performance.now() - t0,
    reason: r.reason ?? null,
    vacuous: vacuityReason !== null,
    vacuityReason,
    interrupted: r.verdict === 'unknown' && !!r.reason?.startsWith('interrupted'),
    counterexample: r.actions ? counterexample(model, property, r.actions, r.message!, null) : null,
  };
}
