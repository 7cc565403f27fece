// worldKey: a canonical fingerprint of a World for deduplication in exhaustive search.
// PURE. Independent of the order actors, timers and messages were created in, and of the ids
// given to messages and packets (two worlds that differ only in numbering are the same state).

import type { Bounds } from '../scenario.js';
import type { Msg, World } from './world.js';

/** `bounds`: leave out spent-budget counters whose budget is unlimited (they cannot change what happens next). */
export function worldKey(w: World, bounds?: Bounds): string {
  const actors = Object.keys(w.actors)
    .sort()
    .map((id) => `${id}=${w.actors[id].v}${JSON.stringify(w.actors[id].c)}`)
    .join(';');
  const timers = w.timers
    .map((t) => `${t.key}@${t.deadline}`)
    .sort()
    .join(';');
  const msgs = w.msgs.map(msgKey).sort().join(';');
  const hosts = Object.keys(w.hostAt)
    .sort()
    .map((h) => `${h}@${w.hostAt[h]}`)
    .join(';');
  const queues = Object.keys(w.arpQueue)
    .sort()
    .map((k) => `${k}:${w.arpQueue[k].map((p) => `${p.src}>${p.dst}`).join(',')}`)
    .join(';');
  const u = w.used;
  const c = (n: number, limit: number | undefined) => (bounds && (limit ?? Infinity) === Infinity ? '' : String(n));
  const used = bounds
    ? [c(u.moves, bounds.moves), c(u.losses, bounds.losses), c(u.duplicates, bounds.duplicates), c(u.reboots, bounds.reboots), c(u.spoofs, bounds.spoofs), c(u.timerExpiries, bounds.timerExpiries), c(u.sends, bounds.sends), c(u.garps, bounds.garps)]
    : [u.moves, u.losses, u.duplicates, u.reboots, u.spoofs, u.timerExpiries, u.sends, u.garps];
  return `${w.now}|${w.epoch}|${actors}|${timers}|${msgs}|${hosts}|${queues}|${used.join(',')}`;
}

/** A message without its id (and its packet without the packet id). */
function msgKey(m: Msg): string {
  const { id: _id, ...rest } = m;
  if ('pkt' in rest) {
    const { id: _pid, ...pkt } = rest.pkt;
    return JSON.stringify({ ...rest, pkt });
  }
  return JSON.stringify(rest);
}
