// The registry facts single-authoritative-rloc judges (PROTOCOL.md §4 I1, I2, I5), for a whole
// World, kept per World and derived from the step's before (issue 9). PURE: a memo per model and
// World object, a function of the World alone, so which worlds were seen first changes nothing.
// A step changes a few actors and moves at most a few hosts; only those hosts are looked at
// again, so a step costs O(changes x routers), not O(hosts x routers).

import type { World } from '../world/world.js';
import type { Model } from '../world/model.js';
import { monitorIndex, type MonitorIndex } from './monitorIndex.js';
import { changedActorIds, movedHosts } from './worldChanges.js';

/** Machine states in which an xTR holds a host as local (dynEidMachine.ts). */
export const LOCAL_STATES: ReadonlySet<string> = new Set(['registering', 'registered']);

export interface RegistryFacts {
  /** Map-Server records (server x host of the model) that name some RLOC, whatever their state. */
  held: number;
  /** Records naming RLOCs of more than one router (I1), as server * hosts + host, ascending. */
  split: readonly number[];
  /** Hosts more than one xTR holds as local (I2), positions in model order, ascending. */
  multiLocal: readonly number[];
  /**
   * Hosts whose judging Map-Server (the one their xTR registers with, else the first) does not
   * point to exactly the xTR they are attached to (I5), ascending.
   */
  misplaced: readonly number[];
}

/** One host's share of the facts. */
interface HostFacts {
  held: number;
  /** Servers (positions) whose record of the host is split. */
  split: number[];
  multiLocal: boolean;
  misplaced: boolean;
}

const memos = new WeakMap<Model, WeakMap<World, RegistryFacts>>();

/** The facts of `after`, derived from those of `before` by the actors and hosts the step changed. */
export function registryFacts(model: Model, before: World, after: World): RegistryFacts {
  let memo = memos.get(model);
  if (memo === undefined) {
    memo = new WeakMap();
    memos.set(model, memo);
  }
  const known = memo.get(after);
  if (known !== undefined) return known;
  const ix = monitorIndex(model);
  let prev = memo.get(before);
  if (prev === undefined) {
    prev = scan(model, ix, before);
    memo.set(before, prev);
  }
  const touched = new Set<number>();
  for (const id of changedActorIds(before, after)) {
    const hosts = ix.dyn.get(id)?.hosts ?? ix.ms.get(id)?.hosts;
    if (hosts !== undefined) for (const i of hosts) touched.add(i);
  }
  for (const name of movedHosts(before, after, ix.hosts)) touched.add(ix.hostIndex.get(name)!);
  const facts = touched.size === 0 ? prev : update(model, ix, prev, before, after, touched);
  memo.set(after, facts);
  return facts;
}

/** Every host looked at (a world met without its before: a run's first, or one from elsewhere). */
function scan(model: Model, ix: MonitorIndex, w: World): RegistryFacts {
  const f = { held: 0, split: [] as number[], multiLocal: [] as number[], misplaced: [] as number[] };
  const n = ix.hosts.length;
  for (let i = 0; i < n; i++) {
    const h = hostFacts(model, ix, w, i);
    f.held += h.held;
    for (const s of h.split) f.split.push(s * n + i);
    if (h.multiLocal) f.multiLocal.push(i);
    if (h.misplaced) f.misplaced.push(i);
  }
  f.split.sort((a, b) => a - b);
  return f;
}

function update(model: Model, ix: MonitorIndex, prev: RegistryFacts, before: World, after: World, touched: ReadonlySet<number>): RegistryFacts {
  const n = ix.hosts.length;
  let held = prev.held;
  const split = prev.split.filter((k) => !touched.has(k % n));
  const multiLocal = prev.multiLocal.filter((i) => !touched.has(i));
  const misplaced = prev.misplaced.filter((i) => !touched.has(i));
  for (const i of touched) {
    held -= hostFacts(model, ix, before, i).held;
    const h = hostFacts(model, ix, after, i);
    held += h.held;
    for (const s of h.split) split.push(s * n + i);
    if (h.multiLocal) multiLocal.push(i);
    if (h.misplaced) misplaced.push(i);
  }
  const up = (a: number, b: number) => a - b;
  return { held, split: split.sort(up), multiLocal: multiLocal.sort(up), misplaced: misplaced.sort(up) };
}

/** What the monitor's full evaluation reads of host `i` (properties/singleAuthoritativeRloc.ts). */
function hostFacts(model: Model, ix: MonitorIndex, w: World, i: number): HostFacts {
  const owner = model.topo.owner;
  const f: HostFacts = { held: 0, split: [], multiLocal: false, misplaced: false };
  const msIds = ix.msIds[i];
  for (let s = 0; s < msIds.length; s++) {
    const rlocs: string[] | undefined = w.actors.get(msIds[s])?.c.rlocs;
    if (!rlocs?.length) continue;
    f.held++;
    if (new Set(rlocs.map((r) => owner.get(r) ?? r)).size > 1) f.split.push(s);
  }
  let local = 0;
  for (const id of ix.dynIds[i]) if (LOCAL_STATES.has(w.actors.get(id)?.v ?? 'absent')) local++;
  f.multiLocal = local > 1;
  const router = w.hostAt[ix.hosts[i].name].split(' ')[0];
  const judge = ix.judgeOf(router);
  if (judge !== undefined) {
    const reg = w.actors.get(msIds[judge]);
    const points = (reg?.v === 'registered' ? reg.c.rlocs : []).map((r: string) => owner.get(r) ?? r);
    f.misplaced = !(points.length === 1 && points[0] === router);
  }
  return f;
}
