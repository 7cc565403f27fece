// `router lisp` blocks, classic (`ipv4 itr`, `eid-table default instance-id 0`) and IOS-XE 16+
// (`instance-id N` / `service ipv4` / `eid-table vrf V`) forms alike (PROTOCOL.md §5.1). PURE.
// Instance-ids are kept apart: each block passes its instance-id down to dynamic-EIDs, mappings and
// map-cache entries, and `eid-table` lines bind instance-ids to VRFs. Lines understood but not
// modelled warn once per kind (RC218, notModelledLines.ts); unknown lines warn (RC210).

import type { ConfigLine } from './configLines.js';
import { CONFIG_CODES as C } from './configCodes.js';
import { addEidTable, notModelled, readAddress, readInt, report, warnIpv6, type ConfigState, type DynDraft, type Frame, type Locator, type Mode } from './configState.js';
import { isIpv4, parsePrefix } from './ipv4.js';
import { lispServiceLine } from './lispServiceLine.js';
import { DYN_NOT_MODELLED, matchNotModelled, SITE_NOT_MODELLED } from './notModelledLines.js';
import { parseMapping, priorityWeight, readKey } from './parseMapping.js';

/** Commands that only tune things the model does not see (sources, MTU, limits, data-plane encap, tags). */
const SILENT = [
  'map-request-source',
  'source-locator',
  'path-mtu-discovery',
  'map-cache-limit',
  'locator-table',
  'map-cache-persistent',
  'encapsulation',
  'sgt',
  'locator reachability',
  'solicit-map-request max-per-entry',
  'database-mapping limit',
  'domain-id',
];
/** Blocks whose contents only tune or filter (prefix-lists for route import, used by nothing modelled). */
const SILENT_BLOCKS = ['prefix-list'];

export function lispCommand(st: ConfigState, frame: Frame, cl: ConfigLine): Frame | undefined {
  if (frame.mode === 'locatorSet') locatorLine(st, frame.locatorSet ?? '', cl);
  else if (frame.mode === 'dynEid' && frame.dyn) dynEidLine(st, frame.dyn, cl);
  else if (frame.mode === 'site') siteLine(st, frame.siteIndex ?? 0, cl);
  else return containerLine(st, frame, cl);
  return undefined;
}

/** A child block; it inherits the instance-id of its parent unless `extra` sets one. */
function block(cl: ConfigLine, parent: Frame, mode: Mode, extra: Partial<Frame> = {}): Frame {
  return { indent: cl.indent, mode, leaf: false, ...(parent.instanceId !== undefined ? { instanceId: parent.instanceId } : {}), ...extra };
}

function unknown(st: ConfigState, cl: ConfigLine, where: string): void {
  report(st, 'warning', C.unknownLine, cl.line, `unknown line in ${where}: "${cl.text}"`, 'roamcheck ignores it; check that it does not change registration, resolution or forwarding');
}

/** router lisp, service ipv4, eid-table and instance-id share their commands. */
function containerLine(st: ConfigState, frame: Frame, cl: ConfigLine): Frame | undefined {
  const neg = cl.words[0] === 'no';
  let w = neg ? cl.words.slice(1) : cl.words;
  if (w[0] === 'ipv6' || (w[0] === 'service' && w[1] === 'ipv6')) {
    warnIpv6(st, cl);
    return block(cl, frame, 'skip');
  }
  if (w[0] === 'ipv4') w = w.slice(1); // classic `ipv4 itr …` is `itr …` of the XE service form
  const text = w.join(' ');
  const iid = frame.instanceId ?? 0;
  const rule = matchNotModelled(text);
  if (rule) {
    notModelled(st, cl, rule.kind, rule.what, rule.hint);
    return rule.block ? block(cl, frame, 'skip') : undefined;
  }
  if (SILENT.some((p) => text === p || text.startsWith(`${p} `))) return undefined;
  if (SILENT_BLOCKS.includes(w[0] ?? '')) return block(cl, frame, 'skip');
  if (lispServiceLine(st, cl, w, neg, iid)) return undefined;
  if (neg) {
    unknown(st, cl, 'router lisp');
    return undefined;
  }
  switch (w[0]) {
    case 'locator-set': {
      const name = w[1];
      if (!name) {
        report(st, 'error', C.badValue, cl.line, '`locator-set` without a name', 'write `locator-set NAME`');
        return block(cl, frame, 'skip');
      }
      if (st.locatorSets.has(name)) report(st, 'warning', C.duplicateDef, cl.line, `locator-set ${name} is defined twice; roamcheck merges them`, 'keep one block per locator-set');
      else {
        st.locatorSets.set(name, []);
        st.lines.locatorSets[name] = cl.line;
      }
      return block(cl, frame, 'locatorSet', { locatorSet: name });
    }
    case 'eid-table':
      return eidTableLine(st, frame, cl, w);
    case 'instance-id': {
      const n = readInt(st, cl, w[1], 0, 16777215, 'instance-id');
      return n === undefined ? block(cl, frame, 'skip') : block(cl, frame, 'instance', { instanceId: n });
    }
    case 'service':
      if (w[1] === 'ipv4' && w.length === 2) return block(cl, frame, 'service');
      break;
    case 'dynamic-eid': {
      const name = w[1];
      if (!name) {
        report(st, 'error', C.badValue, cl.line, '`dynamic-eid` without a name', 'write `dynamic-eid NAME`');
        return block(cl, frame, 'skip');
      }
      // A dynamic-EID is named within its instance-id: the same name in two instance-ids is two policies.
      const key = `${iid}\u0000${name}`;
      let dyn = st.dynByKey.get(key);
      if (dyn)
        report(st, 'warning', C.duplicateDef, cl.line, `dynamic-eid ${name} is defined twice in instance-id ${iid}; roamcheck merges them`, 'keep one dynamic-eid block per name and instance-id');
      else {
        dyn = { name, direct: [], line: cl.line, blockLine: cl.line, instanceId: iid };
        st.dyns.push(dyn);
        st.dynByKey.set(key, dyn);
      }
      return block(cl, frame, 'dynEid', { dyn });
    }
    case 'site': {
      if (!w[1]) {
        report(st, 'error', C.badValue, cl.line, '`site` without a name', 'write `site NAME`');
        return block(cl, frame, 'skip');
      }
      st.router.sites.push({ name: w[1], key: '', prefixes: [], source: { file: st.file, line: cl.line } });
      return block(cl, frame, 'site', { siteIndex: st.router.sites.length - 1 });
    }
  }
  unknown(st, cl, 'router lisp');
  return undefined;
}

/**
 * `eid-table default|vrf V instance-id N` (classic, opens a block in instance N) or, inside
 * `instance-id N` / `service ipv4`, `eid-table default|vrf V` (binds N). PROTOCOL.md §5.1 row
 * "EID VRF to instance-ID binding" (ASCII-4, XE-YANG).
 */
function eidTableLine(st: ConfigState, frame: Frame, cl: ConfigLine, w: string[]): Frame | undefined {
  const at = w.indexOf('instance-id');
  const vrf = w[1] === 'vrf' && w[2] && w[2] !== 'instance-id' ? w[2] : undefined;
  if (w[1] !== 'default' && vrf === undefined) {
    report(st, 'error', C.badValue, cl.line, `"${cl.text}": expected eid-table default|vrf NAME [instance-id N]`, 'e.g. eid-table vrf RED instance-id 4097');
    return at > 0 ? block(cl, frame, 'skip') : undefined;
  }
  let iid = frame.instanceId;
  if (at > 0) {
    iid = readInt(st, cl, w[at + 1], 0, 16777215, 'instance-id');
    if (iid === undefined) return block(cl, frame, 'skip');
  } else if (iid === undefined) {
    report(
      st,
      'warning',
      C.approximated,
      cl.line,
      `"${cl.text}" outside an instance-id block: roamcheck binds it to instance-id 0`,
      'write it inside `instance-id N` / `service ipv4`, or as `eid-table … instance-id N`',
    );
    iid = 0;
  }
  bindTable(st, cl, iid, vrf);
  return at > 0 ? block(cl, frame, 'eidTable', { instanceId: iid }) : undefined;
}

function bindTable(st: ConfigState, cl: ConfigLine, instanceId: number, vrf: string | undefined): void {
  const name = vrf === undefined ? 'the global table' : `vrf ${vrf}`;
  const byIid = st.eidTableByIid.get(instanceId);
  if (byIid && byIid.vrf === vrf) return;
  const clash = byIid ?? st.eidTableByVrf.get(vrf);
  if (clash) {
    report(
      st,
      'error',
      C.duplicateDef,
      cl.line,
      `${name} and instance-id ${instanceId}: instance-id ${clash.instanceId} is already bound to ${clash.vrf === undefined ? 'the global table' : `vrf ${clash.vrf}`} on line ${clash.line}`,
      'one VRF per instance-id and one instance-id per VRF',
    );
    return;
  }
  addEidTable(st, { instanceId, ...(vrf !== undefined ? { vrf } : {}), line: cl.line });
}

function locatorLine(st: ConfigState, set: string, cl: ConfigLine): void {
  const w = cl.words;
  let loc: Locator | undefined;
  if (w[0] === 'IPv4-interface' && w[1]) loc = { kind: 'interface', value: w[1], priority: 1, line: cl.line };
  else if (isIpv4(w[0])) loc = { kind: 'address', value: w[0], priority: 1, line: cl.line };
  else if (w[0] === 'IPv6-interface' || w[0].includes(':')) {
    warnIpv6(st, cl);
    return;
  } else if (/^\d+\.\d+\.\d+\.\d+$/.test(w[0])) {
    readAddress(st, cl, w[0], 'locator');
    return;
  }
  if (!loc) {
    unknown(st, cl, `locator-set ${set}`);
    return;
  }
  const pw = priorityWeight(st, cl, w.slice(loc.kind === 'interface' ? 2 : 1));
  loc.priority = pw.priority;
  if (pw.rest.length > 0) unknown(st, cl, `locator-set ${set}`);
  st.locatorSets.get(set)?.push(loc);
}

function dynEidLine(st: ConfigState, dyn: DynDraft, cl: ConfigLine): void {
  const w = cl.words;
  if (w[0] === 'database-mapping') {
    const m = parseMapping(st, cl, w.slice(1), dyn.instanceId);
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
  } else if (DYN_NOT_MODELLED.pattern.test(w.join(' '))) {
    notModelled(st, cl, DYN_NOT_MODELLED.kind, DYN_NOT_MODELLED.what, DYN_NOT_MODELLED.hint);
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
    let instanceId = 0;
    if (w[1] === 'instance-id') {
      const n = readInt(st, cl, w[2], 0, 16777215, 'instance-id');
      if (n === undefined) return;
      instanceId = n;
      i = 3;
    }
    if (w[i]?.includes(':')) {
      warnIpv6(st, cl);
      return;
    }
    // SD-Access sites accept MAC EIDs of L2 instance-ids (`eid-record instance-id 8188 any-mac`).
    if (w[i] === 'any-mac' || /^[0-9a-f]{4}\.[0-9a-f]{4}\.[0-9a-f]{4}/i.test(w[i] ?? '')) {
      l2(st, cl);
      return;
    }
    const p = parsePrefix(w[i] ?? '');
    if (!p.ok) {
      report(st, 'error', C.badAddress, cl.line, `eid-prefix "${w[i] ?? ''}" ${p.reason}`, 'e.g. 192.168.1.0/24');
      return;
    }
    let acceptMoreSpecifics = false;
    for (let j = i + 1; j < w.length; j++) {
      if (w[j] === 'accept-more-specifics') acceptMoreSpecifics = true;
      else if (w[j] === 'route-tag') j++;
      else report(st, 'warning', C.unknownLine, cl.line, `unknown eid-prefix option "${w[j]}"`, 'roamcheck ignores it');
    }
    site.prefixes.push({ prefix: p.prefix, acceptMoreSpecifics, ...(instanceId !== 0 ? { instanceId } : {}), source: { file: st.file, line: cl.line } });
    return;
  }
  if (SITE_NOT_MODELLED.pattern.test(w.join(' '))) {
    notModelled(st, cl, SITE_NOT_MODELLED.kind, SITE_NOT_MODELLED.what, SITE_NOT_MODELLED.hint);
    return;
  }
  unknown(st, cl, `site ${site.name}`);
}

function l2(st: ConfigState, cl: ConfigLine): void {
  const rule = matchNotModelled('database-mapping mac');
  if (rule) notModelled(st, cl, rule.kind, rule.what, rule.hint);
}
