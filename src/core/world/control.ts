// The control plane between routers: Map-Register/Notify/Ack at the MS, Map-Request through the
// map-resolver to the ETR, Map-Reply and SMR at the ITR (RFC 9301 §5–§8; PROTOCOL.md §1).
// PURE. Also turns machine outputs (`send`, `note`) into messages (the Tx.outHandler).

import type { Snap } from '../machines/machineRunner.js';
import type { Out } from '../machines/out.js';
import { eidParts } from './eid.js';
import { addressToward, routerDynRange, siteFor } from './topology.js';
import type { ActorRef } from './actorRef.js';
import { arpRequestFrom, arpSettled, dynRef, mcRef, msRef } from './dataplane.js';
import { Tx } from './tx.js';
import type { ControlMsg } from './world.js';

const LOCAL = new Set(['registering', 'registered']);

/** Deliver a control message to the router that owns its destination address. */
export function deliverControl(tx: Tx, m: ControlMsg): void {
  const topo = tx.model.topo;
  const r = topo.owner.get(m.dst)!;
  const R = topo.routers.get(r)!;
  switch (m.type) {
    case 'map-register': {
      const site = siteFor(topo, r, m.eid);
      if (tx.verbose) tx.log(r, `Received Map-Register from ${m.src} for ${m.eid}/32${m.withdraw ? ' (withdraw, action drop)' : ''}${m.refresh ? ' (refresh)' : ''}, RLOC ${m.rlocs.join(',')}`);
      tx.fire(msRef(r, m.eid), {
        type: 'register.receive',
        from: m.src,
        rlocs: m.rlocs,
        authOk: !!site && site.site.key === m.key,
        accepted: !!site?.accepted,
        refresh: m.refresh,
        withdraw: m.withdraw,
        ts: m.ts,
      });
      return;
    }
    case 'map-notify': {
      const dyn = routerDynRange(R, m.eid);
      if (tx.verbose) tx.log(r, `Processing received Map-Notify message from ${m.src} to ${m.dst}`);
      if (tx.verbose)
        tx.log(
          r,
          `Processing Map-Notify mapping record for IID ${eidParts(m.eid).iid} ${eidParts(m.eid).ip}/32, ttl 1440, ${m.rlocs.length} locator: ${m.rlocs.join(',')}${m.solicited ? '' : ' (unsolicited)'}`,
        );
      if (!dyn) return tx.verbose ? tx.log(r, `Map-Notify for ${m.eid}: no dynamic-EID range covers it, ignored`) : undefined;
      tx.fire(dynRef(r, m.eid), { type: 'notify.receive', ours: m.rlocs.some((x) => dyn.dyn.rlocs.includes(x)), ts: m.ts, solicited: m.solicited });
      return;
    }
    case 'map-notify-ack':
      if (tx.verbose) tx.log(r, `Received Map-Notify-Ack from ${m.src} for ${m.eid}/32`);
      tx.fire(msRef(r, m.eid), { type: 'notify.ack', from: m.src });
      return;
    case 'map-request':
      return m.leg === 'to-mr' ? resolveAtMr(tx, r, m) : answerAtEtr(tx, r, m);
    case 'smr': {
      // RFC 6830 §6.6.2: the (P)ITR looks the SMR up by its source-EID; none cached: ignored (F5).
      const id = mcRef(r, m.eid);
      const st = tx.state(id);
      if (tx.verbose) tx.log(r, `Received SMR from ${m.src} for ${m.eid} (record ${m.record}/32)`);
      if (st === 'absent') return tx.verbose ? tx.log(r, `SMR for ${m.eid}: not in the map-cache, ignored`) : undefined;
      tx.fire(id, { type: 'smr.receive', source: m.src });
      return;
    }
    case 'map-reply': {
      const id = mcRef(r, m.eid);
      const desc = m.rlocs.length ? `-> ${m.rlocs.join(',')}` : `negative, action ${m.action}`;
      if (tx.verbose) tx.log(r, `Received Map-Reply from ${m.src} for ${m.eid}/32 ${desc}, ttl ${m.ttlMinutes} min, nonce ${m.nonce}`);
      tx.fire(id, { type: 'reply.receive', nonce: m.nonce, rlocs: m.rlocs, action: m.action, ttl: m.ttl });
      return;
    }
  }
}

/** Map-resolver (co-located MS): forward to the registered ETR or answer negatively (RFC 9301 §8.3–8.4). */
function resolveAtMr(tx: Tx, r: string, m: Extract<ControlMsg, { type: 'map-request' }>): void {
  const topo = tx.model.topo;
  const R = topo.routers.get(r)!;
  const reg = tx.snap(msRef(r, m.eid));
  if (reg.v === 'registered' && reg.c.rlocs.length > 0) {
    const etr = reg.c.rlocs[0] as string;
    if (tx.verbose) tx.log(r, `Map-Request for ${m.eid} (nonce ${m.nonce}${m.smrInvoked ? ', SMR-invoked' : ''}) forwarded to ETR ${etr}`);
    if (!topo.owner.has(etr)) return tx.verbose ? tx.log(r, `no route to ETR ${etr}: Map-Request dropped`) : undefined;
    tx.send({ type: 'map-request', src: R.rloc, dst: etr, eid: m.eid, nonce: m.nonce, itr: m.itr, smrInvoked: m.smrInvoked, leg: 'to-etr', id: 0, sentAt: 0 });
    return;
  }
  const site = siteFor(topo, r, m.eid);
  const ttl = site ? 'site' : 'non-eid';
  const ttlMinutes = (site ? tx.model.scenario.timers.negativeTtlSite : tx.model.scenario.timers.negativeTtlNonEid) / 60;
  if (tx.verbose) tx.log(r, `Map-Request for ${m.eid}: ${site ? 'site prefix with no registration' : 'not an EID'}, negative Map-Reply natively-forward ttl ${ttlMinutes} min`);
  sendTo(tx, { type: 'map-reply', src: R.rloc, dst: m.itr, eid: m.eid, rlocs: [], action: 'native-forward', ttl, ttlMinutes, nonce: m.nonce, id: 0, sentAt: 0 });
}

/** ETR: answer for an EID it holds as local (A=1); say nothing otherwise. */
function answerAtEtr(tx: Tx, r: string, m: Extract<ControlMsg, { type: 'map-request' }>): void {
  const R = tx.model.topo.routers.get(r)!;
  const dyn = routerDynRange(R, m.eid);
  const st = dyn ? tx.state(dynRef(r, m.eid)) : 'absent';
  // The smr-request-to-source mutant: the old xTR answers from its stale (away) state.
  const stale = st === 'away' && m.leg === 'direct' && tx.model.mutant === 'smr-request-to-source';
  if (!dyn || (!LOCAL.has(st) && !stale)) {
    return tx.verbose ? tx.log(r, `Map-Request for ${m.eid}: not authoritative (${st}), no Map-Reply`) : undefined;
  }
  const rlocs = [...dyn.dyn.rlocs].sort();
  if (tx.verbose) tx.log(r, `Sending Map-Reply for ${m.eid}/32 to ${m.itr}: RLOC ${rlocs.join(',')}, ttl ${R.spec.mapCacheTtl} min, nonce ${m.nonce}`);
  sendTo(tx, { type: 'map-reply', src: R.rloc, dst: m.itr, eid: m.eid, rlocs, action: '', ttl: 'positive', ttlMinutes: R.spec.mapCacheTtl, nonce: m.nonce, id: 0, sentAt: 0 });
}

/** Send a control message if some router owns its destination; else it is lost at once. */
function sendTo(tx: Tx, m: Parameters<Tx['send']>[0] & { dst: string }): void {
  if (!tx.model.topo.owner.has(m.dst)) return tx.verbose ? tx.log('network', `no route to ${m.dst}: ${m.type} dropped`) : undefined;
  tx.send(m);
}

/** Machine outputs that become messages or world effects. */
function onOut(tx: Tx, actor: ActorRef, o: Out, snap: Snap): void {
  const arp = actor.kind === 'arp';
  if (o.kind === 'note') {
    if (arp && (o.note === 'arp-resolved' || o.note === 'arp-failed')) arpSettled(tx, actor, o.note === 'arp-resolved');
    if (o.note === 'installed' && actor.kind === 'mc') {
      const { owner, ip } = actor;
      const rlocs = o.rlocs as string[];
      // In the words of `show ip lisp map-cache` (seed core-map-cache-after.txt).
      const ttl = tx.model.scenario.timers.mapCacheTtl;
      if (tx.verbose)
        tx.log(
          owner,
          rlocs.length
            ? `map-cache ${ip}/32 -> ${rlocs.join(',')}, expires: ${hms(ttl)}, via map-reply, complete${o.viaSmr ? ' (SMR-invoked)' : ''}`
            : `map-cache ${ip}/32 negative, action ${snap.c.action}, via map-reply${o.viaSmr ? ' (SMR-invoked)' : ''}`,
        );
    }
    return;
  }
  if (o.kind !== 'send') return;
  if (arp) return arpRequestFrom(tx, actor, o.unicast === true);
  const { owner, ip } = actor;
  const R = tx.model.topo.routers.get(owner)!;
  switch (o.msg) {
    case 'map-register': {
      const ms = R.spec.mapServers[0];
      if (!ms) return tx.verbose ? tx.log(owner, `no map-server configured: cannot register ${ip}`) : undefined;
      const dyn = routerDynRange(R, ip);
      const rlocs = [...(dyn?.dyn.rlocs ?? [R.rloc])].sort();
      if (tx.verbose)
        tx.log(
          owner,
          `${o.withdraw ? 'Sending Map-Register (withdraw, action drop)' : o.refresh ? 'Sending periodic Map-Register' : 'Sending Map-Register'} for ${ip}/32 to ${ms.address}, RLOC ${rlocs.join(',')}, ttl ${R.spec.mapCacheTtl}, want-map-notify`,
        );
      const ts = tx.model.scenario.registration === 'timestamped' ? (o.ts as number) : 0;
      return sendTo(tx, { type: 'map-register', src: R.rloc, dst: ms.address, eid: ip, rlocs, key: ms.key, refresh: o.refresh === true, withdraw: o.withdraw === true, ts, id: 0, sentAt: 0 });
    }
    case 'map-notify-ack': {
      const ms = R.spec.mapServers[0];
      if (ms) sendTo(tx, { type: 'map-notify-ack', src: R.rloc, dst: ms.address, eid: ip, id: 0, sentAt: 0 });
      return;
    }
    case 'probe': {
      const iface = R.ifaces.find((i) => i.name === snap.c.iface);
      if (iface?.segment) tx.send({ type: 'probe', seg: iface.segment, router: owner, iface: iface.name, hostIp: ip, id: 0, sentAt: 0 });
      return;
    }
    case 'map-notify': {
      const to = o.to as string;
      if (tx.verbose) tx.log(owner, `Sending Map-Notify for ${ip}/32 to ${to}${o.solicited ? '' : ' (previous RLOC, unsolicited)'}: RLOC ${(o.rlocs as string[]).join(',')}`);
      return sendTo(tx, { type: 'map-notify', src: R.rloc, dst: to, eid: ip, rlocs: o.rlocs as string[], solicited: o.solicited === true, ts: o.ts as number, id: 0, sentAt: 0 });
    }
    case 'map-request': {
      const toMr = o.to === 'map-resolver';
      // A PITR that is itself the Map-Resolver (a fabric border/control-plane node) asks itself.
      const dst = toMr ? (R.spec.mapResolver ?? (R.spec.mr ? R.rloc : undefined)) : (o.to as string);
      if (!dst) return tx.verbose ? tx.log(owner, `no map-resolver configured: cannot resolve ${ip}`) : undefined;
      const itr = R.spec.pitr && R.spec.proxyItrRlocs[0] ? R.spec.proxyItrRlocs[0] : R.rloc;
      if (tx.verbose) tx.log(owner, `Sending ${o.smrInvoked ? 'SMR-invoked ' : ''}Map-Request for ${ip}/32 to ${toMr ? `map-resolver ${dst}` : `${dst} (the SMR's source)`}, nonce ${o.nonce}`);
      return sendTo(tx, {
        type: 'map-request',
        src: addressToward(R, dst),
        dst,
        eid: ip,
        nonce: o.nonce as number,
        itr,
        smrInvoked: o.smrInvoked === true,
        leg: toMr ? 'to-mr' : 'direct',
        id: 0,
        sentAt: 0,
      });
    }
  }
}

/** Seconds as IOS prints an expiry: 24:00:00. */
function hms(s: number): string {
  const p = (n: number) => String(Math.floor(n)).padStart(2, '0');
  return `${p(s / 3600)}:${p((s % 3600) / 60)}:${p(s % 60)}`;
}

Tx.outHandler = onOut;
