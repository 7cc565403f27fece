// Reads scenario.yaml (DESIGN.md §5) into a validated ScenarioDoc, with the yaml package's
// document and LineCounter for line numbers. PURE. Names (routers, interfaces, hosts) are only
// checked for form here; buildScenario resolves them against the router configs.

import { LineCounter, parseDocument } from 'yaml';
import type { Diagnostic } from '../core/diagnostic.js';
import { DEFAULT_BOUNDS, CONVERGENCE_KEYS, DEFAULT_TIMERS, REGISTRATIONS, type Bounds, type Convergence, type ExpectedVerdict, type Registration, type Timers } from '../core/scenario.js';
import { CONFIG_CODES as C } from './configCodes.js';
import {
  isMapNode, lineOf, readBool, readEntries, readEnum, readIpv4, readMac, readMap, readNumber, readSeq, readString, report, required, type YamlCtx,
} from './yamlValidators.js';

/** `ROUTER IFACE` (IFACE may be left out when the router has one mobility interface). */
export interface AttachRef { router: string; iface?: string; path: string; line: number }
export interface HostDoc {
  name?: string; ip?: string; mac?: string; at?: AttachRef; gateway?: string; moves: AttachRef[];
  /** `moves: { to: [...], max: N }`: this host's own move budget. */
  moveMax?: number;
  path: string; line: number;
}
/** A `together:` group: host -> destination, all moved in one step. */
export interface MoveGroupDoc { moves: { host: string; to: AttachRef; line: number }[]; path: string; line: number }
export interface ClientDoc { name?: string; ip?: string; via?: string; path: string; line: number }
export interface SegmentDoc { name?: string; interfaces: AttachRef[]; isolated: boolean; path: string; line: number }

export interface ScenarioDoc {
  name?: string;
  description?: string;
  routers?: { glob: string; path: string; line: number }[];
  hosts: HostDoc[];
  clients: ClientDoc[];
  segments: SegmentDoc[];
  traffic: { pair: [string, string]; path: string; line: number }[];
  together: MoveGroupDoc[];
  timers: Partial<Timers>;
  registration?: Registration;
  bounds: Partial<Bounds>;
  convergence?: Partial<Convergence>;
  expect: { id: string; verdict: ExpectedVerdict; line: number }[];
}

export interface ScenarioYamlParse {
  doc: ScenarioDoc;
  diagnostics: Diagnostic[];
  /** Line of every value, by path (`hosts[0].moves[1]`). */
  lines: Record<string, number>;
}

const TOP = ['name', 'description', 'routers', 'hosts', 'clients', 'segments', 'traffic', 'together', 'timers', 'registration', 'bounds', 'convergence', 'expect'] as const;
/** Bounds that are switches, not budgets. */
const FLAG_BOUNDS = new Set(['settleBeforeMove']);
const COUNTS = new Set(['mapRequestRetries', 'notifyRetries', 'arpRetries']);

export function parseScenarioYaml(text: string, file: string): ScenarioYamlParse {
  const lineCounter = new LineCounter();
  const yamlDoc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const ctx: YamlCtx = { file, doc: yamlDoc, lineCounter, diagnostics: [], lines: {} };
  const doc: ScenarioDoc = { hosts: [], clients: [], segments: [], traffic: [], together: [], timers: {}, bounds: {}, expect: [] };
  for (const e of yamlDoc.errors) {
    report(ctx, C.yamlSyntax, lineCounter.linePos(e.pos[0]).line, `YAML syntax: ${e.message.split('\n')[0]}`, 'check indentation, quotes and brackets on or just before this line');
  }
  if (yamlDoc.errors.length > 0) return { doc, diagnostics: ctx.diagnostics, lines: ctx.lines };
  const root = yamlDoc.contents;
  if (root === null) return { doc, diagnostics: ctx.diagnostics, lines: ctx.lines };
  const top = readMap(ctx, root, '', TOP);
  if (!top) return { doc, diagnostics: ctx.diagnostics, lines: ctx.lines };
  const get = <K extends (typeof TOP)[number]>(k: K) => top.get(k);
  if (top.has('name')) doc.name = readString(ctx, get('name'), 'name');
  if (top.has('description')) doc.description = readString(ctx, get('description'), 'description');
  if (top.has('routers')) {
    doc.routers = [];
    readSeq(ctx, get('routers'), 'routers')?.forEach((n, i) => {
      const glob = readString(ctx, n, `routers[${i}]`);
      if (glob) doc.routers?.push({ glob, path: `routers[${i}]`, line: lineOf(ctx, n) });
    });
  }
  if (top.has('hosts')) readSeq(ctx, get('hosts'), 'hosts')?.forEach((n, i) => host(ctx, doc, n, `hosts[${i}]`));
  if (top.has('clients')) readSeq(ctx, get('clients'), 'clients')?.forEach((n, i) => client(ctx, doc, n, `clients[${i}]`));
  if (top.has('segments')) readSeq(ctx, get('segments'), 'segments')?.forEach((n, i) => segment(ctx, doc, n, `segments[${i}]`));
  if (top.has('traffic')) {
    readSeq(ctx, get('traffic'), 'traffic')?.forEach((n, i) => {
      const path = `traffic[${i}]`;
      const items = readSeq(ctx, n, path);
      if (!items) return;
      if (items.length !== 2) {
        report(ctx, C.yamlType, lineOf(ctx, n), `"${path}" must be a pair [source, destination]`, 'e.g. [client, vm1]');
        return;
      }
      const src = readString(ctx, items[0], `${path}[0]`);
      const dst = readString(ctx, items[1], `${path}[1]`);
      if (src && dst) doc.traffic.push({ pair: [src, dst], path, line: lineOf(ctx, n) });
    });
  }
  if (top.has('together')) readSeq(ctx, get('together'), 'together')?.forEach((n, i) => together(ctx, doc, n, `together[${i}]`));
  if (top.has('timers')) {
    const m = readMap(ctx, get('timers'), 'timers', Object.keys(DEFAULT_TIMERS));
    for (const [k, v] of m ?? []) {
      const n = readNumber(ctx, v, `timers.${k}`, COUNTS.has(k) ? { integer: true, min: 0 } : { positive: true });
      if (n !== undefined) doc.timers[k as keyof Timers] = n;
    }
  }
  if (top.has('registration')) doc.registration = readEnum(ctx, get('registration'), 'registration', REGISTRATIONS);
  if (top.has('bounds')) {
    const m = readMap(ctx, get('bounds'), 'bounds', [...Object.keys(DEFAULT_BOUNDS), ...FLAG_BOUNDS]);
    for (const [k, v] of m ?? []) {
      const path = `bounds.${k}`;
      if (FLAG_BOUNDS.has(k)) {
        const f = readBool(ctx, v, path);
        if (f !== undefined) doc.bounds.settleBeforeMove = f;
        continue;
      }
      const n = k === 'maxLatency' ? readNumber(ctx, v, path, { min: 0, infinite: true })
        : readNumber(ctx, v, path, { integer: true, min: k === 'steps' ? 1 : 0, infinite: k === 'timerExpiries' });
      if (n !== undefined) doc.bounds[k as Exclude<keyof Bounds, 'settleBeforeMove'>] = n;
    }
  }
  // The convergence bound (DESIGN.md §3, core/scenario.ts DEFAULT_CONVERGENCE).
  if (top.has('convergence')) {
    doc.convergence = {};
    for (const [k, v] of readMap(ctx, get('convergence'), 'convergence', CONVERGENCE_KEYS) ?? []) {
      const n = readNumber(ctx, v, `convergence.${k}`, k === 'seconds' ? { positive: true } : { integer: true, min: 1 });
      if (n !== undefined) doc.convergence[k as keyof Convergence] = n;
    }
  }
  if (top.has('expect')) {
    for (const [id, v, line] of readEntries(ctx, get('expect'), 'expect') ?? []) {
      const verdict = readEnum(ctx, v, `expect.${id}`, ['holds', 'violated', 'vacuous'] as const);
      if (verdict) doc.expect.push({ id, verdict, line });
    }
  }
  // Keys are read in a fixed order; report in file order (the sort is stable within a line).
  ctx.diagnostics.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  return { doc, diagnostics: ctx.diagnostics, lines: ctx.lines };
}

function attach(ctx: YamlCtx, node: unknown, path: string): AttachRef | undefined {
  const s = readString(ctx, node, path);
  if (s === undefined) return undefined;
  const parts = s.split(/\s+/);
  if (parts.length > 2) {
    report(ctx, C.yamlType, lineOf(ctx, node), `"${path}" must be "ROUTER INTERFACE"`, 'e.g. dcedge-1 GigabitEthernet2');
    return undefined;
  }
  return { router: parts[0], ...(parts[1] ? { iface: parts[1] } : {}), path, line: lineOf(ctx, node) };
}

function host(ctx: YamlCtx, doc: ScenarioDoc, node: unknown, path: string): void {
  const m = readMap(ctx, node, path, ['name', 'ip', 'mac', 'at', 'gateway', 'moves']);
  if (!m) return;
  const h: HostDoc = { moves: [], path, line: lineOf(ctx, node) };
  for (const k of ['name', 'ip', 'mac', 'at']) required(ctx, m, k, path, node);
  if (m.has('name')) h.name = readString(ctx, m.get('name'), `${path}.name`);
  if (m.has('ip')) h.ip = readIpv4(ctx, m.get('ip'), `${path}.ip`);
  if (m.has('mac')) h.mac = readMac(ctx, m.get('mac'), `${path}.mac`);
  if (m.has('at')) h.at = attach(ctx, m.get('at'), `${path}.at`);
  if (m.has('gateway')) h.gateway = readIpv4(ctx, m.get('gateway'), `${path}.gateway`);
  if (m.has('moves')) hostMoves(ctx, h, m.get('moves'), `${path}.moves`);
  doc.hosts.push(h);
}

/** `moves: [ROUTER IFACE, ...]` (unlimited per host) or `moves: { to: [...], max: N }`. */
function hostMoves(ctx: YamlCtx, h: HostDoc, node: unknown, path: string): void {
  let list: unknown = node;
  let listPath = path;
  if (isMapNode(ctx, node)) {
    const m = readMap(ctx, node, path, ['to', 'max']);
    if (!m) return;
    required(ctx, m, 'to', path, node);
    if (m.has('max')) h.moveMax = readNumber(ctx, m.get('max'), `${path}.max`, { integer: true, min: 0 });
    if (!m.has('to')) return;
    list = m.get('to');
    listPath = `${path}.to`;
  }
  readSeq(ctx, list, listPath)?.forEach((n, i) => {
    const a = attach(ctx, n, `${listPath}[${i}]`);
    if (a) h.moves.push(a);
  });
}

/** One `together:` group: `{ HOST: ROUTER IFACE, HOST: ROUTER IFACE }`. */
function together(ctx: YamlCtx, doc: ScenarioDoc, node: unknown, path: string): void {
  const entries = readEntries(ctx, node, path);
  if (!entries) return;
  const g: MoveGroupDoc = { moves: [], path, line: lineOf(ctx, node) };
  for (const [host, v, line] of entries) {
    const to = attach(ctx, v, `${path}.${host}`);
    if (to) g.moves.push({ host, to, line });
  }
  if (entries.length < 2) {
    report(ctx, C.yamlType, g.line, `"${path}" must name at least two hosts`, 'e.g. { vm1: dcedge-2 GigabitEthernet2, vm2: dcedge-1 GigabitEthernet2 }; a host that moves alone needs no group');
  }
  doc.together.push(g);
}

function client(ctx: YamlCtx, doc: ScenarioDoc, node: unknown, path: string): void {
  const m = readMap(ctx, node, path, ['name', 'ip', 'via']);
  if (!m) return;
  for (const k of ['name', 'ip', 'via']) required(ctx, m, k, path, node);
  const c: ClientDoc = { path, line: lineOf(ctx, node) };
  if (m.has('name')) c.name = readString(ctx, m.get('name'), `${path}.name`);
  if (m.has('ip')) c.ip = readIpv4(ctx, m.get('ip'), `${path}.ip`);
  if (m.has('via')) c.via = readString(ctx, m.get('via'), `${path}.via`);
  doc.clients.push(c);
}

function segment(ctx: YamlCtx, doc: ScenarioDoc, node: unknown, path: string): void {
  const m = readMap(ctx, node, path, ['name', 'interfaces', 'isolated']);
  if (!m) return;
  for (const k of ['name', 'interfaces']) required(ctx, m, k, path, node);
  const s: SegmentDoc = { interfaces: [], isolated: false, path, line: lineOf(ctx, node) };
  if (m.has('name')) s.name = readString(ctx, m.get('name'), `${path}.name`);
  if (m.has('isolated')) s.isolated = readBool(ctx, m.get('isolated'), `${path}.isolated`) ?? false;
  if (m.has('interfaces')) {
    readSeq(ctx, m.get('interfaces'), `${path}.interfaces`)?.forEach((n, i) => {
      const a = attach(ctx, n, `${path}.interfaces[${i}]`);
      if (a) s.interfaces.push(a);
    });
  }
  doc.segments.push(s);
}
