// Scripted environment actions for `simulate --do` (DESIGN.md §6), parsed against a model.
// PURE. A bad action is a Diagnostic (RC101), never a throw.

import { diag, type Diagnostic } from '../diagnostic.js';
import { LIMITS } from '../limits.js';
import { parseDecimal } from '../parseDecimal.js';
import { attachmentKey } from '../world/topology.js';
import type { Model } from '../world/model.js';
import type { MsgType } from '../world/world.js';

export type ScriptOp =
  | { op: 'send'; src: string; dst: string }
  | { op: 'move'; host: string; to: string }
  | { op: 'wait'; seconds: number }
  | { op: 'garp'; host: string }
  | { op: 'drop'; msgType: MsgType };

export const DROPPABLE: readonly MsgType[] = ['map-register', 'map-notify', 'map-notify-ack', 'map-request', 'smr', 'map-reply', 'data', 'ip', 'frame', 'arp', 'probe', 'probe-reply'];

const USAGE = 'expected one of: send SRC DST | move HOST ROUTER [IFACE] | wait SECONDS | garp HOST | drop TYPE';

export function parseScriptOp(model: Model, text: string): ScriptOp | Diagnostic {
  const words = text.trim().split(/\s+/).filter(Boolean);
  const bad = (message: string, hint = USAGE) => diag('error', 'RC101', `--do "${text}": ${message}`, { hint });
  const topo = model.topo;
  const endpoint = (n: string) => topo.hosts.has(n) || topo.clients.has(n);
  const names = () => [...topo.hosts.keys(), ...topo.clients.keys()].join(', ');
  switch (words[0]) {
    case 'send':
      if (words.length !== 3) return bad('"send" takes a source and a destination');
      if (!endpoint(words[1])) return bad(`unknown host "${words[1]}"`, `hosts and clients: ${names()}`);
      if (!endpoint(words[2])) return bad(`unknown host "${words[2]}"`, `hosts and clients: ${names()}`);
      if (topo.clients.has(words[1]) && topo.clients.has(words[2])) return bad('both ends are clients outside the LISP sites');
      if (words[1] === words[2]) return bad('a host cannot send to itself');
      return { op: 'send', src: words[1], dst: words[2] };
    case 'move': {
      if (words.length < 3) return bad('"move" takes a host, a router and optionally an interface');
      const h = topo.hosts.get(words[1]);
      if (!h) return bad(`unknown host "${words[1]}"`, `hosts: ${[...topo.hosts.keys()].join(', ')}`);
      const r = topo.routers.get(words[2]);
      if (!r) return bad(`unknown router "${words[2]}"`, `routers: ${[...topo.routers.keys()].join(', ')}`);
      const iface = words.slice(3).join(' ');
      const candidates = r.ifaces.filter((i) => (iface ? i.name === iface : i.segment !== undefined));
      if (candidates.length === 0) return bad(iface ? `router ${r.name} has no interface "${iface}" on a host segment` : `router ${r.name} has no host segment`);
      if (candidates.length > 1) return bad(`router ${r.name} has several host segments`, `name one: ${candidates.map((i) => i.name).join(', ')}`);
      return { op: 'move', host: h.name, to: attachmentKey({ router: r.name, iface: candidates[0].name }) };
    }
    case 'wait': {
      // Capped: a wait of 1e9 s would fire every periodic timer millions of times.
      const s = words.length === 2 ? parseDecimal(words[1], { min: 0, max: LIMITS.waitSeconds, fraction: true }) : undefined;
      if (s === undefined) return bad(`"wait" takes a number of seconds from 0 to ${LIMITS.waitSeconds}`, 'e.g. wait 30');
      return { op: 'wait', seconds: s };
    }
    case 'garp':
      if (words.length !== 2 || !topo.hosts.has(words[1])) return bad(`unknown host "${words[1] ?? ''}"`, `hosts: ${[...topo.hosts.keys()].join(', ')}`);
      return { op: 'garp', host: words[1] };
    case 'drop':
      if (words.length !== 2 || !DROPPABLE.includes(words[1] as MsgType)) return bad(`unknown message type "${words[1] ?? ''}"`, `types: ${DROPPABLE.join(', ')}`);
      return { op: 'drop', msgType: words[1] as MsgType };
    default:
      return bad(`unknown action "${words[0] ?? ''}"`);
  }
}
