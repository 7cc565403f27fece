// The registry facts single-authoritative-rloc judges (PROTOCOL.md §4 I1, I2, I5), for a whole
// World, kept with its actor table and derived from the step's before (issue 9). PURE: a memo
// per model and World, a function of the World alone, so which worlds were seen first changes
// nothing.
// A step changes a few actors and moves at most a few hosts; only those hosts are looked at
// again, so a step costs O(changed hosts x routers), not O(hosts x routers).

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

/** One host's share of the facts that depend on its actors alone. */
interface HostFacts {
  held: number;
  /** Servers (positions) whose record of the host is split. */
  split: number[];
  multiLocal: boolean;
}

/** The facts of one world: kept on its actor table (ActorTable.remember), for the `hostAt` they were read with. */
interface Kept extends RegistryFacts {
  hostAt: World['hostAt'];
}

/**
 * Worlds that share an actor table differ at most in where hosts are (a move that changed no
 * machine): a table keeps the facts of the first world it was read with and of the last few
 * others, most recent first. Siblings of a search, each moving another host, come and go; the
 * first stays (a run's start world, shared by every run).
 */
const KEEP = 4;

function keep(ix: MonitorIndex, w: World, f: RegistryFacts): Kept {
  // The facts of the step's before when nothing they read changed (most steps): kept as they are.
  // Else field by field, not a spread of `f` (itself a Kept or a bare RegistryFacts): one shape (issue 9).
  const k: Kept = (f as Partial<Kept>).hostAt === w.hostAt ? (f as Kept) : { held: f.held, split: f.split, multiLocal: f.multiLocal, misplaced: f.misplaced, hostAt: w.hostAt };
  const list = w.actors.derived(ix) as readonly Kept[] | undefined;
  w.actors.remember(ix, list === undefined ? [k] : [list[0], k, ...list.slice(1, KEEP - 1)]);
  return k;
}

/** The facts of `after`, derived from those of `before` by the actors and hosts the step changed. */
export function registryFacts(model: Model, before: World, after: World): RegistryFacts {
  const ix = monitorIndex(model);
  const list = after.actors.derived(ix) as readonly Kept[] | undefined;
  const known = list && keptFor(list, after.hostAt);
  if (known !== undefined) return known;
  const prev = factsOf(model, ix, before);
  const ids = changedActorIds(before, after);
  const moved = movedHosts(before.hostAt, after.hostAt, ix.hosts);
  return keep(ix, after, ids.length === 0 && moved.length === 0 ? prev : update(model, ix, prev, before, after, ids, moved));
}

/**
 * The facts of a world met as a step's before: kept; else derived from those of another world of
 * the same actor table (only hosts moved); else read host by host (a table never read: a world
 * rebuilt, or received from elsewhere).
 */
function factsOf(model: Model, ix: MonitorIndex, w: World): Kept {
  const list = w.actors.derived(ix) as readonly Kept[] | undefined;
  if (list === undefined) return keep(ix, w, scan(model, ix, w));
  const known = keptFor(list, w.hostAt);
  if (known !== undefined) return known;
  return keep(ix, w, update(model, ix, list[0], w, w, [], movedHosts(list[0].hostAt, w.hostAt, ix.hosts)));
}

/** The facts kept for `hostAt` (a loop, not a find with a closure: asked at every step). */
function keptFor(list: readonly Kept[], hostAt: World['hostAt']): Kept | undefined {
  for (const k of list) if (k.hostAt === hostAt) return k;
  return undefined;
}

/** Every host looked at (a world met without its before: a run's first, or one from elsewhere). */
function scan(model: Model, ix: MonitorIndex, w: World): RegistryFacts {
  const f = { held: 0, split: [] as number[], multiLocal: [] as number[], misplaced: [] as number[] };
  const n = ix.hosts.length;
  for (let i = 0; i < n; i++) {
    const h = recordFacts(model, ix, w, i);
    f.held += h.held;
    for (const s of h.split) f.split.push(s * n + i);
    if (h.multiLocal) f.multiLocal.push(i);
    if (isMisplaced(model, ix, w, i)) f.misplaced.push(i);
  }
  f.split.sort((a, b) => a - b);
  return f;
}

/**
 * `prev`, the facts of `before`, brought to `after`, which differs from it in the actors `ids` and
 * the attachments of the hosts `moved` (at least). Each fact is changed only by what it reads:
 * a record's `held` and `split` by that record; a host's `multiLocal` by an xTR of it starting or
 * ceasing to hold it as local; `misplaced` by the host's records or its attachment. Most changed
 * actors change none (a map-cache, an ARP entry, a registration refreshed): then `prev` itself.
 */
function update(model: Model, ix: MonitorIndex, prev: RegistryFacts, before: World, after: World, ids: readonly string[], moved: readonly string[]): RegistryFacts {
  const n = ix.hosts.length;
  let held = prev.held;
  let split = prev.split;
  /** Hosts an xTR started or ceased to hold as local, and hosts whose placement is read again. */
  let recount: number[] | undefined;
  let replace: number[] | undefined;
  for (const id of ids) {
    const dyn = ix.dyn.get(id);
    if (dyn !== undefined) {
      if (isLocal(before, id) !== isLocal(after, id)) (recount ??= []).push(...dyn.hosts);
      continue;
    }
    const ms = ix.ms.get(id);
    if (ms === undefined) continue;
    const was: readonly string[] | undefined = before.actors.get(id)?.c.rlocs;
    const is: readonly string[] | undefined = after.actors.get(id)?.c.rlocs;
    const isSplit = isSplitRecord(model, is);
    for (const i of ms.hosts) {
      held += (is?.length ? 1 : 0) - (was?.length ? 1 : 0);
      const k = ms.server * n + i;
      if (split.includes(k) !== isSplit) split = isSplit ? [...split, k].sort(ascending) : split.filter((x) => x !== k);
      (replace ??= []).push(i);
    }
  }
  for (const name of moved) (replace ??= []).push(ix.hostIndex.get(name)!);
  let multiLocal = prev.multiLocal;
  if (recount !== undefined) {
    for (const i of recount) {
      const is = localHolders(ix, after, i) > 1;
      if (multiLocal.includes(i) !== is) multiLocal = is ? [...multiLocal, i].sort(ascending) : multiLocal.filter((x) => x !== i);
    }
  }
  let misplaced = prev.misplaced;
  if (replace !== undefined) {
    for (const i of replace) {
      const is = isMisplaced(model, ix, after, i);
      if (misplaced.includes(i) !== is) misplaced = is ? [...misplaced, i].sort(ascending) : misplaced.filter((x) => x !== i);
    }
  }
  if (held === prev.held && split === prev.split && multiLocal === prev.multiLocal && misplaced === prev.misplaced) return prev;
  return { held, split, multiLocal, misplaced };
}

/** Whether a record's RLOCs are of more than one router (I1). */
function isSplitRecord(model: Model, rlocs: readonly string[] | undefined): boolean {
  if (!rlocs || rlocs.length < 2) return false;
  const owner = model.topo.owner;
  const first = owner.get(rlocs[0]) ?? rlocs[0];
  for (let j = 1; j < rlocs.length; j++) if ((owner.get(rlocs[j]) ?? rlocs[j]) !== first) return true;
  return false;
}

function isLocal(w: World, id: string): boolean {
  return LOCAL_STATES.has(w.actors.get(id)?.v ?? 'absent');
}

/** How many xTRs hold host `i` as local. */
function localHolders(ix: MonitorIndex, w: World, i: number): number {
  let local = 0;
  for (const id of ix.dynIds[i]) if (isLocal(w, id)) local++;
  return local;
}

const ascending = (a: number, b: number) => a - b;

/** What the monitor's full evaluation reads of host `i`'s records and local holders (properties/singleAuthoritativeRloc.ts). */
function recordFacts(model: Model, ix: MonitorIndex, w: World, i: number): HostFacts {
  const f: HostFacts = { held: 0, split: [], multiLocal: false };
  const msIds = ix.msIds[i];
  for (let s = 0; s < msIds.length; s++) {
    const rlocs: string[] | undefined = w.actors.get(msIds[s])?.c.rlocs;
    if (!rlocs?.length) continue;
    f.held++;
    if (isSplitRecord(model, rlocs)) f.split.push(s);
  }
  f.multiLocal = localHolders(ix, w, i) > 1;
  return f;
}

/** Whether host `i`'s judging Map-Server does not point to exactly the xTR it is attached to. */
function isMisplaced(model: Model, ix: MonitorIndex, w: World, i: number): boolean {
  const router = ix.routerAt(w.hostAt[ix.hosts[i].name]);
  const judge = ix.judgeOf(router);
  if (judge === undefined) return false;
  const reg = w.actors.get(ix.msIds[i][judge]);
  // Exactly one RLOC, owned by (or named) `router`: read in place rather than through a mapped
  // copy, whose empty and non-empty arrays are two hidden classes to every read of it (issue 9).
  if (reg?.v !== 'registered') return true;
  const rlocs: readonly string[] = reg.c.rlocs;
  return !(rlocs.length === 1 && (model.topo.owner.get(rlocs[0]) ?? rlocs[0]) === router);
}
