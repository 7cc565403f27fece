// `service ipv4` commands of `router lisp` (classic `ipv4 …` form too): roles, map-server /
// map-resolver / PETR targets, TTLs, SMR handling, static map-cache and database-mappings
// (PROTOCOL.md §5.1). PURE. Roles and targets are router-wide in the model; map-cache entries and
// database-mappings keep the instance-id of the block they are in.

import type { ConfigLine } from './configLines.js';
import { CONFIG_CODES as C } from './configCodes.js';
import { readAddress, readInt, report, warnIpv6, type ConfigState } from './configState.js';
import { parsePrefix } from './ipv4.js';
import { parseMapping, priorityWeight, readKey } from './parseMapping.js';

const ACTIONS = new Set(['map-request', 'native-forward', 'drop']);

/** One `service ipv4` command (`ipv4 ` and `no ` already removed); true when it was understood. */
export function lispServiceLine(st: ConfigState, cl: ConfigLine, w: string[], neg: boolean, instanceId: number): boolean {
  const r = st.router;
  const f = st.lines.router;
  const t = w.join(' ');
  if (t === 'map-cache away-eids send-map-request') {
    // XE-YANG: away entries go to the map-cache as send-map-request (default true, PROTOCOL.md §2.6);
    // SD-Access borders turn it off with the `no` form.
    st.awayEidsSendMapRequest = !neg;
    return true;
  }
  if (neg) return false;
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
    if (w[2]?.includes(':')) {
      warnIpv6(st, cl);
      return true;
    }
    const a = readAddress(st, cl, w[2], 'map-resolver address');
    if (a && r.mapResolver === undefined) {
      r.mapResolver = a;
      f.mapResolver = cl.line;
    } else if (a && a !== r.mapResolver)
      report(st, 'warning', C.approximated, cl.line, `second map-resolver ${a}: roamcheck sends every Map-Request to the first, ${r.mapResolver}`, 'failover between map-resolvers is not modelled');
    return true;
  }
  if (w[0] === 'etr' && w[1] === 'map-server') {
    mapServerLine(st, cl, w.slice(2));
    return true;
  }
  if ((w[0] === 'etr' && w[1] === 'map-cache-ttl') || w[0] === 'map-cache-ttl') {
    const n = readInt(st, cl, w[w[0] === 'etr' ? 2 : 1], 60, 10080, 'map-cache-ttl (minutes)');
    if (n !== undefined) r.mapCacheTtl = n;
    return true;
  }
  if (w[0] === 'use-petr') {
    if (w[1]?.includes(':')) {
      warnIpv6(st, cl);
      return true;
    }
    const a = readAddress(st, cl, w[1], 'use-petr address');
    priorityWeight(st, cl, w.slice(2));
    if (a && r.usePetr === undefined) {
      r.usePetr = a;
      f.usePetr = cl.line;
    } else if (a && a !== r.usePetr) report(st, 'warning', C.approximated, cl.line, `second use-petr ${a}: roamcheck uses the first, ${r.usePetr}`, 'failover between PETRs is not modelled');
    return true;
  }
  if (w[0] === 'map-cache' && w.length >= 2 && w[1] !== 'away-eids') {
    mapCacheLine(st, cl, w.slice(1), instanceId);
    return true;
  }
  if (w[0] === 'solicit-map-request' && w[1] === 'ignore' && w.length === 2) {
    r.smrIgnore = true;
    return true;
  }
  if (w[0] === 'solicit-map-request' && w[1] === 'suppression-time') {
    const n = readInt(st, cl, w[2], 1, 600, 'solicit-map-request suppression-time');
    if (n !== undefined) r.smrSuppression = n;
    return true;
  }
  if (w[0] === 'locator' && w[1] === 'default-set' && w[2]) {
    st.defaultLocatorSet = w[2];
    return true;
  }
  if (w[0] === 'database-mapping') {
    const m = parseMapping(st, cl, w.slice(1), instanceId);
    if (m) st.dbs.push(m);
    return true;
  }
  return false;
}

/** `etr map-server A key [0|6|7] K [hash-function sha1|sha2] [proxy-reply]` or `… A proxy-reply`. */
function mapServerLine(st: ConfigState, cl: ConfigLine, w: string[]): void {
  if (w[0]?.includes(':')) {
    warnIpv6(st, cl);
    return;
  }
  const address = readAddress(st, cl, w[0], 'map-server address');
  if (!address) return;
  let ref = st.mapServerByAddress.get(address);
  if (!ref) {
    ref = { address, key: '', hashFunction: 'sha1', proxyReply: false, source: { file: st.file, line: cl.line } };
    st.router.mapServers.push(ref);
    st.mapServerByAddress.set(address, ref);
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

/** `map-cache PREFIX map-request|native-forward|drop`, in the instance-id of its block (XE-YANG). */
function mapCacheLine(st: ConfigState, cl: ConfigLine, w: string[], instanceId: number): void {
  if (w[0].includes(':')) {
    warnIpv6(st, cl);
    return;
  }
  const p = parsePrefix(w[0]);
  if (!p.ok) {
    report(st, 'error', C.badAddress, cl.line, `map-cache prefix "${w[0]}" ${p.reason}`, 'e.g. 192.168.1.0/24');
    return;
  }
  if (w.length === 2 && ACTIONS.has(w[1])) {
    st.router.staticMapCache.push({ prefix: p.prefix, action: w[1] as 'map-request' | 'native-forward' | 'drop', ...(instanceId !== 0 ? { instanceId } : {}) });
    return;
  }
  report(st, 'error', C.unsupportedLine, cl.line, `"${cl.text}": only map-cache PREFIX map-request|native-forward|drop is modelled`, 'static locator entries are not supported');
}
