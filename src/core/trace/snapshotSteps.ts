// A trace re-run on its model, with a snapshot after every step and what each step changed.
// PURE: (model, actions) -> TraceStates. The trace file stays small (actions and logs); every
// state a renderer shows is recomputed here, deterministically.

import { startWorld } from '../explore/runSchedule.js';
import type { Action } from '../world/action.js';
import type { Model } from '../world/model.js';
import { step } from '../world/step.js';
import { describeAction } from './describe.js';
import { extendPaths, type PacketPath } from './packetPath.js';
import { snapshotOf, type InFlight, type Snapshot } from './snapshot.js';
import { diffSnapshots, type SnapshotDiff } from './snapshotDiff.js';

export interface StepState extends SnapshotDiff {
  i: number;
  /** The action in protocol words. */
  text: string;
  /** The state after the step. */
  snapshot: Snapshot;
  /** The message the step delivered, lost or duplicated (it is not repeated in `gone`). */
  handled?: InFlight;
  /** Packets that ended in this step. */
  fates: { packet: string; fate: 'delivered' | 'dropped'; reason?: string; at: string }[];
  /** Packets this step moved, with their whole path so far. */
  packets: PacketPath[];
}

export interface TraceStates {
  initial: Snapshot;
  steps: StepState[];
}

export function snapshotSteps(model: Model, actions: readonly Action[]): TraceStates {
  let w = startWorld(model);
  const initial = snapshotOf(model, w);
  let prev = initial;
  const paths = new Map<number, PacketPath>();
  const steps = actions.map((a, i): StepState => {
    const text = describeAction(w, a);
    const r = step(model, w, a);
    const had = new Set(w.msgs.map((m) => m.id));
    const snapshot = snapshotOf(model, r.world);
    const diff = diffSnapshots(prev, snapshot);
    const handledId = a.type === 'msg.deliver' || a.type === 'msg.drop' || a.type === 'msg.duplicate' ? a.id : undefined;
    const handled = prev.msgs.find((m) => m.id === handledId);
    const touched = extendPaths(
      model,
      paths,
      r.obs,
      r.world.msgs.filter((m) => !had.has(m.id)),
    );
    const fates = r.obs.flatMap((o) => (o.kind === 'fate' ? [{ packet: `${o.pkt.src} -> ${o.pkt.dst}`, fate: o.fate, reason: o.reason, at: o.at }] : []));
    w = r.world;
    prev = snapshot;
    return {
      i,
      text,
      snapshot,
      ...diff,
      // A duplicate leaves the original in flight and adds a copy: neither is news.
      sent: a.type === 'msg.duplicate' ? [] : diff.sent,
      gone: diff.gone.filter((m) => m.id !== handledId),
      handled,
      fates,
      packets: touched.map((id) => paths.get(id)!),
    };
  });
  return { initial, steps };
}
