// The schema of a trace file (`roamcheck-trace` v1, DESIGN.md §6), read before anything uses it:
// every problem is an RC231 diagnostic with the JSON path and line, all reported at once. ADAPTER.
// valibot outputs objects with keys in schema order, which is the order the world builds its
// actions in, so a hand-edited trace with reordered keys still replays (sameAction, world/action.ts, compares a group move's JSON).

import { findNodeAtLocation, parseTree, type Node } from 'jsonc-parser';
import * as v from 'valibot';
import { diag, type Diagnostic } from '../core/diagnostic.js';
import { LIMITS } from '../core/limits.js';
import { TRACE_FORMAT, TRACE_VERSION, type TraceFile } from '../core/trace/trace.js';

const text = v.string('must be a string');
const count = v.pipe(v.number('must be a number'), v.integer('must be a whole number'), v.minValue(0, 'must be at least 0'));
/** Times are milliseconds; finite, or the clock could never be compared with a timer. */
const time = v.pipe(v.number('must be a number'), v.finite('must be a finite number'), v.minValue(0, 'must be at least 0'));
const nullable = <T extends v.GenericSchema>(s: T) => v.nullable(s);
const obj = <T extends v.ObjectEntries>(entries: T) => v.object(entries, 'must be an object');

const action = v.variant(
  'type',
  [
    obj({ type: v.literal('msg.deliver'), id: count }),
    obj({ type: v.literal('msg.drop'), id: count }),
    obj({ type: v.literal('msg.duplicate'), id: count }),
    obj({ type: v.literal('timer.expire'), key: text }),
    obj({ type: v.literal('host.move'), host: text, to: text }),
    obj({ type: v.literal('hosts.move'), moves: v.pipe(v.array(obj({ host: text, to: text }), 'must be a list of { host, to }'), v.minLength(1, 'must name at least one host')) }),
    obj({ type: v.literal('host.send'), src: text, dst: text }),
    obj({ type: v.literal('host.garp'), host: text }),
    obj({ type: v.literal('xtr.reboot'), router: text }),
    obj({ type: v.literal('ms.restart'), router: text }),
    obj({ type: v.literal('spoof.register'), eid: text }),
    obj({ type: v.literal('clock.wait'), until: time }),
  ],
  (i) =>
    `${typeof i.input === 'string' ? `has unknown type ${JSON.stringify(i.input)}` : 'must be an action { "type": …, … }'}; types: msg.deliver, msg.drop, msg.duplicate, timer.expire, host.move, hosts.move, host.send, host.garp, xtr.reboot, ms.restart, spoof.register, clock.wait`,
);

const step = obj({
  i: count,
  action: text,
  text,
  t: v.pipe(v.number('must be a number'), v.finite('must be a finite number')),
  summary: text,
  log: v.array(obj({ node: text, text }), 'must be a list of { node, text }'),
  fates: v.array(obj({ packet: text, fate: text, reason: v.optional(text), at: text }), 'must be a list of { packet, fate, at }'),
});

const list = <T extends v.GenericSchema>(item: T, what: string) =>
  v.pipe(v.array(item, `must be a list of ${what}`), v.maxLength(LIMITS.traceActions, `has more than ${LIMITS.traceActions} entries (the limit of a trace)`));

export const traceSchema = v.object(
  {
    format: v.literal(TRACE_FORMAT, (i) => `must be "${TRACE_FORMAT}", got ${JSON.stringify(i.input)}`),
    version: v.literal(TRACE_VERSION, (i) => `must be ${TRACE_VERSION}, got ${JSON.stringify(i.input)} (this roamcheck reads trace format version ${TRACE_VERSION})`),
    tool: v.literal('roamcheck', 'must be "roamcheck"'),
    model: text,
    source: v.string('must be a string (the model folder or embedded:seed-lab)'),
    options: v.object(
      {
        registration: text,
        mutant: nullable(text),
        bounds: v.array(v.string('must be a string such as "moves=1,losses=0"'), 'must be a list of strings'),
        sets: v.array(v.string('must be a string such as "registration=timestamped"'), 'must be a list of strings'),
      },
      'must be an object with registration, mutant, bounds and sets',
    ),
    seed: nullable(v.pipe(count, v.maxValue(LIMITS.seed, `must be at most ${LIMITS.seed}`))),
    path: nullable(text),
    property: nullable(text),
    verdict: v.nullable(v.picklist(['violated', 'holds'], 'must be "violated", "holds" or null')),
    message: nullable(text),
    actions: list(action, 'actions'),
    steps: list(step, 'steps'),
  },
  'a trace must be a JSON object',
);

/** Parse and validate a trace file's text; every problem is a diagnostic naming the file and line. */
export function parseTrace(source: string, file: string): { trace?: TraceFile; diagnostics: Diagnostic[] } {
  let data: unknown;
  try {
    data = JSON.parse(source);
  } catch (e) {
    const m = /position (\d+)/.exec(String(e));
    const line = m ? lineAt(source, Number(m[1])) : undefined;
    return { diagnostics: [diag('error', 'RC230', `not valid JSON: ${(e as Error).message}`, { file, line, hint: 'a trace is the JSON file roamcheck wrote under --trace-dir' })] };
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return { diagnostics: [diag('error', 'RC231', 'a trace must be a JSON object', { file, line: 1, hint: 'a trace is the JSON file roamcheck wrote under --trace-dir' })] };
  }
  const r = v.safeParse(traceSchema, data);
  if (r.success) return { trace: r.output as TraceFile, diagnostics: [] };
  // Lines only on failure: a located tree of a large trace costs more than the parse itself.
  const tree = parseTree(source);
  const seen = new Set<string>();
  const diagnostics: Diagnostic[] = [];
  for (const issue of r.issues) {
    const keys = (issue.path ?? []).map((p) => p.key as string | number);
    // An unknown action type is said of the action, not of its `type` key.
    if (issue.type === 'variant' && keys[keys.length - 1] === 'type') keys.pop();
    const where = keys.reduce<string>((s, k) => (typeof k === 'number' ? `${s}[${k}]` : s ? `${s}.${k}` : k), '');
    if (seen.has(where)) continue; // one message per value: the first thing wrong with it
    seen.add(where);
    const line = lineOfPath(source, tree, keys);
    // JSON has no undefined: an undefined input is a key that is not there.
    const must = issue.received === 'undefined' && issue.type !== 'variant' ? 'is missing' : issue.message;
    const message = where ? `"${where}" ${must}` : must;
    diagnostics.push(diag('error', 'RC231', message, { file, line, hint: 'a trace is the JSON file roamcheck wrote under --trace-dir; regenerate it rather than editing it' }));
    if (diagnostics.length >= 20) break; // a broken 100,000-step trace would otherwise print 100,000 lines
  }
  return { diagnostics };
}

/** Line of the deepest node of `keys` that exists (a missing key: its object's line). */
function lineOfPath(source: string, tree: Node | undefined, keys: (string | number)[]): number | undefined {
  if (!tree) return undefined;
  for (let n = keys.length; n >= 0; n--) {
    const node = findNodeAtLocation(tree, keys.slice(0, n));
    if (node) return lineAt(source, node.parent?.type === 'property' ? node.parent.offset : node.offset);
  }
  return undefined;
}

function lineAt(source: string, offset: number): number {
  let line = 1;
  for (let i = source.indexOf('\n'); i >= 0 && i < offset; i = source.indexOf('\n', i + 1)) line++;
  return line;
}
