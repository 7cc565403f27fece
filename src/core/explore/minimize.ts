// Minimise a failing schedule further than fast-check's shrinker can: drop single actions while
// the violation still happens. PURE and deterministic.
// Why: fast-check shrinks the list of *choices*; deleting one choice shifts the meaning of the
// ones after it. Here messages are named by content instead of id, so deleting an action keeps
// the later ones meaning what they meant (delta debugging over a portable action list).

import type { Property } from '../properties/property.js';
import type { Action } from '../world/action.js';
import { enabledActions } from '../world/enabled.js';
import type { Model } from '../world/model.js';
import { step } from '../world/step.js';
import type { Msg, World } from '../world/world.js';
import { sameAction } from '../world/action.js';
import { startWorld } from './runSchedule.js';

/** An action whose message (if any) is named by content and occurrence, not by id. */
type Portable = { action: Action; msg?: string; nth?: number };

function content(m: Msg): string {
  const { id: _id, ...rest } = m;
  if ('pkt' in rest) {
    const { id: _p, ...pkt } = rest.pkt;
    return JSON.stringify({ ...rest, pkt });
  }
  return JSON.stringify(rest);
}

function toPortable(w: World, a: Action): Portable {
  if (a.type !== 'msg.deliver' && a.type !== 'msg.drop' && a.type !== 'msg.duplicate') return { action: a };
  const m = w.msgs.find((x) => x.id === a.id)!;
  const c = content(m);
  const nth = w.msgs.filter((x) => x.id < a.id && content(x) === c).length;
  return { action: a, msg: c, nth };
}

function resolve(w: World, p: Portable): Action | undefined {
  if (p.msg === undefined) return p.action;
  const m = w.msgs.filter((x) => content(x) === p.msg)[p.nth ?? 0];
  return m ? ({ ...p.action, id: m.id } as Action) : undefined;
}

/**
 * Replay portable actions, skipping any that no longer apply (a delivery of a message that a
 * removed action would have sent): removing one action removes its consequences with it.
 * Returns the concrete actions up to and including the first violation, or null.
 */
function replay(model: Model, property: Property<any>, list: readonly Portable[]): { actions: Action[]; portable: Portable[] } | null {
  let w = startWorld(model);
  let mon = property.init(model, w);
  const actions: Action[] = [];
  const portable: Portable[] = [];
  for (let i = 0; i < list.length; i++) {
    const a = resolve(w, list[i]);
    if (!a || !enabledActions(model, w).some((e) => sameAction(e, a))) continue;
    const before = w;
    const r = step(model, w, a, false);
    w = r.world;
    actions.push(a);
    portable.push(toPortable(before, a));
    const m = property.step(mon, { model, index: actions.length - 1, action: a, before, after: w, obs: r.obs });
    mon = m.state;
    if (m.violation) return { actions, portable };
  }
  return null;
}

/** Remove actions one at a time (last first) until no single removal keeps the violation. */
export function minimizeSchedule(model: Model, property: Property<any>, actions: readonly Action[]): Action[] {
  let w = startWorld(model);
  let list: Portable[] = [];
  for (const a of actions) {
    list.push(toPortable(w, a));
    w = step(model, w, a, false).world;
  }
  let best = replay(model, property, list);
  if (!best) return actions.slice();
  list = best.portable;
  for (let changed = true; changed; ) {
    changed = false;
    for (let i = list.length - 1; i >= 0; i--) {
      const r = replay(model, property, [...list.slice(0, i), ...list.slice(i + 1)]);
      if (r && r.actions.length < list.length) {
        best = r;
        list = r.portable;
        changed = true;
      }
    }
  }
  return best.actions;
}
