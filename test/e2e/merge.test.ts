// End-to-end tests of `roamcheck merge`: the merge of `check --shard I/N --json` reports equals the
// unsharded report (timings aside), seeds combine, and mismatched or malformed reports are
// invalid input (exit 2), never a silently partial report.

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeTempDirs, ROOT, runMain, tempDir } from './cliHarness.js';

afterAll(removeTempDirs);

/** A small search budget: shorter-story searches run (their fields pass through merge) but cheaply. */
const COMMON = ['--bounds', 'moves=1,losses=0', '-n', '300', '--shortest-budget', '1000', '--json'];
/** Timings differ from run to run; trace paths differ by --trace-dir. */
const strip = (json: string) => JSON.stringify(JSON.parse(json), (k, v) => (['elapsedMs', 'stepsPerSecond', 'trace'].includes(k) ? undefined : v), 1);

describe('roamcheck merge', () => {
  const dir = tempDir();
  const file = (name: string) => join(dir, name);
  let unsharded: { code: number; out: string };

  /** `check ... --json` into a file of `dir`; returns its exit code. */
  async function report(name: string, args: string[]): Promise<number> {
    const r = await runMain(['check', ...COMMON, ...args, '--trace-dir', join(dir, 'traces')], ROOT);
    writeFileSync(file(name), r.out);
    return r.code;
  }

  beforeAll(async () => {
    const r = await runMain(['check', ...COMMON, '--trace-dir', join(dir, 'traces')], ROOT);
    unsharded = r;
    for (const i of [1, 2, 3]) await report(`shard-${i}.json`, ['--shard', `${i}/3`]);
  }, 180_000);

  it('should equal the unsharded report, whatever order the shards are given in', async () => {
    for (const order of [
      [1, 2, 3],
      [3, 1, 2],
    ]) {
      const r = await runMain(['merge', ...order.map((i) => file(`shard-${i}.json`)), '--json'], ROOT);
      expect(r.err).toBe('');
      expect(r.code).toBe(unsharded.code);
      expect(strip(r.out)).toBe(strip(unsharded.out));
    }
  });

  it('should sum the stats of the shards', async () => {
    const shards = [1, 2, 3].map((i) => JSON.parse(readFileSync(file(`shard-${i}.json`), 'utf8')) as { stats: { steps: number; elapsedMs: number } });
    const merged = JSON.parse((await runMain(['merge', ...[1, 2, 3].map((i) => file(`shard-${i}.json`)), '--json'], ROOT)).out) as { stats: { steps: number; elapsedMs: number } };
    expect(merged.stats.steps).toBe(shards.reduce((n, s) => n + s.stats.steps, 0));
    expect(merged.stats.elapsedMs).toBe(shards.reduce((n, s) => n + s.stats.elapsedMs, 0));
  });

  it('should print the merged report as text, exit 1 on a violation', async () => {
    const r = await runMain(['merge', ...[1, 2, 3].map((i) => file(`shard-${i}.json`))], ROOT);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^roamcheck merge: 3 reports/);
    expect(r.out).toMatch(/VIOLATED single-authoritative-rloc/);
    expect(r.out).toMatch(/reproduce: roamcheck check -p single-authoritative-rloc/);
    // As `check` prints it: the delta-debugged length and the search for a shorter story.
    expect(r.out).toMatch(/counterexample, \d+ steps \(shrunk from \d+\):/);
    expect(r.out).toMatch(/\n {9}shortest: /);
  });

  it('should combine one property under two seeds: runs summed, the lower seed first', async () => {
    await report('seed-2.json', ['--shard', '1/3', '--seed', '2']);
    const r = await runMain(['merge', file('seed-2.json'), file('shard-1.json'), '--json'], ROOT);
    const doc = JSON.parse(r.out) as { seed: number; seeds: number[]; properties: { id: string; runs: number; reason: string }[] };
    expect(r.code).toBe(0);
    expect(doc.seed).toBe(1);
    expect(doc.seeds).toEqual([1, 2]);
    expect(doc.properties.map((p) => p.runs)).toEqual([600, 600]);
    expect(doc.properties[0].reason).toBe('no violation in 600 runs (seeds 1, 2)');
  });

  it.each([
    ['a mutant', ['--mutant', 'no-smr'], /mutant "no-smr" but .* has null/],
    ['another mode', ['--exhaustive', '--depth', '2'], /mode "exhaustive" but .* has "random"/],
    ['another model', ['-n', '10', 'models/three-site'], /models three-site but .* has models seed-lab/],
  ])(
    'should reject reports of %s with exit 2',
    async (_, args, message) => {
      await report('other.json', ['--shard', '2/3', ...args]);
      const r = await runMain(['merge', file('shard-1.json'), file('other.json')], ROOT);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/RC238/);
      expect(r.err).toMatch(message);
      expect(r.out).toBe('');
    },
    60_000,
  );

  it('should merge shards of a several-model check model by model', async () => {
    const two = ['models/seed-lab', 'models/swap', '-n', '20'];
    const all = await runMain(['check', ...two, ...COMMON.slice(0, 2), '--shortest-budget', '1000', '--json', '--trace-dir', join(dir, 'traces')], ROOT);
    for (const i of [1, 2]) await report(`two-${i}.json`, [...two, '--shard', `${i}/2`]);
    const r = await runMain(['merge', file('two-2.json'), file('two-1.json'), '--json'], ROOT);
    expect(r.code).toBe(all.code);
    expect(strip(r.out)).toBe(strip(all.out));
  }, 60_000);

  it('should reject a report given twice (a property in two reports, same seed) with exit 2', async () => {
    const r = await runMain(['merge', file('shard-1.json'), file('shard-2.json'), file('shard-1.json')], ROOT);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/RC238: merge: property \S+ is in both/);
  });

  it('should reject files that are not check reports with exit 2, every one at once', async () => {
    writeFileSync(file('lint.json'), JSON.stringify({ diagnostics: [] }));
    writeFileSync(file('broken.json'), '{ "tool": ');
    const r = await runMain(['merge', file('lint.json'), file('broken.json'), file('missing.json')], ROOT);
    expect(r.code).toBe(2);
    expect(r.err.trim().split('\n')).toHaveLength(3);
    expect(r.err).toMatch(/lint.json: error RC237: .*not a `check --json` report/);
    expect(r.err).toMatch(/broken.json: error RC237: merge: cannot read/);
    expect(r.err).toMatch(/missing.json: error RC237/);
  });
});
