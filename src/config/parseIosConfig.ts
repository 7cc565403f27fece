// Parses one printed IOS/IOS-XE running config into a RouterSpec: hostname, interfaces and
// `router lisp` (PROTOCOL.md §5.1), resolving locator-sets into RLOCs and instance-ids into EID
// tables. PURE: text in, data out; bad input becomes Diagnostics with file and line, never a throw.
// Handlers: interfaceCommand.ts, lispCommand.ts (+ lispServiceLine.ts); lines: configLines.ts.

import type { Diagnostic } from '../core/diagnostic.js';
import { isReservedKey } from '../core/reservedKey.js';
import { interfaceInstanceId, type DynamicEidSpec, type RouterSpec } from '../core/scenario.js';
import { isGlobalCommand, splitConfigLines, type ConfigLine } from './configLines.js';
import { CONFIG_CODES as C } from './configCodes.js';
import {
  addEidTable,
  countNotModelled,
  newConfigState,
  report,
  type ConfigLines,
  type ConfigState,
  type DynDraft,
  type Frame,
  type IfaceDraft,
  type Locator,
  type MappingDraft,
} from './configState.js';
import { finishInterface, interfaceCommand, openInterface } from './interfaceCommand.js';
import { lispCommand } from './lispCommand.js';

export type { ConfigLines } from './configState.js';

export interface IosConfigParse {
  router: RouterSpec;
  diagnostics: Diagnostic[];
  /** Lines of facts the RouterSpec carries without a SourceRef (roles, targets, interface flags). */
  lines: ConfigLines;
}

/** Parse a whole running config; `file` is the path used in diagnostics and SourceRefs. */
export function parseIosConfig(text: string, file: string): IosConfigParse {
  const st = newConfigState(file);
  const lines = splitConfigLines(text);
  // Printed configs indent one space per level; pasted ones may not indent at all, and then IOS
  // itself leaves a sub-mode only when a line belongs to global mode.
  const flat = !lines.some((l) => l.indent > 0);
  const stack: Frame[] = [{ indent: -1, mode: 'global', leaf: false }];
  const popWhile = (keep: (f: Frame) => boolean) => {
    while (stack.length > 1 && keep(stack[stack.length - 1])) stack.pop();
  };
  for (const cl of lines) {
    if (cl.text.startsWith('!')) {
      if (!flat) popWhile((f) => f.indent >= cl.indent);
      continue;
    }
    const isExit = /^exit(-\S+)?$/.test(cl.text);
    if (flat) {
      if (!isExit && isGlobalCommand(cl.words, stack[stack.length - 1].mode)) popWhile(() => true);
    } else if (isExit) {
      // `exit` closes the innermost block, whether printed at the block's depth or its content's.
      popWhile((f) => (f.leaf ? f.indent >= cl.indent : f.indent > cl.indent));
    } else {
      popWhile((f) => f.indent >= cl.indent);
      // IOS mode rule, whatever the indentation: a command that can only be global ends every
      // sub-mode (a hand-trimmed ` router lisp` after an interface opens router lisp).
      if (isGlobalCommand(cl.words, stack[stack.length - 1].mode)) popWhile(() => true);
    }
    if (isExit) {
      if (stack.length > 1) stack.pop();
      continue;
    }
    const child = handle(st, stack[stack.length - 1], cl, flat);
    if (child) stack.push(child);
    else if (!flat) stack.push({ indent: cl.indent, mode: 'skip', leaf: true });
  }
  return { router: finish(st), diagnostics: st.diagnostics, lines: st.lines };
}

function handle(st: ConfigState, frame: Frame, cl: ConfigLine, flat: boolean): Frame | undefined {
  switch (frame.mode) {
    case 'skip':
      return undefined;
    case 'interface':
      if (frame.iface) interfaceCommand(st, frame.iface, cl);
      return undefined;
    case 'global':
      return globalLine(st, cl, flat);
    default:
      return lispCommand(st, frame, cl);
  }
}

function globalLine(st: ConfigState, cl: ConfigLine, flat: boolean): Frame | undefined {
  const w = cl.words;
  if (w[0] === 'hostname' && w[1] && isReservedKey(w[1])) {
    // Router names key records in the world; an Object.prototype name would reach the prototype.
    report(st, 'error', C.badValue, cl.line, `hostname "${w[1]}" is a name every JavaScript object has and cannot name a router`, 'rename the router');
    st.lines.router.hostname = cl.line; // there is a hostname line: no "no hostname" warning as well
    return undefined;
  }
  if (w[0] === 'hostname' && w[1]) {
    st.hostname = w[1];
    st.lines.router.hostname = cl.line;
    return undefined;
  }
  if (w[0] === 'interface') {
    const iface = openInterface(st, cl);
    return { indent: cl.indent, mode: iface ? 'interface' : 'skip', leaf: false, iface };
  }
  if (w[0] === 'router' && w[1] === 'lisp') {
    st.lines.router.routerLisp ??= cl.line;
    return { indent: cl.indent, mode: 'lisp', leaf: false };
  }
  // Any other global block (`line vty`, `router ospf`, `vrf definition` …): contents skipped silently.
  return flat ? undefined : { indent: cl.indent, mode: 'skip', leaf: false };
}

/** Resolve names (hostname, MACs, locator-sets, dynamic-EIDs) into the RouterSpec. */
function finish(st: ConfigState): RouterSpec {
  const r = st.router;
  if (st.hostname === undefined) {
    r.name = st.file.replace(/^.*\//, '').replace(/\.[^.]*$/, '') || 'router';
    if (st.lines.router.hostname === undefined) report(st, 'warning', C.noHostname, 1, `no hostname in the config; the router is called "${r.name}"`, 'add `hostname NAME`');
  } else r.name = st.hostname;
  r.file = st.file;
  for (const d of st.interfaces) finishInterface(st, d, r.name);
  r.interfaces = st.interfaces.map((d) => d.spec);

  const resolved = new Map<string, string[]>();
  for (const [name, locators] of st.locatorSets) resolved.set(name, resolveLocators(st, locators));
  const rlocsOf = (m: MappingDraft, what: string): string[] | undefined => {
    if (m.direct.length > 0) return resolveLocators(st, m.direct);
    const set = m.locatorSet ?? st.defaultLocatorSet;
    const rlocs = set === undefined ? undefined : resolved.get(set);
    if (rlocs === undefined) {
      const known = [...st.locatorSets.keys()].join(', ') || 'none';
      report(st, 'error', C.undefinedRef, m.line, `${what}: locator-set ${set ?? '(none)'} is not defined`, `defined locator-sets: ${known}`);
    }
    return rlocs;
  };

  finishEidTables(st);
  for (const d of st.dyns) {
    if (d.prefix === undefined) {
      report(st, 'error', C.badValue, d.blockLine, `dynamic-eid ${d.name} has no database-mapping`, 'add `database-mapping PREFIX locator-set NAME`');
      continue;
    }
    const rlocs = rlocsOf(d, `dynamic-eid ${d.name}`);
    if (!rlocs) continue;
    const spec: DynamicEidSpec = { name: d.name, prefix: d.prefix, locatorSet: d.locatorSet ?? st.defaultLocatorSet ?? '', rlocs };
    if (d.mapNotifyGroup) spec.mapNotifyGroup = d.mapNotifyGroup;
    // Instance-id 0 is the default (scenario.ts); only other instance-ids are written out.
    if (d.instanceId !== 0) spec.instanceId = d.instanceId;
    spec.source = { file: st.file, line: d.blockLine };
    r.dynamicEids.push(spec);
  }
  const mappings = new Map<string, { rlocs: string[]; has: Set<string> }>();
  for (const m of st.dbs) {
    const rlocs = rlocsOf(m, `database-mapping ${m.prefix}`);
    if (!rlocs || m.prefix === undefined) continue;
    const key = `${m.instanceId}|${m.prefix}`;
    const same = mappings.get(key);
    if (same) {
      for (const a of rlocs)
        if (!same.has.has(a)) {
          same.has.add(a);
          same.rlocs.push(a);
        }
    } else {
      const entry = { prefix: m.prefix, rlocs, ...(m.instanceId !== 0 ? { instanceId: m.instanceId } : {}) };
      r.databaseMappings.push(entry);
      mappings.set(key, { rlocs, has: new Set(rlocs) });
    }
  }
  if (st.awayEidsSendMapRequest !== undefined) r.awayEidsSendMapRequest = st.awayEidsSendMapRequest;
  const dynsByName = new Map<string, DynDraft[]>();
  for (const d of st.dyns) dynsByName.set(d.name, [...(dynsByName.get(d.name) ?? []), d]);
  for (const d of st.interfaces) checkMobilityRefs(st, r, d, dynsByName);
  // "rloc of an xTR = first locator of its locator sets; of a PITR = its proxy-itr address". A
  // multihomed site lists its peer xTR's RLOC too, so this router's own address comes first.
  const locators = [...resolved.values()].flat();
  const own = new Set(r.interfaces.flatMap((i) => [i.address, ...i.secondary.map((x) => x.address)]));
  const rloc = locators.find((a) => own.has(a)) ?? locators[0] ?? r.proxyItrRlocs[0];
  if (rloc !== undefined) r.rloc = rloc;
  for (const m of r.mapServers) {
    if (m.key === '')
      report(st, 'warning', C.badValue, m.source?.line ?? 1, `map-server ${m.address} has no key; every Map-Register would fail authentication`, 'add `key K` to the etr map-server line');
  }
  for (const s of r.sites) {
    if (s.key === '') report(st, 'warning', C.badValue, s.source?.line ?? 1, `site ${s.name} has no authentication-key; it accepts no registration`, 'add `authentication-key K`');
  }
  countNotModelled(st);
  return r;
}

/**
 * EID tables (PROTOCOL.md §5.1): written out only when the config has more than the classic
 * single table (`eid-table default instance-id 0`), so classic configs keep `eidTables` empty.
 * An instance-id used by a dynamic-EID or mapping but bound to no table gets the global table if
 * that is free (IOS-XE needs `eid-table` in `service ipv4` to use the instance; warn).
 */
function finishEidTables(st: ConfigState): void {
  const used = new Map<number, number>();
  for (const m of [...st.dyns, ...st.dbs]) if (!used.has(m.instanceId)) used.set(m.instanceId, m.line);
  for (const [iid, line] of used) {
    if (iid === 0 || st.eidTableByIid.has(iid)) continue;
    const globalFree = !st.eidTableByVrf.has(undefined);
    report(
      st,
      'warning',
      C.approximated,
      line,
      `instance-id ${iid} is bound to no EID table (no \`eid-table\` line in its \`service ipv4\`)${globalFree ? '; roamcheck binds it to the global table' : ''}`,
      `add \`eid-table default\` or \`eid-table vrf NAME\` under instance-id ${iid} / service ipv4`,
    );
    if (globalFree) addEidTable(st, { instanceId: iid, line });
  }
  const trivial = st.eidTables.every((t) => t.instanceId === 0 && t.vrf === undefined);
  if (!trivial) st.router.eidTables = st.eidTables.map((t) => ({ instanceId: t.instanceId, ...(t.vrf !== undefined ? { vrf: t.vrf } : {}) }));
}

/**
 * `lisp mobility NAME` names a dynamic-eid of the interface's own instance-id (its VRF's EID table).
 * IOS takes a name that resolves to nothing; the interface then detects no host (PROTOCOL.md
 * F10/F11), which the model reproduces, so these are warnings: the model loads and the
 * properties show what the mistake costs.
 */
function checkMobilityRefs(st: ConfigState, r: RouterSpec, d: IfaceDraft, dynsByName: ReadonlyMap<string, DynDraft[]>): void {
  const iid = interfaceInstanceId(r, d.spec);
  const tables = (r.eidTables ?? []).length > 0;
  for (const ref of d.mobilityRefs) {
    const named = dynsByName.get(ref.name) ?? [];
    if (named.some((x) => !tables || x.instanceId === iid)) continue;
    if (iid === undefined) {
      report(
        st,
        'warning',
        C.undefinedRef,
        ref.line,
        `lisp mobility ${ref.name}: interface ${d.spec.name} is in vrf ${d.spec.vrf}, which no eid-table maps to an instance-id`,
        `add \`eid-table vrf ${d.spec.vrf}\` under the instance-id of dynamic-eid ${ref.name}`,
      );
    } else if (named.length > 0) {
      const where = d.spec.vrf === undefined ? 'the global table' : `vrf ${d.spec.vrf}`;
      report(
        st,
        'warning',
        C.undefinedRef,
        ref.line,
        `lisp mobility ${ref.name}: interface ${d.spec.name} is in ${where} (instance-id ${iid}) but dynamic-eid ${ref.name} is in instance-id ${named.map((x) => x.instanceId).join(', ')}`,
        'put the interface in the VRF of that instance-id (`vrf forwarding`), or define the dynamic-eid under its own instance-id',
      );
    } else {
      const known = listed([...dynsByName.keys()]);
      report(st, 'warning', C.undefinedRef, ref.line, `lisp mobility ${ref.name}: no dynamic-eid ${ref.name} under router lisp`, `defined dynamic-eids: ${known}`);
    }
  }
}

/** Addresses of usable locators; priority 255 means "do not use" (RFC 9301 §5.4). */
function resolveLocators(st: ConfigState, locators: Locator[]): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const loc of locators) {
    let address: string | undefined = loc.value;
    if (loc.kind === 'interface') {
      const iface = st.ifaceByName.get(loc.value);
      address = iface?.spec.address;
      if (!iface) report(st, 'error', C.undefinedRef, loc.line, `interface ${loc.value} is not configured`, `configured interfaces: ${listed(st.interfaces.map((i) => i.spec.name))}`);
      else if (!address) report(st, 'error', C.undefinedRef, loc.line, `interface ${loc.value} has no IPv4 address to use as a locator`, 'give the interface an `ip address`, or use another locator');
    }
    if (address !== undefined && loc.priority < 255 && !seen.has(address)) {
      seen.add(address);
      out.push(address);
    }
  }
  return out;
}

/** A hint's list of names, cut after ten: each hint of a config with 50,000 interfaces must stay a line. */
function listed(names: readonly string[]): string {
  if (names.length === 0) return 'none';
  return names.length > 10 ? `${names.slice(0, 10).join(', ')} and ${names.length - 10} more` : names.join(', ');
}
