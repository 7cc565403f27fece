// What one step changed in the world, for monitors that re-evaluate only that (issue 9). PURE.
// Worlds are immutable and a step's after shares all it did not touch with its before: the actor
// tables by subtree (actorTable.ts changedIds), `hostAt` by object until a host moves (a move
// records the `hostAt` it was made from: hostsAt.ts parentHostAt).

import { ActorTable } from '../world/actorTable.js';
import { parentHostAt } from '../world/hostsAt.js';
import type { World } from '../world/world.js';

/** Ids of the actors whose machine state differs between `before` and `after` (each once, any order). */
export function changedActorIds(before: World, after: World): readonly string[] {
  if (before.actors === after.actors) return NONE;
  // Asked by each monitor that re-evaluates changed actors (registryFacts.ts, localDyns.ts) of
  // the same step: tables never change, so the last answer stands for the same two.
  if (before.actors !== lastFrom || after.actors !== lastTo) {
    lastIds = ActorTable.changedIds(before.actors, after.actors);
    lastFrom = before.actors;
    lastTo = after.actors;
  }
  return lastIds;
}

const NONE: readonly string[] = [];
let lastFrom: ActorTable | undefined;
let lastTo: ActorTable | undefined;
let lastIds: readonly string[] = NONE;

/** Moves a `hostAt` is followed back through before it is compared host by host. */
const CHAIN = 16;

/**
 * Hosts whose attachment may differ between two `hostAt`s (every host that does is named; a host
 * moved back where it was may be named too). `hosts` is the model's hosts, read only when the two
 * are not linked by moves.
 */
export function movedHosts(from: World['hostAt'], to: World['hostAt'], hosts: readonly { name: string }[]): readonly string[] {
  if (from === to) return NONE;
  const out: string[] = [];
  let at = to;
  for (let i = 0; i < CHAIN; i++) {
    const parent = parentHostAt(at);
    if (parent === undefined) break;
    out.push(parent.host);
    if (parent.prev === from) return out;
    at = parent.prev;
  }
  return hosts.filter((h) => from[h.name] !== to[h.name]).map((h) => h.name);
}
