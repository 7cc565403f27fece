// no-blackhole-after-smr (DESIGN.md §3; PROTOCOL.md §1.5, §4 I3, F4–F6): once an ITR/PITR has
// installed the mapping from the Map-Reply to its SMR-invoked Map-Request, every packet it
// encapsulates to that EID is delivered, until the EID moves again.

import { defineProperty, unchangedResults } from '../src/core/properties/property.js';
import { isForgivenDrop } from '../src/core/properties/quiet.js';
import { parseActorId } from '../src/core/world/model.js';

interface S {
  /** Some host has moved (for the vacuity reason only; not in the key). */
  moved?: boolean;
  /** `itr>eid` pairs whose SMR-invoked mapping is installed (sorted). */
  armed: string[];
  /** Packets encapsulated under an armed pair: `id:itr>eid`. */
  watched: string[];
}

/** This monitor's results by state and `judged`, made once for the last state (property.ts unchangedResults). */
const unchanged = unchangedResults<S>();

export const noBlackholeAfterSmr = defineProperty<S>({
  id: 'no-blackhole-after-smr',
  description: 'Once an ITR/PITR has installed the mapping from the reply to its SMR-invoked Map-Request, every packet it encapsulates to that EID is delivered until the EID moves again.',
  reference: 'PROTOCOL.md §1.5 (SMR procedure), §4 (I3; F4, F5, F6); RFC 6830 §6.6.2',
  kind: 'safety',
  // Every host judged alike, the state plain data: searched under symmetry reduction (Property.symmetric).
  symmetric: true,
  // `moved` present from the start (undefined: no host moved), so every state has one shape.
  init: () => ({ moved: undefined, armed: [], watched: [] }),
  step(s, { model, obs }) {
    let { armed, watched, moved } = s;
    let judged = false;
    for (const o of obs) {
      if (o.kind === 'note' && o.note === 'installed' && o.actor.startsWith('mc|') && o.data.viaSmr === true) {
        const { owner, ip } = parseActorId(o.actor);
        armed = [...new Set([...armed, `${owner}>${ip}`])].sort();
      } else if (o.kind === 'moved') {
        moved = true;
        const ip = model.topo.hosts.get(o.host)!.eid;
        armed = armed.filter((a) => !a.endsWith(`>${ip}`));
        watched = watched.filter((w) => !w.endsWith(`>${ip}`));
      } else if (o.kind === 'encap' && armed.includes(`${o.itr}>${o.eid}`)) {
        watched = [...watched, `${o.pkt.id}:${o.itr}>${o.eid}`];
      } else if (o.kind === 'fate') {
        // Every packet meets its fate, and mostly none is watched: no closure and id text for it then.
        if (watched.length === 0) continue;
        const w = watched.find((x) => x.startsWith(`${o.pkt.id}:`));
        if (!w) continue;
        watched = watched.filter((x) => x !== w);
        if (o.fate === 'delivered') judged = true;
        else if (!isForgivenDrop(o.reason)) {
          const itr = w.slice(w.indexOf(':') + 1, w.indexOf('>'));
          return {
            state: { moved, armed, watched },
            judged: true,
            violation: `${itr} installed ${o.pkt.dstIp} from its SMR-invoked Map-Request, yet packet ${o.pkt.src} -> ${o.pkt.dst} it encapsulated was dropped at ${o.at}: ${o.reason}`,
          };
        }
      }
    }
    // Nothing changed (most steps): the state itself, which the vacuity watch reads once.
    if (moved === s.moved && armed === s.armed && watched === s.watched) return unchanged(s, judged);
    return { state: { moved, armed, watched }, judged };
  },
  // Partial-order reduction (Property.ignores): no observation above would change the state.
  ignores(s, { obs }) {
    for (const o of obs) {
      if (o.kind === 'moved' || (o.kind === 'note' && o.note === 'installed' && o.actor.startsWith('mc|') && o.data.viaSmr === true)) return false;
      if (o.kind === 'encap' && s.armed.includes(`${o.itr}>${o.eid}`)) return false;
      if (o.kind === 'fate' && s.watched.some((x) => x.startsWith(`${o.pkt.id}:`))) return false;
    }
    return true;
  },
  // `moved` only feeds the vacuity reason, which never changes a verdict: left out of the key.
  key: (s) =>
    `${s.armed.join(',')}/${s.watched
      .map((w) => w.slice(w.indexOf(':') + 1))
      .sort()
      .join(',')}`,
  vacuity: (s) => {
    if (s.armed.length > 0) return { stage: 2, reason: 'no packet was encapsulated under an SMR-invoked mapping' };
    if (s.moved) return { stage: 1, reason: 'no SMR-invoked mapping installed' };
    return { stage: 0, reason: 'no host moved' };
  },
});
