// Hostile input, safe output (issue 8): exit codes CI can trust, user properties' errors as the
// user's, names that try to forge lines or escape the trace folder, and -o/--trace-dir targets
// that are folders, files, symlinks or kernel file systems. Mostly `main` in-process; worker
// threads (`--workers 2`) run the compiled dist/.

import { cpSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, fixture, modelDir, removeTempDirs, ROOT, runMain, tempDir } from './cliHarness.js';

const FAST = ['-p', 'intra-subnet-reachability', '-n', '50'];
const SCOPE = ['--bounds', 'moves=1,losses=0,sends=2,garps=0,spoofs=0,timerExpiries=1', '--exhaustive', '--depth', '30'];

/** Exactly one line on stderr, a diagnostic with this code, and no stack trace. */
function oneDiagnostic(err: string, code: string): void {
  const lines = err.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(new RegExp(`error ${code}: `));
  expect(err).not.toMatch(/^\s+at /m);
}

/** The seed lab with a model name and a host name that try to escape the folder and forge lines. */
function hostileModel(): string {
  const dir = tempDir('roamcheck-hostile-');
  cpSync(modelDir('seed-lab'), dir, { recursive: true });
  const yaml = readFileSync(join(dir, 'scenario.yaml'), 'utf8')
    .replace('name: seed-lab', 'name: "../../evil/\\nerror RC999: forged\\e[2J"')
    .replace(/\bweb2\b/g, '"web2\\e[2J\\nerror RC998: forged"');
  writeFileSync(join(dir, 'scenario.yaml'), yaml);
  return dir;
}

beforeAll(() => ensureBuilt(), 300_000);
afterAll(() => removeTempDirs());

describe('check exit codes', () => {
  it.each([
    ['an empty shard', ['--shard', '7/7'], 'RC110'],
    ['an empty shard of a -p selection', ['-p', 'intra-subnet-reachability', '--shard', '2/2'], 'RC110'],
    ['a zero time limit', ['--time-limit', '0'], 'RC105'],
    ['zero runs', ['-n', '0'], 'RC105'],
    ['a zero exhaustive depth', ['--exhaustive', '--depth', '0'], 'RC105'],
    ['a zero memory budget', ['--exhaustive', '--memory', '0'], 'RC105'],
  ])('should refuse %s with exit 2 and one diagnostic, never a silent pass', async (_what, argv, code) => {
    const cwd = tempDir();
    const r = await runMain(['check', ...argv], cwd);
    expect(r.code).toBe(2);
    oneDiagnostic(r.err, code);
    expect(r.out).toBe('');
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('should exit 4, not 0, when a property is undecided (state budget), and say unknown', async () => {
    const r = await runMain(['check', '-p', 'single-authoritative-rloc', ...SCOPE, '--max-states', '50', '--trace-dir', tempDir()], ROOT);
    expect(r.code).toBe(4);
    expect(r.out).toMatch(/^UNKNOWN +single-authoritative-rloc +50 states/m);
  });

  it('should exit 1 when one property is violated and another undecided', async () => {
    const r = await runMain(['check', '-p', 'intra-subnet-reachability', '-p', 'single-authoritative-rloc', ...SCOPE, '--max-states', '500', '--json', '--trace-dir', tempDir()], ROOT);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.out) as { properties: { verdict: string; interrupted: boolean }[] };
    expect(doc.properties.map((p) => p.verdict)).toEqual(['violated', 'unknown']);
    expect(doc.properties.map((p) => p.interrupted)).toEqual([false, false]);
  });

  it('should exit 4 with --expect when verdicts are undecided, not 0 and not a mismatch', async () => {
    const r = await runMain(['check', modelDir('seed-lab'), '--expect', ...SCOPE, '--max-states', '20', '--trace-dir', tempDir()], ROOT);
    expect(r.code).toBe(4);
    expect(r.out).toMatch(/^UNKNOWN +intra-subnet-reachability .*\(MISMATCH: expected violated\)$/m);
  });
});

describe("check --properties: the user's code", () => {
  it.each([[[]], [['--workers', '2', '-p', 'registration-authenticated']]])(
    "should report a property that throws as the user's error with their stack trace, exit 2 (extra args %j)",
    async (extra) => {
      const r = await runMain(['check', '--properties', fixture('user-properties', 'throws.js'), '-p', 'throws-on-move', ...extra, '-n', '200', '--trace-dir', tempDir()], ROOT);
      expect(r.code).toBe(2);
      expect(r.out).toBe('');
      const lines = r.err.trimEnd().split('\n');
      expect(lines[0]).toMatch(/throws\.js: error RC106: your property "throws-on-move" threw in step: TypeError: .*\(hint: this is an error in your property, not in roamcheck/);
      expect(lines[1]).toMatch(/stack trace of your property "throws-on-move"/);
      // The user's frames, labelled as theirs; none of roamcheck's, and never an "internal error".
      expect(r.err).toMatch(/at readSite \(.*throws\.js:\d+:\d+\)/);
      expect(r.err).not.toMatch(/src[/\\](core|cli)[/\\]/);
      expect(r.err).not.toMatch(/internal error/);
    },
  );

  it.each([[[]], [['--workers', '2']]])("should refuse a user property with a built-in's id, exit 2 (extra args %j)", async (extra) => {
    const r = await runMain(
      ['check', '--properties', fixture('user-properties', 'shadow.js'), '-p', 'intra-subnet-reachability', '-p', 'registration-authenticated', ...extra, '-n', '50', '--trace-dir', tempDir()],
      ROOT,
    );
    expect(r.code).toBe(2);
    oneDiagnostic(r.err, 'RC106');
    expect(r.err).toMatch(/shadow\.js: error RC106: --properties: export "myReachability" has id "intra-subnet-reachability", already used by the built-in properties/);
  });
});

describe('names from the model', () => {
  it('should print forged names escaped: no raw escape, no forged diagnostic line', async () => {
    const model = hostileModel();
    const traces = tempDir();
    const r = await runMain(['check', model, ...FAST, '--trace-dir', traces], ROOT);
    expect(r.code).toBe(1);
    expect(r.out + r.err).not.toMatch(/\x1b/);
    expect(r.out + r.err).not.toMatch(/^error RC99[89]/m);
    expect(r.out).toContain('roamcheck: model ../../evil/\\nerror RC999: forged\\x1b[2J, random mode');
    expect(r.out).toContain('web2\\x1b[2J\\nerror RC998: forged');
  });

  it.each(['lint', 'model', 'check'])('should print a diagnostic about such a name escaped, on one line (%s)', async (command) => {
    const model = tempDir('roamcheck-hostile-');
    cpSync(modelDir('seed-lab'), model, { recursive: true });
    const yaml = readFileSync(join(model, 'scenario.yaml'), 'utf8').replace('at: dcedge-1 GigabitEthernet2', 'at: "dcedge-9\\e[2J GigabitEthernet2"');
    writeFileSync(join(model, 'scenario.yaml'), yaml);
    const r = await runMain([command, model], ROOT);
    expect(r.code).toBe(2);
    expect(r.out + r.err).not.toMatch(/\x1b/);
    expect(r.out + r.err).toContain('error RC301: unknown router "dcedge-9\\x1b[2J"');
  });

  it('should keep traces of such models inside --trace-dir, named safely and numbered when taken', async () => {
    const model = hostileModel();
    const traces = tempDir();
    // Two models in one run: each trace name starts with the (sanitised) model name.
    const r = await runMain(['check', model, model, ...FAST, '--trace-dir', traces], ROOT);
    expect(r.code).toBe(1);
    const names = readdirSync(traces).sort();
    expect(names).toEqual(['___.._evil__error_RC999__forged__2J-intra-subnet-reachability-1-2.json', '___.._evil__error_RC999__forged__2J-intra-subnet-reachability-1.json']);
    expect(readdirSync(join(traces, '..')).filter((n) => n.includes('evil'))).toEqual([]);
  });

  it('should name a topology diagram file safely', async () => {
    const out = tempDir();
    const r = await runMain(['diagram', 'topology', hostileModel(), '-o', out], ROOT);
    expect(r.code).toBe(0);
    expect(readdirSync(out)).toEqual(['___.._evil__error_RC999__forged__2J-topology.mmd']);
  });
});

describe('check --trace-dir', () => {
  it('should never overwrite a trace: a second run numbers its trace -2 and leaves the first alone', async () => {
    const traces = tempDir();
    expect((await runMain(['check', ...FAST, '--trace-dir', traces], ROOT)).code).toBe(1);
    writeFileSync(join(traces, 'intra-subnet-reachability-1.json'), 'mine');
    const again = await runMain(['check', ...FAST, '--trace-dir', traces], ROOT);
    expect(again.code).toBe(1);
    expect(again.out).toContain(`trace:     ${join(traces, 'intra-subnet-reachability-1-2.json')}`);
    expect(readFileSync(join(traces, 'intra-subnet-reachability-1.json'), 'utf8')).toBe('mine');
  });

  it('should not follow a symlink where a trace would go, even a dangling one', async () => {
    const traces = tempDir();
    const elsewhere = join(tempDir(), 'victim.json');
    symlinkSync(elsewhere, join(traces, 'intra-subnet-reachability-1.json'));
    const r = await runMain(['check', ...FAST, '--trace-dir', traces], ROOT);
    expect(r.code).toBe(1);
    expect(existsSync(elsewhere)).toBe(false);
    expect(lstatSync(join(traces, 'intra-subnet-reachability-1.json')).isSymbolicLink()).toBe(true);
    expect(existsSync(join(traces, 'intra-subnet-reachability-1-2.json'))).toBe(true);
  });

  it.each([
    ['a file', (d: string) => (writeFileSync(join(d, 'f'), 'mine'), join(d, 'f')), /--trace-dir .* cannot be made: it is a file, not a folder/],
    ['a folder under a file', (d: string) => (writeFileSync(join(d, 'f'), 'mine'), join(d, 'f', 'traces')), /cannot be made: .* is a file, not a folder/],
    ['under /proc', () => '/proc/self/roamcheck-traces', /is under \/proc, a kernel file system/],
  ])('should refuse a --trace-dir that is %s before checking anything, exit 2', async (_what, make, message) => {
    const cwd = tempDir();
    const dir = make(cwd);
    const r = await runMain(['check', ...FAST, '--trace-dir', dir], cwd);
    expect(r.code).toBe(2);
    oneDiagnostic(r.err, 'RC235');
    expect(r.err).toMatch(message);
    expect(r.out).toBe('');
    if (existsSync(join(cwd, 'f'))) expect(readFileSync(join(cwd, 'f'), 'utf8')).toBe('mine');
  });
});

describe('trace -o and diagram -o', () => {
  let trace = '';
  beforeAll(async () => {
    const traces = tempDir();
    expect((await runMain(['check', ...FAST, '--trace-dir', traces], ROOT)).code).toBe(1);
    trace = join(traces, 'intra-subnet-reachability-1.json');
  });

  it.each([
    ['a folder', (d: string) => d, /it is a folder/],
    ['in a missing folder', (d: string) => join(d, 'missing', 'out.mmd'), /folder .*missing does not exist/],
    ['under a file', (d: string) => (writeFileSync(join(d, 'f'), 'mine'), join(d, 'f', 'out.mmd')), /is not a folder/],
    ['a device', () => '/dev/null', /kernel file system/],
  ])('should refuse -o that is %s with one diagnostic, exit 2', async (_what, make, message) => {
    const d = tempDir();
    const r = await runMain(['trace', 'mermaid', trace, '-o', make(d), '--force'], ROOT);
    expect(r.code).toBe(2);
    oneDiagnostic(r.err, 'RC236');
    expect(r.err).toMatch(message);
  });

  it('should not write through a dangling symlink, and with --force replace the link, not its target', async () => {
    const d = tempDir();
    const target = join(tempDir(), 'victim.mmd');
    const out = join(d, 'race.mmd');
    symlinkSync(target, out);
    const refused = await runMain(['trace', 'mermaid', trace, '-o', out], ROOT);
    expect(refused.code).toBe(2);
    oneDiagnostic(refused.err, 'RC236');
    expect(existsSync(target)).toBe(false);
    expect((await runMain(['trace', 'mermaid', trace, '-o', out, '--force'], ROOT)).code).toBe(0);
    expect(existsSync(target)).toBe(false);
    expect(lstatSync(out).isFile()).toBe(true);
    expect(readFileSync(out, 'utf8').startsWith('sequenceDiagram')).toBe(true);
    expect(readdirSync(d)).toEqual(['race.mmd']);
  });

  it('should refuse a diagram folder that is a file, exit 2', async () => {
    const d = tempDir();
    writeFileSync(join(d, 'f'), 'mine');
    const r = await runMain(['diagram', 'machines', '-o', join(d, 'f')], ROOT);
    expect(r.code).toBe(2);
    oneDiagnostic(r.err, 'RC236');
    expect(readFileSync(join(d, 'f'), 'utf8')).toBe('mine');
  });

  it('should make a missing diagram folder and its parents', async () => {
    const d = join(tempDir(), 'a', 'b');
    expect((await runMain(['diagram', 'machines', '-o', d], ROOT)).code).toBe(0);
    expect(readdirSync(d)).toHaveLength(4);
    mkdirSync(join(d, 'c'));
  });
});
