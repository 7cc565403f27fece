// What one step changed in the world, for monitors that re-evaluate only that (issue 9). PURE.
// Worlds are immutable and a step's after shares all it did not touch with its before: the actor
// tables by subtree (actorTable.ts changedIds), `hostAt` by object until a host moves (a move
// records the `hostAt` it was made from: hostsAt.ts parentHostAt).

import { ActorTable } from '../world/actorTable.js';
import { parentHostAt } from '../world/hostsAt.js';
import type { World } from '../world/world.js';

const changed = new WeakMap<World, { before: World; ids: readonly string[] }>();

/** Ids of the actors whose machine state differs between `before` and `after` (each once, any order). */
export function changedActorIds(before: World, after: World): readonly string[] {
  const known = changed.get(after);
  if (known !== undefined && known.before === before) return known.ids;
  const ids = before.actors === after.actors ? [] : ActorTable.changedIds(before.actors, after.actors);
  changed.set(after, { before, ids });
  return ids;
}

/** Moves a `hostAt` is followed back through before it is compared host by host. */
const CHAIN = 16;

/**
 * Hosts whose attachment may differ between `before` and `after` (every host that does is named;
 * a host moved back where it was may be named too). `hosts` is the model's host names, read only
 * when the two `hostAt`s are not linked by moves.
 */
export function movedHosts(before: World, after: World, hosts: readonly { name: string }[]): readonly string[] {
  if (before.hostAt === after.hostAt) return [];
  const out: string[] = [];
  let at = after.hostAt;
  for (let i = 0; i < CHAIN; i++) {
    const parent = parentHostAt(at);
    if (parent === undefined) break;
    out.push(parent.host);
    if (parent.prev === before.hostAt) return out;
    at = parent.prev;
  }
  return hosts.filter((h) => before.hostAt[h.name] !== after.hostAt[h.name]).map((h) => h.name);
}
