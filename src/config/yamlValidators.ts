// esbuild-style validators for scenario.yaml: one tiny reader per kind of value, one message
// pattern (`"hosts[0].ip" must be an IPv4 address`), each problem recorded with its line and the
// reading carried on, so a file reports all its problems at once. PURE.

import { isAlias, isMap, isScalar, isSeq, type Document, type LineCounter } from 'yaml';
import { diag, type Diagnostic } from '../core/diagnostic.js';
import { CONFIG_CODES as C } from './configCodes.js';
import { isIpv4 } from './ipv4.js';

export interface YamlCtx {
  file: string;
  doc: Document;
  lineCounter: LineCounter;
  diagnostics: Diagnostic[];
  /** Line of every value read, by path (`hosts[0].moves[1]`), for later diagnostics. */
  lines: Record<string, number>;
}

/** 1-based line of a node (its first character), or 1 when it has no range. */
export function lineOf(ctx: YamlCtx, node: unknown): number {
  const range = (node as { range?: [number, number, number] } | null)?.range;
  return range ? ctx.lineCounter.linePos(range[0]).line : 1;
}

export function report(ctx: YamlCtx, code: string, line: number, message: string, hint: string): void {
  ctx.diagnostics.push(diag('error', code, message, { file: ctx.file, line, hint }));
}

function fail(ctx: YamlCtx, path: string, node: unknown, must: string, hint: string): undefined {
  report(ctx, C.yamlType, lineOf(ctx, node), `"${path}" must be ${must}`, hint);
  return undefined;
}

/** Follow an alias (`*x`) to its anchor; other nodes unchanged. */
function deref(ctx: YamlCtx, node: unknown): unknown {
  return isAlias(node) ? node.resolve(ctx.doc) : node;
}

function scalar(ctx: YamlCtx, node: unknown, path: string): unknown {
  const n = deref(ctx, node);
  ctx.lines[path] = lineOf(ctx, n ?? node);
  return isScalar(n) ? n.value : n === null || n === undefined ? null : n;
}

/** Is the node (after aliases) a mapping? For values that may be written as a list or a mapping. */
export function isMapNode(ctx: YamlCtx, node: unknown): boolean {
  return isMap(deref(ctx, node));
}

/** Entries of a mapping; unknown keys are RC222 with a did-you-mean hint. */
export function readMap(ctx: YamlCtx, node: unknown, path: string, keys: readonly string[]): Map<string, unknown> | undefined {
  const n = deref(ctx, node);
  if (!isMap(n)) return fail(ctx, path, node, 'a mapping (key: value)', 'write one `key: value` per line, or { key: value, … }');
  ctx.lines[path] = lineOf(ctx, n);
  const out = new Map<string, unknown>();
  for (const pair of n.items) {
    const keyNode = deref(ctx, pair.key);
    const key = isScalar(keyNode) ? String(keyNode.value) : undefined;
    const where = path === '' ? 'at the top level' : `in "${path}"`;
    if (key === undefined || !keys.includes(key)) {
      const near = key === undefined ? undefined : keys.find((k) => editDistance(k, key) <= 2);
      report(ctx, C.yamlUnknownKey, lineOf(ctx, pair.key), `unknown key "${key ?? '?'}" ${where}`,
        near ? `did you mean "${near}"?` : `allowed keys: ${keys.join(', ')}`);
      continue;
    }
    out.set(key, pair.value);
  }
  return out;
}

/** Mapping keys in order, for maps whose keys are data (`expect:`). */
export function readEntries(ctx: YamlCtx, node: unknown, path: string): [string, unknown, number][] | undefined {
  const n = deref(ctx, node);
  if (!isMap(n)) return fail(ctx, path, node, 'a mapping (key: value)', 'write one `key: value` per line, or { key: value, … }');
  return n.items.map((p) => {
    const k = deref(ctx, p.key);
    return [isScalar(k) ? String(k.value) : '?', p.value, lineOf(ctx, p.key)];
  });
}

export function readSeq(ctx: YamlCtx, node: unknown, path: string): unknown[] | undefined {
  const n = deref(ctx, node);
  if (!isSeq(n)) return fail(ctx, path, node, 'a list', 'write [a, b] or one `- item` per line');
  ctx.lines[path] = lineOf(ctx, n);
  return n.items;
}

export function required(ctx: YamlCtx, map: Map<string, unknown>, key: string, path: string, mapNode: unknown): boolean {
  if (map.has(key)) return true;
  report(ctx, C.yamlMissingKey, lineOf(ctx, deref(ctx, mapNode)), `"${path}" is missing "${key}"`, `add "${key}: …"`);
  return false;
}

export function readString(ctx: YamlCtx, node: unknown, path: string): string | undefined {
  const v = scalar(ctx, node, path);
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : fail(ctx, path, node, 'a non-empty string', 'write a name or text, quoted if it contains : or #');
}

export function readBool(ctx: YamlCtx, node: unknown, path: string): boolean | undefined {
  const v = scalar(ctx, node, path);
  return typeof v === 'boolean' ? v : fail(ctx, path, node, 'true or false', 'write true or false');
}

export function readIpv4(ctx: YamlCtx, node: unknown, path: string): string | undefined {
  const v = scalar(ctx, node, path);
  return typeof v === 'string' && isIpv4(v) ? v : fail(ctx, path, node, 'an IPv4 address', 'e.g. 192.168.1.10');
}

export function readMac(ctx: YamlCtx, node: unknown, path: string): string | undefined {
  const v = scalar(ctx, node, path);
  return typeof v === 'string' && /^[0-9a-f]{4}\.[0-9a-f]{4}\.[0-9a-f]{4}$/i.test(v)
    ? v.toLowerCase()
    : fail(ctx, path, node, 'a MAC address in Cisco dotted form', 'e.g. 0050.5600.0010');
}

export function readEnum<T extends string>(ctx: YamlCtx, node: unknown, path: string, values: readonly T[]): T | undefined {
  const v = scalar(ctx, node, path);
  return typeof v === 'string' && (values as readonly string[]).includes(v) ? (v as T) : fail(ctx, path, node, `one of ${values.join(', ')}`, `e.g. ${values[0]}`);
}

/** A number; `.inf`, `unlimited` and `infinity` read as Infinity where `infinite` is allowed. */
export function readNumber(
  ctx: YamlCtx, node: unknown, path: string,
  o: { integer?: boolean; min?: number; positive?: boolean; infinite?: boolean },
): number | undefined {
  let v = scalar(ctx, node, path);
  if (o.infinite && typeof v === 'string' && /^(unlimited|inf|infinity)$/i.test(v)) v = Infinity;
  const finiteOk = typeof v === 'number' && !Number.isNaN(v) && (Number.isFinite(v) || o.infinite === true);
  const intOk = typeof v === 'number' && (!o.integer || Number.isInteger(v) || v === Infinity);
  const minOk = typeof v === 'number' && v >= (o.min ?? 0) && (!o.positive || v > 0);
  if (finiteOk && intOk && minOk) return v as number;
  const kind = o.integer ? 'an integer' : 'a number';
  const bound = o.positive ? 'greater than 0' : `at least ${o.min ?? 0}`;
  return fail(ctx, path, node, `${kind} ${bound}${o.infinite ? ' or .inf / unlimited' : ''}`, `e.g. ${path.slice(path.lastIndexOf('.') + 1)}: ${o.positive || o.min ? 1 : 0}`);
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
