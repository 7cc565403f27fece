// Interface-mode lines of an IOS config: addresses, MACs, HSRP/VRRP virtual MACs, proxy-ARP, ARP
// timeout and the `lisp mobility` family (PROTOCOL.md §5.1, §2.8). PURE.
// Lines unrelated to LISP/ARP are skipped; other unknown lines are kept for a warning later.

import { burntInMac } from '../core/scenario.js';
import type { ConfigLine } from './configLines.js';
import { CONFIG_CODES as C } from './configCodes.js';
import { readAddress, readInt, readMac, report, type ConfigState, type IfaceDraft } from './configState.js';
import { maskLength } from './ipv4.js';

/** Interface commands that do not touch LISP, ARP or forwarding between hosts: skipped silently. */
const SILENT = [
  'description',
  'duplex',
  'speed',
  'negotiation',
  'mtu',
  'bandwidth',
  'delay',
  'load-interval',
  'carrier-delay',
  'keepalive',
  'media-type',
  'cdp',
  'lldp',
  'logging',
  'snmp',
  'mop',
  'ip ospf',
  'ip pim',
  'ip igmp',
  'ip mtu',
  'ip tcp',
  'ip redirects',
  'ip unreachables',
  'ip route-cache',
  'ip mroute-cache',
  'ip flow',
  'ip nbar',
  'ip directed-broadcast',
  'ip virtual-reassembly',
  'ipv6',
  'service-policy',
  'platform',
  'channel-group',
  'spanning-tree',
  'storm-control',
  'hold-queue',
  'bfd',
  'mpls',
  'arp arpa',
  'ntp',
  'encapsulation',
  'shutdown',
  // Routing protocols, DHCP relay, 802.1X and group tags on campus-fabric SVIs and uplinks (SD-Access).
  'ip helper-address',
  'ip dhcp',
  'ip router',
  'isis',
  'clns',
  'dampening',
  'switchport',
  'device-tracking',
  'cts',
  'access-session',
  'dot1x',
  'mab',
  'authentication',
];
/** HSRP/VRRP options that change who is active, not which MAC/IP the group owns. */
const FHRP_SILENT = new Set(['priority', 'preempt', 'timers', 'authentication', 'track', 'name', 'delay', 'follow', 'bfd', 'redirect', 'description', 'shutdown']);

export function openInterface(st: ConfigState, cl: ConfigLine): IfaceDraft | undefined {
  const name = cl.words[1];
  if (!name) {
    report(st, 'error', C.badValue, cl.line, '`interface` without a name', 'write `interface NAME`');
    return undefined;
  }
  const existing = st.ifaceByName.get(name);
  if (existing) {
    report(st, 'warning', C.duplicateDef, cl.line, `interface ${name} is configured in two blocks; roamcheck merges them`, 'keep one block per interface');
    return existing;
  }
  const draft: IfaceDraft = {
    spec: {
      name,
      secondary: [],
      mac: '',
      virtualMacs: [],
      virtualIps: [],
      mobility: [],
      nbrProxyReply: false,
      proxyArp: true,
      localProxyArp: false,
      extendedSubnet: false,
      discoverArp: false,
      liveness: true,
      arpTimeout: 14400,
      source: { file: st.file, line: cl.line },
    },
    index: st.interfaces.length,
    macSet: false,
    unknown: [],
    hsrpVersion: 1,
    hsrpUseBia: false,
    hsrp: new Map(),
    vrrp: new Set(),
    mobilityRefs: [],
    mobilitySet: new Set(),
  };
  st.interfaces.push(draft);
  st.ifaceByName.set(name, draft);
  st.lines.interfaces[name] = { interface: cl.line };
  return draft;
}

export function interfaceCommand(st: ConfigState, d: IfaceDraft, cl: ConfigLine): void {
  const neg = cl.words[0] === 'no';
  const w = neg ? cl.words.slice(1) : cl.words;
  const s = d.spec;
  const facts = st.lines.interfaces[s.name];
  const is = (...p: string[]) => p.every((x, i) => w[i] === x);
  if (is('ip', 'address')) return neg ? undefined : ipAddress(st, d, cl, w);
  if (is('ip', 'proxy-arp')) {
    s.proxyArp = !neg;
    facts.proxyArp = cl.line;
    return;
  }
  if (is('ip', 'local-proxy-arp')) {
    s.localProxyArp = !neg;
    facts.localProxyArp = cl.line;
    return;
  }
  if (is('arp', 'timeout') && !neg) {
    const t = readInt(st, cl, w[2], 0, 2147483, 'arp timeout');
    if (t !== undefined) {
      s.arpTimeout = t;
      facts.arpTimeout = cl.line;
    }
    return;
  }
  if (is('mac-address') && !neg) {
    const mac = readMac(st, cl, w[1]);
    if (mac) {
      s.mac = mac;
      d.macSet = true;
      facts.mac = cl.line;
    }
    return;
  }
  if ((is('vrf', 'forwarding') || is('ip', 'vrf', 'forwarding')) && !neg) {
    s.vrf = w[w.length - 1];
    return;
  }
  if (w[0] === 'lisp') return lispLine(st, d, cl, w, neg);
  if (w[0] === 'standby' && !neg) return standby(st, d, cl, w.slice(1));
  if (w[0] === 'vrrp' && !neg) return vrrp(st, d, cl, w.slice(1));
  if (is('shutdown') && !neg) {
    d.shutdownLine = cl.line;
    return;
  }
  if (is('ip', 'unnumbered') || is('ip', 'address', 'dhcp')) {
    report(st, 'warning', C.approximated, cl.line, `interface ${s.name}: "${cl.text}" gives no address roamcheck can use`, 'configure a static `ip address A M` in the model');
    return;
  }
  const text = w.join(' ');
  if (SILENT.some((p) => text === p || text.startsWith(`${p} `))) return;
  d.unknown.push(cl);
}

function ipAddress(st: ConfigState, d: IfaceDraft, cl: ConfigLine, w: string[]): void {
  if (w[2] === 'dhcp' || w[2] === 'negotiated') {
    report(st, 'warning', C.approximated, cl.line, `interface ${d.spec.name}: "${cl.text}" gives no address roamcheck can use`, 'configure a static `ip address A M` in the model');
    return;
  }
  const address = readAddress(st, cl, w[2], 'interface address');
  const len = w[3] === undefined ? undefined : maskLength(w[3]);
  if (w[3] !== undefined && len === undefined) {
    report(st, 'error', C.badAddress, cl.line, `mask "${w[3]}" is not a contiguous IPv4 mask`, 'e.g. 255.255.255.0');
  } else if (w[3] === undefined) {
    report(st, 'error', C.badAddress, cl.line, 'ip address needs a mask', 'write `ip address A M`, e.g. ip address 192.168.1.1 255.255.255.0');
  }
  if (address === undefined || len === undefined) return;
  if (w[4] === 'secondary') d.spec.secondary.push({ address, prefixLength: len });
  else {
    d.spec.address = address;
    d.spec.prefixLength = len;
    st.lines.interfaces[d.spec.name].address = cl.line;
  }
}

/** PROTOCOL.md §5.1 interface rows: `lisp mobility …`, `lisp extended-subnet-mode`. */
function lispLine(st: ConfigState, d: IfaceDraft, cl: ConfigLine, w: string[], neg: boolean): void {
  const s = d.spec;
  const facts = st.lines.interfaces[s.name];
  const rest = w.slice(2).join(' ');
  if (w[1] === 'extended-subnet-mode' && w.length === 2) {
    s.extendedSubnet = !neg;
    facts.extendedSubnet = cl.line;
    return;
  }
  if (w[1] === 'mobility' && rest === 'discover arp') {
    s.discoverArp = !neg;
    facts.discoverArp = cl.line;
    return;
  }
  if (w[1] === 'mobility' && rest === 'liveness test') {
    s.liveness = !neg;
    facts.liveness = cl.line;
    return;
  }
  if (w[1] === 'mobility' && w[2] === 'liveness' && w[3] === 'ttl' && w.length === 5 && !neg) {
    readInt(st, cl, w[4], 2, 255, 'lisp mobility liveness ttl'); // probe IP TTL: no effect in the model
    return;
  }
  if (w[1] === 'mobility' && w[2] && !neg && w[2] !== 'liveness' && w[2] !== 'discover') {
    const opts = w.slice(3);
    // XE-YANG: nbr-proxy-reply [requests 0-5] is the only option of `lisp mobility NAME`.
    const okOpts = opts.length === 0 || (opts[0] === 'nbr-proxy-reply' && (opts.length === 1 || (opts.length === 3 && opts[1] === 'requests')));
    if (okOpts) {
      if (opts.length === 3) readInt(st, cl, opts[2], 0, 5, 'nbr-proxy-reply requests');
      if (!d.mobilitySet.has(w[2])) {
        d.mobilitySet.add(w[2]);
        s.mobility.push(w[2]);
      }
      d.mobilityRefs.push({ name: w[2], line: cl.line });
      facts.mobility ??= cl.line;
      if (opts.length > 0) {
        s.nbrProxyReply = true;
        facts.nbrProxyReply = cl.line;
      }
      return;
    }
  }
  report(
    st,
    'error',
    C.unsupportedLine,
    cl.line,
    `interface ${s.name}: "${cl.text}" changes LISP behaviour and is not supported`,
    'supported: lisp mobility NAME [nbr-proxy-reply [requests N]], lisp mobility discover arp, [no] lisp mobility liveness test, lisp extended-subnet-mode',
  );
}

/** HSRP: `standby [version 2] [N] ip A`; vMAC 0000.0c07.acNN (v1) or 0000.0c9f.fNNN (v2). */
function standby(st: ConfigState, d: IfaceDraft, cl: ConfigLine, w: string[]): void {
  st.lines.interfaces[d.spec.name].standby ??= cl.line;
  if (w[0] === 'version') {
    const v = readInt(st, cl, w[1], 1, 2, 'standby version');
    if (v !== undefined) d.hsrpVersion = v as 1 | 2;
    return;
  }
  if (w[0] === 'use-bia') {
    d.hsrpUseBia = true;
    return;
  }
  const hasGroup = /^\d+$/.test(w[0] ?? '');
  const group = hasGroup ? readInt(st, cl, w[0], 0, 4095, 'standby group') : 0;
  const rest = hasGroup ? w.slice(1) : w;
  if (group === undefined) return;
  const g = d.hsrp.get(group) ?? {};
  if (rest[0] === 'ip') {
    d.hsrp.set(group, g);
    if (rest[1] === undefined) {
      report(
        st,
        'warning',
        C.approximated,
        cl.line,
        `standby ${group} ip without an address: the virtual IP is learnt at run time, roamcheck does not know it`,
        `write \`standby ${group} ip A\` in the model`,
      );
      return;
    }
    const ip = readAddress(st, cl, rest[1], 'standby virtual IP');
    if (ip && !d.spec.virtualIps.includes(ip)) d.spec.virtualIps.push(ip);
    return;
  }
  if (rest[0] === 'mac-address') {
    const mac = readMac(st, cl, rest[1]);
    if (mac) d.hsrp.set(group, { ...g, mac });
    return;
  }
  if (FHRP_SILENT.has(rest[0] ?? '')) return;
  d.unknown.push(cl);
}

/** VRRP: `vrrp N ip A`; vMAC 0000.5e00.01NN (RFC 5798). */
function vrrp(st: ConfigState, d: IfaceDraft, cl: ConfigLine, w: string[]): void {
  if (!/^\d+$/.test(w[0] ?? '')) {
    d.unknown.push(cl);
    return;
  }
  if (w[1] === 'ip') {
    const group = readInt(st, cl, w[0], 1, 255, 'vrrp group');
    const ip = readAddress(st, cl, w[2], 'vrrp virtual IP');
    if (group === undefined || ip === undefined) return;
    d.vrrp.add(group);
    if (!d.spec.virtualIps.includes(ip)) d.spec.virtualIps.push(ip);
    return;
  }
  if (FHRP_SILENT.has(w[1] ?? '')) return;
  d.unknown.push(cl);
}

/** Close an interface: MAC default, virtual MACs, and warnings that depend on `lisp mobility`. */
export function finishInterface(st: ConfigState, d: IfaceDraft, router: string): void {
  const s = d.spec;
  if (!d.macSet) s.mac = burntInMac(router, d.index);
  const hex = (n: number, w: number) => n.toString(16).padStart(w, '0');
  for (const [group, g] of d.hsrp) {
    const vmac = g.mac ?? (d.hsrpUseBia ? s.mac : d.hsrpVersion === 2 ? `0000.0c9f.f${hex(group, 3)}` : `0000.0c07.ac${hex(group & 0xff, 2)}`);
    if (d.hsrpVersion === 1 && group > 255) report(st, 'error', C.badValue, st.lines.interfaces[s.name].standby ?? 1, `HSRP version 1 group ${group} is above 255`, 'add `standby version 2`');
    if (vmac !== s.mac && !s.virtualMacs.includes(vmac)) s.virtualMacs.push(vmac);
  }
  for (const group of d.vrrp) {
    const vmac = `0000.5e00.01${hex(group, 2)}`;
    if (!s.virtualMacs.includes(vmac)) s.virtualMacs.push(vmac);
  }
  if (s.mobility.length > 0) {
    for (const cl of d.unknown) {
      report(
        st,
        'warning',
        C.unknownLine,
        cl.line,
        `unknown line on mobility interface ${s.name}: "${cl.text}"`,
        'roamcheck ignores it; if it changes forwarding or ARP for roaming hosts, verdicts may not match the device',
      );
    }
  }
  if (d.shutdownLine !== undefined && (s.mobility.length > 0 || s.address !== undefined)) {
    report(st, 'warning', C.approximated, d.shutdownLine, `interface ${s.name} is shut down; roamcheck models every interface as up`, 'remove the interface from the model or `no shutdown` it');
  }
  if (s.address === undefined && s.secondary.length > 0) {
    report(st, 'error', C.badAddress, s.source?.line ?? 1, `interface ${s.name} has secondary addresses but no primary address`, 'add `ip address A M` without `secondary`');
  }
}
