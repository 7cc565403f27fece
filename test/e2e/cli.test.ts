// End-to-end tests of the command line (DESIGN.md §6): every command's output and exit code, the
// `check --json` contract, reproduce lines, traces under --trace-dir, and bad input (exit 2, one
// line on stderr, no stack trace). Mostly `main` in-process; a few runs of the real bin/roamcheck.js.

import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BUILTIN_PROPERTIES } from '../../properties/index.js';
import { ensureBuilt, fixture, listTree, modelDir, removeTempDirs, reproduceArgv, ROOT, runBin, runMain, sanitizeText, sanitizeTiming, tempDir } from './cliHarness.js';

const PKG_VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

/** DESIGN.md §4, the contract list of mutant ids. */
const MUTANT_IDS = ['no-smr', 'smr-ignored', 'smr-request-to-source', 'no-notify-previous', 'refresh-after-move', 'merge-rlocs', 'any-nonce', 'no-proxy-reply', 'no-auth-check'];

/** The lead's measured setting: one move, no loss, seed 1. */
const ONE_MOVE = ['--bounds', 'moves=1,losses=0', '-s', '1'];

interface JsonStep {
  i: number;
  action: string;
  summary: string;
}
interface JsonProperty {
  id: string;
  verdict: string;
  runs: number;
  elapsedMs: number;
  collisionProbability?: number;
  counterexample?: { length: number; trace: string | null; reproduce: string; steps: JsonStep[]; shrunkFrom?: number; shortest?: { proved: boolean; from: number; searchedStates: number } } | null;
}
interface JsonReport {
  tool: string;
  version: string;
  model: string;
  mode: string;
  seed: number;
  mutant: string | null;
  properties: JsonProperty[];
  stats: { steps: number; stepsPerSecond: number; distinctStates: number | null; elapsedMs: number };
  diagnostics: unknown[];
}

/** Assert the DESIGN.md §6 fields of a `check --json` document (extra fields are allowed). */
function expectCheckJson(doc: JsonReport, cwd: string) {
  expect(doc).toMatchObject({ tool: 'roamcheck', version: PKG_VERSION });
  expect(typeof doc.model).toBe('string');
  expect(['random', 'exhaustive']).toContain(doc.mode);
  expect(Number.isInteger(doc.seed)).toBe(true);
  expect(doc.mutant === null || typeof doc.mutant === 'string').toBe(true);
  expect(Array.isArray(doc.properties)).toBe(true);
  for (const p of doc.properties) {
    expect(typeof p.id).toBe('string');
    expect(['holds', 'violated', 'unknown']).toContain(p.verdict);
    expect(Number.isInteger(p.runs) && p.runs >= 0).toBe(true);
    expect(typeof p.elapsedMs).toBe('number');
    if (p.verdict !== 'violated') {
      expect(p.counterexample ?? null).toBeNull();
      continue;
    }
    const ce = p.counterexample!;
    expect(ce.length).toBe(ce.steps.length);
    expect(ce.length).toBeGreaterThan(0);
    expect(typeof ce.trace).toBe('string');
    expect(existsSync(isAbsolute(ce.trace!) ? ce.trace! : join(cwd, ce.trace!))).toBe(true);
    expect(ce.reproduce).toMatch(/^roamcheck check /);
    ce.steps.forEach((s, i) => {
      expect(s.i).toBe(i);
      expect(s.action).toMatch(/^[a-z]+\.[a-z]+$/);
      expect(typeof s.summary).toBe('string');
      expect(s.summary.length).toBeGreaterThan(0);
    });
  }
  expect(Number.isInteger(doc.stats.steps)).toBe(true);
  expect(typeof doc.stats.stepsPerSecond).toBe('number');
  expect(doc.stats.distinctStates === null || Number.isInteger(doc.stats.distinctStates)).toBe(true);
  expect(typeof doc.stats.elapsedMs).toBe('number');
  expect(Array.isArray(doc.diagnostics)).toBe(true);
}

/** A diagnostic for bad input: exit 2, nothing on stdout, one line on stderr, no stack trace. */
function expectOneLineDiagnostic(r: { code: number; out: string; err: string }, pattern: RegExp) {
  expect(r.code).toBe(2);
  expect(r.out).toBe('');
  expect(r.err.endsWith('\n')).toBe(true);
  expect(r.err.trimEnd().split('\n')).toHaveLength(1);
  expect(r.err).toMatch(pattern);
  expect(r.err).not.toMatch(/^\s+at /m);
  expect(r.err).not.toMatch(/internal error/);
}

let cwd: string;
beforeEach(() => {
  cwd = tempDir();
});
afterAll(removeTempDirs);

describe('roamcheck check', () => {
  it('should print verdict lines, a numbered counterexample, a reproduce line and a trace line, and exit 1', async () => {
    const r = await runMain(['check', '-p', 'intra-subnet-reachability', '-p', 'registration-authenticated', ...ONE_MOVE, '-n', '200', '--trace-dir', 'traces'], cwd);

    expect(r.code).toBe(1);
    expect(r.err).toBe('');
    expect(r.out).toMatch(/^roamcheck: model seed-lab, random mode, seed 1$/m);
    expect(r.out).toMatch(/^VIOLATED +intra-subnet-reachability +1 runs/m);
    expect(r.out).toMatch(/^HOLDS +registration-authenticated +200 runs/m);
    expect(r.out).toMatch(/counterexample, 3 steps/);
    expect(r.out).toMatch(/^ +1\. web2 sends a packet to vm1 /m);
    expect(r.out).toMatch(/^ +2\. vMotion vm1 to dcedge-2 /m);
    expect(r.out).toMatch(/^ +3\. web2 sends a packet to vm1 .*dropped \(no-mac-on-segment\)/m);
    const reproduce = /^ +reproduce: (roamcheck check .*)$/m.exec(r.out)?.[1];
    expect(reproduce).toContain('-p intra-subnet-reachability');
    expect(reproduce).toContain('--bounds moves=1,losses=0');
    expect(reproduce).toMatch(/--seed 1 --path [\d:]+/);
    const trace = /^ +trace: +(\S+)$/m.exec(r.out)?.[1];
    expect(trace).toBe('traces/intra-subnet-reachability-1.json');
    expect(existsSync(join(cwd, trace!))).toBe(true);
    expect(sanitizeText(r.out)).toMatchSnapshot();
  });

  it('should print one JSON document with the DESIGN §6 fields on --json', async () => {
    // A small search budget: enough for the 3-step story, not for F2's (tens of seconds).
    const r = await runMain(['check', ...ONE_MOVE, '-n', '200', '--shortest-budget', '1000', '--json', '--trace-dir', 'traces'], cwd);

    expect(r.code).toBe(1);
    expect(r.err).toBe('');
    const doc = JSON.parse(r.out) as JsonReport;
    expectCheckJson(doc, cwd);
    expect(doc).toMatchObject({ model: 'seed-lab', mode: 'random', seed: 1, mutant: null, diagnostics: [] });
    expect(doc.properties.map((p) => p.id)).toEqual(BUILTIN_PROPERTIES.map((p) => p.id));
    const verdict = Object.fromEntries(doc.properties.map((p) => [p.id, p.verdict]));
    expect(verdict['intra-subnet-reachability']).toBe('violated');
    expect(verdict['single-authoritative-rloc']).toBe('violated');
    expect(doc.stats.distinctStates).toBeNull();
    const isr = doc.properties.find((p) => p.id === 'intra-subnet-reachability')!;
    expect(isr.counterexample!.steps.map((s) => s.action)).toEqual(['host.send', 'host.move', 'host.send']);
    expect(isr.counterexample!.trace).toBe('traces/intra-subnet-reachability-1.json');
    // Added fields: the length before delta debugging, and what the search for a shorter story decided.
    expect(isr.counterexample).toMatchObject({ length: 3, shrunkFrom: 5, shortest: { proved: true, from: 3, scope: { bounds: { sends: 2 } } } });
    const f2 = doc.properties.find((p) => p.id === 'single-authoritative-rloc')!.counterexample!;
    expect(f2.shortest).toMatchObject({ proved: false, from: f2.length, searchedStates: 1000 });
    expect(f2.reproduce).toContain('--shortest-budget 1000');
  });

  it('should fill distinctStates and name the mode in exhaustive --json', async () => {
    const r = await runMain(['check', '-p', 'intra-subnet-reachability', ...ONE_MOVE, '--exhaustive', '--depth', '3', '--json', '--trace-dir', 'traces'], cwd);

    expect(r.code).toBe(1);
    const doc = JSON.parse(r.out) as JsonReport;
    expectCheckJson(doc, cwd);
    expect(doc.mode).toBe('exhaustive');
    expect(doc.stats.distinctStates).toBeGreaterThan(0);
    expect(doc.properties[0].counterexample!.length).toBe(3);
    expect(doc.properties[0].counterexample!.reproduce).toContain('--exhaustive --depth 3');
    // TLC's "calculated (optimistic)" estimate, beside the states it is about.
    expect(doc.properties[0].collisionProbability).toBeGreaterThanOrEqual(0);
    expect(doc.properties[0].collisionProbability).toBeLessThan(1e-9);
  });

  it('should exit 0 and save no trace when every selected property holds', async () => {
    const r = await runMain(
      ['check', '--set', 'registration=timestamped', ...ONE_MOVE, '-n', '300', '-p', 'single-authoritative-rloc', '-p', 'registration-authenticated', '--json', '--trace-dir', 'traces'],
      cwd,
    );

    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    const doc = JSON.parse(r.out) as JsonReport;
    expectCheckJson(doc, cwd);
    expect(doc.properties.map((p) => [p.id, p.verdict, p.runs])).toEqual([
      ['single-authoritative-rloc', 'holds', 300],
      ['registration-authenticated', 'holds', 300],
    ]);
    expect(listTree(cwd)).toEqual([]);
  });

  // F2 with a small search budget (its full search takes tens of seconds): the reproduce line must carry it.
  it.each([
    ['intra-subnet-reachability', []],
    ['single-authoritative-rloc', ['--shortest-budget', '1000']],
  ])('should give the same counterexample when the reproduce line of %s is run', async (id, extra) => {
    const first = await runMain(['check', '-p', id, ...ONE_MOVE, '-n', '200', ...extra, '--json', '--trace-dir', 'first'], cwd);
    const ce = (JSON.parse(first.out) as JsonReport).properties[0].counterexample!;

    const again = await runMain([...reproduceArgv(ce.reproduce), '--json', '--trace-dir', 'again'], cwd);

    expect(again.code).toBe(1);
    const ce2 = (JSON.parse(again.out) as JsonReport).properties[0].counterexample!;
    expect(ce2.steps).toEqual(ce.steps);
    expect(ce2.reproduce).toBe(ce.reproduce);
    expect(readFileSync(join(cwd, 'again', `${id}-1.json`), 'utf8')).toBe(readFileSync(join(cwd, 'first', `${id}-1.json`), 'utf8'));
  });

  it('should exit 0 with --expect when the verdicts match the model expect block', async () => {
    const r = await runMain(['check', '--expect', '-p', 'intra-subnet-reachability', ...ONE_MOVE, '-n', '200', '--trace-dir', 'traces'], cwd);

    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^VIOLATED +intra-subnet-reachability .*\(expected violated\)$/m);
    expect(r.out).not.toMatch(/MISMATCH/);
  });

  it('should exit 1 with --expect when a verdict contradicts the expect block', async () => {
    const r = await runMain(['check', fixture('seed-lab-wrong-expect'), '--expect', '-p', 'intra-subnet-reachability', '-s', '1', '-n', '200', '--trace-dir', 'traces'], cwd);

    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^roamcheck: model seed-lab-wrong-expect,/m);
    expect(r.out).toMatch(/^VIOLATED +intra-subnet-reachability .*\(MISMATCH: expected holds\)$/m);
  });

  it('should exit 1 with --expect when an expected violation is not found', async () => {
    // No move at all: nothing can go stale, so the seed lab's expected violation does not show.
    const r = await runMain(['check', '--expect', '-p', 'intra-subnet-reachability', '--bounds', 'moves=0', '-s', '1', '-n', '200', '--trace-dir', 'traces'], cwd);

    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^HOLDS +intra-subnet-reachability .*\(MISMATCH: expected violated\)$/m);
  });

  it('should write traces only under a relative --trace-dir and touch nothing else in cwd', async () => {
    const r = await runMain(['check', ...ONE_MOVE, '-n', '200', '--shortest-budget', '0', '--trace-dir', 'out/traces'], cwd);

    expect(r.code).toBe(1);
    expect(listTree(cwd)).toEqual(['out/traces/intra-subnet-reachability-1.json', 'out/traces/single-authoritative-rloc-1.json']);
  });

  it('should write traces only under an absolute --trace-dir and leave cwd empty', async () => {
    const dir = tempDir('roamcheck-traces-');

    const r = await runMain(['check', '-p', 'intra-subnet-reachability', ...ONE_MOVE, '-n', '50', '--trace-dir', dir], cwd);

    expect(r.code).toBe(1);
    expect(listTree(cwd)).toEqual([]);
    expect(listTree(dir)).toEqual(['intra-subnet-reachability-1.json']);
    expect(r.out).toContain(`trace:     ${join(dir, 'intra-subnet-reachability-1.json')}`);
  });

  it('should save traces under .roamcheck/traces by default', async () => {
    const r = await runMain(['check', '-p', 'intra-subnet-reachability', ...ONE_MOVE, '-n', '50'], cwd);

    expect(r.code).toBe(1);
    expect(listTree(cwd)).toEqual(['.roamcheck/traces/intra-subnet-reachability-1.json']);
  });

  it('should name the mutant in the report and in the trace file name', async () => {
    const r = await runMain(
      ['check', '--mutant', 'no-auth-check', '-p', 'registration-authenticated', '--set', 'registration=timestamped', ...ONE_MOVE, '-n', '200', '--json', '--trace-dir', 'traces'],
      cwd,
    );

    expect(r.code).toBe(1);
    const doc = JSON.parse(r.out) as JsonReport;
    expectCheckJson(doc, cwd);
    expect(doc.mutant).toBe('no-auth-check');
    expect(doc.properties[0].counterexample!.reproduce).toContain('--mutant no-auth-check');
    expect(listTree(cwd)).toEqual(['traces/registration-authenticated-no-auth-check-1.json']);
  });

  it('should reject a malformed --path with a diagnostic and exit 2', async () => {
    const r = await runMain(['check', '--path', 'garbage'], cwd);

    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^error RC108: --path must be numbers separated by colons/);
    expect(r.err).not.toMatch(/^\s+at /m);
  });

  it('should print one JSON document for several models and keep their traces apart', async () => {
    const a = modelDir('seed-lab-fixed');
    const b = modelDir('three-site');
    const r = await runMain(['check', a, b, '-p', 'intra-subnet-reachability', ...ONE_MOVE, '-n', '50', '--json', '--trace-dir', 't'], cwd);

    expect(r.code).toBe(1);
    const doc = JSON.parse(r.out) as { reports: JsonReport[] };
    expect(doc.reports.map((x) => x.model)).toEqual(['seed-lab-fixed', 'three-site']);
    expect(listTree(cwd)).toEqual(['t/seed-lab-fixed-intra-subnet-reachability-1.json', 't/three-site-intra-subnet-reachability-1.json']);
  });
});

describe('roamcheck mutants', () => {
  it('should list the nine mutants of the bug zoo with the property each must break', async () => {
    const r = await runMain(['mutants'], cwd);

    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    const rows = r.out
      .trimEnd()
      .split('\n')
      .slice(1)
      .map((l) => l.split(/\s+/).slice(0, 2));
    expect(rows.map((x) => x[0])).toEqual(MUTANT_IDS);
    for (const [, breaks] of rows) expect(BUILTIN_PROPERTIES.map((p) => p.id)).toContain(breaks);
  });

  it('should list the same ids as JSON', async () => {
    const r = await runMain(['mutants', '--json'], cwd);

    expect(r.code).toBe(0);
    expect((JSON.parse(r.out) as { mutants: { id: string }[] }).mutants.map((m) => m.id)).toEqual(MUTANT_IDS);
  });
});

describe('roamcheck simulate', () => {
  const STORY = ['--do', 'send web2 vm1', '--do', 'move vm1 dcedge-2', '--do', 'send web2 vm1'];

  it('should print the event log of the scripted actions', async () => {
    const r = await runMain(['simulate', ...STORY], cwd);

    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    const lines = r.out.trimEnd().split('\n');
    for (const l of lines) expect(l).toMatch(/^\[ *\d+\.\d{3}\] \S.*: /);
    expect(r.out).toContain('web2: sends packet 192.168.1.20 -> 192.168.1.10');
    expect(r.out).toContain('vm1: packet web2 -> vm1 delivered to vm1');
    expect(r.out).toContain('vm1: vMotion dcedge-1 GigabitEthernet2 -> dcedge-2 GigabitEthernet2');
    expect(lines.at(-1)).toMatch(/packet web2 -> vm1 dropped: no-mac-on-segment$/);
    expect(listTree(cwd)).toEqual([]);
  });

  it('should print a roamcheck-trace version 1 document with --json', async () => {
    const r = await runMain(['simulate', ...STORY, '--json'], cwd);

    expect(r.code).toBe(0);
    const t = JSON.parse(r.out) as { format: string; version: number; model: string; source: string; actions: { type: string }[]; steps: { i: number; action: string }[] };
    expect(t).toMatchObject({ format: 'roamcheck-trace', version: 1, model: 'seed-lab', source: 'embedded:seed-lab' });
    expect(t.actions.map((a) => a.type)).toEqual(['host.send', 'host.move', 'host.send']);
    expect(t.steps.map((s) => [s.i, s.action])).toEqual(t.actions.map((a, i) => [i, a.type]));
  });
});

describe('roamcheck model and lint', () => {
  it('should print what was understood of the seed lab', async () => {
    const r = await runMain(['model'], cwd);

    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^model seed-lab: /);
    for (const name of ['core', 'dcedge-1', 'dcedge-2', 'vm1', 'web2']) expect(r.out).toContain(name);
  });

  it('should print the scenario as JSON with model --json', async () => {
    const r = await runMain(['model', '--json'], cwd);

    expect(r.code).toBe(0);
    const s = JSON.parse(r.out) as { name: string; routers: { name: string }[]; hosts: { name: string }[] };
    expect(s.name).toBe('seed-lab');
    expect(s.routers.map((x) => x.name).sort()).toEqual(['core', 'dcedge-1', 'dcedge-2']);
    expect(s.hosts.map((x) => x.name)).toEqual(['vm1', 'web2']);
  });

  it('should exit 0 on the seed lab, whose only finding is the expected intra-subnet note', async () => {
    const r = await runMain(['lint', '--json'], cwd);

    expect(r.code).toBe(0);
    const { diagnostics } = JSON.parse(r.out) as { diagnostics: { severity: string; code: string }[] };
    expect(diagnostics.map((d) => [d.severity, d.code])).toEqual([['info', 'RC319']]);
  });

  it('should exit 2 when the model cannot be loaded, listing the diagnostic with the findings', async () => {
    // lint prints its findings, load errors included, on stdout (with a summary line).
    const r = await runMain(['lint', 'no/such/model', '--json'], cwd);

    expect(r.code).toBe(2);
    const { diagnostics } = JSON.parse(r.out) as { diagnostics: { severity: string; code: string; file: string }[] };
    expect(diagnostics).toEqual([expect.objectContaining({ severity: 'error', code: 'RC201', file: 'no/such/model' })]);
    expect(r.err).not.toMatch(/^\s+at /m);
  });

  it('should exit 1 on a model with a finding', async () => {
    const r = await runMain(['lint', join(ROOT, 'test', 'fixtures', 'lint', 'key-mismatch')], cwd);

    expect(r.code).toBe(1);
    expect(r.out + r.err).toMatch(/error RC310/);
  });
});

describe('roamcheck on bad input', () => {
  it.each([
    ['an unknown command', ['frobnicate'], /unknown command 'frobnicate'/],
    ['an unknown option', ['check', '--frobnicate'], /unknown option '--frobnicate'/],
    ['--runs abc', ['check', '--runs', 'abc'], /RC105: --runs must be a whole number/],
    ['--seed x', ['check', '-s', 'x'], /RC105: --seed/],
    ['--shortest-budget -1', ['check', '--shortest-budget', '-1'], /RC105: --shortest-budget must be/],
    ['--shortest-budget 100000001', ['check', '--shortest-budget', '100000001'], /RC105: --shortest-budget must be/],
    ['-p nope', ['check', '-p', 'nope'], /RC107: -p: unknown property "nope"/],
    ['--mutant nope', ['check', '--mutant', 'nope'], /RC104: --mutant: unknown mutant "nope"/],
    ['--bounds moves=x', ['check', '--bounds', 'moves=x'], /RC102: --bounds: "moves" must be a whole number/],
    ['--bounds nope=1', ['check', '--bounds', 'nope=1'], /RC102: --bounds: unknown bound "nope"/],
    ['--set registration=bogus', ['check', '--set', 'registration=bogus'], /RC103: --set registration: must be one of/],
    ['--set nope=1', ['check', '--set', 'nope=1'], /RC103: --set: unknown option "nope"/],
    ['a model folder that does not exist', ['check', 'no/such/model'], /^no\/such\/model: error RC201: model not found/],
    ['a file that is not a model', ['check', 'package.json'], /RC201: package\.json is not a model folder/],
    ['simulate --do "send nobody vm1"', ['simulate', '--do', 'send nobody vm1'], /RC101: --do "send nobody vm1": unknown host "nobody"/],
    ['simulate --do "move vm1 nowhere"', ['simulate', '--do', 'move vm1 nowhere'], /RC101: --do "move vm1 nowhere": unknown router "nowhere"/],
    ['simulate --do "frobnicate"', ['simulate', '--do', 'frobnicate'], /RC101: --do "frobnicate": unknown action "frobnicate"/],
    ['simulate --mutant nope', ['simulate', '--mutant', 'nope', '--do', 'send web2 vm1'], /RC104/],
    ['simulate on a missing model', ['simulate', 'no/such/model', '--do', 'send web2 vm1'], /RC201: model not found/],
    ['model on a missing model', ['model', 'no/such/model'], /RC201: model not found/],
    ['replay of a missing file', ['replay', 'no-such-trace.json'], /^no-such-trace\.json: error RC201: cannot read trace/],
  ])('should print a one-line diagnostic and exit 2 on %s', async (_name, argv, pattern) => {
    // `package.json` must exist in cwd for the "not a model" case: give it one.
    const dir = argv.includes('package.json') ? ROOT : cwd;

    const r = await runMain(argv, dir);

    expectOneLineDiagnostic(r, pattern);
    if (dir === cwd) expect(listTree(cwd)).toEqual([]);
  });
});

describe('bin/roamcheck.js', () => {
  beforeAll(() => ensureBuilt(), 120_000);

  it('should print the package version', () => {
    const r = runBin(['--version'], cwd);

    expect(r.code).toBe(0);
    expect(r.out).toBe(`${PKG_VERSION}\n`);
  });

  it('should print the same report as main in-process, exit 1 on a violation, and write only the traces', async () => {
    const argv = ['check', '-p', 'intra-subnet-reachability', '-p', 'eventual-reachability', ...ONE_MOVE, '-n', '200', '--trace-dir', 'traces'];

    const child = runBin(argv, cwd);
    const inProcess = await runMain(argv, tempDir());

    expect(child.code).toBe(1);
    expect(child.err).toBe('');
    expect(child.out).not.toMatch(/\x1b\[/);
    expect(sanitizeTiming(child.out)).toBe(sanitizeTiming(inProcess.out));
    expect(listTree(cwd)).toEqual(['traces/intra-subnet-reachability-1.json']);
  });

  it('should print one JSON document and exit 0 when the selected properties hold', () => {
    const r = runBin(['check', '-p', 'registration-authenticated', '--set', 'registration=timestamped', ...ONE_MOVE, '-n', '100', '--json'], cwd);

    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out) as JsonReport;
    expectCheckJson(doc, cwd);
    expect(doc.properties[0].verdict).toBe('holds');
    expect(listTree(cwd)).toEqual([]);
  });

  it('should print a one-line diagnostic and exit 2 on bad input, without a stack trace', () => {
    expectOneLineDiagnostic(runBin(['check', '--runs', 'abc'], cwd), /RC105/);
    expectOneLineDiagnostic(runBin(['simulate', '--do', 'move vm1 nowhere'], cwd), /RC101/);
    expectOneLineDiagnostic(runBin(['frobnicate'], cwd), /unknown command/);
  });
});
