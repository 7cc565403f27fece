// `router lisp` lines, classic (`ipv4 itr`, `eid-table default instance-id 0`) and IOS-XE 16+
// (`instance-id N` / `service ipv4`) forms alike (PROTOCOL.md §5.1). PURE.
// Unknown lines warn (RC210); lines that change behaviour roamcheck does not model are errors (RC211).

import type { ConfigLine } from './configLines.js';
import { CONFIG_CODES as C } from './configCodes.js';
import { readAddress, readInt, report, warnIpv6, type ConfigState, type Frame, type Locator, type Mode } from './configState.js';
import { isIpv4, parsePrefix } from './ipv4.js';
import { parseMapping, priorityWeight, readKey } from './parseMapping.js';

/** Behaviour-changing commands roamcheck does not model: [pattern, what, hint, only in `no` form]. */
const UNSUPPORTED: [RegExp, string, string, boolean][] = [
  [/^publish-subscribe\b/, 'PubSub (RFC 9437) replaces SMR; roamcheck models SMR-based repair (PROTOCOL.md §2.2)', 'remove it, or read verdicts as those of an SMR-based network', false],
  [/^(loc-reach-algorithm|remote-rloc-probe)\b/, 'RLOC reachability probing is not modelled (Cisco default: disabled, PROTOCOL.md §1.9)', 'remove it', false],
  [/^(route-export|route-import|distance)\b/, 'exporting LISP state to the RIB is not modelled', 'remove it from the model', false],
  [/^(map-server nmr|itr nmr-ttl)\b/, 'negative Map-Reply TTLs are scenario timers, not per-router settings', 'set timers.negativeTtlSite / timers.negativeTtlNonEid in scenario.yaml instead', false],
  [/^map-cache away-eids\b/, 'away entries are always exported as send-map-request in the model (XE default, PROTOCOL.md §2.6)', 'keep the default', true],
  [/^(alt-vrf|ddt|map-resolver-ddt)\b/, 'LISP-ALT and DDT mapping systems are not modelled', 'use a Map-Server/Map-Resolver', false],
  [/^service ethernet\b/, 'L2 LISP (MAC EIDs) is not modelled', 'model the IPv4 service only', false],
];
/** Commands that only tune things the model does not see (sources, MTU, limits, data-plane encap). */
const SILENT = ['map-request-source', 'path-mtu-discovery', 'map-cache-limit', 'locator-table', 'map-cache-persistent',
  'encapsulation', 'sgt', 'locator reachability', 'map-cache away-eids send-map-request', 'solicit-map-request max-per-entry'];
const ACTIONS = new Set(['map-request', 'native-forward', 'drop']);

export function lispCommand(st: ConfigState, frame: Frame, cl: ConfigLine): Frame | undefined {
  if (frame.mode === 'locatorSet') locatorLine(st, frame.locatorSet ?? '', cl);
  else if (frame.mode === 'dynEid' && frame.dyn) dynEidLine(st, frame.dyn, cl);
  else if (frame.mode === 'site') siteLine(st, frame.siteIndex ?? 0, cl);
  else return containerLine(st, frame, cl);
  return undefined;
}

function block(cl: ConfigLine, mode: Mode, extra: Partial<Frame> = {}): Frame {
  return { indent: cl.indent, mode, leaf: false, ...extra };
}

function unknown(st: ConfigState, cl: ConfigLine, where: string): void {
  report(st, 'warning', C.unknownLine, cl.line, `unknown line in ${where}: "${cl.text}"`, 'roamcheck ignores it; check that it does not change registration, resolution or forwarding');
}

/** router lisp, service ipv4, eid-table and instance-id share their commands. */
function containerLine(st: ConfigState, frame: Frame, cl: ConfigLine): Frame | undefined {
  const neg = cl.words[0] === 'no';
  let w = neg ? cl.words.slice(1) : cl.words;
  if (w[0] === 'ipv6' || (w[0] === 'service' && w[1] === 'ipv6')) { warnIpv6(st, cl); return block(cl, 'skip'); }
  if (w[0] === 'ipv4') w = w.slice(1); // classic `ipv4 itr …` is `itr …` of the XE service form
  const text = w.join(' ');
  const bad = UNSUPPORTED.find(([re, , , negOnly]) => re.test(text) && (neg || !negOnly));
  if (bad) {
    report(st, 'error', C.unsupportedLine, cl.line, `"${cl.text}": ${bad[1]}`, bad[2]);
    return block(cl, 'skip');
  }
  if (neg) { unknown(st, cl, 'router lisp'); return undefined; }
  switch (w[0]) {
    case 'locator-set': {
      const name = w[1];
      if (!name) { report(st, 'error', C.badValue, cl.line, '`locator-set` without a name', 'write `locator-set NAME`'); return block(cl, 'skip'); }
      if (st.locatorSets.has(name)) report(st, 'warning', C.duplicateDef, cl.line, `locator-set ${name} is defined twice; roamcheck merges them`, 'keep one block per locator-set');
      else { st.locatorSets.set(name, []); st.lines.locatorSets[name] = cl.line; }
      return block(cl, 'locatorSet', { locatorSet: name });
    }
    case 'eid-table': {
      const at = w.indexOf('instance-id');
      if (at > 0) instanceId(st, cl, w[at + 1]);
      return block(cl, 'eidTable');
    }
    case 'instance-id':
      instanceId(st, cl, w[1]);
      return block(cl, 'instance');
    case 'service':
      if (w[1] === 'ipv4' && w.length === 2) return block(cl, 'service');
      break;
    case 'dynamic-eid': {
      const name = w[1];
      if (!name) { report(st, 'error', C.badValue, cl.line, '`dynamic-eid` without a name', 'write `dynamic-eid NAME`'); return block(cl, 'skip'); }
      let dyn = st.dyns.find((d) => d.name === name);
      if (dyn) report(st, 'warning', C.duplicateDef, cl.line, `dynamic-eid ${name} is defined twice; roamcheck merges them`, 'several instance-ids are not modelled; keep one dynamic-eid per name');
      else { dyn = { name, direct: [], line: cl.line, blockLine: cl.line }; st.dyns.push(dyn); }
      return block(cl, 'dynEid', { dyn });
    }
    case 'site': {
      if (!w[1]) { report(st, 'error', C.badValue, cl.line, '`site` without a name', 'write `site NAME`'); return block(cl, 'skip'); }
      st.router.sites.push({ name: w[1], key: '', prefixes: [], source: { file: st.file, line: cl.line } });
      return block(cl, 'site', { siteIndex: st.router.sites.length - 1 });
    }
  }
  if (serviceLine(st, cl, w)) return undefined;
  if (!SILENT.some((p) => text === p || text.startsWith(`${p} `))) unknown(st, cl, 'router lisp');
  return undefined;
}

function instanceId(st: ConfigState, cl: ConfigLine, text: string | undefined): void {
  const n = readInt(st, cl, text, 0, 16777215, 'instance-id');
  if (n !== undefined) st.instanceIds.add(n);
}

/** Roles and targets; true when the line was understood. */
function serviceLine(st: ConfigState, cl: ConfigLine, w: string[]): boolean {
  const r = st.router;
  const f = st.lines.router;
  const t = w.join(' ');
  const role = { itr: 'itr', etr: 'etr', 'map-server': 'ms', 'map-resolver': 'mr', 'proxy-etr': 'petr' } as const;
  if (Object.hasOwn(role, t)) {
    const k = role[t as keyof typeof role];
    r[k] = true;
    f[k] ??= cl.line;
    return true;
  }
  if (w[0] === 'proxy-itr' && w.length >= 2) {
    r.pitr = true;
    f.pitr ??= cl.line;
    for (const a of w.slice(1)) {
      if (a.includes(':')) continue; // the optional IPv6 PITR locator
      const ip = readAddress(st, cl, a, 'proxy-itr locator');
      if (ip && !r.proxyItrRlocs.includes(ip)) r.proxyItrRlocs.push(ip);
    }
    return true;
  }
  if (w[0] === 'itr' && w[1] === 'map-resolver') {
    if (w[2]?.includes(':')) { warnIpv6(st, cl); return true; }
    const a = readAddress(st, cl, w[2], 'map-resolver address');
    if (a && r.mapResolver === undefined) { r.mapResolver = a; f.mapResolver = cl.line; }
    else if (a && a !== r.mapResolver) report(st, 'warning', C.approximated, cl.line, `second map-resolver ${a}: roamcheck sends every Map-Request to the first, ${r.mapResolver}`, 'failover between map-resolvers is not modelled');
    return true;
  }
  if (w[0] === 'etr' && w[1] === 'map-server') { mapServerLine(st, cl, w.slice(2)); return true; }
  if ((w[0] === 'etr' && w[1] === 'map-cache-ttl') || w[0] === 'map-cache-ttl') {
    const n = readInt(st, cl, w[w[0] === 'etr' ? 2 : 1], 60, 10080, 'map-cache-ttl (minutes)');
    if (n !== undefined) r.mapCacheTtl = n;
    return true;
  }
  if (w[0] === 'use-petr') {
    if (w[1]?.includes(':')) { warnIpv6(st, cl); return true; }
    const a = readAddress(st, cl, w[1], 'use-petr address');
    priorityWeight(st, cl, w.slice(2));
    if (a && r.usePetr === undefined) { r.usePetr = a; f.usePetr = cl.line; }
    else if (a && a !== r.usePetr) report(st, 'warning', C.approximated, cl.line, `second use-petr ${a}: roamcheck uses the first, ${r.usePetr}`, 'failover between PETRs is not modelled');
    return true;
  }
  if (w[0] === 'map-cache' && w.length >= 2 && w[1] !== 'away-eids') { mapCacheLine(st, cl, w.slice(1)); return true; }
  if (w[0] === 'solicit-map-request' && w[1] === 'ignore' && w.length === 2) { r.smrIgnore = true; return true; }
  if (w[0] === 'solicit-map-request' && w[1] === 'suppression-time') {
    const n = readInt(st, cl, w[2], 1, 600, 'solicit-map-request suppression-time');
    if (n !== undefined) r.smrSuppression = n;
    return true;
  }
  if (w[0] === 'locator' && w[1] === 'default-set' && w[2]) { st.defaultLocatorSet = w[2]; return true; }
  if (w[0] === 'database-mapping') {
    const m = parseMapping(st, cl, w.slice(1));
    if (m) st.dbs.push(m);
    return true;
  }
  return false;
}

/** `etr map-server A key [0|6|7] K [hash-function sha1|sha2] [proxy-reply]` or `… A proxy-reply`. */
function mapServerLine(st: ConfigState, cl: ConfigLine, w: string[]): void {
  if (w[0]?.includes(':')) { warnIpv6(st, cl); return; }
  const address = readAddress(st, cl, w[0], 'map-server address');
  if (!address) return;
  let ref = st.router.mapServers.find((m) => m.address === address);
  if (!ref) {
    ref = { address, key: '', hashFunction: 'sha1', proxyReply: false, source: { file: st.file, line: cl.line } };
    st.router.mapServers.push(ref);
  }
  for (let i = 1; i < w.length; ) {
    if (w[i] === 'key') {
      const k = readKey(st, cl, w.slice(i + 1));
      if (k.key !== undefined) ref.key = k.key;
      i += 1 + k.consumed;
    } else if (w[i] === 'hash-function' && (w[i + 1] === 'sha1' || w[i + 1] === 'sha2')) {
      ref.hashFunction = w[i + 1] as 'sha1' | 'sha2';
      i += 2;
    } else if (w[i] === 'proxy-reply') {
      ref.proxyReply = true;
      i += 1;
    } else {
      report(st, 'error', C.badValue, cl.line, `unknown map-server option "${w[i]}"`, 'expected key [0|6|7] K, hash-function sha1|sha2, proxy-reply');
      return;
    }
  }
}

function mapCacheLine(st: ConfigState, cl: ConfigLine, w: string[]): void {
  if (w[0].includes(':')) { warnIpv6(st, cl); return; }
  const p = parsePrefix(w[0]);
  if (!p.ok) { report(st, 'error', C.badAddress, cl.line, `map-cache prefix "${w[0]}" ${p.reason}`, 'e.g. 192.168.1.0/24'); return; }
  if (w.length === 2 && ACTIONS.has(w[1])) {
    st.router.staticMapCache.push({ prefix: p.prefix, action: w[1] as 'map-request' | 'native-forward' | 'drop' });
    return;
  }
  report(st, 'error', C.unsupportedLine, cl.line, `"${cl.text}": only map-cache PREFIX map-request|native-forward|drop is modelled`, 'static locator entries are not supported');
}

function locatorLine(st: ConfigState, set: string, cl: ConfigLine): void {
  const w = cl.words;
  let loc: Locator | undefined;
  if (w[0] === 'IPv4-interface' && w[1]) loc = { kind: 'interface', value: w[1], priority: 1, line: cl.line };
  else if (isIpv4(w[0])) loc = { kind: 'address', value: w[0], priority: 1, line: cl.line };
  else if (w[0] === 'IPv6-interface' || w[0].includes(':')) { warnIpv6(st, cl); return; }
  else if (/^\d+\.\d+\.\d+\.\d+$/.test(w[0])) { readAddress(st, cl, w[0], 'locator'); return; }
  if (!loc) { unknown(st, cl, `locator-set ${set}`); return; }
  const pw = priorityWeight(st, cl, w.slice(loc.kind === 'interface' ? 2 : 1));
  loc.priority = pw.priority;
  if (pw.rest.length > 0) unknown(st, cl, `locator-set ${set}`);
  st.locatorSets.get(set)?.push(loc);
}

function dynEidLine(st: ConfigState, dyn: ConfigState['dyns'][number], cl: ConfigLine): void {
  const w = cl.words;
  if (w[0] === 'database-mapping') {
    const m = parseMapping(st, cl, w.slice(1));
    if (!m) return;
    if (dyn.prefix !== undefined && (dyn.prefix !== m.prefix || m.locatorSet !== undefined)) {
      // CISCO-VMCMD: only one database-mapping is allowed per dynamic-eid.
      report(st, 'error', C.duplicateDef, cl.line, `dynamic-eid ${dyn.name} has a second database-mapping`, 'one roaming range per dynamic-eid: define another dynamic-eid');
      return;
    }
    dyn.prefix = m.prefix;
    dyn.locatorSet ??= m.locatorSet;
    dyn.direct.push(...m.direct);
    dyn.line = cl.line;
  } else if (w[0] === 'map-notify-group' && w[1]) {
    if (w[1].includes(':')) warnIpv6(st, cl);
    else dyn.mapNotifyGroup = readAddress(st, cl, w[1], 'map-notify-group') ?? dyn.mapNotifyGroup;
  } else if (w[0] === 'map-server' || w[0] === 'eid-notify') {
    report(st, 'error', C.unsupportedLine, cl.line, `"${cl.text}": per-dynamic-EID map-servers and EID-notify (ESM multihop) are not modelled`, 'use the global `etr map-server` in the model');
  } else unknown(st, cl, `dynamic-eid ${dyn.name}`);
}

function siteLine(st: ConfigState, index: number, cl: ConfigLine): void {
  const site = st.router.sites[index];
  const w = cl.words;
  if (w[0] === 'description') return;
  if (w[0] === 'authentication-key') {
    const k = readKey(st, cl, w.slice(1));
    if (k.key !== undefined) site.key = k.key;
    return;
  }
  if (w[0] === 'eid-prefix' || w[0] === 'eid-record') {
    let i = 1;
    if (w[1] === 'instance-id') { instanceId(st, cl, w[2]); i = 3; }
    if (w[i]?.includes(':')) { warnIpv6(st, cl); return; }
    const p = parsePrefix(w[i] ?? '');
    if (!p.ok) { report(st, 'error', C.badAddress, cl.line, `eid-prefix "${w[i] ?? ''}" ${p.reason}`, 'e.g. 192.168.1.0/24'); return; }
    let acceptMoreSpecifics = false;
    for (let j = i + 1; j < w.length; j++) {
      if (w[j] === 'accept-more-specifics') acceptMoreSpecifics = true;
      else if (w[j] === 'route-tag') j++;
      else report(st, 'warning', C.unknownLine, cl.line, `unknown eid-prefix option "${w[j]}"`, 'roamcheck ignores it');
    }
    site.prefixes.push({ prefix: p.prefix, acceptMoreSpecifics, source: { file: st.file, line: cl.line } });
    return;
  }
  if (w[0] === 'allowed-locator' || w[0] === 'allowed-rloc') {
    report(st, 'error', C.unsupportedLine, cl.line, `"${cl.text}": restricting which RLOCs may register is not modelled`, 'remove it from the model');
    return;
  }
  unknown(st, cl, `site ${site.name}`);
}
