// A trace as a message sequence: who sent what to whom at each step, what each node noted, and
// every packet's fate. PURE. Re-runs the actions on the model (the trace file itself stays small).

import type { Action } from '../world/action.js';
import type { Model } from '../world/model.js';
import { step } from '../world/step.js';
import { describeAction, describeMsg } from './describe.js';
import { msgEnds } from './snapshot.js';
import { startWorld } from '../explore/runSchedule.js';
import type { World } from '../world/world.js';

export type SeqEvent = { kind: 'msg'; from: string; to: string; label: string; lost: boolean; t: number } | { kind: 'note'; over: string; label: string; t: number };

export interface Sequence {
  participants: string[];
  events: SeqEvent[];
  /** Index of the step each event belongs to. */
  stepOf: number[];
}

function actor(model: Model, w: World, a: Action): string {
  switch (a.type) {
    case 'host.move':
    case 'host.garp':
      return a.host;
    case 'hosts.move':
      return a.moves[0].host;
    case 'host.send':
      return a.src;
    case 'xtr.reboot':
    case 'ms.restart':
      return a.router;
    case 'timer.expire': {
      const owner = (w.timers.find((t) => t.key === a.key)?.actor ?? a.key).split('|')[1] ?? '';
      return owner.startsWith('h:') ? owner.slice(2) : owner.startsWith('r:') ? owner.slice(2, owner.indexOf('@')) : owner;
    }
    case 'spoof.register':
      return 'attacker';
    default:
      return [...model.topo.routers.keys()][0];
  }
}

export function sequenceOf(model: Model, actions: readonly Action[]): Sequence {
  let w = startWorld(model);
  const events: SeqEvent[] = [];
  const stepOf: number[] = [];
  const seen = new Set<string>();
  const push = (e: SeqEvent, i: number) => {
    events.push(e);
    stepOf.push(i);
    if (e.kind === 'msg') for (const p of [e.from, e.to]) seen.add(p);
    else seen.add(e.over);
  };
  actions.forEach((a, i) => {
    const t = w.now / 1000;
    if (a.type === 'msg.deliver' || a.type === 'msg.drop' || a.type === 'msg.duplicate') {
      const m = w.msgs.find((x) => x.id === a.id);
      if (m) {
        const [from, to] = msgEnds(model, m);
        push({ kind: 'msg', from, to, label: `${a.type === 'msg.duplicate' ? 'DUPLICATED ' : ''}${describeMsg(m)}`, lost: a.type === 'msg.drop', t }, i);
      }
    } else if (a.type !== 'clock.wait') {
      push({ kind: 'note', over: actor(model, w, a), label: describeAction(w, a), t }, i);
    }
    const r = step(model, w, a);
    for (const o of r.obs) {
      if (o.kind === 'fate') push({ kind: 'note', over: o.at, label: `${o.pkt.src} -> ${o.pkt.dst} ${o.fate}${o.reason ? ` (${o.reason})` : ''}`, t: r.world.now / 1000 }, i);
    }
    w = r.world;
  });
  // Endpoints first, then routers, in a stable order.
  const order = [...model.topo.clients.keys(), ...[...model.topo.routers.keys()].sort(), ...model.topo.hosts.keys()];
  const participants = [...order.filter((p) => seen.has(p)), ...[...seen].filter((p) => !order.includes(p)).sort()];
  return { participants, events, stepOf };
}
