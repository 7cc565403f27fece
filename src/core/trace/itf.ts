// A trace in the Informal Trace Format (ITF, as Apalache and Quint read it): one state per step
// with the variables a reader needs. PURE. Maps are ITF `#map`s; the clock is an integer (ms).

import { startWorld } from '../explore/runSchedule.js';
import type { Action } from '../world/action.js';
import { actionText } from '../world/action.js';
import type { Model } from '../world/model.js';
import { step } from '../world/step.js';
import type { World } from '../world/world.js';
import { describeMsg } from './describe.js';

type ItfValue = string | number | boolean | ItfValue[] | { '#map': [ItfValue, ItfValue][] } | { [k: string]: ItfValue };

const map = (entries: [string, ItfValue][]): ItfValue => ({ '#map': entries.sort((a, b) => (a[0] < b[0] ? -1 : 1)) });

function stateOf(w: World, i: number, action: string): { [k: string]: ItfValue } {
  const actors = w.actors.entries();
  const pick = (kind: string) => actors.filter(([id]) => id.startsWith(`${kind}|`));
  return {
    '#meta': { index: i },
    t: w.now,
    action,
    hostAt: map(Object.entries(w.hostAt)),
    registrations: map(pick('ms').map(([id, s]) => [`${id.split('|')[1]} ${id.split('|')[2]}`, s.v === 'registered' ? (s.c.rlocs as string[]) : []])),
    dynEids: map(pick('dyn').map(([id, s]) => [`${id.split('|')[1]} ${id.split('|')[2]}`, s.v])),
    mapCaches: map(pick('mc').map(([id, s]) => [`${id.split('|')[1]} ${id.split('|')[2]}`, `${s.v}${s.c.rlocs?.length ? ` ${s.c.rlocs.join(',')}` : s.c.action ? ` ${s.c.action}` : ''}`])),
    inFlight: w.msgs.map(describeMsg),
  };
}

export function itfOf(model: Model, actions: readonly Action[], meta: Record<string, string>): ItfValue {
  let w = startWorld(model);
  const states = [stateOf(w, 0, 'init')];
  actions.forEach((a, i) => {
    w = step(model, w, a).world;
    states.push(stateOf(w, i + 1, actionText(a)));
  });
  return {
    '#meta': { format: 'ITF', 'format-description': 'https://apalache-mc.org/docs/adr/015adr-trace.html', source: 'roamcheck', ...meta },
    vars: ['t', 'action', 'hostAt', 'registrations', 'dynEids', 'mapCaches', 'inFlight'],
    states,
  };
}
