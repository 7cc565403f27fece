// End-to-end tests of `roamcheck replay TRACE` (DESIGN.md §6): a saved trace re-runs with the same
// verdict and steps (exit 1 while it violates), and a damaged trace is a diagnostic naming the file
// (exit 2). Traces are made fresh by `check` in a temp folder, so they always fit the current model.

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeTempDirs, runMain, tempDir } from './cliHarness.js';

interface Trace {
  format: string;
  version: number;
  source: string;
  property: string | null;
  verdict: string | null;
  message: string | null;
  options: { mutant: string | null; bounds: string[]; sets: string[] };
  actions: { type: string; [k: string]: unknown }[];
  steps: { i: number; action: string; text: string; t: number; summary: string; log: unknown[]; fates: unknown[] }[];
}

let cwd: string;
const saved: Record<string, string> = {};
const read = (file: string) => JSON.parse(readFileSync(join(cwd, file), 'utf8')) as Trace;
/** Write an edited copy of a saved trace and return its path relative to cwd. */
function variant(name: string, from: string, edit: (t: Trace) => unknown): string {
  writeFileSync(join(cwd, name), JSON.stringify(edit(read(from)), null, 2));
  return name;
}

beforeAll(async () => {
  cwd = tempDir('roamcheck-replay-');
  // The seed lab's two known violations (one move, no loss) and one mutant's; the shrunk stories
  // (the search for shorter ones adds tens of seconds per F2 story and is tested elsewhere).
  const seedLab = await runMain(
    [
      'check',
      '-p',
      'intra-subnet-reachability',
      '-p',
      'single-authoritative-rloc',
      '--bounds',
      'moves=1,losses=0',
      '-s',
      '1',
      '-n',
      '200',
      '--shortest-budget',
      '0',
      '--json',
      '--trace-dir',
      'traces',
    ],
    cwd,
  );
  const mutant = await runMain(
    [
      'check',
      '--mutant',
      'merge-rlocs',
      '-p',
      'single-authoritative-rloc',
      '--set',
      'registration=timestamped',
      '--bounds',
      'moves=1,losses=0',
      '-s',
      '1',
      '-n',
      '200',
      '--json',
      '--trace-dir',
      'traces',
    ],
    cwd,
  );
  for (const r of [seedLab, mutant]) {
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.out) as { mutant: string | null; properties: { id: string; counterexample: { trace: string } }[] };
    for (const p of doc.properties) saved[`${p.id}${doc.mutant ? `+${doc.mutant}` : ''}`] = p.counterexample.trace;
  }
});
afterAll(removeTempDirs);

describe('roamcheck replay', () => {
  it.each(['intra-subnet-reachability', 'single-authoritative-rloc', 'single-authoritative-rloc+merge-rlocs'])(
    'should replay the saved %s trace with the same verdict and the same steps, and exit 1',
    async (key) => {
      const file = saved[key];
      const trace = read(file);

      const r = await runMain(['replay', file, '--json'], cwd);

      expect(r.code).toBe(1);
      expect(r.err).toBe('');
      const again = JSON.parse(r.out) as Trace;
      expect(again.verdict).toBe('violated');
      expect(again.message).toBe(trace.message);
      expect(again.actions).toEqual(trace.actions);
      expect(again.steps).toEqual(trace.steps);
      expect(again.options).toEqual(trace.options);
    },
  );

  it('should print the trace step by step and the violation in text mode', async () => {
    const file = saved['intra-subnet-reachability'];
    const trace = read(file);

    const r = await runMain(['replay', file], cwd);

    expect(r.code).toBe(1);
    expect(r.out.split('\n')[0]).toBe(`replay ${file}: model seed-lab, property intra-subnet-reachability`);
    for (const s of trace.steps) expect(r.out).toContain(`${String(s.i + 1).padStart(3)}. [t=${s.t}s] ${s.text}\n`);
    expect(r.out.trimEnd().split('\n').at(-1)).toBe(`VIOLATED intra-subnet-reachability: ${trace.message}`);
  });

  it('should exit 0 when the edited trace no longer violates its property', async () => {
    // Drop the last step (web2's second send): the move alone loses no frame.
    const file = variant('truncated.json', saved['intra-subnet-reachability'], (t) => ({ ...t, actions: t.actions.slice(0, -1), steps: t.steps.slice(0, -1) }));

    const r = await runMain(['replay', file, '--json'], cwd);

    expect(r.code).toBe(0);
    expect((JSON.parse(r.out) as Trace).verdict).toBe('holds');
  });

  it('should replay a simulate --json trace with the same actions and exit 0', async () => {
    const sim = await runMain(['simulate', '--do', 'send web2 vm1', '--do', 'move vm1 dcedge-2', '--do', 'wait 5', '--do', 'send client vm1', '--json'], cwd);
    writeFileSync(join(cwd, 'sim.json'), sim.out);
    const trace = JSON.parse(sim.out) as Trace;

    const r = await runMain(['replay', 'sim.json', '--json'], cwd);

    expect(r.code).toBe(0);
    const again = JSON.parse(r.out) as Trace;
    expect(again.actions).toEqual(trace.actions);
    // `text` is left out: simulate writes the raw action, replay the protocol words (see report).
    const withoutText = (t: Trace) => t.steps.map(({ text: _text, ...rest }) => rest);
    expect(withoutText(again)).toEqual(withoutText(trace));
  });

  it.each([
    ['a wrong format', (t: Trace) => ({ ...t, format: 'some-other-trace' }), /RC231: "format" must be "roamcheck-trace"/],
    ['an unknown version', (t: Trace) => ({ ...t, version: 2 }), /RC231: "version" must be 1, got 2/],
    [
      'an unknown action type',
      (t: Trace) => ({ ...t, actions: [...t.actions.slice(0, 1), { type: 'host.teleport', host: 'vm1' }, ...t.actions.slice(1)] }),
      /RC231: "actions\[1\]" has unknown type "host.teleport"/,
    ],
    ['an action with a field of the wrong type', (t: Trace) => ({ ...t, actions: [{ type: 'msg.deliver', id: 'one' }] }), /RC231: "actions\[0\].id" must be a number/],
    [
      'a delivery of a message that never exists',
      (t: Trace) => ({ ...t, actions: [t.actions[0], { type: 'msg.deliver', id: 999999 }, ...t.actions.slice(1)] }),
      /RC233: step 2 .* is not enabled in model seed-lab/,
    ],
    ['a move to a place the host may not go', (t: Trace) => ({ ...t, actions: [{ type: 'host.move', host: 'web2', to: 'nowhere' }] }), /RC233: step 1 .* is not enabled/],
    ['an unknown property', (t: Trace) => ({ ...t, property: 'no-such-property' }), /RC232: unknown property "no-such-property"/],
    ['a model folder that does not exist', (t: Trace) => ({ ...t, source: 'no/such/model' }), /RC201: model not found/],
  ])('should name the file and exit 2 on a trace with %s', async (name, edit, pattern) => {
    const file = variant(`bad-${name.replace(/\W+/g, '-')}.json`, saved['intra-subnet-reachability'], edit);

    const r = await runMain(['replay', file], cwd);

    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(pattern);
    expect(r.err).not.toMatch(/^\s+at /m);
    // The load error of a missing model names that folder; every other diagnostic names the trace.
    if (!name.startsWith('a model folder')) expect(r.err.startsWith(`${file}`)).toBe(true);
  });

  it('should name the file and exit 2 when a delivery in a saved trace is edited to a message id that never exists', async () => {
    const from = saved['single-authoritative-rloc'];
    const k = read(from).actions.findIndex((a) => a.type === 'msg.deliver');
    expect(k).toBeGreaterThanOrEqual(0);
    const file = variant('edited-deliver.json', from, (t) => ({ ...t, actions: t.actions.map((a, i) => (i === k ? { ...a, id: 999999 } : a)) }));

    const r = await runMain(['replay', file, '--json'], cwd);

    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(new RegExp(`^edited-deliver\\.json: error RC233: step ${k + 1} \\(\\{"type":"msg\\.deliver","id":999999\\}\\) is not enabled`));
  });

  it('should report the actions after the violating step that it did not replay', async () => {
    const from = saved['intra-subnet-reachability'];
    const file = variant('trailing.json', from, (t) => ({ ...t, actions: [...t.actions, { type: 'msg.deliver', id: 999999 }] }));

    const r = await runMain(['replay', file], cwd);

    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^trailing\.json: info RC234: the violation happens at step \d+; the 1 later actions were not replayed/);
  });

  it('should name the file and the line, and exit 2, on invalid JSON', async () => {
    writeFileSync(join(cwd, 'broken.json'), '{\n  "format": "roamcheck-trace",\n  "version": 1,\n  oops\n}\n');

    const r = await runMain(['replay', 'broken.json'], cwd);

    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/^broken\.json(:\d+)?: error RC230: not valid JSON/);
    expect(r.err.trimEnd().split('\n')).toHaveLength(1);
  });

  it('should exit 2 on a JSON value that is not a trace object', async () => {
    writeFileSync(join(cwd, 'array.json'), '[1, 2, 3]\n');

    const r = await runMain(['replay', 'array.json'], cwd);

    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^array\.json.*RC231: a trace must be a JSON object/);
  });
});
