// One exhaustive property checked by several worker threads at once (core/explore/
// parallelExhaustive.ts): the leading thread runs the search and its own shard, and reaches the
// helpers' shards over MessagePorts; the visited set and the violation word are SharedArrayBuffers,
// the level reports typed arrays moved, never copied; worlds never leave their thread. ADAPTER
// (worker_threads, clock). The report is the one a single thread gives (timings apart): past
// the memory budget the leader answers undefined and its caller checks the property in one
// thread (the search that recomputes its frontier instead of holding it).

import type { MessagePort } from 'node:worker_threads';
import { counterexample, type CheckOptions, type PropertyReport } from '../core/check/check.js';
import { type Climbed, climbAsync, searchReason } from '../core/check/climb.js';
import { foldVacuityAt, inSearch, type PositionedVacuity, recordVacuityAt } from '../core/check/vacuityAt.js';
import { ExhaustiveShard, type LevelReport, type StepPosition } from '../core/explore/exhaustiveShard.js';
import { type HelperLink, parallelExhaustiveCheck } from '../core/explore/parallelExhaustive.js';
import { narrowScope } from '../core/explore/narrowScope.js';
import { SharedFingerprintSet, type SharedSetBuffers } from '../core/explore/sharedFingerprintSet.js';
import type { Rung } from '../core/exhaustiveScope.js';
import type { Property } from '../core/properties/property.js';
import type { Model } from '../core/world/model.js';

/**
 * What the leader asks a helper; each request gets one reply. `scope` starts a search (on the ladder's rung `rung`, or on the model itself: null), `clear`
 * ends it, `end` ends the session: on the exhaustive ladder one session holds a search per rung.
 */
export type HelperRequest =
  | { op: 'scope'; rung: number | null }
  | { op: 'expand'; depth: number; set: SharedSetBuffers; control: SharedArrayBuffer }
  | { op: 'adopt'; ranks: Int32Array }
  | { op: 'replay'; paths: number[][]; ranks: number[] }
  | { op: 'clear' }
  | { op: 'end' };

export type HelperReply =
  | { op: 'scope' }
  | { op: 'expand'; report: LevelReport }
  | { op: 'adopt'; transitions: number }
  | { op: 'replay'; transitions: number }
  | { op: 'clear'; vacuity: PositionedVacuity }
  | { op: 'end' };

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
 * Serve the leader on `port` as a helper shard of `property` until it ends the session; resolves
 * then. Each search of the session is on the model, or narrowed to a rung of `rungs` (the
 * leader's climb, core/check/climb.ts). A throw (the user's property) propagates to the caller,
 * who reports it to the pool.
 */
export function serveHelper(model: Model, property: Property<any>, port: MessagePort, budgets: ThreadBudgets, rungs: readonly Rung[] = []): Promise<void> {
  let search: { shard: ExhaustiveShard; vacuity: ReturnType<typeof recordVacuityAt> } | undefined;
  let set: SharedFingerprintSet | undefined;
  return new Promise((resolve, reject) => {
    port.on('message', (m: HelperRequest) => {
      try {
        if (m.op === 'scope') {
          const at: StepPosition = { depth: -1, key: 0, replaying: false };
          const vacuity = recordVacuityAt(property, at);
          const scoped = m.rung === null ? { model, property: vacuity.property } : narrowScope(model, vacuity.property, rungs[m.rung]);
          search = { shard: new ExhaustiveShard(scoped.model, scoped.property, at), vacuity };
          port.postMessage({ op: 'scope' } satisfies HelperReply);
        } else if (m.op === 'expand') {
          if (set?.buffers.words !== m.set.words) set = new SharedFingerprintSet(m.set);
          const report = search!.shard.expand(m.depth, set, new Int32Array(m.control), budgets);
          port.postMessage({ op: 'expand', report } satisfies HelperReply, buffersOf(report));
        } else if (m.op === 'adopt' || m.op === 'replay') {
          if (m.op === 'adopt') search!.shard.adopt(m.ranks);
          else search!.shard.replay(m.paths, m.ranks);
          port.postMessage({ op: m.op, transitions: search!.shard.frontierTransitions } as HelperReply);
        } else if (m.op === 'clear') {
          search!.shard.clear();
          port.postMessage({ op: 'clear', vacuity: search!.vacuity.result() } satisfies HelperReply);
          search = undefined;
          set = undefined;
        } else {
          port.postMessage({ op: 'end' } satisfies HelperReply);
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
function portLink(ports: readonly MessagePort[], vacuity: PositionedVacuity[]): HelperLink & { scope(rung: number | null): Promise<unknown>; end(): Promise<unknown> } {
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
    scope: (rung) => ask(each({ op: 'scope', rung })),
    end: async () => {
      await ask(each({ op: 'end' }));
      for (const p of ports) p.close();
    },
  };
}

/**
 * Check `property` exhaustively with the helpers on `ports`: the report checkOne (core/check/
 * check.ts) gives for it in one thread, or undefined past the memory budget (check it in one
 * thread then). On the exhaustive ladder (`options.scopes`) each rung is one search split over
 * the threads, climbed as checkOne climbs (core/check/climb.ts).
 */
export async function checkSplit(
  model: Model,
  property: Property<any>,
  options: Pick<CheckOptions, 'depth' | 'maxStates' | 'timeLimitMs' | 'scopes'>,
  ports: readonly MessagePort[],
  budgets: ThreadBudgets,
): Promise<PropertyReport | undefined> {
  const t0 = performance.now();
  // Each search's vacuity records (this thread's and the helpers'), its depths moved past the
  // searches before it: folded in (search, depth, key) order, as one thread meets the steps.
  const records: PositionedVacuity[] = [];
  const link = portLink(ports, records);
  let interrupted = false;
  const shouldStop = () => {
    const stop = budgets.shouldStop();
    if (stop === 'interrupted') interrupted = true;
    return stop;
  };
  // Where the search under way is (this thread's shard and its vacuity record read it).
  const at: StepPosition = { depth: -1, key: 0, replaying: false };
  const search = async (rung: number | null, scoped: Model, judged: Property<any>, maxStates: number, recorded: ReturnType<typeof recordVacuityAt>) => {
    const first = records.length;
    await link.scope(rung);
    const r = await parallelExhaustiveCheck(scoped, { depth: options.depth, maxStates, shouldStop, memoryExceeded: budgets.memoryExceeded }, new ExhaustiveShard(scoped, judged, at), link);
    records.push(recorded.result());
    for (let i = first; i < records.length; i++) records[i] = inSearch(records[i], rung ?? 0);
    return r;
  };
  let climbed: Climbed | undefined;
  if (options.scopes?.length) {
    // The climb narrows a property that records vacuity for the search under way (`current`).
    let current = recordVacuityAt(property, at);
    const recording: Property<any> = { ...property, init: (m, w) => current.property.init(m, w), step: (st, ctx) => current.property.step(st, ctx), key: (st) => property.key(st) };
    climbed = await climbAsync(model, recording, options.scopes, options.maxStates, async (s) => {
      current = recordVacuityAt(property, at);
      return search(s.index, s.model, s.property, s.maxStates, current);
    });
  } else {
    const mine = recordVacuityAt(property, at);
    const r = await search(null, model, mine.property, options.maxStates, mine);
    climbed = r && { r, ladder: {} };
  }
  // Not after a throw (the user's property): a helper that threw has closed its port.
  await link.end();
  if (!climbed) return undefined;
  const { r, ladder } = climbed;
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
    reason: searchReason(r),
    vacuous: vacuityReason !== null,
    vacuityReason,
    interrupted: r.verdict === 'unknown' && (interrupted || !!r.reason?.startsWith('interrupted')),
    counterexample: r.actions ? counterexample(model, property, r.actions, r.message!, null) : null,
    ...ladder,
  };
}
