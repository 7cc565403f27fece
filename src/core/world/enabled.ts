// The one place that decides what can happen next (STYLE.md): every enabled Action of a World.
// PURE. Schedules choose among these and are never filtered, so every shrunk schedule still runs.

import type { Action } from './action.js';
import { attachmentKey } from './topology.js';
import type { Model } from './model.js';
import { isControlQuiet } from './quiet.js';
import type { World } from './world.js';

/** Every action enabled in `w`, in a deterministic order. */
export function enabledActions(model: Model, w: World): Action[] {
  const b = model.scenario.bounds;
  const acts: Action[] = [];
  for (const m of w.msgs) {
    acts.push({ type: 'msg.deliver', id: m.id });
    if (w.used.losses < b.losses) acts.push({ type: 'msg.drop', id: m.id });
    if (w.used.duplicates < b.duplicates) acts.push({ type: 'msg.duplicate', id: m.id });
  }
  for (const t of expirableTimers(model, w)) acts.push({ type: 'timer.expire', key: t });
  if (w.used.sends < (b.sends ?? Infinity)) for (const [src, dst] of model.scenario.traffic) acts.push({ type: 'host.send', src, dst });
  if (!b.settleBeforeMove || isControlQuiet(w)) {
    for (const [name, h] of model.topo.hosts) {
      if (w.used.moves < b.moves && mayMove(model, w, name) && drained(w, name)) {
        for (const place of h.places) {
          const to = attachmentKey(place);
          if (to !== w.hostAt[name]) acts.push({ type: 'host.move', host: name, to });
        }
      }
    }
    for (const g of model.scenario.together ?? []) {
      if (w.used.moves + g.moves.length > b.moves) continue;
      const moves = g.moves.map((m) => ({ host: m.host, to: attachmentKey(m.to) }));
      if (moves.every((m) => m.to !== w.hostAt[m.host] && mayMove(model, w, m.host) && drained(w, m.host))) acts.push({ type: 'hosts.move', moves });
    }
  }
  if (w.used.garps < (b.garps ?? Infinity)) for (const name of model.topo.hosts.keys()) acts.push({ type: 'host.garp', host: name });
  if (w.used.reboots < b.reboots) {
    for (const r of model.topo.routers.values()) {
      if (r.spec.itr || r.spec.etr) acts.push({ type: 'xtr.reboot', router: r.name });
      if (r.spec.ms) acts.push({ type: 'ms.restart', router: r.name });
    }
  }
  if (w.used.spoofs < b.spoofs && [...model.topo.routers.values()].some((r) => r.spec.ms)) {
    for (const h of model.topo.hosts.values()) acts.push({ type: 'spoof.register', eid: h.eid });
  }
  return acts;
}

/**
 * Timers that may fire now: those with the earliest deadline, and only if no message in flight
 * would by then have outlived its latency bound (DESIGN.md §2: a message sent at t is delivered
 * or dropped by t + maxLatency).
 */
export function expirableTimers(model: Model, w: World): string[] {
  if (w.timers.length === 0 || w.used.timerExpiries >= model.scenario.bounds.timerExpiries) return [];
  let earliest = Infinity;
  for (const t of w.timers) if (t.deadline < earliest) earliest = t.deadline;
  for (const m of w.msgs) if (earliest > m.sentAt + model.maxLatencyMs) return [];
  return w.timers.filter((t) => t.deadline === earliest).map((t) => t.key);
}

/** Has `host` some of its own move budget left (HostSpec.moveMax; none set = unlimited)? */
export function mayMove(model: Model, w: World, host: string): boolean {
  const max = model.topo.hosts.get(host)?.spec.moveMax;
  return max === undefined || (w.used.hostMoves?.[host] ?? 0) < max;
}

/**
 * A VM is stunned for the switch-over of a vMotion: its frames already on the wire reach the
 * old segment first (L2 latency is microseconds, a switch-over milliseconds). So a host moves only
 * when none of its own frames are in flight.
 */
export function drained(w: World, host: string): boolean {
  return !w.msgs.some((m) => 'fromHost' in m && m.fromHost === host);
}
