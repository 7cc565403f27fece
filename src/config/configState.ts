// The mutable scratch state of one config parse, shared by the interface and router-lisp command
// handlers, plus the small reporting and number/address readers they all use. PURE (no I/O);
// mutable only inside one parseIosConfig call. Resolution into a RouterSpec is in parseIosConfig.ts.

import { diag, type Diagnostic, type Severity } from '../core/diagnostic.js';
import { routerDefaults, type InterfaceSpec, type RouterSpec } from '../core/scenario.js';
import type { ConfigLine } from './configLines.js';
import { CONFIG_CODES as C } from './configCodes.js';
import { isIpv4 } from './ipv4.js';

export type RouterFact = 'hostname' | 'routerLisp' | 'itr' | 'etr' | 'ms' | 'mr' | 'pitr' | 'petr' | 'mapResolver' | 'usePetr';
export type InterfaceFact = 'interface' | 'address' | 'mac' | 'proxyArp' | 'localProxyArp' | 'mobility' | 'nbrProxyReply' | 'extendedSubnet' | 'standby' | 'arpTimeout' | 'liveness' | 'discoverArp';

/** Where facts that the Scenario carries without a SourceRef came from, for lint and `model`. */
export interface ConfigLines {
  router: Partial<Record<RouterFact, number>>;
  interfaces: Record<string, Partial<Record<InterfaceFact, number>>>;
  locatorSets: Record<string, number>;
}

export interface Locator {
  kind: 'interface' | 'address';
  value: string;
  priority: number;
  line: number;
}

export interface IfaceDraft {
  spec: InterfaceSpec;
  /** Position of the `interface` block in the file, for burntInMac. */
  index: number;
  macSet: boolean;
  /** Lines not understood; reported only if the interface turns out to carry `lisp mobility`. */
  unknown: ConfigLine[];
  hsrpVersion: 1 | 2;
  hsrpUseBia: boolean;
  hsrp: Map<number, { mac?: string }>;
  vrrp: Set<number>;
  shutdownLine?: number;
  mobilityRefs: { name: string; line: number }[];
  /** `spec.mobility` as a set: a config may repeat `lisp mobility` lines without limit. */
  mobilitySet: Set<string>;
}

export interface MappingDraft {
  prefix?: string;
  locatorSet?: string;
  direct: Locator[];
  line: number;
  /** Instance-id of the block it was configured in (0 outside any). */
  instanceId: number;
}

export interface DynDraft extends MappingDraft {
  name: string;
  mapNotifyGroup?: string;
  /** Line of the `dynamic-eid NAME` block. */
  blockLine: number;
}

export type Mode = 'global' | 'interface' | 'lisp' | 'locatorSet' | 'eidTable' | 'instance' | 'service' | 'dynEid' | 'site' | 'skip';

/** One level of nesting. Leaf frames stand for plain commands, so deeper lines under them skip. */
export interface Frame {
  indent: number;
  mode: Mode;
  leaf: boolean;
  iface?: IfaceDraft;
  locatorSet?: string;
  dyn?: DynDraft;
  siteIndex?: number;
  /** Instance-id of the enclosing `instance-id N` / `eid-table … instance-id N` block, inherited. */
  instanceId?: number;
}

/** An EID table binding: `eid-table default|vrf V instance-id N`, or `eid-table …` in instance N. */
export interface EidTableDraft {
  instanceId: number;
  vrf?: string;
  line: number;
}

export interface ConfigState {
  file: string;
  router: RouterSpec;
  hostname?: string;
  interfaces: IfaceDraft[];
  /**
   * Indexes of the lists above and below, so each line is handled in constant time: a 4 MB config
   * (tens of thousands of blocks) once took minutes through linear look-ups.
   */
  ifaceByName: Map<string, IfaceDraft>;
  dynByKey: Map<string, DynDraft>;
  eidTableByIid: Map<number, EidTableDraft>;
  eidTableByVrf: Map<string | undefined, EidTableDraft>;
  mapServerByAddress: Map<string, RouterSpec['mapServers'][number]>;
  locatorSets: Map<string, Locator[]>;
  defaultLocatorSet?: string;
  dyns: DynDraft[];
  dbs: MappingDraft[];
  eidTables: EidTableDraft[];
  /** `[no] map-cache away-eids send-map-request`, when configured (PROTOCOL.md §2.6). */
  awayEidsSendMapRequest?: boolean;
  diagnostics: Diagnostic[];
  lines: ConfigLines;
  ipv6Warned: boolean;
  /** First warning of each kind of not-modelled line, and how many more lines of that kind. */
  notModelled: Map<string, { diagnostic: Diagnostic; more: number }>;
}

export function newConfigState(file: string): ConfigState {
  return {
    file,
    router: routerDefaults(''),
    interfaces: [],
    ifaceByName: new Map(),
    dynByKey: new Map(),
    eidTableByIid: new Map(),
    eidTableByVrf: new Map(),
    mapServerByAddress: new Map(),
    locatorSets: new Map(),
    dyns: [],
    dbs: [],
    eidTables: [],
    diagnostics: [],
    // Keyed by names from the file (`interface __proto__` is valid IOS): no prototype to reach.
    lines: { router: {}, interfaces: Object.create(null), locatorSets: Object.create(null) },
    ipv6Warned: false,
    notModelled: new Map(),
  };
}

export function report(st: ConfigState, severity: Severity, code: string, line: number, message: string, hint: string): void {
  st.diagnostics.push(diag(severity, code, message, { file: st.file, line, hint }));
}

/** An IPv4 address token, or undefined after an RC212 error naming `what`. */
export function readAddress(st: ConfigState, cl: ConfigLine, text: string | undefined, what: string): string | undefined {
  if (text !== undefined && isIpv4(text)) return text;
  report(st, 'error', C.badAddress, cl.line, `${what} ${text === undefined ? 'is missing' : `"${text}" is not an IPv4 address`}`, 'write it as a dotted quad, e.g. 10.0.3.1');
  return undefined;
}

/** A decimal integer token in [min, max], or undefined after an RC214 error naming `what`. */
export function readInt(st: ConfigState, cl: ConfigLine, text: string | undefined, min: number, max: number, what: string): number | undefined {
  const n = text !== undefined && /^\d{1,12}$/.test(text) ? Number(text) : NaN;
  if (Number.isInteger(n) && n >= min && n <= max) return n;
  report(st, 'error', C.badValue, cl.line, `${what} must be an integer from ${min} to ${max}${text === undefined ? '' : `, got "${text}"`}`, `e.g. ${min}`);
  return undefined;
}

/** A Cisco dotted MAC (`0000.0d0e.010c`), lower-cased, or undefined after an RC212 error. */
export function readMac(st: ConfigState, cl: ConfigLine, text: string | undefined): string | undefined {
  if (text !== undefined && /^[0-9a-f]{4}\.[0-9a-f]{4}\.[0-9a-f]{4}$/i.test(text)) return text.toLowerCase();
  report(st, 'error', C.badAddress, cl.line, `MAC address "${text ?? ''}" is malformed`, 'write it in Cisco dotted form, e.g. 0000.0c07.ac01');
  return undefined;
}

/**
 * A line roamcheck understands but does not model (RLOC probing, L2 `service ethernet`, RIB
 * export, PubSub …): an RC218 warning naming the first such line of each kind; later lines of the
 * same kind are only counted (a DNA-Center config repeats them once per virtual network).
 */
export function notModelled(st: ConfigState, cl: ConfigLine, kind: string, what: string, hint: string): void {
  const seen = st.notModelled.get(kind);
  if (seen) {
    seen.more++;
    return;
  }
  const d = diag('warning', C.notModelled, `"${cl.text}": ${what}`, { file: st.file, line: cl.line, hint });
  st.diagnostics.push(d);
  st.notModelled.set(kind, { diagnostic: d, more: 0 });
}

/** Append "(and N more such lines)" to each not-modelled warning once the file is read. */
export function countNotModelled(st: ConfigState): void {
  for (const { diagnostic, more } of st.notModelled.values()) {
    if (more > 0) diagnostic.message += ` (and ${more} more such line${more === 1 ? '' : 's'})`;
  }
}

/** One warning per file: IPv4 is all roamcheck models (PROTOCOL.md scope). */
export function warnIpv6(st: ConfigState, cl: ConfigLine): void {
  if (st.ipv6Warned) return;
  st.ipv6Warned = true;
  report(st, 'warning', C.approximated, cl.line, 'IPv6 LISP configuration is ignored: roamcheck models IPv4 EIDs and RLOCs only', 'verdicts cover the IPv4 service only');
}

/** Add an EID table binding to the list and its indexes. */
export function addEidTable(st: ConfigState, t: EidTableDraft): void {
  st.eidTables.push(t);
  if (!st.eidTableByIid.has(t.instanceId)) st.eidTableByIid.set(t.instanceId, t);
  if (!st.eidTableByVrf.has(t.vrf)) st.eidTableByVrf.set(t.vrf, t);
}
