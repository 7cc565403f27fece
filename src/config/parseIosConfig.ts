// Parses one printed IOS/IOS-XE running config into a RouterSpec: hostname, interfaces and
// `router lisp` (PROTOCOL.md §5.1), resolving locator-sets into RLOCs. PURE: text in, data out;
// bad input becomes Diagnostics with file and line, never a throw. Handlers: interfaceCommand.ts,
// lispCommand.ts; line splitting: configLines.ts.

import type { Diagnostic } from '../core/diagnostic.js';
import type { DynamicEidSpec, RouterSpec } from '../core/scenario.js';
import { isGlobalCommand, splitConfigLines, type ConfigLine } from './configLines.js';
import { CONFIG_CODES as C } from './configCodes.js';
import { newConfigState, report, type ConfigLines, type ConfigState, type Frame, type Locator, type MappingDraft } from './configState.js';
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
      if (!isExit && isGlobalCommand(cl.words)) popWhile(() => true);
    } else if (isExit) {
      // `exit` closes the innermost block, whether printed at the block's depth or its content's.
      popWhile((f) => (f.leaf ? f.indent >= cl.indent : f.indent > cl.indent));
    } else popWhile((f) => f.indent >= cl.indent);
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
    report(st, 'warning', C.noHostname, 1, `no hostname in the config; the router is called "${r.name}"`, 'add `hostname NAME`');
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

  for (const d of st.dyns) {
    if (d.prefix === undefined) {
      report(st, 'error', C.badValue, d.blockLine, `dynamic-eid ${d.name} has no database-mapping`, 'add `database-mapping PREFIX locator-set NAME`');
      continue;
    }
    const rlocs = rlocsOf(d, `dynamic-eid ${d.name}`);
    if (!rlocs) continue;
    const spec: DynamicEidSpec = { name: d.name, prefix: d.prefix, locatorSet: d.locatorSet ?? st.defaultLocatorSet ?? '', rlocs };
    if (d.mapNotifyGroup) spec.mapNotifyGroup = d.mapNotifyGroup;
    spec.source = { file: st.file, line: d.blockLine };
    r.dynamicEids.push(spec);
  }
  for (const m of st.dbs) {
    const rlocs = rlocsOf(m, `database-mapping ${m.prefix}`);
    if (!rlocs || m.prefix === undefined) continue;
    const same = r.databaseMappings.find((x) => x.prefix === m.prefix);
    if (same) same.rlocs.push(...rlocs.filter((a) => !same.rlocs.includes(a)));
    else r.databaseMappings.push({ prefix: m.prefix, rlocs });
  }
  for (const d of st.interfaces) {
    for (const ref of d.mobilityRefs) {
      if (!st.dyns.some((x) => x.name === ref.name)) {
        const known = st.dyns.map((x) => x.name).join(', ') || 'none';
        report(st, 'error', C.undefinedRef, ref.line, `lisp mobility ${ref.name}: no dynamic-eid ${ref.name} under router lisp`, `defined dynamic-eids: ${known}`);
      }
    }
  }
  // "rloc of an xTR = first locator of its locator sets; of a PITR = its proxy-itr address".
  const first = [...resolved.values()].find((a) => a.length > 0);
  const rloc = first?.[0] ?? r.proxyItrRlocs[0];
  if (rloc !== undefined) r.rloc = rloc;
  for (const m of r.mapServers) {
    if (m.key === '') report(st, 'warning', C.badValue, m.source?.line ?? 1, `map-server ${m.address} has no key; every Map-Register would fail authentication`, 'add `key K` to the etr map-server line');
  }
  for (const s of r.sites) {
    if (s.key === '') report(st, 'warning', C.badValue, s.source?.line ?? 1, `site ${s.name} has no authentication-key; it accepts no registration`, 'add `authentication-key K`');
  }
  if (st.instanceIds.size > 1) {
    report(st, 'warning', C.approximated, st.lines.router.routerLisp ?? 1, `several instance-ids (${[...st.instanceIds].join(', ')}); roamcheck models one EID space`, 'EIDs of all instance-ids are treated as one table; keep one instance-id in the model');
  }
  return r;
}

/** Addresses of usable locators; priority 255 means "do not use" (RFC 9301 §5.4). */
function resolveLocators(st: ConfigState, locators: Locator[]): string[] {
  const out: string[] = [];
  for (const loc of locators) {
    let address: string | undefined = loc.value;
    if (loc.kind === 'interface') {
      const iface = st.interfaces.find((i) => i.spec.name === loc.value);
      address = iface?.spec.address;
      if (!iface) report(st, 'error', C.undefinedRef, loc.line, `interface ${loc.value} is not configured`, `configured interfaces: ${st.interfaces.map((i) => i.spec.name).join(', ') || 'none'}`);
      else if (!address) report(st, 'error', C.undefinedRef, loc.line, `interface ${loc.value} has no IPv4 address to use as a locator`, 'give the interface an `ip address`, or use another locator');
    }
    if (address !== undefined && loc.priority < 255 && !out.includes(address)) out.push(address);
  }
  return out;
}
