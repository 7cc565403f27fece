// no-blackhole-after-smr (DESIGN.md §3; PROTOCOL.md §1.5, §4 I3, F4–F6): once an ITR/PITR has
// installed the mapping from the Map-Reply to its SMR-invoked Map-Request, every packet it
// encapsulates to that EID is delivered, until the EID moves again.

import { defineProperty } from '../src/core/properties/property.js';
import { isForgivenDrop } from '../src/core/properties/quiet.js';
import { parseActorId } from '../src/core/world/model.js';

interface S {
  /** `itr>eid` pairs whose SMR-invoked mapping is installed (sorted). */
  armed: string[];
  /** Packets encapsulated under an armed pair: `id:itr>eid`. */
  watched: string[];
}

export const noBlackholeAfterSmr = defineProperty<S>({
  id: 'no-blackhole-after-smr',
  description:
    'Once an ITR/PITR has installed the mapping from the reply to its SMR-invoked Map-Request, every packet it encapsulates to that EID is delivered until the EID moves again.',
  reference: 'PROTOCOL.md §1.5 (SMR procedure), §4 (I3; F4, F5, F6); RFC 6830 §6.6.2',
  kind: 'safety',
  init: () => ({ armed: [], watched: [] }),
  step(s, { model, obs }) {
    let { armed, watched } = s;
    for (const o of obs) {
      if (o.kind === 'note' && o.note === 'installed' && o.actor.startsWith('mc|') && o.data.viaSmr === true) {
        const { owner, ip } = parseActorId(o.actor);
        armed = [...new Set([...armed, `${owner}>${ip}`])].sort();
      } else if (o.kind === 'moved') {
        const ip = model.topo.hosts.get(o.host)!.eid;
        armed = armed.filter((a) => !a.endsWith(`>${ip}`));
        watched = watched.filter((w) => !w.endsWith(`>${ip}`));
      } else if (o.kind === 'encap' && armed.includes(`${o.itr}>${o.eid}`)) {
        watched = [...watched, `${o.pkt.id}:${o.itr}>${o.eid}`];
      } else if (o.kind === 'fate') {
        const w = watched.find((x) => x.startsWith(`${o.pkt.id}:`));
        if (!w) continue;
        watched = watched.filter((x) => x !== w);
        if (o.fate === 'dropped' && !isForgivenDrop(o.reason)) {
          const itr = w.slice(w.indexOf(':') + 1, w.indexOf('>'));
          return {
            state: { armed, watched },
            violation: `${itr} installed ${o.pkt.dstIp} from its SMR-invoked Map-Request, yet packet ${o.pkt.src} -> ${o.pkt.dst} it encapsulated was dropped at ${o.at}: ${o.reason}`,
          };
        }
      }
    }
    return { state: { armed, watched } };
  },
  key: (s) => `${s.armed.join(',')}/${s.watched.map((w) => w.slice(w.indexOf(':') + 1)).sort().join(',')}`,
});
