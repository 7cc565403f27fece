// Argument parsers shared by the `router lisp` modes: database-mapping (static and dynamic),
// locator priority/weight and authentication keys (PROTOCOL.md §5.1). PURE; problems are
// reported into the parse state, the caller gets what could be read.

import type { ConfigLine } from './configLines.js';
import { CONFIG_CODES as C } from './configCodes.js';
import { readInt, report, warnIpv6, type ConfigState, type MappingDraft } from './configState.js';
import { decodeType7 } from './decodeType7.js';
import { isIpv4, parsePrefix } from './ipv4.js';

/** `P locator-set L [route-tag T]` or `P (A | IPv4-interface X) priority P weight W`. */
export function parseMapping(st: ConfigState, cl: ConfigLine, w: string[], instanceId: number): MappingDraft | undefined {
  if (w[0]?.includes(':')) {
    warnIpv6(st, cl);
    return undefined;
  }
  const p = parsePrefix(w[0] ?? '');
  if (!p.ok) {
    report(st, 'error', C.badAddress, cl.line, `database-mapping prefix "${w[0] ?? ''}" ${p.reason}`, 'e.g. 192.168.1.0/24');
    return undefined;
  }
  const m: MappingDraft = { prefix: p.prefix, direct: [], line: cl.line, instanceId };
  let rest = w.slice(1);
  if (rest[0] === 'locator-set' && rest[1]) {
    m.locatorSet = rest[1];
    rest = rest.slice(2);
  } else if (rest[0] === 'IPv4-interface' && rest[1]) {
    const pw = priorityWeight(st, cl, rest.slice(2));
    m.direct.push({ kind: 'interface', value: rest[1], priority: pw.priority, line: cl.line });
    rest = pw.rest;
  } else if (rest[0] !== undefined && isIpv4(rest[0])) {
    const pw = priorityWeight(st, cl, rest.slice(1));
    m.direct.push({ kind: 'address', value: rest[0], priority: pw.priority, line: cl.line });
    rest = pw.rest;
  } else if (!(rest[0] === undefined && st.defaultLocatorSet)) {
    report(st, 'error', C.badValue, cl.line, 'database-mapping needs `locator-set NAME` or a locator', 'e.g. database-mapping 192.168.1.0/24 locator-set west_dc');
    return undefined;
  }
  for (let i = 0; i < rest.length; i++) {
    if (rest[i] === 'route-tag') i++;
    else if (rest[i] === 'silent-host-detection' || rest[i] === 'auto-discover-rlocs') {
      report(st, 'error', C.unsupportedLine, cl.line, `database-mapping option ${rest[i]} changes EID discovery and is not modelled`, 'remove it from the model');
    } else report(st, 'warning', C.unknownLine, cl.line, `unknown database-mapping option "${rest[i]}"`, 'roamcheck ignores it');
  }
  return m;
}

export function priorityWeight(st: ConfigState, cl: ConfigLine, w: string[]): { priority: number; rest: string[] } {
  let priority = 1;
  const rest: string[] = [];
  for (let i = 0; i < w.length; i++) {
    if (w[i] === 'priority') priority = readInt(st, cl, w[++i], 0, 255, 'priority') ?? priority;
    else if (w[i] === 'weight') readInt(st, cl, w[++i], 0, 100, 'weight');
    else rest.push(w[i]);
  }
  return { priority, rest };
}

/** `[0|6|7] K`: type 7 is decoded (decodeType7.ts); type 6 cannot be and is compared as written. */
export function readKey(st: ConfigState, cl: ConfigLine, w: string[]): { key?: string; consumed: number } {
  if (w.length === 0 || w[0] === 'hash-function' || w[0] === 'proxy-reply') {
    report(st, 'error', C.badValue, cl.line, 'authentication key is missing', 'write `key K` (or `key 0 K`, `key 7 HEX`)');
    return { consumed: 0 };
  }
  const typed = /^[067]$/.test(w[0]) && w[1] !== undefined && w[1] !== 'hash-function' && w[1] !== 'proxy-reply';
  if (!typed) return { key: w[0], consumed: 1 };
  if (w[0] === '7') {
    const key = decodeType7(w[1]);
    if (key === undefined) report(st, 'error', C.badAddress, cl.line, `"${w[1]}" is not a well-formed type-7 key`, 'copy the key as the router prints it, or write it in clear with `key 0 K`');
    return { key, consumed: 2 };
  }
  if (w[0] === '6')
    report(
      st,
      'warning',
      C.approximated,
      cl.line,
      'type-6 (AES) key cannot be decrypted; roamcheck compares it as written',
      'use the same type and string on the ETR and the Map-Server, or a type-0 key in the model',
    );
  return { key: w[1], consumed: 2 };
}
