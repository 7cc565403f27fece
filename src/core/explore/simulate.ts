// Scripted runs: environment actions with in-order delivery and due timers between them
// (DESIGN.md §6 `simulate`). PURE. The result is a trace: the actions taken and what each showed.

import type { Action } from '../world/action.js';
import { initialWorld } from '../world/initial.js';
import type { Model } from '../world/model.js';
import type { Observation } from '../world/observation.js';
import { step } from '../world/step.js';
import type { MsgType, World } from '../world/world.js';
import type { ScriptOp } from './script.js';
import { describeAction } from '../trace/describe.js';

export interface TraceStep {
  action: Action;
  /** Logical time after the step, ms. */
  t: number;
  /** The action in protocol words. */
  text: string;
  obs: Observation[];
}

export interface SimulateResult {
  steps: TraceStep[];
  world: World;
}

/** Deliveries between two scripted actions; a run that never goes quiet is a model bug. */
const MAX_SETTLE = 10_000;

export function simulate(model: Model, ops: readonly ScriptOp[], start: World = initialWorld(model)): SimulateResult {
  let world = start;
  const steps: TraceStep[] = [];
  const drops: MsgType[] = [];
  const apply = (action: Action) => {
    const text = describeAction(world, action);
    const r = step(model, world, action);
    world = r.world;
    steps.push({ action, t: world.now, obs: r.obs, text });
  };
  /** Deliver everything in flight, oldest first, and fire timers that are due, until quiet. */
  const settle = () => {
    for (let n = 0; n < MAX_SETTLE; n++) {
      const m = world.msgs[0];
      if (m) {
        const d = drops.indexOf(m.type);
        if (d >= 0) {
          drops.splice(d, 1);
          apply({ type: 'msg.drop', id: m.id });
        } else apply({ type: 'msg.deliver', id: m.id });
        continue;
      }
      const due = world.timers.filter((t) => t.deadline <= world.now).sort((a, b) => a.deadline - b.deadline || (a.key < b.key ? -1 : 1))[0];
      if (!due) return;
      apply({ type: 'timer.expire', key: due.key });
    }
    throw new Error('simulate: the network never went quiet (a message loop in the model)');
  };
  for (const op of ops) {
    switch (op.op) {
      case 'send':
        apply({ type: 'host.send', src: op.src, dst: op.dst });
        break;
      case 'move':
        apply({ type: 'host.move', host: op.host, to: op.to });
        break;
      case 'garp':
        apply({ type: 'host.garp', host: op.host });
        break;
      case 'drop':
        drops.push(op.msgType);
        break;
      case 'wait': {
        const until = world.now + op.seconds * 1000;
        for (;;) {
          settle();
          const next = [...world.timers].sort((a, b) => a.deadline - b.deadline || (a.key < b.key ? -1 : 1))[0];
          if (!next || next.deadline > until) break;
          apply({ type: 'timer.expire', key: next.key });
        }
        apply({ type: 'clock.wait', until });
        break;
      }
    }
    settle();
  }
  return { steps, world };
}
