// The transition function of the world: apply one enabled Action (DESIGN.md §2).
// PURE and deterministic: same model, world and action give the same result, always.

import type { Action } from './action.js';
import { deliverControl } from './control.js';
import { actorRef } from './actorRef.js';
import { deliverData, dynRef, hostSegment, originate } from './dataplane.js';
import { type Footprint, isTracked } from './footprint.js';
import { hostAtAfterMove } from './hostAtAfterMove.js';
import { mapServerOf, mobilityRangeFor } from './topology.js';
import type { Model } from './model.js';
import type { Observation } from './observation.js';
import { Tx } from './tx.js';
import { BROADCAST, type DataMsg, isControl, isL2, type Msg, type World } from './world.js';

export interface StepResult {
  world: World;
  obs: Observation[];
  /** The successor's PARTS hashes (key.ts), when the step was given its world's. */
  parts?: number[];
}

/**
 * Apply `action` to `world`. Throws only for an action that is not enabled (a bug in the caller).
 * `verbose` false leaves out the `log` observations (the event log in `debug lisp` words): only a
 * rendered or recorded run shows them, and searches skip building their text (issue 9). Every
 * other observation, and the next world, are the same either way. `fp`, when given, gets what the
 * step read and wrote (footprint.ts), for partial-order reduction.
 */
export function step(model: Model, world: World, action: Action, verbose = true, parts?: ArrayLike<number>, at = 0, fp?: Footprint): StepResult {
  const tx = shared === undefined ? (shared = new Tx(model, world, verbose, parts, at)) : shared.begin(model, world, verbose, parts, at);
  if (fp !== undefined) {
    tx.fp = fp;
    if (!isTracked(action)) fp.global = true;
  }
  switch (action.type) {
    case 'msg.deliver': {
      const m = take(tx, action.id);
      if (isControl(m)) deliverControl(tx, m);
      else deliverData(tx, m as DataMsg);
      break;
    }
    case 'msg.drop': {
      const m = take(tx, action.id);
      tx.spend('losses');
      if (tx.verbose) tx.log('network', `${m.type} #${m.id} lost`);
      if ('pkt' in m) tx.packetFate(m.pkt, 'network', 'dropped', 'lost');
      break;
    }
    case 'msg.duplicate': {
      const m = world.msgs.find((x) => x.id === action.id);
      if (!m) throw new Error(`msg.duplicate: no message #${action.id} in flight (not enabled)`);
      tx.spend('duplicates');
      // The copy keeps the original send time: the latency bound is counted from the first send.
      tx.msgs.push({ ...m, id: tx.seq++ });
      if (tx.verbose) tx.log('network', `${m.type} #${m.id} duplicated`);
      break;
    }
    case 'timer.expire': {
      const t = world.timers.get(action.key);
      if (!t) throw new Error(`timer.expire: no timer ${action.key} (not enabled)`);
      tx.removeTimer(action.key);
      tx.now = t.deadline;
      tx.spend('timerExpiries');
      const e = timerEventOf(t.name);
      tx.fire(actorRef(t.actor), e.target === undefined ? { type: e.type } : { type: e.type, target: e.target });
      break;
    }
    case 'host.move':
      move(tx, action.host, action.to);
      break;
    case 'hosts.move':
      // One atomic step: every host of the group is stunned and resumes on its new segment
      // before anything else happens (a coordinated vMotion, e.g. two VMs swapping sites).
      for (const m of action.moves) move(tx, m.host, m.to);
      break;
    case 'host.send':
      tx.spend('sends');
      originate(tx, action.src, action.dst);
      break;
    case 'host.garp': {
      const h = model.topo.hosts.get(action.host)!;
      const seg = hostSegment(tx, action.host);
      tx.spend('garps');
      if (tx.verbose) tx.log(action.host, `gratuitous ARP for ${h.spec.ip} (${h.spec.mac})`);
      if (seg)
        tx.send({ type: 'arp', seg, op: 'request', senderIp: h.spec.ip, senderMac: h.spec.mac, targetIp: h.spec.ip, dstMac: BROADCAST, fromHost: action.host, gratuitous: true, id: 0, sentAt: 0 });
      break;
    }
    case 'xtr.reboot': {
      tx.spend('reboots');
      if (tx.verbose) tx.log(action.router, 'reloaded: map-cache, dynamic-EIDs and ARP entries lost');
      const r = action.router;
      tx.dropActors((id) => id.startsWith(`dyn|${r}|`) || id.startsWith(`mc|${r}|`) || id.startsWith(`arp|r:${r}@`));
      break;
    }
    case 'ms.restart': {
      tx.spend('reboots');
      if (tx.verbose) tx.log(action.router, 'Map-Server restarted: registrations lost');
      tx.dropActors((id) => id.startsWith(`ms|${action.router}|`));
      break;
    }
    case 'clock.wait': {
      if (world.timers.some((t) => t.deadline < action.until)) throw new Error('clock.wait would skip a timer (not enabled)');
      tx.now = Math.max(tx.now, action.until);
      break;
    }
    case 'spoof.register': {
      tx.spend('spoofs');
      // The forged registration goes to the mapping system that serves the host where it is.
      const host = model.topo.endpointByEid.get(action.eid) ?? '';
      const ms = mapServerOf(model.topo, (tx.hostAt[host] ?? '').split(' ')[0]) ?? [...model.topo.routers.values()].find((r) => r.spec.ms)!;
      if (tx.verbose) tx.log('attacker', `off-path device sends Map-Register for ${action.eid}/32 with RLOC ${SPOOF_RLOC} and a wrong key`);
      // An attacker can stamp any time it likes; only authentication keeps it out.
      tx.send({
        type: 'map-register',
        src: SPOOF_RLOC,
        dst: ms.rloc,
        eid: action.eid,
        rlocs: [SPOOF_RLOC],
        key: 'not-the-site-key',
        refresh: false,
        withdraw: false,
        ts: model.scenario.registration === 'timestamped' ? 1e9 : 0,
        id: 0,
        sentAt: 0,
      });
      break;
    }
  }
  if (model.scenario.l2 !== 'async') settleL2(tx);
  const next = tx.finish();
  // One shape whether or not the caller carries hashes (`parts` undefined when it does not).
  return { world: next, obs: tx.obs, parts: tx.parts };
}

/**
 * The transaction every step begins again: a step allocated a Tx of some twenty fields, ~10 % of
 * what an exhaustive search allocates per transition (issue 9). A step never begins another
 * before it finishes (handlers and machines do not step the world), and nothing keeps a Tx after
 * finish: what outlives the step (the world's parts, obs, the hashes) is made anew by each begin.
 */
let shared: Tx | undefined;

/** A timer name's event type and target (`NAME` or `NAME:TARGET`), split once per name: the type string is then one object, whose hash the runner's event table keeps. */
function timerEventOf(name: string): { type: string; target: string | undefined } {
  let e = timerEvents.get(name);
  if (e === undefined) {
    const [base, target] = name.split(':');
    e = { type: `timer.${base}`, target };
    // Bounded, like the id caches: names are few per model (a timer per kind, targets per peer).
    if (timerEvents.size >= 100_000) timerEvents.clear();
    timerEvents.set(name, e);
  }
  return e;
}

const timerEvents = new Map<string, { type: string; target: string | undefined }>();

/** Atomic L2 (Scenario.l2): deliver local frames at once, oldest first, with what they cause. */
function settleL2(tx: Tx): void {
  // Delivering a frame only appends messages, so those before the last one taken were already
  // found not local: each search resumes there instead of rescanning every message in flight.
  let from = 0;
  for (let n = 0; n < 10_000; n++) {
    const msgs = tx.msgs;
    let i = from;
    while (i < msgs.length && !isL2(msgs[i])) i++;
    if (i >= msgs.length) return;
    from = i;
    const m = tx.takeAt(i);
    deliverData(tx, m as DataMsg);
  }
  throw new Error('L2 did not settle within 10000 frames (a forwarding loop in the model)');
}

/** The RLOC an off-path attacker claims (TEST-NET-3, owned by no router). */
export const SPOOF_RLOC = '203.0.113.66';

function take(tx: Tx, id: number): Msg {
  // A loop, not findIndex: its callback closed over `id`, a closure per step.
  const msgs = tx.msgs;
  for (let i = 0; i < msgs.length; i++) if (msgs[i].id === id) return tx.takeAt(i);
  throw new Error(`no message #${id} in flight (action not enabled)`);
}

/** vMotion: the VM keeps IP, MAC and ARP cache; the hypervisor sends RARP on the new segment (PROTOCOL.md §2.9). */
function move(tx: Tx, host: string, to: string): void {
  const from = tx.hostAt[host];
  tx.spend('moves');
  if (tx.model.topo.hosts.get(host)?.spec.moveMax !== undefined) {
    const used = tx.spent();
    const counts = used.hostMoves ?? {};
    used.hostMoves = { ...counts, [host]: (counts[host] ?? 0) + 1 };
  }
  if (tx.model.scenario.registration === 'timestamped') tx.epoch++;
  const prev = tx.hostAt;
  tx.hostAt = hostAtAfterMove(tx.model.topo, prev, host, from, to) as Record<string, string>;
  tx.obs.push({ kind: 'moved', host, from, to });
  if (tx.verbose) tx.log(host, `vMotion ${from} -> ${to}`);
  const h = tx.model.topo.hosts.get(host)!;
  const seg = hostSegment(tx, host);
  const segment = tx.model.topo.segments.get(seg ?? '');
  // RARP is flooded on the new segment at once; it carries no IP, so it detects nothing.
  for (const i of segment?.ifaces ?? []) {
    if (tx.verbose) tx.log(i.router, `${i.name}: RARP from ${h.spec.mac} (no IP address: no dynamic-EID detection)`);
    // Only the xTR of the host's own port takes it as a mobility event: on a stretched segment
    // (ESM) the flooded RARP also reaches the other site's xTR, which must not claim it.
    if (tx.model.scenario.registration === 'timestamped' && `${i.router} ${i.name}` === to && mobilityRangeFor(i, h.eid)) {
      tx.fire(dynRef(i.router, h.eid), { type: 'rarp.seen', ts: tx.epoch });
    }
  }
}
