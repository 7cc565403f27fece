// Actions in the words of the protocol ("deliver Map-Register 10.0.2.2 -> 10.0.3.1 for
// 192.168.1.10/32"), for counterexample stories. PURE: needs the world the action applies to.

import type { Action } from '../world/action.js';
import type { Msg, World } from '../world/world.js';

const NAMES: Record<string, string> = {
  'map-register': 'Map-Register',
  'map-notify': 'Map-Notify',
  'map-notify-ack': 'Map-Notify-Ack',
  'map-request': 'Map-Request',
  smr: 'SMR',
  'map-reply': 'Map-Reply',
  data: 'LISP data',
  ip: 'IP packet',
  frame: 'frame',
  arp: 'ARP',
  probe: 'liveness probe',
  'probe-reply': 'liveness reply',
};

export function describeMsg(m: Msg): string {
  switch (m.type) {
    case 'map-register':
      return `Map-Register${m.withdraw ? ' (withdraw)' : m.refresh ? ' (periodic)' : ''} ${m.src} -> ${m.dst} for ${m.eid}/32, RLOC ${m.rlocs.join(',')}`;
    case 'map-notify':
      return `Map-Notify${m.solicited ? '' : ' (unsolicited)'} ${m.src} -> ${m.dst} for ${m.eid}/32, RLOC ${m.rlocs.join(',')}`;
    case 'map-notify-ack':
      return `Map-Notify-Ack ${m.src} -> ${m.dst} for ${m.eid}/32`;
    case 'map-request':
      return `${m.smrInvoked ? 'SMR-invoked ' : ''}Map-Request ${m.src} -> ${m.dst} for ${m.eid}/32${m.leg === 'to-etr' ? ' (forwarded by the MS)' : ''}`;
    case 'smr':
      return `SMR ${m.src} -> ${m.dst} for ${m.eid}`;
    case 'map-reply':
      return `Map-Reply ${m.src} -> ${m.dst} for ${m.eid}/32 ${m.rlocs.length ? `-> ${m.rlocs.join(',')}` : `negative (${m.action})`}`;
    case 'data':
      return `LISP data ${m.pkt.src} -> ${m.pkt.dst} encapsulated ${m.src} -> ${m.dst}`;
    case 'ip':
      return `IP packet ${m.pkt.src} -> ${m.pkt.dst} to ${m.to}`;
    case 'frame':
      return `frame ${m.pkt.src} -> ${m.pkt.dst} to ${m.dstMac} on ${m.seg}`;
    case 'arp':
      return `ARP ${m.op}${m.gratuitous ? ' (gratuitous)' : ''} ${m.op === 'request' ? `who-has ${m.targetIp} tell ${m.senderIp}` : `${m.senderIp} is-at ${m.senderMac}`} on ${m.seg}`;
    default:
      return `${NAMES[m.type] ?? m.type}`;
  }
}

export function describeAction(w: World, a: Action): string {
  switch (a.type) {
    case 'msg.deliver':
    case 'msg.drop':
    case 'msg.duplicate': {
      const m = w.msgs.find((x) => x.id === a.id);
      const verb = a.type === 'msg.deliver' ? 'deliver' : a.type === 'msg.drop' ? 'LOSE' : 'DUPLICATE';
      return m ? `${verb} ${describeMsg(m)}` : `${verb} message #${a.id}`;
    }
    case 'timer.expire': {
      const t = w.timers.find((x) => x.key === a.key);
      const [kind, owner, ip] = (t?.actor ?? a.key).split('|');
      const name = t?.name ?? a.key.split('#')[1];
      const what: Record<string, string> = {
        refresh: 'periodic Map-Register timer',
        retx: 'Map-Register retransmit timer',
        liveness: 'liveness test timer',
        livenessTimeout: 'liveness probe timeout',
        expiry: 'registration expiry (3 min without Map-Register)',
        retry: 'Map-Request retransmit timer',
        ttl: 'map-cache TTL',
        suppress: 'SMR suppression timer',
        reachable: 'ARP reachable timer',
        probe: 'ARP probe timeout',
      };
      const label = name.startsWith('nretx:') ? `Map-Notify retransmit timer to ${name.slice(6)}` : kind === 'arp' && name === 'retry' ? 'ARP retransmit timer' : (what[name] ?? name);
      const who = kind === 'arp' ? owner.slice(2).replace('@', ' ') : owner;
      return `at t=${t ? t.deadline / 1000 : '?'}s ${who}: ${label} for ${ip} fires`;
    }
    case 'host.move':
      return `vMotion ${a.host} to ${a.to}`;
    case 'hosts.move':
      return `vMotion at the same time: ${a.moves.map((m) => `${m.host} to ${m.to}`).join(' and ')}`;
    case 'host.send':
      return `${a.src} sends a packet to ${a.dst}`;
    case 'host.garp':
      return `${a.host} sends a gratuitous ARP`;
    case 'xtr.reboot':
      return `${a.router} reloads`;
    case 'ms.restart':
      return `Map-Server ${a.router} restarts`;
    case 'spoof.register':
      return `an off-path device sends a forged Map-Register for ${a.eid}/32`;
    case 'clock.wait':
      return `time passes to t=${a.until / 1000}s`;
  }
}
