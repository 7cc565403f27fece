// `check --exhaustive --por`: the report of the search without it, plus the transitions skipped;
// its reproduce line carries --por and finds the same counterexample; --por alone is invalid input.

import { afterAll, describe, expect, it } from 'vitest';
import { removeTempDirs, reproduceArgv, ROOT, runMain, tempDir } from './cliHarness.js';

afterAll(() => removeTempDirs());

const SCOPE = ['--bounds', 'moves=1,sends=2,timerExpiries=1,losses=0,duplicates=0,reboots=0,garps=0,spoofs=0', '--depth', '8'];

interface Doc {
  properties: { id: string; verdict: string; distinctStates: number; runs: number; slept?: number; vacuous: boolean; counterexample: { length: number; reproduce: string } | null }[];
}

describe('check --exhaustive --por', () => {
  it('should give the verdicts, states and counterexample lengths of the search without it, and count what it skipped', async () => {
    const base = ['check', '--exhaustive', ...SCOPE, '-p', 'no-blackhole-after-smr', '-p', 'intra-subnet-reachability', '--json', '--workers', '1'];
    const full = await runMain([...base, '--trace-dir', tempDir()], ROOT);
    const por = await runMain([...base, '--por', '--trace-dir', tempDir()], ROOT);
    expect(por.code).toBe(full.code);
    const a = JSON.parse(full.out) as Doc;
    const b = JSON.parse(por.out) as Doc;
    const same = (d: Doc) => d.properties.map((p) => [p.id, p.verdict, p.distinctStates, p.vacuous, p.counterexample?.length ?? null]);
    expect(same(b)).toEqual(same(a));
    for (const p of a.properties) expect(p).not.toHaveProperty('slept');
    const nb = b.properties.find((p) => p.id === 'no-blackhole-after-smr')!;
    expect(nb.slept).toBeGreaterThan(0);
    expect(nb.runs + nb.slept!).toBe(a.properties.find((p) => p.id === 'no-blackhole-after-smr')!.runs);
    // The reproduce line searches with the reduction again.
    const ce = b.properties.find((p) => p.id === 'intra-subnet-reachability')!.counterexample!;
    expect(ce.reproduce).toContain('--por');
    const again = await runMain([...reproduceArgv(ce.reproduce), '--json', '--trace-dir', tempDir()], ROOT);
    expect((JSON.parse(again.out) as Doc).properties[0].counterexample!.length).toBe(ce.length);
  });

  it('should refuse --por without --exhaustive (exit 2, a diagnostic, nothing checked)', async () => {
    const r = await runMain(['check', '--por', '-n', '10'], ROOT);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/RC120: --por reduces an exhaustive search: it needs --exhaustive/);
    expect(r.out).toBe('');
  });
});
