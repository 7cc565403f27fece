// The CLI fuzz suite (issue 8): fast-check generates a command line and the files it reads (a model
// folder copied from models/seed-lab with its scenario.yaml or a router config mutated, YAML texts,
// trace files and `check --json` reports made by roamcheck then mutated, property modules), runs
// `main` in-process in a fresh temp folder, and checks the contract every input must keep:
//   - exit code in {0, 1, 2, 4}: never 3 (internal error) on user input;
//   - no stack trace and no `Error:` dump on stdout or stderr (a user property that throws may show
//     its own stack, after roamcheck's line labelling it as the user's);
//   - a diagnostic `error RCxxx` (not a lint finding RC310–RC324) means exit 2; exit 2 says why;
//   - nothing written outside what the command line asked for (the trace folder, `-o`).
// Used by test/fuzz/cli.test.ts (a small fixed-seed run in `npm test`) and tools/fuzz.ts
// (`npm run fuzz -- --runs N [--seed S]`). Not a test file itself.

import fc from 'fast-check';
import { copyFileSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';
import { main } from '../../src/cli/main.js';

/** The repository root, from test/fuzz (vitest) or dist/test/fuzz (compiled). */
export const ROOT = (() => {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) dir = dirname(dir);
  return dir;
})();
const SEED_LAB = join(ROOT, 'models', 'seed-lab');

export interface CliResult {
  code: number;
  out: string;
  err: string;
}

/** Run `roamcheck ARGV` in-process in `cwd`; no colour, no progress, no interrupts (no worker threads unless --workers). */
export async function runCli(argv: readonly string[], cwd: string): Promise<CliResult> {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (s) => void (out += s), err: (s) => void (err += s), cwd, color: false, progress: false });
  return { code, out, err };
}

// ---------------------------------------------------------------------------------------------
// Seeds: valid traces and reports, made once by roamcheck itself.

export interface Corpus {
  traces: string[];
  reports: string[];
}

let corpus: Corpus | undefined;

/** Valid trace files (check counterexamples, simulate --json) and check --json reports, to mutate. */
export async function prepareCorpus(): Promise<Corpus> {
  if (corpus) return corpus;
  const dir = mkdtempSync(join(tmpdir(), 'roamcheck-fuzz-corpus-'));
  try {
    const traces: string[] = [];
    const reports: string[] = [];
    const sim = await runCli(['simulate', '--do', 'send client vm1', '--do', 'move vm1 dcedge-2', '--do', 'send web2 vm1', '--json'], dir);
    if (sim.code === 0) traces.push(sim.out);
    await runCli(['check', '-n', '300', '--trace-dir', 'tr'], dir);
    await runCli(['check', '--exhaustive', '--depth', '3', '-p', 'intra-subnet-reachability', '--trace-dir', 'tr'], dir);
    if (existsSync(join(dir, 'tr'))) for (const f of readdirSync(join(dir, 'tr')).sort()) traces.push(readFileSync(join(dir, 'tr', f), 'utf8'));
    for (const shard of ['1/2', '2/2']) {
      const r = await runCli(['check', '-n', '20', '--json', '--shard', shard, '--trace-dir', 'tr2'], dir);
      reports.push(r.out);
    }
    if (traces.length === 0 || reports.length === 0) throw new Error('fuzz corpus: roamcheck made no trace or report');
    corpus = { traces, reports };
    return corpus;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------
// Mutations.

/** A scalar a hostile user (or a broken tool) puts where a value goes. */
const hostileScalar = fc.oneof(
  fc.constantFrom<unknown>(
    null,
    true,
    false,
    0,
    -1,
    1,
    2.5,
    1e308,
    -1e308,
    2 ** 31,
    2 ** 53,
    '',
    ' ',
    '__proto__',
    'constructor',
    'toString',
    'inf',
    'NaN',
    '-0',
    '0x10',
    '1e3',
    '../../x',
    '/etc/passwd',
    'a\nb',
    '\u001b[2J',
    'vm1',
    'dcedge-2',
    'GigabitEthernet2',
    'x'.repeat(300),
  ),
  fc.integer({ min: -5, max: 100 }),
  fc.string({ maxLength: 8 }),
);
const jsonish = fc.oneof({ weight: 3, arbitrary: hostileScalar }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) });

type Edit = { at: number; op: 'delete' | 'set' | 'dup' | 'wrap'; value: unknown };
const editArb: fc.Arbitrary<Edit> = fc.record({ at: fc.nat(), op: fc.constantFrom('delete', 'set', 'set', 'dup', 'wrap'), value: jsonish });

/** Every container/key pair in a JSON value (breadth-first, at most 2,000). */
function slots(root: unknown): { parent: any; key: string | number }[] {
  const out: { parent: any; key: string | number }[] = [];
  const queue: unknown[] = [root];
  while (queue.length && out.length < 2000) {
    const v = queue.shift();
    if (Array.isArray(v))
      v.forEach((x, i) => {
        out.push({ parent: v, key: i });
        queue.push(x);
      });
    else if (v && typeof v === 'object') for (const k of Object.keys(v)) out.push({ parent: v, key: k }), queue.push((v as any)[k]);
  }
  return out;
}

/** Apply edits to a JSON document (a parsed copy). */
export function editJson(doc: unknown, edits: readonly Edit[]): unknown {
  const root = structuredClone(doc);
  for (const e of edits) {
    const all = slots(root);
    if (!all.length) break;
    const { parent, key } = all[e.at % all.length] as { parent: any; key: any };
    if (e.op === 'delete') Array.isArray(parent) ? parent.splice(key as number, 1) : delete parent[key];
    else if (e.op === 'set') parent[key] = structuredClone(e.value);
    else if (e.op === 'dup') Array.isArray(parent) ? parent.splice(key as number, 0, structuredClone(parent[key])) : (parent[key] = [parent[key], parent[key]]);
    else parent[key] = { value: parent[key] };
  }
  return root;
}

type LineEdit = { at: number; op: 'delete' | 'dup' | 'insert' | 'replace-token'; text: string };
const HOSTILE_LINES = [
  'interface GigabitEthernet2',
  ' ip address 192.168.1.1 255.255.255.0',
  ' ip address 999.1.1.1 255.255.255.0',
  ' lisp mobility nowhere',
  ' lisp mobility east_dc',
  'router lisp',
  '  dynamic-eid west_dc',
  '   database-mapping 192.168.1.0/33 locator-set west_dc',
  '   database-mapping 10.0.0.0/8 locator-set missing',
  ' locator-set west_dc',
  '  IPv4-interface GigabitEthernet9 priority 10 weight 50',
  ' ipv4 etr map-server 10.0.3.1 key',
  ' ipv4 map-server',
  ' ipv4 map-resolver',
  ' site x',
  '  eid-prefix 0.0.0.0/0 accept-more-specifics',
  'hostname',
  'hostname dcedge-1',
  'end',
  '!',
  '',
  ' exit',
  'service ethernet',
  ' loc-reach-algorithm rloc-probing',
  ' mac-address zzzz.zzzz.zzzz',
  '\t\u0000\u001b[2J',
  'hosts: []',
  'hosts:',
  '  - name: vm1',
  '    moves: [dcedge-9 Gi9]',
  'bounds: { steps: inf }',
  'bounds: { steps: 0 }',
  'registration: nonsense',
  'routers: ["../*.cfg"]',
  'routers: ["/etc/*"]',
  'x: &a [1, 2]',
  'y: *a',
  'z: *nope',
  '<<: {a: 1}',
  'name: "../../escape"',
  'name: "a/b\\n\\u001b[2J"',
  'traffic: [[vm1, nobody]]',
  'timers: { hostArpReachable: 0 }',
  'expect: { intra-subnet-reachability: maybe }',
  'clients: [{ name: client, ip: 1.2.3.4, via: nowhere }]',
  '- [',
  '{',
  ': :',
  'key: "unterminated',
  '%YAML 9.9',
  '---',
  '...',
  'convergence: -1',
  'vacuous: { x: 1 }',
];
const lineEditArb: fc.Arbitrary<LineEdit> = fc.record({
  at: fc.nat(),
  op: fc.constantFrom('delete', 'dup', 'insert', 'insert', 'replace-token'),
  text: fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...HOSTILE_LINES) }, { weight: 1, arbitrary: fc.string({ maxLength: 20 }) }),
});

export function editLines(text: string, edits: readonly LineEdit[]): string {
  const lines = text.split('\n');
  for (const e of edits) {
    const i = e.at % (lines.length + 1);
    if (e.op === 'delete') lines.splice(i, 1);
    else if (e.op === 'dup') lines.splice(i, 0, lines[Math.min(i, lines.length - 1)] ?? '');
    else if (e.op === 'insert') lines.splice(i, 0, e.text);
    else if (i < lines.length) {
      const words = lines[i].split(' ');
      words[e.at % words.length] = e.text.trim() || 'x';
      lines[i] = words.join(' ');
    }
  }
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------
// Files of a case.

export type FileSpec =
  | { kind: 'scenario-json'; edits: Edit[] }
  | { kind: 'scenario-lines'; edits: LineEdit[] }
  | { kind: 'scenario-text'; text: string }
  | { kind: 'config-lines'; router: string; edits: LineEdit[] }
  | { kind: 'trace'; seed: number; edits: Edit[]; truncate: number | null }
  | { kind: 'report'; seed: number; edits: Edit[]; truncate: number | null }
  | { kind: 'properties'; module: string };

const ROUTERS = ['core', 'dcedge-1', 'dcedge-2'];

/** A property module's text: a valid property, one with a bug, or not a property at all. */
const propertyModuleArb: fc.Arbitrary<string> = fc
  .record({
    id: fc.constantFrom('mine', 'intra-subnet-reachability', '__proto__', '', 'a b', 'x'.repeat(200), 'mine-2'),
    kind: fc.constantFrom('safety', 'liveness', 'nonsense', '42'),
    step: fc.constantFrom(
      'return { state: null };',
      "if (ctx.obs.some((o) => o.kind === 'moved')) return { state: null, violation: 'moved' }; return { state: null };",
      "if (ctx.obs.some((o) => o.kind === 'moved')) throw new TypeError('boom'); return { state: null };",
      'return ctx.after.nobody.x;',
      'throw 42;',
      'return undefined;',
      'return { state: s, violation: 42 };',
      'throw null;',
    ),
    init: fc.constantFrom('() => null', '() => { throw new Error("init boom"); }', '42', 'undefined'),
    key: fc.constantFrom('() => ""', '(s) => s', '() => { throw new RangeError("key"); }', '() => 42'),
    shape: fc.constantFrom('property', 'property', 'two', 'not-a-property', 'syntax', 'throws-on-load', 'empty'),
  })
  .map(({ id, kind, step, init, key, shape }) => {
    const prop = `{ id: ${JSON.stringify(id)}, description: 'fuzz', reference: 'fuzz', kind: ${JSON.stringify(kind)}, init: ${init}, step: (s, ctx) => { ${step} }, key: ${key} }`;
    switch (shape) {
      case 'property':
        return `export const p = ${prop};\n`;
      case 'two':
        return `export const p = ${prop};\nexport const q = ${prop};\n`;
      case 'not-a-property':
        return 'export const p = 42;\nexport default { id: 1 };\n';
      case 'syntax':
        return `export const p = ${prop.slice(0, prop.length >> 1)}\n`;
      case 'throws-on-load':
        return "throw new Error('module load boom');\n";
      default:
        return '';
    }
  });

const fileSpecArb: fc.Arbitrary<FileSpec> = fc.oneof(
  fc.record({ kind: fc.constant('scenario-json' as const), edits: fc.array(editArb, { minLength: 1, maxLength: 4 }) }),
  fc.record({ kind: fc.constant('scenario-lines' as const), edits: fc.array(lineEditArb, { minLength: 1, maxLength: 4 }) }),
  fc.record({
    kind: fc.constant('scenario-text' as const),
    text: fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.jsonValue({ maxDepth: 3 }).map((v) => YAML.stringify(v)),
    ),
  }),
  fc.record({ kind: fc.constant('config-lines' as const), router: fc.constantFrom(...ROUTERS), edits: fc.array(lineEditArb, { minLength: 1, maxLength: 4 }) }),
  fc.record({ kind: fc.constant('trace' as const), seed: fc.nat(), edits: fc.array(editArb, { maxLength: 3 }), truncate: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { freq: 4 }) }),
  fc.record({ kind: fc.constant('report' as const), seed: fc.nat(), edits: fc.array(editArb, { maxLength: 3 }), truncate: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { freq: 4 }) }),
  fc.record({ kind: fc.constant('properties' as const), module: propertyModuleArb }),
);

const cut = (text: string, at: number | null) => (at === null ? text : text.slice(0, Math.floor(text.length * at)));

/** Write the case's files into `cwd`: always the model copy `lab/`, plus t.json, r.json, p.mjs as given. */
export function writeFiles(cwd: string, files: readonly FileSpec[], c: Corpus): void {
  const lab = join(cwd, 'lab');
  mkdirSync(lab);
  for (const f of readdirSync(SEED_LAB)) copyFileSync(join(SEED_LAB, f), join(lab, f));
  const scenario = () => readFileSync(join(lab, 'scenario.yaml'), 'utf8');
  for (const f of files) {
    if (f.kind === 'scenario-json') writeFileSync(join(lab, 'scenario.yaml'), YAML.stringify(editJson(YAML.parse(readFileSync(join(SEED_LAB, 'scenario.yaml'), 'utf8')), f.edits)));
    else if (f.kind === 'scenario-lines') writeFileSync(join(lab, 'scenario.yaml'), editLines(scenario(), f.edits));
    else if (f.kind === 'scenario-text') writeFileSync(join(lab, 'scenario.yaml'), f.text);
    else if (f.kind === 'config-lines') writeFileSync(join(lab, `${f.router}.cfg`), editLines(readFileSync(join(lab, `${f.router}.cfg`), 'utf8'), f.edits));
    else if (f.kind === 'trace' || f.kind === 'report') {
      const texts = f.kind === 'trace' ? c.traces : c.reports;
      const base = texts[f.seed % texts.length];
      const text = f.edits.length ? JSON.stringify(editJson(JSON.parse(base), f.edits), null, 1) : base;
      writeFileSync(join(cwd, f.kind === 'trace' ? 't.json' : 'r.json'), cut(text, f.truncate));
    } else writeFileSync(join(cwd, 'p.mjs'), f.module);
  }
  if (!existsSync(join(cwd, 't.json'))) writeFileSync(join(cwd, 't.json'), c.traces[0]);
  if (!existsSync(join(cwd, 'r.json'))) writeFileSync(join(cwd, 'r.json'), c.reports[0]);
}

// ---------------------------------------------------------------------------------------------
// Command lines: cheap by construction (few runs, short schedules, shallow depth).

const small = (lo: number, hi: number) => fc.integer({ min: lo, max: hi }).map(String);
/** A number option's value: mostly small and valid, sometimes hostile. */
const num = (lo: number, hi: number) =>
  fc.oneof({ weight: 10, arbitrary: small(lo, hi) }, { weight: 1, arbitrary: fc.constantFrom('0', '-1', '1.5', '0x10', '1e3', '+5', '', ' 1', 'abc', '99999999999999999999', 'NaN', 'Infinity') });
const modelArg = fc.constantFrom('lab', 'lab', 'lab', 'lab', 'lab', 'lab', 'lab/', './lab', 'nope', 'lab/core.cfg', 't.json', '.', '..', '/proc/self');
/** Paths for outputs: inside the case folder, a sibling folder, a file, devices. */
const outPath = fc.constantFrom('out', 'out/x', 'sub/dir/out.txt', 'lab', 'lab/core.cfg', 't.json', '../sibling-out', '.', '/proc/x', '/dev/null', 'out.svg', 'o.mmd');
const traceDirArb = fc.constantFrom('traces', 'a/b/c', 'lab', 'lab/core.cfg', 't.json', '../sibling-traces', '/proc/x', '.', '');
const PROPS = ['intra-subnet-reachability', 'single-authoritative-rloc', 'no-blackhole-after-smr', 'intra-subnet-reachability-eventual', 'mine', 'nope', '__proto__', ''];
const setArb = fc.oneof(
  fc.constantFrom(
    'registration=timestamped',
    'registration=refresh-bit',
    'registration=x',
    'timers.hostArpReachable=1',
    'timers.arpRetry=0',
    'timers.toString=5',
    'nope=1',
    'bounds.moves=1',
    '=',
    'x',
  ),
  fc.tuple(fc.constantFrom('timers.hostArpReachable', 'registration', 'bounds.steps', 'bounds.moves'), hostileScalar).map(([k, v]) => `${k}=${String(v)}`),
);
const boundsArb = fc.oneof(
  fc.constantFrom('moves=1,losses=0', 'moves=0', 'steps=inf', 'steps=0', 'losses=inf', 'moves=1=2', 'moves', 'spoofs=2', 'nope=1', ''),
  fc.tuple(fc.constantFrom('moves', 'losses', 'duplicates', 'reboots', 'spoofs', 'steps', 'maxLatency'), small(0, 3)).map(([k, v]) => `${k}=${v}`),
);
const pathArb = fc.oneof(
  fc.array(fc.nat({ max: 12 }), { minLength: 1, maxLength: 12 }).map((a) => a.join(':')),
  fc.constantFrom('', ':', '1::2', 'a', '-1', '1:99999999999', '3:7:7:7:7:7:7:7:7:7:7:7'),
);
const doArb = fc.oneof(
  fc
    .tuple(
      fc.constantFrom('send', 'move', 'garp', 'wait', 'drop', 'fly', ''),
      fc.constantFrom('vm1', 'web2', 'client', 'nobody', 'dcedge-2', '1', '86401', 'map-register', ''),
      fc.constantFrom('vm1', 'dcedge-1', 'dcedge-2', 'core', 'GigabitEthernet2', '', '1e9'),
    )
    .map((w) => w.join(' ').trim()),
  fc.constantFrom('send client vm1', 'move vm1 dcedge-2 GigabitEthernet2', 'wait 1', 'garp vm1', 'drop map-notify', 'send web2 vm1'),
);

/** `arb` present `tenths` times in ten, else undefined. */
const opt = <T>(arb: fc.Arbitrary<T>, tenths = 3): fc.Arbitrary<T | undefined> => fc.oneof({ weight: 10 - tenths, arbitrary: fc.constant(undefined) }, { weight: tenths, arbitrary: arb });
const flag = (name: string) => fc.boolean().map((b) => (b ? [name] : []));
const withValue = (name: string, arb: fc.Arbitrary<string>, tenths = 3) => opt(arb, tenths).map((v) => (v === undefined ? [] : [name, v]));
const repeated = (name: string, arb: fc.Arbitrary<string>) =>
  fc.oneof({ weight: 6, arbitrary: fc.constant<string[]>([]) }, { weight: 4, arbitrary: fc.array(arb, { minLength: 1, maxLength: 2 }) }).map((vs) => vs.flatMap((v) => [name, v]));
const runOptions = fc.tuple(repeated('--bounds', boundsArb), repeated('--set', setArb), withValue('--mutant', fc.constantFrom('stale-arp', 'nope', '', 'no-smr', 'last-writer')));
const junk = opt(fc.constantFrom('--nope', '-x', '--', '--help', '--json', 'extra', '-n'), 1).map((j) => (j === undefined ? [] : [j]));
const cat = (...parts: readonly (readonly string[])[]) => parts.flat();

const checkArgv = fc
  .tuple(
    fc.array(modelArg, { maxLength: 2 }),
    fc.boolean(),
    withValue('-n', num(1, 5), 8),
    withValue('--max-steps', num(1, 8), 8),
    withValue('--seed', fc.oneof(small(0, 1000), fc.constantFrom('4294967295', '4294967296', '-1', 'x'))),
    withValue('--depth', num(1, 3), 9),
    withValue('--max-states', num(1, 3000), 8),
    repeated('-p', fc.constantFrom(...PROPS)),
    withValue('--path', pathArb, 1),
    withValue('--trace-dir', traceDirArb),
    fc.tuple(flag('--json'), flag('--expect'), flag('--strict'), flag('--coverage')),
    withValue('--shard', fc.constantFrom('1/2', '2/2', '3/2', '0/1', '1/0', 'x')),
    withValue('--workers', fc.constantFrom('2', '0', '65'), 1),
    withValue('--time-limit', fc.constantFrom('5', '0', '1.5', 'x'), 1),
    withValue('--memory', fc.constantFrom('512', '0', 'x'), 1),
    withValue('--shortest-budget', fc.constantFrom('0', '50', '-1', 'x', '100000001'), 1),
    withValue('--properties', fc.constantFrom('p.mjs', 'p.mjs', 'nope.js', 't.json'), 2),
    fc.oneof(
      withValue('--compare', fc.constantFrom('registration=timestamped', 'proxy-arp=on', 'nbr-proxy-reply=off', 'nope=1', 'x'), 1),
      withValue('--against', fc.constantFrom('lab', 'nope', '/proc'), 1),
    ),
    runOptions,
    junk,
  )
  .map(([models, exhaustive, n, maxSteps, seed, depth, maxStates, ps, path, traceDir, flags, shard, workers, timeLimit, memory, shortest, props, compare, run, j]) =>
    cat(
      ['check'],
      models,
      exhaustive ? ['--exhaustive', ...(depth.length ? depth : ['--depth', '2']), ...(maxStates.length ? maxStates : ['--max-states', '2000'])] : [],
      n.length ? n : ['-n', '3'],
      maxSteps.length ? maxSteps : ['--max-steps', '6'],
      seed,
      ps,
      path,
      traceDir,
      flags.flat(),
      shard,
      workers,
      timeLimit,
      memory,
      shortest,
      props,
      compare,
      run.flat(),
      j,
    ),
  );

const simulateArgv = fc.tuple(opt(modelArg, 7), repeated('--do', doArb), flag('--json'), runOptions, junk).map(([m, d, json, run, j]) => cat(['simulate'], m ? [m] : [], d, json, run.flat(), j));
const replayArgv = fc.tuple(fc.constantFrom('t.json', 't.json', 't.json', 'nope.json', 'lab', 'r.json', '/dev/null'), flag('--json'), junk).map(([t, json, j]) => cat(['replay', t], json, j));
const traceArgv = fc
  .tuple(
    fc.constantFrom('show', 'html', 'mermaid', 'itf', 'show', 'mermaid', 'pdf', ''),
    fc.constantFrom('t.json', 't.json', 't.json', 'nope.json', 'r.json', 'lab'),
    withValue('-o', outPath),
    fc.tuple(flag('--force'), flag('--full'), flag('--log'), flag('--no-color')),
    withValue('--format', fc.constantFrom('mermaid', 'svg', 'png'), 1),
    junk,
  )
  .map(([fmt, t, o, flags, format, j]) => cat(['trace', fmt, t], o, flags.flat(), format, j));
const diagramArgv = fc
  .tuple(
    fc.constantFrom('machines', 'topology', 'topology', 'nope'),
    opt(modelArg, 7),
    withValue('-o', outPath),
    withValue('--format', fc.constantFrom('mermaid', 'svg', 'x'), 1),
    flag('--force'),
    junk,
  )
  .map(([k, m, o, f, force, j]) => cat(['diagram', k], m ? [m] : [], o, f, force, j));
const lintArgv = fc.tuple(fc.array(modelArg, { maxLength: 2 }), flag('--json'), junk).map(([ms, json, j]) => cat(['lint'], ms, json, j));
const modelArgv = fc.tuple(opt(modelArg, 7), flag('--json'), junk).map(([m, json, j]) => cat(['model'], m ? [m] : [], json, j));
const mutantsArgv = fc
  .tuple(opt(modelArg, 7), flag('--check'), withValue('-n', num(1, 3), 8), withValue('--depth', num(1, 3), 8), withValue('--seed', num(0, 9)), flag('--json'), junk)
  .map(([m, c, n, d, s, json, j]) => cat(['mutants'], m ? [m] : [], c, n.length ? n : ['-n', '2'], d.length ? d : ['--depth', '2'], s, json, j));
const generateArgv = fc
  .tuple(
    withValue('--sites', num(1, 3), 8),
    withValue('--hosts', num(1, 3), 8),
    withValue('--pitrs', num(1, 2)),
    withValue('--seed', num(0, 9)),
    withValue('--steps', num(1, 20)),
    withValue('-o', outPath, 8),
    flag('--force'),
    junk,
  )
  .map((parts) => cat(['generate'], ...parts));
const mergeArgv = fc
  .tuple(fc.array(fc.constantFrom('r.json', 'r.json', 't.json', 'nope.json', 'lab', '/dev/null'), { minLength: 1, maxLength: 3 }), flag('--json'), junk)
  .map(([rs, json, j]) => cat(['merge'], rs, json, j));

export const argvArb: fc.Arbitrary<string[]> = fc.oneof(
  { weight: 6, arbitrary: checkArgv },
  { weight: 2, arbitrary: simulateArgv },
  { weight: 2, arbitrary: replayArgv },
  { weight: 3, arbitrary: traceArgv },
  { weight: 1, arbitrary: diagramArgv },
  { weight: 2, arbitrary: lintArgv },
  { weight: 2, arbitrary: modelArgv },
  { weight: 1, arbitrary: mutantsArgv },
  { weight: 1, arbitrary: generateArgv },
  { weight: 2, arbitrary: mergeArgv },
);

export interface FuzzCase {
  argv: string[];
  files: FileSpec[];
}

export const caseArb: fc.Arbitrary<FuzzCase> = fc.record({ argv: argvArb, files: fc.oneof(fc.constant<FileSpec[]>([]), fc.array(fileSpecArb, { minLength: 1, maxLength: 3 })) });

// ---------------------------------------------------------------------------------------------
// The contract.

type Snapshot = Map<string, string>;

function snapshot(dir: string, rel = '', into: Snapshot = new Map()): Snapshot {
  for (const e of readdirSync(join(dir, rel), { withFileTypes: true })) {
    const p = rel ? `${rel}/${e.name}` : e.name;
    const st = lstatSync(join(dir, p));
    into.set(p, `${e.isDirectory() ? 'd' : e.isSymbolicLink() ? 'l' : 'f'}:${st.size}:${st.mtimeMs}`);
    if (e.isDirectory()) snapshot(dir, p, into);
  }
  return into;
}

/** Where this command line may write: its trace folder, its -o target, generate's default folder. */
function allowedRoots(argv: readonly string[], cwd: string): string[] {
  const roots: string[] = [];
  const valuesOf = (names: string[]) => argv.flatMap((a, i) => (names.includes(a) && i + 1 < argv.length ? [argv[i + 1]] : []));
  if (argv[0] === 'check') {
    const dirs = valuesOf(['--trace-dir']);
    roots.push(...(dirs.length ? dirs : ['.roamcheck/traces']).map((d) => resolve(cwd, d)));
  }
  roots.push(...valuesOf(['-o', '--output']).map((o) => resolve(cwd, o)));
  if (argv[0] === 'generate') roots.push(join(cwd, 'generated-'));
  return roots;
}

const STACK = /^\s+at .+[(:]\d*|^\s*(?:[A-Z]\w*)?Error(?: \[\w+\])?: |roamcheck: internal error/m;

/** The contract for one run; returns what it broke, or undefined. */
export function contractViolation(argv: readonly string[], r: CliResult, changed: readonly string[], root: string, cwd: string): string | undefined {
  if (![0, 1, 2, 4].includes(r.code)) return `exit ${r.code} (allowed: 0, 1, 2, 4)\nstderr: ${r.err.slice(0, 2000)}`;
  // A user property that throws: roamcheck's RC106 line, then the user's stack, labelled as theirs.
  const label = r.err.indexOf('stack trace of your property');
  const err = label >= 0 ? r.err.slice(0, label) : r.err;
  for (const [name, text] of [
    ['stderr', err],
    ['stdout', r.out],
  ] as const) {
    const m = STACK.exec(text);
    if (m) return `a stack trace or error dump on ${name}: ${JSON.stringify(text.slice(Math.max(0, m.index - 200), m.index + 300))}`;
  }
  // Diagnostics go to stderr, or to stdout where they are the output (`lint`).
  const errors = [...(r.err + r.out).matchAll(/ error (RC\d{3})\b/g)].map((m) => m[1]).filter((c) => !(c >= 'RC310' && c <= 'RC324'));
  if (errors.length && r.code !== 2) return `diagnostic error ${errors[0]} printed but exit ${r.code}\nstderr: ${r.err.slice(0, 2000)}`;
  if (r.code === 2 && !r.err.trim() && !/ error RC\d{3}\b|"severity": "error"/.test(r.out)) return 'exit 2 with no diagnostic to say why';
  const roots = allowedRoots(argv, cwd);
  for (const p of changed) {
    const abs = join(root, p);
    const ok = roots.some((r0) => abs === r0 || abs.startsWith(r0.endsWith(sep) ? r0 : r0 + sep) || (r0.endsWith('generated-') && abs.startsWith(r0)) || r0.startsWith(abs + sep));
    if (!ok) return `wrote ${p} (outside ${roots.map((x) => x.slice(root.length + 1) || '.').join(', ') || 'nothing it may write'})`;
  }
  return undefined;
}

export interface CaseOutcome {
  result: CliResult;
  violation?: string;
}

/** Run one case in a fresh folder `root/work` (`root` is snapshotted whole), then remove it. */
export async function runCase(c: FuzzCase, corpusIn?: Corpus): Promise<CaseOutcome> {
  const cor = corpusIn ?? (await prepareCorpus());
  const root = mkdtempSync(join(tmpdir(), 'roamcheck-fuzz-'));
  try {
    const cwd = join(root, 'work');
    mkdirSync(cwd);
    writeFiles(cwd, c.files, cor);
    const before = snapshot(root);
    const result = await runCli(c.argv, cwd);
    const after = snapshot(root);
    const changed = [...new Set([...before.keys(), ...after.keys()])].filter((p) => before.get(p) !== after.get(p) && !(before.get(p)?.startsWith('d:') && after.get(p)?.startsWith('d:')));
    return { result, violation: contractViolation(c.argv, result, changed, root, cwd) };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/** The property both entry points check: every case keeps the contract. */
export function cliContract(cor: Corpus, onCase?: () => void) {
  return fc.asyncProperty(caseArb, async (c) => {
    onCase?.();
    const o = await runCase(c, cor);
    if (o.violation) throw new Error(`contract broken: ${o.violation}`);
  });
}

/** A counterexample for a human: the argv and each file spec (long texts cut). */
export function describeCase(c: FuzzCase): string {
  const files = c.files.map((f) => `  ${JSON.stringify(f).slice(0, 1500)}`).join('\n');
  return `argv: ${JSON.stringify(c.argv)}\nfiles (applied to lab/ = models/seed-lab, t.json, r.json, p.mjs):\n${files || '  (none: the seed lab as is)'}`;
}
