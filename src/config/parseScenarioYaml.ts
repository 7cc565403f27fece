// Reads scenario.yaml (DESIGN.md §5) into a validated ScenarioDoc. PURE. The yaml package parses
// (with a LineCounter for lines and its own maxAliasCount against alias bombs), scenarioSchema.ts
// says what each key may hold, and each schema issue is mapped back to the line of its YAML node.
// Names (routers, interfaces, hosts) are only checked for form here; buildScenario resolves them
// against the router configs.

import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import * as v from 'valibot';
import { diag, type Diagnostic } from '../core/diagnostic.js';
import { LIMITS } from '../core/limits.js';
import { isReservedKey } from '../core/reservedKey.js';
import type { Bounds, Convergence, ExpectedVerdict, Registration, Timers } from '../core/scenario.js';
import { CONFIG_CODES as C } from './configCodes.js';
import { scenarioSchema, UNKNOWN_KEY } from './scenarioSchema.js';

/** `ROUTER IFACE` (IFACE may be left out when the router has one mobility interface). */
export interface AttachRef {
  router: string;
  iface?: string;
  path: string;
  line: number;
}
export interface HostDoc {
  name?: string;
  ip?: string;
  mac?: string;
  at?: AttachRef;
  gateway?: string;
  moves: AttachRef[];
  /** `moves: { to: [...], max: N }`: this host's own move budget. */
  moveMax?: number;
  path: string;
  line: number;
}
/** A `together:` group: host -> destination, all moved in one step. */
export interface MoveGroupDoc {
  moves: { host: string; to: AttachRef; line: number }[];
  path: string;
  line: number;
}
export interface ClientDoc {
  name?: string;
  ip?: string;
  via?: string;
  path: string;
  line: number;
}
export interface SegmentDoc {
  name?: string;
  interfaces: AttachRef[];
  isolated: boolean;
  path: string;
  line: number;
}

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
  /** The convergence bound of eventual properties (DESIGN.md §3, core/scenario.ts DEFAULT_CONVERGENCE). */
  convergence?: Partial<Convergence>;
  expect: { id: string; verdict: ExpectedVerdict; line: number }[];
}

export interface ScenarioYamlParse {
  doc: ScenarioDoc;
  diagnostics: Diagnostic[];
  /** Line of every value, by path (`hosts[0].moves[1]`). */
  lines: Record<string, number>;
}

const STRICT = scenarioSchema();
const LENIENT = scenarioSchema(true);

export function parseScenarioYaml(text: string, file: string): ScenarioYamlParse {
  const diagnostics: Diagnostic[] = [];
  const lines: Record<string, number> = {};
  const doc: ScenarioDoc = { hosts: [], clients: [], segments: [], traffic: [], together: [], timers: {}, bounds: {}, expect: [] };
  const report = (code: string, line: number, message: string, hint: string) => diagnostics.push(diag('error', code, message, { file, line, hint }));
  const done = (): ScenarioYamlParse => {
    // Report in file order (the sort is stable within a line).
    diagnostics.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
    return { doc, diagnostics, lines };
  };
  if (text.length > LIMITS.scenarioBytes) {
    report(C.tooLarge, 1, `the scenario is ${text.length} characters, more than the limit of ${LIMITS.scenarioBytes}`, 'a scenario lists hosts, clients and flows: a few kilobytes');
    return done();
  }
  const lineCounter = new LineCounter();
  // uniqueKeys off: the yaml package compares every key with every other (quadratic in a map's
  // size); recordLines finds duplicates with a Set instead.
  const yamlDoc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: false });
  for (const e of yamlDoc.errors) {
    report(C.yamlSyntax, lineCounter.linePos(e.pos[0]).line, `YAML syntax: ${e.message.split('\n')[0]}`, 'check indentation, quotes and brackets on or just before this line');
  }
  if (yamlDoc.errors.length > 0 || yamlDoc.contents === null) return done();
  const lineOf = (node: unknown) => {
    const range = (node as { range?: [number, number, number] } | null)?.range;
    return range ? lineCounter.linePos(range[0]).line : 1;
  };
  const walked = recordLines(yamlDoc.contents, lineOf, lines, {
    reserved: (key, line) => report(C.yamlUnknownKey, line, `"${key}" cannot be a key`, 'it is a name every JavaScript object has; rename it'),
    duplicate: (key, line) => report(C.yamlSyntax, line, `YAML syntax: Map keys must be unique: "${key}" is given twice`, 'remove or rename one of them'),
  });
  if (walked.duplicates) return done();
  if (walked.aliases.length > LIMITS.yamlAliases) {
    report(C.yamlAliases, walked.aliases[LIMITS.yamlAliases], `more than ${LIMITS.yamlAliases} YAML aliases (*name)`, 'write the values out; a scenario needs few aliases, if any');
    return done();
  }
  let data: unknown;
  try {
    // Aliases are expanded here, by the yaml package itself, within its maxAliasCount.
    data = yamlDoc.toJS({ maxAliasCount: LIMITS.yamlAliasExpansion });
  } catch (e) {
    report(C.yamlAliases, 1, `YAML aliases expand to too much: ${(e as Error).message}`, `aliases may repeat anchored nodes at most ${LIMITS.yamlAliasExpansion} times in all; write the values out`);
    return done();
  }
  const keyLines = walked.keyLines;
  const at = (path: string) => lineAt(lines, path);
  // Unknown keys first: on a line with several problems, the misspelt key explains the rest.
  const issues = uniqueIssues(v.safeParse(STRICT, data).issues ?? []);
  const isUnknownKey = (i: (typeof issues)[number]) => i.path?.[i.path.length - 1]?.origin === 'key' && i.expected === 'never';
  for (const issue of [...issues.filter(isUnknownKey), ...issues.filter((i) => !isUnknownKey(i))]) {
    const keys = (issue.path ?? []).map((p) => p.key as string | number);
    const path = pathOf(keys);
    const last = issue.path?.[issue.path.length - 1];
    if (last?.origin === 'key' && issue.expected === 'never') {
      const key = String(last.key);
      if (isReservedKey(key)) continue; // reported by recordLines
      const parent = pathOf(keys.slice(0, -1));
      const allowed = issue.message.slice(UNKNOWN_KEY.length + 1).split(', ');
      const near = allowed.find((k) => editDistance(k, key) <= 2);
      report(
        C.yamlUnknownKey,
        keyLines[path] ?? at(path),
        `unknown key "${key}" ${parent === '' ? 'at the top level' : `in "${parent}"`}`,
        near ? `did you mean "${near}"?` : `allowed keys: ${allowed.join(', ')}`,
      );
    } else if (last?.origin === 'key' && issue.received === 'undefined') {
      const parent = pathOf(keys.slice(0, -1));
      report(C.yamlMissingKey, at(parent), `"${parent}" is missing "${String(last.key)}"`, `add "${String(last.key)}: …"`);
    } else {
      const [must, hint = 'see DESIGN.md §5'] = issue.message.split('\n');
      report(C.yamlType, at(path), `"${path}" must ${must}`, hint);
    }
  }
  const lenient = v.safeParse(LENIENT, data);
  if (lenient.success) fill(doc, lenient.output as LenientDoc, at);
  return done();
}

/** The lenient reading: every value that did not fit is undefined. */
interface LenientDoc {
  name?: string;
  description?: string;
  routers?: (string | undefined)[];
  hosts?: ({ name?: string; ip?: string; mac?: string; at?: string; gateway?: string; moves?: (string | undefined)[] | { to?: (string | undefined)[]; max?: number } } | undefined)[];
  clients?: ({ name?: string; ip?: string; via?: string } | undefined)[];
  segments?: ({ name?: string; interfaces?: (string | undefined)[]; isolated?: boolean } | undefined)[];
  traffic?: (string[] | undefined)[];
  together?: (Record<string, string | undefined> | undefined)[];
  timers?: Partial<Timers>;
  registration?: Registration;
  bounds?: Partial<Bounds>;
  convergence?: Partial<Convergence>;
  expect?: Record<string, ExpectedVerdict | undefined>;
}

/** Build the ScenarioDoc from the lenient reading, with each value's path and line. */
function fill(doc: ScenarioDoc, input: LenientDoc, at: (path: string) => number): void {
  const attach = (s: string | undefined, path: string): AttachRef | undefined => {
    if (s === undefined) return undefined;
    const [router, iface] = s.split(/\s+/);
    return { router, ...(iface ? { iface } : {}), path, line: at(path) };
  };
  const attachList = (list: (string | undefined)[] | undefined, path: string) => (list ?? []).flatMap((s, i) => attach(s, `${path}[${i}]`) ?? []);
  if (input.name !== undefined) doc.name = input.name;
  if (input.description !== undefined) doc.description = input.description;
  if (input.routers) doc.routers = input.routers.flatMap((glob, i) => (glob === undefined ? [] : [{ glob, path: `routers[${i}]`, line: at(`routers[${i}]`) }]));
  input.hosts?.forEach((h, i) => {
    if (!h) return;
    const path = `hosts[${i}]`;
    const d: HostDoc = { moves: [], path, line: at(path) };
    if (h.name !== undefined) d.name = h.name;
    if (h.ip !== undefined) d.ip = h.ip;
    if (h.mac !== undefined) d.mac = h.mac;
    if (h.gateway !== undefined) d.gateway = h.gateway;
    const a = attach(h.at, `${path}.at`);
    if (a) d.at = a;
    if (Array.isArray(h.moves)) d.moves = attachList(h.moves, `${path}.moves`);
    else if (h.moves) {
      d.moves = attachList(h.moves.to, `${path}.moves.to`);
      if (h.moves.max !== undefined) d.moveMax = h.moves.max;
    }
    doc.hosts.push(d);
  });
  input.clients?.forEach((c, i) => {
    if (!c) return;
    const path = `clients[${i}]`;
    doc.clients.push({ ...definedOnly({ name: c.name, ip: c.ip, via: c.via }), path, line: at(path) });
  });
  input.segments?.forEach((s, i) => {
    if (!s) return;
    const path = `segments[${i}]`;
    doc.segments.push({ ...(s.name !== undefined ? { name: s.name } : {}), interfaces: attachList(s.interfaces, `${path}.interfaces`), isolated: s.isolated ?? false, path, line: at(path) });
  });
  input.traffic?.forEach((p, i) => {
    if (p) doc.traffic.push({ pair: [p[0], p[1]], path: `traffic[${i}]`, line: at(`traffic[${i}]`) });
  });
  input.together?.forEach((g, i) => {
    if (!g) return;
    const path = `together[${i}]`;
    const moves = Object.entries(g).flatMap(([host, to]) => {
      const a = isReservedKey(host) ? undefined : attach(to, `${path}.${host}`);
      return a ? [{ host, to: a, line: a.line }] : [];
    });
    doc.together.push({ moves, path, line: at(path) });
  });
  if (input.timers) doc.timers = definedOnly(input.timers);
  if (input.registration !== undefined) doc.registration = input.registration;
  if (input.bounds) doc.bounds = definedOnly(input.bounds);
  if (input.convergence) doc.convergence = definedOnly(input.convergence);
  for (const [id, verdict] of Object.entries(input.expect ?? {})) {
    if (verdict !== undefined && !isReservedKey(id)) doc.expect.push({ id, verdict, line: at(`expect.${id}`) });
  }
}

function definedOnly<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, x]) => x !== undefined)) as T;
}

/**
 * Record the line of every node by path (`hosts[0].moves[1]`) and of every key, report keys that
 * are Object.prototype names and keys given twice, and list the aliases' lines. Linear: an alias
 * is recorded where it is written and not followed (values under it take its line).
 */
function recordLines(
  root: unknown,
  lineOf: (node: unknown) => number,
  lines: Record<string, number>,
  on: { reserved: (key: string, line: number) => void; duplicate: (key: string, line: number) => void },
): { keyLines: Record<string, number>; aliases: number[]; duplicates: boolean } {
  const keyLines: Record<string, number> = {};
  const aliases: number[] = [];
  let duplicates = false;
  const walk = (node: unknown, path: string) => {
    lines[path] = lineOf(node);
    if (isMap(node)) {
      const seen = new Set<string>();
      for (const pair of node.items) {
        if (isAlias(pair.key)) aliases.push(lineOf(pair.key));
        const key = isScalar(pair.key) ? String(pair.key.value) : '?';
        const child = path === '' ? key : `${path}.${key}`;
        if (isReservedKey(key)) {
          on.reserved(key, lineOf(pair.key));
          continue;
        }
        if (seen.has(key)) {
          on.duplicate(key, lineOf(pair.key));
          duplicates = true;
          continue;
        }
        seen.add(key);
        keyLines[child] = lineOf(pair.key);
        if (pair.value === null || pair.value === undefined) lines[child] = keyLines[child];
        else walk(pair.value, child);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => {
        walk(item, `${path}[${i}]`);
      });
    } else if (isAlias(node)) {
      aliases.push(lineOf(node));
    }
  };
  walk(root, '');
  return { keyLines, aliases, duplicates };
}

/** Line of a path, or of its nearest recorded ancestor (values under an alias). */
function lineAt(lines: Record<string, number>, path: string): number {
  for (let p = path; ; p = p.replace(/(\.[^.[\]]*|\[\d+\])$/, '')) {
    if (Object.hasOwn(lines, p)) return lines[p];
    if (p === '') return 1;
  }
}

function pathOf(keys: (string | number)[]): string {
  return keys.reduce<string>((s, k) => (typeof k === 'number' ? `${s}[${k}]` : s ? `${s}.${k}` : k), '');
}

/** One issue per path: the first thing wrong with each value. */
function uniqueIssues<T extends { path?: readonly { key: unknown }[] }>(issues: readonly T[]): T[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const k = JSON.stringify((i.path ?? []).map((p) => p.key));
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length];
}
