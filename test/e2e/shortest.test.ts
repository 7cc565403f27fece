// End-to-end tests of the search for a shorter story after shrinking (random mode): the report
// says what it decided, the reproduce line (`--path`, and `--shortest-budget` when given) gives
// the same counterexample and trace byte for byte, and the trace of a story the search found
// still validates and replays. Mutant no-notify-previous at seed 5: shrunk to 7 steps, 6 shown.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { removeTempDirs, reproduceArgv, runMain, tempDir } from './cliHarness.js';

afterAll(removeTempDirs);

const ARGS = ['check', '--mutant', 'no-notify-previous', '--set', 'registration=timestamped', '--bounds', 'moves=1,losses=0', '-s', '5', '-n', '300', '-p', 'single-authoritative-rloc'];
const TRACE = 'traces/single-authoritative-rloc-no-notify-previous-5.json';

/** The property's block from its message line to its trace line: what `--path` must reproduce. */
function counterexampleBlock(out: string): string {
  const lines = out.split('\n');
  const from = lines.findIndex((l) => l.startsWith('VIOLATED')) + 1;
  const to = lines.findIndex((l) => l.trimStart().startsWith('trace:'));
  return lines.slice(from, to + 1).join('\n');
}

describe('roamcheck check: the shortest story', () => {
  it('should show the shorter story and say so, and give it again byte for byte from the reproduce line', async () => {
    const a = tempDir();
    const b = tempDir();
    const first = await runMain([...ARGS, '--trace-dir', 'traces'], a);
    const block = counterexampleBlock(first.out);

    expect(first.code).toBe(1);
    expect(block).toMatch(
      /counterexample, 6 steps \(shrunk from \d+\):\n +shortest: yes, a breadth-first search of \d+ states found it \(the shrunk story had 7 steps\) among stories within spoofs=0, timerExpiries=0, sends=1, garps=0\n/,
    );
    const reproduce = /reproduce: (.*)/.exec(block)![1];
    expect(reproduce).toMatch(/--seed 5 --path [\d:]+$/);

    const again = await runMain([...reproduceArgv(reproduce), '--trace-dir', 'traces'], b);

    expect(again.code).toBe(1);
    expect(counterexampleBlock(again.out)).toBe(block);
    expect(readFileSync(join(b, TRACE), 'utf8')).toBe(readFileSync(join(a, TRACE), 'utf8'));
  });

  it('should save a trace of the story found that validates and still violates on replay', async () => {
    const cwd = tempDir();
    const check = await runMain([...ARGS, '--json', '--trace-dir', 'traces'], cwd);
    const ce = (JSON.parse(check.out) as { properties: { counterexample: { length: number; shrunkFrom: number; shortest: { proved: boolean; from: number } } }[] }).properties[0].counterexample;

    expect(ce).toMatchObject({ length: 6, shortest: { proved: true, from: 7 } });
    const replay = await runMain(['replay', TRACE, '--json'], cwd);
    expect(replay.err).toBe('');
    expect(replay.code).toBe(1);
    expect((JSON.parse(replay.out) as { steps: unknown[] }).steps).toHaveLength(6);
  });

  it('should keep the shrunk story, print no search line and carry the budget into the reproduce line with --shortest-budget 0', async () => {
    const cwd = tempDir();
    const r = await runMain([...ARGS, '--shortest-budget', '0', '--trace-dir', 'traces'], cwd);
    const block = counterexampleBlock(r.out);

    expect(r.code).toBe(1);
    expect(block).toMatch(/counterexample, 7 steps \(shrunk from \d+\):\n +1\. /);
    expect(block).not.toMatch(/shortest:/);
    const reproduce = /reproduce: (.*)/.exec(block)![1];
    expect(reproduce).toMatch(/--seed 5 --path [\d:]+ --shortest-budget 0$/);
    const again = await runMain([...reproduceArgv(reproduce), '--trace-dir', 'again'], cwd);
    expect(counterexampleBlock(again.out).replace('again/', 'traces/')).toBe(block);
  });
});
