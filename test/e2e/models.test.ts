import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { fixture, isPublished, modelIds, ROOT, runMain, tempDir } from './cliHarness.js';

// Issue 4: every model's expect block matches what the checker finds (seed 1, 10,000 runs). The
// published labs (a README with a **Source.**) are checked in corpus.test.ts, so that vitest runs
// the two halves in parallel.
describe('models/*/ --expect', () => {
  const ids = modelIds().filter((id) => !isPublished(id));

  it('should have at least the five models README.md lists', () => {
    expect(ids).toEqual(expect.arrayContaining(['seed-lab', 'seed-lab-fixed', 'three-site', 'extended-subnet', 'missing-accept-more-specifics']));
  });

  it.each(ids)(
    'should match the expect block of %s',
    async (id) => {
      // Verdicts only: the search for shorter stories gets a small budget (the default's costs up to tens of seconds per violation).
      const r = await runMain(['check', join('models', id), '--expect', '--shortest-budget', '1000', '--trace-dir', tempDir()], ROOT);
      expect(r.out).not.toMatch(/MISMATCH/);
      expect(r.code).toBe(0);
    },
    600_000,
  );
});

describe('check --properties', () => {
  it("should load a user's property module and report its violation", async () => {
    const r = await runMain(['check', '--properties', fixture('user-properties', 'vm1Stays.js'), '-p', 'vm1-stays-home', '--bounds', 'moves=1,losses=0', '--trace-dir', tempDir()], ROOT);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/VIOLATED vm1-stays-home/);
    expect(r.out).toMatch(/vm1 is at dcedge-2 GigabitEthernet2/);
    expect(r.out).toMatch(/counterexample, 1 steps/);
  });

  it('should give a diagnostic and exit 2 for a module that exports no property', async () => {
    const r = await runMain(['check', '--properties', fixture('seed-lab-wrong-expect', 'scenario.yaml')], ROOT);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/RC106/);
  });
});

describe('check --workers and --shard', () => {
  // A small search budget: the search runs in both, cheaply (the F2 story's full search takes tens of seconds).
  const common = ['--bounds', 'moves=1,losses=0', '-n', '2000', '--shortest-budget', '1000', '--json'];
  const strip = (out: string) => JSON.stringify(JSON.parse(out), (k, v) => (['elapsedMs', 'stepsPerSecond', 'trace'].includes(k) ? undefined : v));

  it('should give the same report in worker threads as in one thread', async () => {
    const one = await runMain(['check', ...common, '--trace-dir', tempDir()], ROOT);
    const two = await runMain(['check', ...common, '--workers', '2', '--trace-dir', tempDir()], ROOT);
    expect(two.code).toBe(one.code);
    expect(strip(two.out)).toBe(strip(one.out));
  }, 120_000);

  it('should split the suite into shards that together are the whole suite', async () => {
    const ids = async (shard: string) =>
      (JSON.parse((await runMain(['check', ...common, '-n', '10', '--shard', shard, '--trace-dir', tempDir()], ROOT)).out) as { properties: { id: string }[] }).properties.map((p) => p.id);
    const [a, b] = [await ids('1/2'), await ids('2/2')];
    expect([...a, ...b].sort()).toEqual([
      'eventual-reachability',
      'intra-subnet-reachability',
      'intra-subnet-reachability-eventual',
      'no-blackhole-after-smr',
      'registration-authenticated',
      'single-authoritative-rloc',
    ]);
    expect(a.some((x) => b.includes(x))).toBe(false);
  });

  it('should reject a malformed --shard with exit 2', async () => {
    const r = await runMain(['check', '--shard', '3/2'], ROOT);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/RC110/);
  });
});
